// Numbers that must not be wrong: each case is a plausible build or inventory
// that once gave a wrong figure or a silent pass (dead slots, uplink gens, costs).
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import type { CatalogPart, PartOf } from '#core/catalog/part';
import { EXAMPLE_FILES } from '#core/build/examples';
import { parseBuildValue } from '#core/build/file';
import type { Build } from '#core/build/build';
import { checkBuild } from '#core/check/checkBuild';
import { runEstimate } from '#core/perf/request';
import { costLinesOfBuild } from '#core/perf/fromBuild';
import { bomCsv } from '#core/csv/export';
import type { InventoryItemView } from '#core/inventory/item';

function example(id: string): Build {
  const r = parseBuildValue(structuredClone(EXAMPLE_FILES[id]));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.build;
}

/** SYS-4028GR with X9DRG-O-PCIE and the CPU of socket 2 taken out: GPU4–GPU7 sit in dead slots. */
function oneCpuX9drg(): Build {
  const b = example('sys-4028gr-x9drg');
  const c = b.racks[0]!.chassis[0]!;
  c.cpus = c.cpus.filter((x) => x.socket === 'cpu1');
  c.dimms = c.dimms.filter((d) => d.socket === 'cpu1');
  b.workloads = [{ modelId: 'llama-3.1-70b', quant: 'Q4_K_M', runtime: 'llama.cpp', split: 'layer', instances: 1 }];
  return b;
}

const check = (b: Build, parts: readonly CatalogPart[] = builtinParts) => checkBuild(b, parts, { mainsVolts: 230, circuitAmps: 16 });

describe('one CPU in a dual-socket board', () => {
  it('the estimate runs on the live GPUs only and names the dead ones', () => {
    const r = runEstimate({}, builtinParts, oneCpuX9drg());
    if (!r.ok) throw new Error(r.message);
    expect(r.report.hardware).toEqual([{ name: 'Tesla P40', count: 4 }]);
    expect(r.report.memoryPerDeviceGB).toHaveLength(4);
    expect(r.report.instances[0]!.memory.map((m) => m.layers)).toEqual([20, 20, 20, 20]);
    expect(r.report.warnings.filter((w) => w.includes('dead slot'))).toHaveLength(4);
  });

  it('cards in dead slots take no lanes, share no uplink and get no host bandwidth', () => {
    const r = check(oneCpuX9drg());
    const rc2 = r.lanes.rootComplexes.find((x) => x.rootComplexId === 'cpu2-rc')!;
    expect(rc2.lanesUsed).toBe(0);
    expect(rc2.deviceLanes).toBe(0);
    const dead = r.lanes.switches.filter((s) => s.switchId.startsWith('cpu2-'));
    expect(dead.every((s) => s.devices === 0 && s.downstreamLanes === 0)).toBe(true);
    expect(r.findings.filter((f) => f.code.startsWith('pcie.') && f.subjects.some((s) => s.startsWith('cpu2-')))).toEqual([]);
    expect(r.lanes.devices.find((d) => d.deviceId === 'gpu-4')!.hostGBpsShared).toBeNull();
    // The live side is unchanged: two P40s per x16 gen 3 uplink.
    expect(r.lanes.devices.find((d) => d.deviceId === 'gpu-0')!.hostGBpsShared).toBeCloseTo(15.75 / 2, 2);
  });
});

describe('switch uplink generation', () => {
  it('a gen 4 switch on a gen 3 root complex reports its uplink at gen 3', () => {
    const parts = builtinParts.map((p) => {
      if (p.id !== 'board.supermicro.x9drg-o-pcie') return p;
      const b = structuredClone(p) as PartOf<'board'>;
      for (const sw of b.specs.pcieSwitches) sw.gen = 4;
      return b;
    });
    const r = check(example('sys-4028gr-x9drg'), parts);
    const sw = r.lanes.switches.find((s) => s.switchId === 'cpu1-plx-a')!;
    expect(sw.uplinkGBps).toBeCloseTo(15.75, 2);
    const f = r.findings.find((x) => x.code === 'pcie.switch-oversubscribed' && x.subjects.includes('cpu1-plx-a'))!;
    expect(f.message).toContain('7.9 GB/s of 15.75 GB/s');
  });
});

describe('GPU power connectors', () => {
  it('cards whose connectors are unknown are said to be unknown, not passed silently', () => {
    // ESC4000 with 4× RTX A5000: the catalog does not know the A5000's power input.
    const r = check(example('asus-esc4000-4x-a5000'));
    const f = r.findings.filter((x) => x.code === 'power.gpu-connectors-unknown');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('4 GPUs');
  });
});

describe('cost of a build', () => {
  it('unpriced parts are counted per unit, like the priced ones', () => {
    const b = example('sys-4028gr-x9drg');
    const c = b.racks[0]!.chassis[0]!;
    c.psus = [{ partId: 'psu.supermicro.pws-2k05a-1r', count: 4 }];
    c.dimms = [{ socket: 'cpu1', channel: 0, count: 2, partId: 'memory.generic.ddr3-1600-rdimm-16gb' }];
    // rack + the X9DRG board (not the chassis' integrated X10DRG: a part of its own) + 2 CPUs + 4 PSUs + 2 DIMMs
    // have no price; the chassis, the GPUs and the ConnectX-3 have one.
    expect(costLinesOfBuild(b, builtinParts).unpriced).toBe(1 + 1 + 2 + 4 + 2);
  });
});

describe('bill of materials', () => {
  const item = (over: Partial<InventoryItemView>): InventoryItemView => ({
    id: 'item-1',
    partId: 'memory.generic.ddr3-1600-rdimm-16gb',
    quantity: 3,
    status: 'received',
    currency: 'USD',
    priceMinor: 300,
    shippingMinor: null,
    taxMinor: null,
    seller: null,
    listingUrl: null,
    ebayItemNumber: null,
    orderNumber: 'A-1',
    orderedOn: null,
    receivedOn: null,
    returnBy: null,
    condition: null,
    serialNumber: null,
    notes: null,
    title: null,
    externalId: null,
    feesMinor: null,
    fxRate: null,
    fxCurrency: null,
    returnDays: null,
    testResult: null,
    testNote: null,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    part: { category: 'memory', vendor: 'Generic', model: 'DDR3' },
    orderShippingMinor: 100,
    orderTaxMinor: null,
    returnDeadline: null,
    ...over,
  });
  const build = (count: number): Build => ({
    format: 'rackhive.build',
    version: 1,
    name: 'bom',
    workloads: [],
    racks: [
      {
        id: 'r1',
        partId: 'rack.apc.ar3100',
        pdus: [],
        chassis: [
          {
            id: 's1',
            partId: 'chassis.supermicro.sys-4028gr-tr',
            positionU: 1,
            cpus: [],
            devices: [],
            drives: [],
            dimms: [{ socket: 'cpu1', channel: 0, count, partId: 'memory.generic.ddr3-1600-rdimm-16gb', inventoryItemId: 'item-1' }],
          },
        ],
      },
    ],
  });
  const dimmRow = (csv: string) => Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.find((r) => r[1] === 'dimm')!;

  it("a line of all an item's units costs exactly the landed cost (3 DIMMs: $9.00 + $1.00 order shipping = $10.00)", () => {
    const row = dimmRow(bomCsv(build(3), builtinParts, [item({})]));
    expect(row.slice(10)).toEqual(['3.33', '10.00', 'USD']);
  });

  it('an owned item whose price is not entered has an unknown cost, not its shipping', () => {
    const row = dimmRow(bomCsv(build(3), builtinParts, [item({ priceMinor: null, shippingMinor: 2000 })]));
    expect(row.slice(10)).toEqual(['', '', '']);
  });
});

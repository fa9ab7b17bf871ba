// The editor's edits as pure functions: rack units refused with the reason as
// they happen (collision, out of the rack, no rack height), cards refused in a
// taken slot, moves that keep the GPU numbering, boards the chassis does not
// take, owned items counted per build, and the bill of materials.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '../../../core/catalog/builtin';
import { indexCatalog } from '../../../core/check/catalog';
import { checkBuild } from '../../../core/check/checkBuild';
import { exampleBuild } from '../../../core/build/examples';
import * as E from '#core/build/edits';
import { bomLines, bomTotals } from '../../../renderer/src/views/builds/bom';
import { commonNoun, GPU_NOUN, GROQ_NOUN, hiveIndex, hiveVerdict, nounOfModel, nounOfPart } from '../../../renderer/src/views/builds/summary';
import type { Hive } from '../../../core/check/hives';
import type { Build } from '../../../core/build/build';
import type { InventoryItemView } from '../../../core/inventory/item';

const cat = indexCatalog(builtinParts);
const TRT = 'chassis.supermicro.sys-4028gr-trt';
const settings = { mainsVolts: 230, circuitAmps: 16 };

function must(r: E.EditResult): Build {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.build;
}

function withRack(): Build {
  return must(E.addRack(E.emptyBuild('t'), E.DEFAULT_RACK_PART, cat));
}

describe('rack edits', () => {
  it('places a 4 U system and refuses collisions and units outside the rack, saying why', () => {
    let b = withRack();
    b = must(E.placeChassis(b, cat, 'rack-1', TRT, 1));
    expect(b.racks[0]!.chassis[0]).toMatchObject({ id: 'srv-1', positionU: 1, partId: TRT });

    const collide = E.placeChassis(b, cat, 'rack-1', TRT, 3);
    expect(collide).toEqual({ ok: false, reason: 'U3–U6 collides with srv-1 at U1–U4.' });
    const top = E.placeChassis(b, cat, 'rack-1', TRT, 40);
    expect(top).toEqual({ ok: false, reason: 'A 4 U chassis at U40 would reach U43; Rack 1 has 42 U.' });
    expect(E.rackFitIn(b, cat, 'rack-1', 4, 0).ok).toBe(false);
    expect(E.rackFitIn(b, cat, 'rack-1', null, 5)).toEqual({ ok: false, reason: expect.stringMatching(/no rack height/) });
    expect(E.firstFreeU(b, cat, 'rack-1', 4)).toBe(5);
  });

  it('moves a chassis (ignoring itself), refuses a move into another, and removes it', () => {
    let b = withRack();
    b = must(E.placeChassis(b, cat, 'rack-1', TRT, 1));
    b = must(E.placeChassis(b, cat, 'rack-1', TRT, 5));
    // One unit up overlaps its own old units only: allowed.
    b = must(E.moveChassis(b, cat, 'srv-2', 'rack-1', 6));
    expect(E.moveChassis(b, cat, 'srv-1', 'rack-1', 3)).toMatchObject({ ok: false, reason: expect.stringMatching(/collides with srv-2/) });
    b = must(E.addRack(b, E.DEFAULT_RACK_PART, cat));
    b = must(E.moveChassis(b, cat, 'srv-1', 'rack-2', 1));
    expect(b.racks.map((r) => r.chassis.map((c) => c.id))).toEqual([['srv-2'], ['srv-1']]);
    b = must(E.removeChassis(b, 'srv-2'));
    expect(b.racks[0]!.chassis).toEqual([]);
  });
});

describe('board edits', () => {
  const base = () => must(E.setBoard(must(E.placeChassis(withRack(), cat, 'rack-1', TRT, 1)), cat, 'srv-1', 'board.supermicro.x10drg-o-pcie'));

  it('fits a compatible board and refuses one the chassis does not take', () => {
    const b = base();
    expect(E.findChassis(b, 'srv-1')!.chassis.boardPartId).toBe('board.supermicro.x10drg-o-pcie');
    const r = E.setBoard(b, cat, 'srv-1', 'board.gigabyte.g482-z50');
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/does not take/) });
  });

  it('refuses a card in a taken slot; a move keeps the card in its place in the list (GPU numbering)', () => {
    let b = base();
    b = must(E.placeDevice(b, cat, 'srv-1', 'gpu1', 'gpu.nvidia.tesla-p40'));
    b = must(E.placeDevice(b, cat, 'srv-1', 'gpu2', 'gpu.nvidia.tesla-p40'));
    expect(E.placeDevice(b, cat, 'srv-1', 'gpu1', 'gpu.nvidia.tesla-p40')).toEqual({
      ok: false,
      reason: 'GPU slot 1 holds the Tesla P40; move or remove it first.',
    });
    expect(E.placeDevice(b, cat, 'srv-1', 'gpu3', 'cpu.intel.xeon-e5-2680-v4')).toMatchObject({ ok: false });
    b = must(E.moveDevice(b, cat, 'srv-1', 'gpu-1', 'srv-1', 'gpu3'));
    expect(E.findChassis(b, 'srv-1')!.chassis.devices.map((d) => `${d.id}@${d.slot}`)).toEqual(['gpu-1@gpu3', 'gpu-2@gpu2']);
  });

  it('builds seed case 2 by hand: one hive of eight, and the NIC on the other socket is flagged', () => {
    let b = base();
    for (const s of ['cpu1', 'cpu2']) b = must(E.placeCpu(b, cat, 'srv-1', s, 'cpu.intel.xeon-e5-2680-v4'));
    for (let i = 1; i <= 8; i++) b = must(E.placeDevice(b, cat, 'srv-1', `gpu${i}`, 'gpu.nvidia.tesla-p40'));
    b = must(E.placeDevice(b, cat, 'srv-1', 'cpu1-x8', 'nic.mellanox.connectx-3-vpi-fdr'));
    let r = checkBuild(b, cat, settings);
    expect(hiveVerdict(r.hives, 1)).toBe('one hive of eight GPUs');
    expect(r.findings.some((f) => f.code === 'nic.hive-without-nic')).toBe(false);
    b = must(E.moveDevice(b, cat, 'srv-1', 'nic-1', 'srv-1', 'cpu2-x8'));
    r = checkBuild(b, cat, settings);
    expect(r.findings.find((f) => f.code === 'nic.hive-without-nic')?.severity).toBe('warning');
  });

  it('adds and removes PSUs, DIMMs and drives one at a time, refusing a full channel', () => {
    let b = base();
    const pws = 'psu.supermicro.pws-2k05a-1r';
    // The four PSUs the system ships with arrive with it, included in its price.
    const included = { amountMinor: 0, currency: 'USD' };
    expect(E.findChassis(b, 'srv-1')!.chassis.psus).toEqual([{ partId: pws, count: 4, plannedPrice: included }]);
    expect(E.addPsu(b, cat, 'srv-1', pws)).toEqual({ ok: false, reason: 'All 4 PSU bays are taken; remove a PSU first.' });
    b = must(E.removePsu(b, cat, 'srv-1', 0));
    b = must(E.removePsu(b, cat, 'srv-1', 0));
    b = must(E.addPsu(b, cat, 'srv-1', pws));
    b = must(E.addPsu(b, cat, 'srv-1', pws));
    expect(E.findChassis(b, 'srv-1')!.chassis.psus).toEqual([
      { partId: pws, count: 2, plannedPrice: included },
      { partId: pws, count: 2 },
    ]);
    b = must(E.removePsu(b, cat, 'srv-1', 1));
    expect(E.findChassis(b, 'srv-1')!.chassis.psus![1]!.count).toBe(1);
    const dimm = 'memory.generic.ddr4-2400-rdimm-32gb';
    for (let i = 0; i < 3; i++) b = must(E.placeDimm(b, cat, 'srv-1', 'cpu1', 0, dimm));
    expect(E.placeDimm(b, cat, 'srv-1', 'cpu1', 0, dimm)).toMatchObject({ ok: false, reason: expect.stringMatching(/full/) });
    b = must(E.removeDimm(b, 'srv-1', 0));
    expect(E.findChassis(b, 'srv-1')!.chassis.dimms[0]!.count).toBe(2);
  });
});

describe('owned and planned', () => {
  it('counts owned items per build and totals the bill of materials, unknown prices counted not zeroed', () => {
    const ex = exampleBuild('sys-4028gr-x10drg')!.build;
    let b = must(E.bindItem(ex, { kind: 'device', chassisId: 'srv-1', deviceId: 'gpu-0' }, 'item-a'));
    b = must(E.bindItem(b, { kind: 'device', chassisId: 'srv-1', deviceId: 'gpu-1' }, 'item-a'));
    b = must(E.setPlannedPrice(b, { kind: 'device', chassisId: 'srv-1', deviceId: 'ib-0' }, null));
    expect(E.itemUse(b).get('item-a')).toBe(2);
    const item = {
      id: 'item-a',
      status: 'received',
      priceMinor: 15000,
      shippingMinor: 1000,
      taxMinor: null,
      currency: 'USD',
      quantity: 2,
    } as InventoryItemView;
    const lines = bomLines(b, cat, new Map([[item.id, item]]));
    const totals = bomTotals(lines);
    expect(totals.owned).toEqual([{ amountMinor: 32000, currency: 'USD' }]);
    // chassis 1600 + 6 × P40 170 + 8 × 32 GB DIMM 100 + the ConnectX-3 40 = 3460 USD planned; the CPUs and the rack have no price.
    expect(totals.planned).toEqual([{ amountMinor: 346000, currency: 'USD' }]);
    expect(totals.plannedUnknown).toBe(2 + 1);
  });
});

describe('hive wording and colours', () => {
  const hive = (chassisId: string, ids: string[]): Hive => ({
    chassisId,
    devices: ids.map((i) => i.toUpperCase()),
    deviceIds: ids,
    rootComplexes: ['rc'],
    sockets: ['s'],
    via: 'PHB',
    verified: true,
  });

  it('names devices by what they are: GroqCards are not GPUs, a mix is accelerators', () => {
    const groq = exampleBuild('groq-8-racks')!.build;
    const r = checkBuild(groq, cat, settings);
    const noun = () => nounOfPart(cat.get('gpu.groq.groqcard'));
    expect(hiveVerdict(r.hives, 64, noun)).toBe('64 hives of eight GroqCards across 64 chassis');
    expect(nounOfPart(cat.get('gpu.nvidia.tesla-p40'))).toEqual(GPU_NOUN);
    expect(nounOfModel('GroqCard')).toEqual(GROQ_NOUN);
    expect(commonNoun([GPU_NOUN, GROQ_NOUN]).many).toBe('accelerators');
    expect(hiveVerdict([], 1)).toBe('no GPUs or accelerators placed yet');
    // Different devices in hives of one size are counted apart.
    const hives = [hive('a', ['g0', 'g1']), hive('a', ['q0', 'q1']), hive('a', ['q2', 'q3']), hive('a', ['x'])];
    expect(hiveVerdict(hives, 1, (h) => (h.deviceIds[0]!.startsWith('q') ? GROQ_NOUN : GPU_NOUN))).toBe(
      'two hives of two GroqCards, one hive of two GPUs, one GPU on its own (no P2P)',
    );
  });

  it('gives a device every hive it sits in (hives are cliques and may overlap), per chassis', () => {
    const m = hiveIndex([hive('a', ['g0', 'g1']), hive('a', ['g0', 'g2']), hive('b', ['g0'])]);
    expect(m.get('a')!.get('g0')).toEqual([0, 1]);
    expect(m.get('a')!.get('g1')).toEqual([0]);
    expect(m.get('a')!.get('g2')).toEqual([1]);
    expect(m.get('b')!.get('g0')).toEqual([0]);
  });
});

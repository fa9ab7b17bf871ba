// The picker offers exactly what a drop would accept (canPlace), the system's
// own PSUs first; a chassis arrives with the PSUs it ships with, included in its
// price; a socket with a CPU and no DIMMs is a finding.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { indexCatalog } from '#core/check/catalog';
import { checkBuild } from '#core/check/checkBuild';
import { canPlace } from '#core/build/placement';
import { partsThatFit } from '#core/build/pick';
import * as E from '#core/build/edits';
import type { Build } from '#core/build/build';

const cat = indexCatalog(builtinParts);
const TRT = 'chassis.supermicro.sys-4028gr-trt';
const PWS = 'psu.supermicro.pws-2k05a-1r';
const settings = { mainsVolts: 230, circuitAmps: 16 };

function must(r: E.EditResult): Build {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.build;
}
const server = () =>
  must(
    E.setBoard(
      must(E.placeChassis(must(E.addRack(E.emptyBuild('t'), E.DEFAULT_RACK_PART, cat)), cat, 'rack-1', TRT, 1)),
      cat,
      'srv-1',
      'board.supermicro.x10drg-o-pcie',
    ),
  );

describe('a chassis from the catalog', () => {
  it('arrives with the PSUs it ships with, as planned parts at no extra cost, and says so', () => {
    const r = E.placeChassis(must(E.addRack(E.emptyBuild('t'), E.DEFAULT_RACK_PART, cat)), cat, 'rack-1', TRT, 1);
    expect(r.ok && r.label).toBe('Placed SYS-4028GR-TRT at U1 with 4× PWS-2K05A-1R');
    const c = E.findChassis(must(r), 'srv-1')!.chassis;
    expect(c.psus).toEqual([{ partId: PWS, count: 4, plannedPrice: { amountMinor: 0, currency: 'USD' } }]);
    // None of the built-in systems lists CPUs it ships with (barebones ship without).
    expect(c.cpus).toEqual([]);
  });

  it('the shipped PSUs can be removed one by one', () => {
    let b = server();
    for (let i = 0; i < 4; i++) b = must(E.removePsu(b, cat, 'srv-1', 0));
    expect(E.findChassis(b, 'srv-1')!.chassis.psus).toEqual([]);
  });
});

describe('partsThatFit', () => {
  it('offers for a socket only the CPUs of its socket type, each one canPlace accepts', () => {
    const b = server();
    const target = { kind: 'socket', chassisId: 'srv-1', socket: 'cpu1' } as const;
    const offered = partsThatFit(b, cat, builtinParts, target);
    expect(offered.length).toBeGreaterThan(2);
    for (const c of offered) expect(c.part.category === 'cpu' && c.part.specs.socket?.replace(/[^A-Z0-9]/gi, '').toUpperCase()).toBe('LGA20113');
    const refused = builtinParts.filter((p) => p.category === 'cpu' && !offered.some((c) => c.part.id === p.id));
    expect(refused.length).toBeGreaterThan(0);
    for (const p of refused) expect(canPlace(b, cat, { source: 'palette', partId: p.id, category: 'cpu', label: p.model }, target).ok).toBe(false);
  });

  it('offers DDR4 DIMMs only for a DDR4 board, and nothing for a full channel', () => {
    let b = server();
    const target = { kind: 'dimm', chassisId: 'srv-1', socket: 'cpu1', channel: 0 } as const;
    const offered = partsThatFit(b, cat, builtinParts, target);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((c) => c.part.category === 'memory' && c.part.specs.type === 'DDR4')).toBe(true);
    for (let i = 0; i < 3; i++) b = must(E.placeDimm(b, cat, 'srv-1', 'cpu1', 0, 'memory.generic.ddr4-2400-rdimm-32gb'));
    expect(partsThatFit(b, cat, builtinParts, target)).toEqual([]);
  });

  it("offers PSUs only while a bay is free, the system's own PSU first", () => {
    let b = server();
    const target = { kind: 'psu', chassisId: 'srv-1' } as const;
    expect(partsThatFit(b, cat, builtinParts, target)).toEqual([]);
    b = must(E.removePsu(b, cat, 'srv-1', 0));
    const offered = partsThatFit(b, cat, builtinParts, target);
    expect(offered[0]).toMatchObject({ part: { id: PWS }, shipped: true });
    expect(offered.slice(1).every((c) => !c.shipped && c.part.category === 'psu')).toBe(true);
  });
});

describe('an empty memory bank', () => {
  it('is a warning for each socket with a CPU and no DIMMs; it goes away when the socket has memory', () => {
    let b = must(E.placeCpu(server(), cat, 'srv-1', 'cpu1', 'cpu.intel.xeon-e5-2680-v4'));
    b = must(E.placeCpu(b, cat, 'srv-1', 'cpu2', 'cpu.intel.xeon-e5-2680-v4'));
    let empty = checkBuild(b, cat, settings).findings.filter((f) => f.code === 'memory.bank-empty');
    expect(empty.map((f) => f.subjects)).toEqual([
      ['srv-1', 'cpu1'],
      ['srv-1', 'cpu2'],
    ]);
    expect(empty[0]!.message).toBe('CPU1 has a CPU but no DIMMs, and the system has no memory at all: it will not start.');
    b = must(E.placeDimm(b, cat, 'srv-1', 'cpu1', 0, 'memory.generic.ddr4-2400-rdimm-32gb'));
    empty = checkBuild(b, cat, settings).findings.filter((f) => f.code === 'memory.bank-empty');
    expect(empty.map((f) => f.subjects)).toEqual([['srv-1', 'cpu2']]);
    expect(empty[0]!.message).toMatch(/^CPU2 has a CPU but no DIMMs: its cores reach memory across the inter-socket link/);
    b = must(E.placeDimm(b, cat, 'srv-1', 'cpu2', 0, 'memory.generic.ddr4-2400-rdimm-32gb'));
    expect(checkBuild(b, cat, settings).findings.some((f) => f.code === 'memory.bank-empty')).toBe(false);
  });

  it('is not raised for a socket without a CPU', () => {
    const b = must(E.placeCpu(server(), cat, 'srv-1', 'cpu1', 'cpu.intel.xeon-e5-2680-v4'));
    expect(
      checkBuild(b, cat, settings)
        .findings.filter((f) => f.code === 'memory.bank-empty')
        .map((f) => f.subjects[1]),
    ).toEqual(['cpu1']);
  });
});

describe('edit labels name the parts', () => {
  it('says which part left which place', () => {
    let b = must(E.placeDevice(server(), cat, 'srv-1', 'gpu2', 'gpu.nvidia.tesla-p40'));
    const id = E.findChassis(b, 'srv-1')!.chassis.devices[0]!.id;
    expect(E.removeDevice(b, cat, 'srv-1', id)).toMatchObject({ label: 'Removed Tesla P40 from GPU slot 2' });
    b = must(E.placeCpu(b, cat, 'srv-1', 'cpu1', 'cpu.intel.xeon-e5-2680-v4'));
    expect(E.removeCpu(b, 'srv-1', 'cpu1', cat)).toMatchObject({ label: expect.stringMatching(/^Removed Xeon E5-2680 v4 from CPU1$/) });
    expect(E.removePsu(b, cat, 'srv-1', 0)).toMatchObject({ label: 'Removed a PWS-2K05A-1R PSU from srv-1' });
  });
});

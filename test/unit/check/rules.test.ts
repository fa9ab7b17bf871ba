import { describe, expect, it } from 'vitest';
import { linkGBps, linkRawGbps } from '#core/check/pcieRates';
import { pciePathClass } from '#core/check/pathClass';
import { negotiate } from '#core/check/topology';
import { psuOutputW, usablePsus } from '#core/check/power';
import { boardTopologyIssues } from '#core/catalog/board';
import { BoardSpec } from '#core/catalog/board';
import { builtinParts } from '#core/catalog/builtin';

describe('PCIe rates', () => {
  it('Gen3 x16 ≈ 128 Gbit/s raw, 15.75 GB/s usable per direction', () => {
    expect(linkRawGbps(3, 16)).toBe(128);
    expect(linkGBps(3, 16)).toBeCloseTo(15.75, 2);
    expect(linkGBps(4, 8)).toBeCloseTo(linkGBps(3, 16), 1);
  });
});

describe('negotiate', () => {
  const slot = {
    id: 's',
    label: 'S',
    kind: 'pcie' as const,
    position: 0,
    physicalWidth: 16 as const,
    electricalWidth: 8 as const,
    gen: 3,
    feeds: 'rc',
    gpu: true,
    verified: true,
  };
  it('takes the min of card, slot and feeding port', () => {
    expect(negotiate({ lanes: 16, gen: 4 }, slot, { label: 'switch a', gen: 3 })).toMatchObject({ width: 8, gen: 3, limitedBy: ['slot x8', 'slot gen 3'] });
    expect(negotiate({ lanes: 4, gen: 3 }, slot, null)).toMatchObject({ width: 4, gen: 3, limitedBy: [] });
    expect(negotiate({ lanes: 16, gen: 3 }, { ...slot, electricalWidth: 16, gen: 4 }, { label: 'switch a', gen: 2 }).limitedBy).toEqual(['switch a gen 2']);
  });
});

describe('path classes', () => {
  const d = (socket: string, rc: string, switches: string[]) => ({ socket, rootComplex: rc, switches });
  it.each([
    [d('s0', 'rc', ['a']), d('s0', 'rc', ['a']), 'PIX'],
    [d('s0', 'rc', ['leaf1', 'top']), d('s0', 'rc', ['leaf2', 'top']), 'PXB'],
    [d('s0', 'rc', ['a']), d('s0', 'rc', ['b']), 'PHB'],
    [d('s0', 'rc', []), d('s0', 'rc', []), 'PHB'],
    [d('s0', 'rc0', []), d('s0', 'rc1', []), 'NODE'],
    [d('s0', 'rc', []), d('s1', 'rc2', []), 'SYS'],
  ])('%o ↔ %o = %s', (a, b, cls) => expect(pciePathClass(a, b)).toBe(cls));
});

describe('power arithmetic', () => {
  it('redundancy keeps N of N+N, N of N+1', () => {
    expect([usablePsus(4, 'N+N'), usablePsus(4, 'N+1'), usablePsus(4, 'none'), usablePsus(1, 'N+1')]).toEqual([2, 3, 4, 0]);
  });
  it('derates at low line, uses datasheet bands', () => {
    const psu = {
      ratedOutputHighLineW: 2000,
      ratedOutputLowLineW: 1000,
      outputByInput: [{ minVolts: 200, maxVolts: 220, outputW: 1800 }],
      efficiency: null,
      formFactor: null,
      inlet: null,
      connectors: null,
      maxInputAmpsLowLine: null,
      maxInputAmpsHighLine: null,
    };
    expect([psuOutputW(psu, 120), psuOutputW(psu, 208), psuOutputW(psu, 240)]).toEqual([1000, 1800, 2000]);
    expect(psuOutputW({ ...psu, ratedOutputLowLineW: null, outputByInput: null }, 120)).toBeNull();
  });
});

describe('board topology data', () => {
  it('every board validates and the seed boards match the seed description', () => {
    const boards = builtinParts.filter((p) => p.category === 'board');
    expect(boards.length).toBeGreaterThanOrEqual(12);
    const x9 = boards.find((b) => b.id === 'board.supermicro.x9drg-o-pcie')!;
    if (x9.category !== 'board') throw new Error();
    for (const s of ['cpu1', 'cpu2']) {
      const sws = x9.specs.pcieSwitches.filter((w) => w.upstream.to === `${s}-rc`);
      expect(sws.map((w) => w.upstream.width)).toEqual([16, 16]);
      for (const w of sws) expect(x9.specs.slots.filter((sl) => sl.feeds === w.id && sl.gpu)).toHaveLength(2);
      expect(x9.specs.slots.filter((sl) => sl.feeds === `${s}-rc`).map((sl) => sl.electricalWidth)).toEqual([8]);
    }
    const x10 = boards.find((b) => b.id === 'board.supermicro.x10drg-o-pcie')!;
    if (x10.category !== 'board') throw new Error();
    expect(x10.specs.pcieSwitches.every((w) => w.upstream.to === 'cpu1-rc' && w.lanes === 96)).toBe(true);
    expect(x10.specs.pcieSwitches.reduce((s, w) => s + w.upstream.width, 0)).toBe(32);
    expect(x10.specs.slots.filter((s) => s.gpu)).toHaveLength(8);
    expect(x10.specs.slots.filter((s) => s.feeds === 'cpu1-rc').map((s) => s.electricalWidth)).toEqual([8]);
  });
  it('reports dangling references and cycles', () => {
    const issues = boardTopologyIssues({
      sockets: [{ id: 's' }],
      rootComplexes: [{ id: 'rc', socket: 'nope' }],
      pcieSwitches: [
        { id: 'a', upstream: { to: 'b' } },
        { id: 'b', upstream: { to: 'a' } },
      ],
      slots: [{ id: 'x', feeds: 'zz' }],
      onboardDevices: [],
      memory: [],
      fabrics: [],
      interSocketLink: null,
    }).map((i) => i.message);
    expect(issues.some((m) => m.includes('socket "nope"'))).toBe(true);
    expect(issues.some((m) => m.includes('cycle'))).toBe(true);
    expect(issues.some((m) => m.includes('"zz"'))).toBe(true);
    expect(BoardSpec.safeParse({}).success).toBe(false);
  });
});

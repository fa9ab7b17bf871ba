import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { nameFit, PartResolveError, resolvePart, searchParts } from '#core/catalog/resolve';

describe('resolvePart', () => {
  it.each([
    ['gpu.nvidia.rtx-3090', 'gpu.nvidia.rtx-3090'],
    ['RTX 3090', 'gpu.nvidia.rtx-3090'],
    ['rtx3090', 'gpu.nvidia.rtx-3090'],
    ['3090', 'gpu.nvidia.rtx-3090'],
    ['GeForce RTX 3090', 'gpu.nvidia.rtx-3090'],
    ['3090 Ti', 'gpu.nvidia.rtx-3090-ti'],
    ['Tesla P40', 'gpu.nvidia.tesla-p40'],
    ['p40', 'gpu.nvidia.tesla-p40'],
    ['A100 SXM4 80GB', 'gpu.nvidia.a100-sxm4-80gb'],
    ['a100-sxm4-80gb', 'gpu.nvidia.a100-sxm4-80gb'],
    ['a5000', 'gpu.nvidia.rtx-a5000'],
    ['RTX A5000', 'gpu.nvidia.rtx-a5000'],
    ['E5-2690 v4', 'cpu.intel.xeon-e5-2690-v4'],
    ['2690v4', 'cpu.intel.xeon-e5-2690-v4'],
    ['EPYC 7742', 'cpu.amd.epyc-7742'],
    ['ConnectX-3', 'nic.mellanox.connectx-3-vpi-fdr'],
    ['PEX8747', 'pcie-switch.broadcom.pex8747'],
    ['GroqCard', 'gpu.groq.groqcard'],
  ])('%s → %s', (query, id) => {
    expect(resolvePart(builtinParts, query).id).toBe(id);
  });

  it('an ambiguous name lists every candidate', () => {
    let err: unknown;
    try {
      resolvePart(builtinParts, 'A100', { category: 'gpu' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PartResolveError);
    const e = err as PartResolveError;
    expect(e.kind).toBe('ambiguous');
    expect(e.candidates.map((c) => c.id).sort()).toEqual([
      'gpu.nvidia.a100-pcie-40gb',
      'gpu.nvidia.a100-pcie-80gb',
      'gpu.nvidia.a100-sxm4-40gb',
      'gpu.nvidia.a100-sxm4-80gb',
    ]);
    expect(e.message).toContain('gpu.nvidia.a100-sxm4-80gb');
  });

  it('P100 and 2690 are ambiguous too', () => {
    expect(() => resolvePart(builtinParts, 'P100')).toThrow(/matches 3 parts/);
    expect(() => resolvePart(builtinParts, '2690')).toThrow(PartResolveError);
  });

  it('an unknown name says no part matches', () => {
    expect(() => resolvePart(builtinParts, 'Voodoo 5 6000')).toThrow('no part matches "Voodoo 5 6000"');
  });

  it('category narrows the pool', () => {
    expect(() => resolvePart(builtinParts, 'RTX 3090', { category: 'cpu' })).toThrow(/no part matches/);
  });
});

describe('nameFit (a picker lists the part named before the parts that mention it)', () => {
  const card = builtinParts.find((p) => p.id === 'gpu.nvidia.rtx-3090')!;
  const bridges = builtinParts.filter((p) => p.category === 'bridge' && `${p.vendor} ${p.model}`.toLowerCase().includes('3090'));

  it('an exact name or alias fits best, whatever the case and spacing', () => {
    expect(nameFit(card, 'GeForce RTX 3090')).toBe(0);
    expect(nameFit(card, 'nvidia geforce rtx-3090')).toBe(0);
    expect(nameFit(card, '3090')).toBe(0);
  });

  it('a prefix beats a name that only contains the text, which beats scattered words', () => {
    expect(nameFit(card, 'GeForce RTX 30')).toBe(1);
    expect(nameFit(card, 'RTX 309')).toBe(1);
    expect(nameFit(card, 'force RTX 3090')).toBe(2);
    expect(nameFit(card, 'rtx nvidia')).toBe(3);
  });

  it('the card outranks every bridge for its own name', () => {
    expect(bridges.length).toBeGreaterThan(0);
    for (const b of bridges) expect(nameFit(b, 'GeForce RTX 3090')).toBeGreaterThan(nameFit(card, 'GeForce RTX 3090'));
  });
});

describe('searchParts (the one word search of the editor palette and the inventory picker)', () => {
  const shelf = builtinParts.filter((p) => p.category === 'bridge' || p.category === 'gpu');

  it('lists every part whose id, names or aliases hold every word, the part named first', () => {
    const found = searchParts(shelf, 'GeForce RTX 3090');
    expect(found[0]!.id).toBe('gpu.nvidia.rtx-3090');
    expect(found.some((p) => p.category === 'bridge')).toBe(true);
    for (const p of found) expect(`${p.id} ${p.vendor} ${p.model} ${(p.aliases ?? []).join(' ')}`.toLowerCase().replace(/[\s-]/g, '')).toContain('3090');
  });

  it('keeps the given order within one fit, and lists everything for an empty query', () => {
    expect(searchParts(shelf, '  ')).toEqual(shelf);
    const bridges = searchParts(shelf, 'bridge');
    const order = bridges.map((p) => shelf.indexOf(p));
    const fits = bridges.map((p) => nameFit(p, 'bridge'));
    for (let i = 1; i < bridges.length; i++) if (fits[i] === fits[i - 1]) expect(order[i]).toBeGreaterThan(order[i - 1]!);
  });

  it('matches words from the caller’s extra names (a category label) too', () => {
    expect(searchParts(shelf, 'accelerator', () => ['Accelerators']).length).toBe(shelf.length);
    expect(searchParts(shelf, 'accelerator')).toEqual([]);
  });
});

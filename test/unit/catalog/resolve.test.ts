import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { PartResolveError, resolvePart } from '#core/catalog/resolve';

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
    expect(e.candidates.map((c) => c.id).sort()).toEqual(['gpu.nvidia.a100-pcie-40gb', 'gpu.nvidia.a100-pcie-80gb', 'gpu.nvidia.a100-sxm4-40gb', 'gpu.nvidia.a100-sxm4-80gb']);
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

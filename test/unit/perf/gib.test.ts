// The GiB rule: a vendor's "24 GB" of DRAM is 24 GiB, and every memory
// comparison runs in one unit (GB = 10⁹ bytes) against that capacity.
import { describe, expect, it } from 'vitest';
import { gpu, run, workload } from './helpers';
import { GB_PER_GIB, gbOfBinary, gibOfGB } from '#core/perf/units';
import { runEstimate } from '#core/perf/request';
import { builtinParts } from '#core/catalog/builtin';

describe('GiB rule', () => {
  it('a 24 GB RTX 3090 holds 24 GiB = 25.77 GB; SRAM stays as published', () => {
    expect(GB_PER_GIB).toBeCloseTo(1.073741824, 9);
    expect(gpu('RTX 3090').memoryGB).toBeCloseTo(25.769803776, 6);
    expect(gpu('A100 SXM4 80GB').memoryGB).toBeCloseTo(gbOfBinary(80), 9);
    expect(gibOfGB(gpu('RTX 3090').memoryGB)).toBeCloseTo(24, 9);
    expect(gpu('GroqCard').memoryGB).toBeCloseTo(0.23, 9);
  });

  it('memory lines carry used and capacity in GB and in GiB, compared in GB', () => {
    const e = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M'));
    const l = e.instances[0]!.memory[0]!;
    expect(l.capacityGiB).toBeCloseTo(24, 9);
    expect(l.usedGiB).toBeCloseTo(l.usedGB / GB_PER_GIB, 9);
    expect(l.overflowGB).toBe(Math.max(0, l.usedGB - l.capacityGB));
  });
});

describe('70B F16 on six RTX 3090s (measured running, llama.cpp layer split)', () => {
  it('fits: 141 GB of weights over 6 × 25.77 GB', () => {
    const e = run('RTX 3090', 6, workload('llama-3-70b', 'F16'));
    expect(e.fits).toBe(true);
    expect(e.overflow).toEqual([]);
    const used = e.instances[0]!.memory.reduce((a, l) => a + l.weightsGB, 0);
    expect(used).toBeGreaterThan(6 * 23); // more than six decimal 24 GB cards minus overhead could hold
    for (const l of e.instances[0]!.memory) expect(l.usedGB).toBeLessThanOrEqual(l.capacityGB);
  });

  it('would not fit if the cards were read as 24 × 10⁹ bytes (the old rule)', () => {
    const e = run('RTX 3090', 6, workload('llama-3-70b', 'F16'));
    expect(e.instances[0]!.memory.some((l) => l.usedGB > 24)).toBe(true);
  });

  it('the CLI request path reports the same fit', () => {
    const out = runEstimate({ gpu: 'RTX 3090', count: 6, model: 'llama-3-70b', quant: 'F16' }, builtinParts);
    expect(out.ok && out.report.fits).toBe(true);
  });
});

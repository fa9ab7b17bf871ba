import { describe, expect, it } from 'vitest';
import { run, workload, gpu } from './helpers';
import { estimate } from '#core/perf/estimate';
import { allReduceS } from '#core/perf/allReduce';
import { linkFor } from '#core/perf/links';
import { CALIBRATION } from '#core/perf/calibrated';
import { factorsFor } from '#core/perf/calibration';
import { energy } from '#core/perf/power';
import { buildCost } from '#core/perf/cost';
import { money } from '#core/money';
import { matmulTflops } from '#core/perf/device';

describe('memory', () => {
  it('names the device that overflows and by how much', () => {
    const e = run('RTX 3090', 1, workload('llama-3-70b', 'Q4_K_M'));
    expect(e.fits).toBe(false);
    expect(e.overflow[0]!.overflowGB).toBeGreaterThan(15);
  });
  it('KV cache grows with context × batch', () => {
    const a = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M', { contextTokens: 2048 }));
    const b = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M', { contextTokens: 8192 }));
    expect(b.instances[0]!.memory[0]!.kvGB / a.instances[0]!.memory[0]!.kvGB).toBeCloseTo(4, 6);
  });
  it('MoE: memory from total params, speed from active params', () => {
    const moe = run('A100 SXM4 80GB', 2, workload('mixtral-8x7b', 'Q8_0'));
    const dense = run('A100 SXM4 80GB', 2, workload('llama-3-70b', 'Q4_K_M'));
    expect(moe.instances[0]!.memory.reduce((a, l) => a + l.weightsGB, 0)).toBeGreaterThan(45);
    expect(moe.decodeTps).toBeGreaterThan(dense.decodeTps * 2);
  });
});

describe('tensor parallel', () => {
  it('warns when the TP size does not divide attention or KV heads', () => {
    const e = run('A100 SXM4 80GB', 3, workload('llama-3-70b', 'F16', { split: 'tensor', runtime: 'vllm' }));
    expect(e.warnings.some((w) => w.includes('attention heads'))).toBe(true);
    expect(e.warnings.some((w) => w.includes('KV heads'))).toBe(true);
  });
  it('all-reduce over host memory across sockets costs more than over NVLink', () => {
    const nv = linkFor('NV', { p2p: true, nvlinkGBps: 300 });
    const sys = linkFor('SYS', { p2p: true, pcieGen: 3, pcieLanes: 16 });
    expect(allReduceS(16384, 4, sys)).toBeGreaterThan(allReduceS(16384, 4, nv));
  });
  it('tensor parallel on SYS paths is slower than the same GPUs over PIX', () => {
    const ds = [gpu('Tesla P40'), gpu('Tesla P40')];
    const w = workload('llama-2-13b', 'Q8_0', { split: 'tensor' });
    const pix = estimate(ds, w, { pathClass: () => 'PIX', source: 'test' });
    const sys = estimate(ds, w, { pathClass: () => 'SYS', source: 'test' });
    expect(sys.decodeTps).toBeLessThan(pix.decodeTps);
  });
});

describe('batching, bands, power and cost', () => {
  it('batching raises aggregate throughput but not past compute', () => {
    const b1 = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M'));
    const b32 = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M', { batch: 32 }));
    expect(b32.aggregateTps).toBeGreaterThan(5 * b1.aggregateTps);
  });
  it('every speed carries a band around it and a list of assumptions', () => {
    const e = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M'));
    expect(e.band.decodeTps.low).toBeLessThan(e.decodeTps);
    expect(e.band.decodeTps.high).toBeGreaterThan(e.decodeTps);
    expect(e.assumptions.join('\n')).toMatch(/bits\/weight/);
    expect(e.assumptions.join('\n')).toMatch(/% of TDP/);
    expect(e.assumptions.join('\n')).toMatch(/efficiency/);
  });
  it('uncalibrated runtimes get a wider band', () => {
    const a = run('RTX 3090', 1, workload('llama-3-8b', 'F16'));
    const b = run('RTX 3090', 1, workload('llama-3-8b', 'F16', { runtime: 'vllm' }));
    expect(b.band.decodeTps.pct).toBeGreaterThan(a.band.decodeTps.pct);
    expect(b.calibrated).toBe(false);
  });
  it('decode draws a fraction of TDP, not TDP', () => {
    const e = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M'));
    expect(e.powerW).toBeLessThan(350);
    expect(e.powerW).toBeGreaterThan(0);
  });
  it('energy and money per token', () => {
    const en = energy(1000, 100, 0.3);
    expect(en.tokensPerKwh).toBe(360_000);
    expect(en.electricityPerMTokens).toBeCloseTo(0.8333, 3);
    const c = buildCost(
      [
        { label: 'gpu', owned: true, amount: money(70000, 'USD') },
        { label: 'psu', owned: false, amount: money(30000, 'USD') },
      ],
      'USD',
      50,
    );
    expect(c.owned.amountMinor).toBe(70000);
    expect(c.toBuy.amountMinor).toBe(30000);
    expect(c.perTpsMinor).toBe(2000);
  });
});

describe('calibration', () => {
  it('is versioned and records its residuals and row count', () => {
    expect(CALIBRATION.version).toBe(2);
    expect(CALIBRATION.rows.total).toBe(95);
    expect(CALIBRATION.residuals['overall']!.n).toBe(CALIBRATION.rows.used);
    expect(CALIBRATION.residuals['llama.cpp/tg_tps']!.p90AbsPct).toBeLessThan(30);
  });
  it('bandwidth efficiency never exceeds spec', () => {
    for (const fam of Object.keys(CALIBRATION.support.family))
      for (const rt of ['llama.cpp', 'exllamav2', 'vllm', 'tensorrt-llm', 'transformers'])
        expect(factorsFor(CALIBRATION, { runtime: rt, family: fam, quantClass: 'float' }).bwEff).toBeLessThanOrEqual(1);
  });
  it('devices without fast fp16 use their int8/FP32 rate for prefill', () => {
    expect(matmulTflops(gpu('Tesla P40'), 'fp16')).toBeCloseTo(11.75, 2);
  });
});

describe('estimate:run contract', () => {
  it('the report satisfies the API result schema, and bad requests name their field', async () => {
    const { EstimateResult } = await import('#core/api/estimate');
    const { runEstimate } = await import('#core/perf/request');
    const { builtinParts } = await import('#core/catalog/builtin');
    const ok = runEstimate({ gpu: 'RTX 3090', count: 2, model: 'llama-3-8b', quant: 'Q4_K_M' }, builtinParts);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(EstimateResult.safeParse(JSON.parse(JSON.stringify(ok.report))).success).toBe(true);
    const bad = runEstimate({ gpu: 'RTX 3090', model: 'llama-3-8b', quant: 'Q4_K_M', kv: 'f32' }, builtinParts);
    expect(bad).toMatchObject({ ok: false, field: 'kv' });
    const tooLong = runEstimate({ gpu: 'RTX 3090', model: 'llama-2-7b', quant: 'Q4_K_M', contextTokens: 100_000 }, builtinParts);
    expect(tooLong).toMatchObject({ ok: false, field: 'context' });
  });
});

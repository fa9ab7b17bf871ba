// The fitted model terms of issue 19 and the honest bands, against the
// shipped calibration and the real catalog.
import { describe, expect, it } from 'vitest';
import { gpu, run, workload } from './helpers';
import { CALIBRATION } from '#core/perf/calibrated';
import { factorsFor, hopSeconds } from '#core/perf/calibration';
import { parseRuntime } from '#core/perf/runtime';
import { runEstimate } from '#core/perf/request';
import { builtinParts } from '#core/catalog/builtin';
import { estimate } from '#core/perf/estimate';
import { main } from '#cli/main';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ExLlama v1 is its own runtime', () => {
  it('parses apart from exllamav2 and has its own fitted rows', () => {
    expect(parseRuntime('exllama')).toBe('exllama');
    expect(parseRuntime('ExLlama v1')).toBe('exllama');
    expect(parseRuntime('exllamav2')).toBe('exllamav2');
    expect(CALIBRATION.support.runtime['exllama']).toBeGreaterThan(0);
    expect(CALIBRATION.support.runtime['other']).toBeUndefined();
    const k = { family: 'ada-geforce', quantClass: 'gptq-awq' as const };
    expect(factorsFor(CALIBRATION, { runtime: 'exllama', ...k }).bwEff).not.toBe(factorsFor(CALIBRATION, { runtime: 'exllamav2', ...k }).bwEff);
  });
});

describe('layer-split hop cost', () => {
  it('is fitted per interconnect class and shrinks as GPUs are added', () => {
    const h = CALIBRATION.params.hop!;
    expect(h.gpuExponent).toBeGreaterThan(0);
    for (const cls of ['pcie-p2p', 'pcie-host'] as const) {
      expect(CALIBRATION.support.hop?.[cls]).toBeGreaterThan(0);
      expect(hopSeconds(CALIBRATION, cls, 8)).toBeLessThan(hopSeconds(CALIBRATION, cls, 4));
      // Public multi-GPU runs: 0.1–0.5 ms per boundary.
      expect(hopSeconds(CALIBRATION, cls, 4) * 1e3).toBeGreaterThan(0.05);
      expect(hopSeconds(CALIBRATION, cls, 4) * 1e3).toBeLessThan(1);
    }
  });
  it('an 8-GPU layer split pays less per boundary than a 4-GPU one', () => {
    const four = run('RTX A6000', 4, workload('llama-3-70b', 'Q4_K_M'));
    const eight = run('RTX A6000', 8, workload('llama-3-70b', 'Q4_K_M'));
    expect(eight.factors.layerSplitHopS).toBeLessThan(four.factors.layerSplitHopS);
  });
});

describe('dequantisation compute term', () => {
  it('makes quantised decode compute bound on a device with few ALUs per byte (max with the memory time)', () => {
    const d = { ...gpu('RTX 3090'), fp16Tflops: 2 };
    const w = workload('llama-3-8b', 'Q4_K_M');
    const weak = estimate([d], w, null);
    const normal = estimate([gpu('RTX 3090')], w, null);
    expect(weak.bottleneck).toBe('compute');
    expect(weak.decodeTps).toBeLessThan(normal.decodeTps);
    // Float weights are not unpacked: no dequantisation term.
    expect(estimate([d], workload('llama-3-8b', 'F16'), null).factors.dequantEff).toBeNull();
  });
});

describe('layer-split prefill scaling', () => {
  it('is flatter than ideal pipelining (fitted stall between 0 and 1)', () => {
    const stall = CALIBRATION.params.prefillStall!;
    expect(stall).toBeGreaterThan(0);
    expect(stall).toBeLessThan(1);
    const one = run('RTX A6000', 1, workload('llama-3-8b', 'Q4_K_M', { promptTokens: 4096, contextTokens: 8192 }));
    const four = run('RTX A6000', 4, workload('llama-3-8b', 'Q4_K_M', { promptTokens: 4096, contextTokens: 8192 }));
    expect(four.prefillTps!).toBeLessThan(4 * one.prefillTps!);
  });
});

describe('flash attention', () => {
  it('off costs decode speed at long context; the default is the runtime’s', () => {
    const on = run('RTX 4090', 1, workload('llama-3.1-8b', 'Q4_K_M', { contextTokens: 65536, promptTokens: 32768, flashAttention: true }));
    const off = run('RTX 4090', 1, workload('llama-3.1-8b', 'Q4_K_M', { contextTokens: 65536, promptTokens: 32768, flashAttention: false }));
    expect(off.decodeTps).toBeLessThan(on.decodeTps);
    expect(on.assumptions.some((a) => a.startsWith('flash attention on'))).toBe(true);
  });
});

describe('honest bands', () => {
  it('are sized from configuration-level residuals with ~90 % nested coverage', () => {
    for (const m of ['tg_tps', 'pp_tps'] as const) {
      const b = CALIBRATION.bands![m]!;
      expect(b.scheme).toBe('configuration');
      expect(b.coverage).toBeGreaterThanOrEqual(0.85);
      expect(b.residualsPct).toHaveLength(b.n);
      expect(b.configurations).toBeGreaterThan(5);
    }
    const schemes = CALIBRATION.crossValidation!.map((c) => c.scheme);
    expect(schemes).toEqual(['row', 'configuration', 'family']);
    // Leaving whole configurations out is harder than leaving one row out.
    const cv = Object.fromEntries(CALIBRATION.crossValidation!.map((c) => [c.scheme, c.residuals['metric:tg_tps']!.p90AbsPct]));
    expect(cv['configuration']!).toBeGreaterThanOrEqual(cv['row']!);
  });

  it('--json carries the band and the residual set it came from', async () => {
    const r = await cli(['estimate', '--gpu', 'RTX 4090', '--model', 'llama-3-8b', '--quant', 'Q4_K_M', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.band.decodeTps.residualSet.scheme).toBe('configuration');
    expect(j.band.decodeTps.residualSet.residualsPct.length).toBe(j.band.decodeTps.residualSet.n);
    expect(j.band.decodeTps.low).toBeLessThan(j.decodeTps);
    expect(j.band.decodeTps.high).toBeGreaterThan(j.decodeTps);
    expect(j.basis).toBe('calibrated');
  });
});

describe('roofline fallback for a device without measurements', () => {
  it('a GPU described by its specs gets an answer, a wider band and the missing fact named', () => {
    const out = runEstimate({ device: { name: 'Mystery 24G', memoryGiB: 24, memBandwidthGBps: 900 }, model: 'llama-3-8b', quant: 'Q4_K_M' }, builtinParts);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const r = out.report;
    expect(r.basis).toBe('roofline-fallback');
    expect(r.decodeTps).toBeGreaterThan(0);
    expect(r.missing.some((m) => m.includes('device family unmeasured'))).toBe(true);
    expect(r.missing.some((m) => m.includes('tensor rate of Mystery 24G'))).toBe(true);
    expect(r.prefillTps).toBeNull();
    expect(r.band.decodeTps.residualSet?.scheme).toBe('family');
    const cal = runEstimate({ gpu: 'RTX 3090', model: 'llama-3-8b', quant: 'Q4_K_M' }, builtinParts);
    if (!cal.ok) throw new Error(cal.message);
    // Never narrower than a measured family's band (the leave-one-family-out spread, measured).
    expect(r.band.decodeTps.pct).toBeGreaterThanOrEqual(cal.report.band.decodeTps.pct);
    expect(r.assumptions.some((a) => a.startsWith('ROOFLINE FALLBACK'))).toBe(true);
  });

  it('a catalog card of an unmeasured family (AMD Instinct) is labelled the same way', () => {
    const out = runEstimate({ gpu: 'MI50 32GB', model: 'llama-3-8b', quant: 'Q4_K_M' }, builtinParts);
    expect(out.ok && out.report.basis).toBe('roofline-fallback');
  });

  it('the CLI takes a device by its specs', async () => {
    const r = await cli(['estimate', '--device-name', 'Mystery', '--vram-gib', '16', '--bandwidth', '500', '--model', 'llama-3-8b', '--quant', 'Q4_K_M']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ROOFLINE FALLBACK/);
    expect(r.out).toMatch(/Missing facts:/);
  });
});

describe('--batch max', () => {
  it('serves as many sequences as memory and the scheduler allow, prompt work interleaved', async () => {
    const r = await cli([
      'estimate',
      '--gpu',
      'H100 SXM5 80GB',
      '--model',
      'llama-3.1-8b',
      '--quant',
      'fp8',
      '--runtime',
      'tensorrt-llm',
      '--batch',
      'max',
      '--context',
      '4096',
      '--prompt',
      '2048',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.workload.batchMax).toBe(true);
    expect(j.workload.batch).toBeGreaterThan(1);
    expect(j.aggregateTps).toBeGreaterThan(5 * j.decodeTps);
    // FP8 checkpoints on TensorRT-LLM run an FP8 KV cache unless told otherwise.
    expect(j.workload.kv).toBe('fp8');
    expect(j.band.aggregateTps.residualSet.metric).toBe('agg_tps');
  });
  it('rejects other words', async () => {
    const r = await cli(['estimate', '--gpu', 'RTX 3090', '--model', 'llama-3-8b', '--quant', 'Q4_K_M', '--batch', 'lots']);
    expect(r.code).not.toBe(0);
  });
});

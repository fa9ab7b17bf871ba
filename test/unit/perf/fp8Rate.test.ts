// FP8 prefill rate: GeForce Ada halves FP8 with FP32 accumulate (the width TensorRT-LLM/vLLM FP8 GEMMs use).
import { describe, expect, it } from 'vitest';
import { gpu, run, workload } from './helpers';
import { matmulTflops } from '#core/perf/device';

describe('FP8 tensor rate', () => {
  it('RTX 4090 runs FP8 at the FP32-accumulate rate of the Ada whitepaper (v2.02 Appendix A Table 2: 330.3 dense)', () => {
    // Table 2: Peak INT8 Tensor TOPS 660.6, FP8 with FP16 Accumulate 660.6, FP8 with FP32 Accumulate 330.3 (dense).
    expect(matmulTflops(gpu('RTX 4090'), 'fp8')).toBeCloseTo(330.3, 1);
    expect(matmulTflops(gpu('RTX 4090'), 'int8')).toBeCloseTo(660.6, 1);
    expect(matmulTflops(gpu('RTX 4090'), 'fp16')).toBeCloseTo(165.2, 1);
  });
  it('RTX 4080: FP8 at half its INT8 figure (389.9 → 194.95, the whitepaper FP8/FP32-accumulate row)', () => {
    expect(matmulTflops(gpu('RTX 4080'), 'fp8')).toBeCloseTo(194.95, 1);
  });
  it('datacenter Ada and Hopper keep the full FP8 rate (L40S datasheet: FP8 733 dense; H100 SXM 1978.9)', () => {
    expect(matmulTflops(gpu('L40S'), 'fp8')).toBeCloseTo(733, 0);
    expect(matmulTflops(gpu('H100 SXM5 80GB'), 'fp8')).toBeCloseTo(1978.9, 1);
  });
  it('an FP8 prompt on one 4090 is no longer timed at the FP16-accumulate rate', () => {
    const fp8 = run('RTX 4090', 1, workload('llama-3-8b', 'FP8', { runtime: 'vllm', promptTokens: 4096 }));
    const f16 = run('RTX 4090', 1, workload('llama-3-8b', 'F16', { runtime: 'vllm', promptTokens: 4096 }));
    // Twice the FP16 rate (165.2 → 330.3), so FP8 prefill is at most about twice as fast, not four times.
    expect(fp8.prefillTps!).toBeLessThan(f16.prefillTps! * 2.2);
  });
});

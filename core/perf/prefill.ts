// Prefill: the prompt goes through in chunks (llama.cpp n_ubatch, vLLM
// max_num_tokens). Each chunk is compute bound (2 × params FLOPs per token)
// but still streams the weights once. A layer split could pipeline chunks
// across devices; measured scaling is much flatter than ideal pipelining, so
// each chunk after the first still waits for a fitted share (prefillStall) of
// the other stages. A single chunk gets no speed-up from more devices.
import type { ComputePrecision } from '#core/models/quant';
import { dequantS, type FactorsFn, type Bottleneck } from './decode';
import { matmulTflops } from './device';
import { ACTIVATION_BYTES, type InstancePlan } from './plan';
import { ALL_REDUCES_PER_LAYER, allReduceS } from './allReduce';

export interface PrefillResult {
  totalS: number;
  tps: number;
  chunks: number;
  bottleneck: Bottleneck;
  /** Compute rate was unknown for some device: the figure covers weight streaming only. */
  computeUnknown: boolean;
}

export function prefill(input: {
  plan: InstancePlan;
  factors: FactorsFn;
  precision: ComputePrecision;
  promptTokens: number;
  chunkTokens: number;
  flashAttention?: boolean;
}): PrefillResult {
  const { plan, promptTokens: N } = input;
  const u = Math.max(1, Math.min(input.chunkTokens, N));
  const k = Math.ceil(N / u);
  // Each chunk attends on average to half the prompt.
  const avgCtx = N / 2;
  let computeUnknown = false;
  let computeSum = 0;
  let memorySum = 0;
  const stage = plan.shares.map((s) => {
    const f = input.factors(s.device);
    const tflops = matmulTflops(s.device, input.precision);
    if (tflops === null) computeUnknown = true;
    const flops = u * (s.flopsPerToken + s.attnFlopsPerTokenPerCtx * avgCtx);
    const computeS = Math.max(tflops ? flops / (tflops * 1e12 * f.computeEff) : 0, dequantS(s, f));
    // Weights are read once per chunk; attention tiles read the cached K/V once per chunk too, not once per query token.
    // Without flash attention every query token's scores go through memory.
    const scoreBytes = input.flashAttention === false ? u * avgCtx * s.attnScoreBytesPerTokenPerCtx : 0;
    const memoryS = (s.streamBytesPerToken + avgCtx * s.kvBytesPerToken + scoreBytes) / (s.device.memBandwidthGBps * 1e9 * f.bwEff);
    computeSum += computeS;
    memorySum += memoryS;
    return { s: Math.max(computeS, memoryS) + s.layers * f.layerOverheadS, hop: f.layerSplitHopS, stall: f.prefillStall };
  });
  let perChunkCommS = 0;
  let totalS: number;
  if (plan.split === 'tensor') {
    const worst = Math.max(...stage.map((x) => x.s));
    perChunkCommS = plan.link
      ? ALL_REDUCES_PER_LAYER * plan.shares[0]!.layers * allReduceS(u * plan.hiddenSize * ACTIVATION_BYTES, plan.shares.length, plan.link)
      : 0;
    totalS = k * (worst + perChunkCommS);
  } else {
    const n = stage.length;
    if (n > 1 && plan.link) perChunkCommS = stage[0]!.hop + (u * plan.hiddenSize * ACTIVATION_BYTES) / (plan.link.bandwidthGBps * 1e9);
    const sum = stage.reduce((a, x) => a + x.s, 0) + (n - 1) * perChunkCommS;
    const slowest = Math.max(...stage.map((x) => x.s));
    // Pipeline fill, then one chunk per slowest-stage time plus the fitted stall on the rest.
    const stall = stage[0]!.stall;
    totalS = sum + (k - 1) * Math.max(slowest + stall * (sum - slowest), perChunkCommS);
  }
  const bottleneck: Bottleneck = perChunkCommS * k > totalS / 2 ? 'interconnect' : computeSum >= memorySum ? 'compute' : 'memory-bandwidth';
  return { totalS, tps: N / totalS, chunks: k, bottleneck, computeUnknown };
}

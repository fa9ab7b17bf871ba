// Decode: one forward pass per generated token. At small batch it is bound by
// streaming the weights (and KV cache) from memory; at large batch by compute.
// Layer split: devices take turns, so times add, plus a hop per boundary.
// Tensor parallel: devices work at once on 1/n of the bytes, plus all-reduces.
import type { Factors } from './calibration';
import type { DeviceSpec } from './device';
import { matmulTflops } from './device';
import type { ComputePrecision } from '#core/models/quant';
import { ACTIVATION_BYTES, type DeviceShare, type InstancePlan } from './plan';
import { ALL_REDUCES_PER_LAYER, allReduceS } from './allReduce';
import { HOST_STAGED_TP } from './links';

export type Bottleneck = 'memory-bandwidth' | 'compute' | 'interconnect' | 'runtime-overhead' | 'host-staging';

export type FactorsFn = (d: DeviceSpec) => Factors;

export interface StepBreakdown {
  /** Seconds per forward pass. */
  totalS: number;
  memoryS: number;
  computeS: number;
  overheadS: number;
  interconnectS: number;
  bottleneck: Bottleneck;
}

export interface StepInput {
  plan: InstancePlan;
  factors: FactorsFn;
  precision: ComputePrecision;
  /** Sequences decoded together. */
  batch: number;
  /** Context tokens each sequence attends to at this step. */
  contextTokens: number;
  /**
   * Multiplier on matmul FLOPs per step: a server interleaves prompt work, so
   * each output token also carries inputTokens / outputTokens prompt tokens.
   */
  matmulFlopsScale?: number;
  /** Flash attention: scores stay on chip (no score traffic). Default on. */
  flashAttention?: boolean;
}

interface DeviceTime {
  memoryS: number;
  computeS: number;
  overheadS: number;
}

/**
 * Unpacking quantised weights costs ALU work per weight; on devices with few
 * ALUs per byte of bandwidth (Apple, Orin, old kernels) it, not the memory
 * read, sets the pace. It overlaps the read, so the step takes the larger.
 */
export function dequantS(s: DeviceShare, f: Factors): number {
  if (f.dequantEff === null) return 0;
  const tflops = matmulTflops(s.device, 'fp16');
  return tflops ? s.streamWeightsPerToken / (tflops * 1e12 * f.dequantEff) : 0;
}

function deviceTime(s: DeviceShare, f: Factors, input: StepInput): DeviceTime {
  const scores = input.flashAttention === false ? s.attnScoreBytesPerTokenPerCtx : 0;
  const bytes = s.streamBytesPerToken + input.batch * input.contextTokens * (s.kvBytesPerToken + scores);
  const memoryS = bytes / (s.device.memBandwidthGBps * 1e9 * f.bwEff);
  const tflops = matmulTflops(s.device, input.precision);
  const flops = input.batch * (s.flopsPerToken * (input.matmulFlopsScale ?? 1) + s.attnFlopsPerTokenPerCtx * input.contextTokens);
  // Weights are unpacked once per step whatever the batch; the matmuls scale with it.
  const computeS = Math.max(tflops ? flops / (tflops * 1e12 * f.computeEff) : 0, dequantS(s, f));
  return { memoryS, computeS, overheadS: s.layers * f.layerOverheadS };
}

function pickBottleneck(parts: Record<Exclude<Bottleneck, 'host-staging'>, number>): Bottleneck {
  let best: Bottleneck = 'memory-bandwidth';
  let max = -1;
  for (const [k, v] of Object.entries(parts) as [Bottleneck, number][]) {
    if (v > max) {
      max = v;
      best = k;
    }
  }
  return best;
}

/** Time of one decode step (one token for each of `batch` sequences). */
export function decodeStep(input: StepInput): StepBreakdown {
  const { plan } = input;
  const times = plan.shares.map((s) => ({ t: deviceTime(s, input.factors(s.device), input), f: input.factors(s.device) }));
  let memoryS = 0;
  let computeS = 0;
  let overheadS = 0;
  let interconnectS = 0;
  const n = plan.shares.length;
  if (plan.split === 'tensor') {
    // Devices run at once: the slowest device sets the pace.
    let worst = times[0]!;
    for (const x of times) if (Math.max(x.t.memoryS, x.t.computeS) + x.t.overheadS > Math.max(worst.t.memoryS, worst.t.computeS) + worst.t.overheadS) worst = x;
    const bound = Math.max(worst.t.memoryS, worst.t.computeS);
    if (worst.t.memoryS >= worst.t.computeS) memoryS = bound;
    else computeS = bound;
    overheadS = worst.t.overheadS;
    const layers = plan.shares[0]!.layers;
    interconnectS = plan.link ? ALL_REDUCES_PER_LAYER * layers * allReduceS(input.batch * plan.hiddenSize * ACTIVATION_BYTES, n, plan.link) : 0;
    // All-reduces through host memory cost what public A/Bs measured against P2P (links.ts).
    if (plan.link?.hostStaged) interconnectS += HOST_STAGED_TP.decodePenalty * (bound + overheadS + interconnectS);
  } else {
    for (const x of times) {
      if (x.t.memoryS >= x.t.computeS) memoryS += x.t.memoryS;
      else computeS += x.t.computeS;
      overheadS += x.t.overheadS;
    }
    if (n > 1 && plan.link) {
      const hop = times[0]!.f.layerSplitHopS + (input.batch * plan.hiddenSize * ACTIVATION_BYTES) / (plan.link.bandwidthGBps * 1e9);
      interconnectS = (n - 1) * hop;
    }
  }
  const totalS = memoryS + computeS + overheadS + interconnectS;
  return {
    totalS,
    memoryS,
    computeS,
    overheadS,
    interconnectS,
    bottleneck: pickBottleneck({ 'memory-bandwidth': memoryS, compute: computeS, 'runtime-overhead': overheadS, interconnect: interconnectS }),
  };
}

/** Single-stream decode speed in tokens/s at a given context position. */
export function decodeTps(input: Omit<StepInput, 'batch'>): { tps: number; step: StepBreakdown } {
  const step = decodeStep({ ...input, batch: 1 });
  return { tps: 1 / step.totalS, step };
}

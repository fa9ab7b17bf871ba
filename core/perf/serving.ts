// Aggregate throughput of a batched server: many sequences share each weight
// read, so throughput rises with batch until compute or KV-cache memory runs
// out. Prompt work is interleaved with decoding (in-flight batching).
import type { ComputePrecision } from '#core/models/quant';
import { decodeStep, type FactorsFn, type StepBreakdown } from './decode';
import type { InstancePlan } from './plan';

export interface ServingResult {
  batch: number;
  /** Output tokens/s of this instance. */
  tps: number;
  /** Batch limited by memory for the KV cache (rather than by the requested/maximum batch). */
  memoryLimited: boolean;
  step: StepBreakdown;
}

export function serving(input: {
  plan: InstancePlan;
  factors: FactorsFn;
  precision: ComputePrecision;
  inputTokens: number;
  outputTokens: number;
  /** A fixed batch, or 'max' for the largest the scheduler and memory allow. */
  batch: number | 'max';
  maxBatch: number;
  kvBudgetBytes: readonly number[];
  flashAttention?: boolean;
}): ServingResult {
  const seqTokens = input.inputTokens + input.outputTokens;
  const memLimit = Math.min(
    ...input.plan.shares.map((s, i) => (s.kvBytesPerToken > 0 ? Math.floor((input.kvBudgetBytes[i] ?? 0) / (s.kvBytesPerToken * seqTokens)) : Infinity)),
  );
  const wanted = input.batch === 'max' ? input.maxBatch : input.batch;
  const batch = Math.max(1, Math.min(wanted, memLimit));
  const step = decodeStep({
    plan: input.plan,
    factors: input.factors,
    precision: input.precision,
    batch,
    // Over a request's life the cache grows from the prompt to prompt + output.
    contextTokens: input.inputTokens + input.outputTokens / 2,
    matmulFlopsScale: input.outputTokens > 0 ? 1 + input.inputTokens / input.outputTokens : 1,
    ...(input.flashAttention !== undefined ? { flashAttention: input.flashAttention } : {}),
  });
  return { batch, tps: batch / step.totalS, memoryLimited: memLimit < wanted, step };
}

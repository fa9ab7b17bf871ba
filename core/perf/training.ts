// Training memory with AdamW in mixed precision: per parameter an fp16 weight
// (2 B) and gradient (2 B), an fp32 master weight (4 B) and two fp32 moments
// (4 + 4 B) = 16 B; the seed analysis counts 18 B (fp32 gradient accumulation
// buffer: 2 + 4 + 4 + 4 + 4), which we follow. Activations come on top.
import type { LlmModel } from '#core/models/llm';

export const ADAMW_BYTES_PER_PARAM = 18;

/**
 * Activation bytes per layer per token without recomputation, 16-bit:
 * hidden × (34 + 5 × heads × seq / hidden) (Korthikanti et al. 2022,
 * "Reducing Activation Recomputation in Large Transformer Models", eq. 1).
 * With full recomputation only the layer input is kept: 2 × hidden bytes.
 */
export function activationBytes(m: LlmModel, seqTokens: number, microBatch: number, recompute: boolean): number {
  const perTokenPerLayer = recompute ? 2 * m.hiddenSize : m.hiddenSize * (34 + (5 * m.attentionHeads * seqTokens) / m.hiddenSize);
  return perTokenPerLayer * seqTokens * microBatch * m.layers;
}

export interface TrainingMemory {
  stateGB: number;
  activationsGB: number;
  totalGB: number;
  devicesNeeded: number;
  fits: boolean;
}

/** Fully sharded states (ZeRO-3 / FSDP) over the devices; activations per device for its micro-batch. */
export function trainingMemory(input: {
  paramsB: number;
  model?: LlmModel;
  seqTokens?: number;
  microBatch?: number;
  recompute?: boolean;
  deviceGB: number;
  devices: number;
}): TrainingMemory {
  const stateGB = input.paramsB * ADAMW_BYTES_PER_PARAM;
  const activationsGB = input.model ? activationBytes(input.model, input.seqTokens ?? 2048, input.microBatch ?? 1, input.recompute ?? true) / 1e9 : 0;
  const totalGB = stateGB + activationsGB * input.devices;
  const devicesNeeded = input.deviceGB > activationsGB ? Math.ceil(stateGB / (input.deviceGB - activationsGB)) : Infinity;
  return { stateGB, activationsGB, totalGB, devicesNeeded, fits: devicesNeeded <= input.devices };
}

// An LLM as the performance model sees it: the shape facts from the model's
// config.json (or paper) that decide weight bytes, KV-cache bytes and FLOPs.
import { z } from 'zod';

export const LlmModel = z.strictObject({
  /** Stable id, e.g. "llama-3-70b"; matches the calibration CSV's model column. */
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  name: z.string().min(1),
  family: z.string().min(1),
  layers: z.number().int().positive(),
  hiddenSize: z.number().int().positive(),
  attentionHeads: z.number().int().positive(),
  /** Key/value heads (GQA); equal to attentionHeads for multi-head attention. */
  kvHeads: z.number().int().positive(),
  headDim: z.number().int().positive(),
  vocabSize: z.number().int().positive(),
  maxContext: z.number().int().positive(),
  /** Total parameters in billions (all experts for MoE): what memory must hold. */
  paramsB: z.number().positive(),
  /** Parameters touched per token in billions (MoE); null = dense (= paramsB). */
  activeParamsB: z.number().positive().nullable(),
  /** Input embedding shared with the output head (Gemma): the head is then not a separate tensor. */
  tiedEmbeddings: z.boolean(),
  /**
   * KV-cache elements per token per layer when the model does not store plain
   * K and V per KV head (DeepSeek MLA caches one compressed latent). null =
   * the usual 2 × kvHeads × headDim.
   */
  kvElementsPerTokenPerLayer: z.number().int().positive().nullable(),
  /** config.json or paper the shape facts come from. */
  sourceUrl: z.string().url(),
  /** Kept for calibration rows, not offered by default in pickers. */
  legacy: z.boolean().optional(),
  note: z.string().optional(),
});
export type LlmModel = z.infer<typeof LlmModel>;

/** Parameters read per generated token (billions): active params for MoE. */
export function activeParamsB(m: LlmModel): number {
  return m.activeParamsB ?? m.paramsB;
}

/** The input embedding (billions of params): a row lookup per token, not a full read. */
export function embeddingParamsB(m: LlmModel): number {
  return (m.vocabSize * m.hiddenSize) / 1e9;
}

/**
 * Parameters streamed from memory per decoded token: active params minus the
 * input embedding table, which is only indexed (one row), unless it is tied to
 * the output head (then the head read covers it).
 */
export function streamedParamsB(m: LlmModel): number {
  return activeParamsB(m) - (m.tiedEmbeddings ? 0 : embeddingParamsB(m));
}

/** KV-cache elements per token across all layers (GQA-aware: KV heads, not attention heads). */
export function kvElementsPerToken(m: LlmModel): number {
  const perLayer = m.kvElementsPerTokenPerLayer ?? 2 * m.kvHeads * m.headDim;
  return perLayer * m.layers;
}

export function isMoe(m: LlmModel): boolean {
  return m.activeParamsB !== null;
}

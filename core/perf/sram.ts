// On-chip-SRAM accelerators (GroqChip): the model and its context must sit in
// SRAM spread over many chips, and a token flows through them as a pipeline.
import type { LlmModel } from '#core/models/llm';
import type { QuantFormat } from '#core/models/quant';

/**
 * Context state held per token, bytes: the seed analysis' 10 MB per token for a
 * 70B model (KV cache plus the activations parked along the pipeline). Far
 * above the GQA KV size (~0.3 MB), and stated as the seed's assumption.
 */
export const SRAM_CONTEXT_BYTES_PER_TOKEN = 10e6;
/** A GroqNode holds 8 GroqCards; a GroqRack 8 nodes (64 chips). Deployments come in these units. */
export const CHIPS_PER_NODE = 8;
export const NODES_PER_RACK = 8;
export const CHIPS_PER_RACK = CHIPS_PER_NODE * NODES_PER_RACK;
/** Racks are deployed in powers of two so the chip-to-chip topology stays regular (seed: 479 chips → 512 = 8 racks). */
export const ROUND_RACKS_TO_POWER_OF_TWO = true;
/**
 * Chip-to-chip hop latency in the pipeline, seconds. Not published as a
 * number we could source; a planning assumption of the order of a SerDes
 * link plus switch-free forwarding. Decode speed on SRAM devices is uncalibrated.
 */
export const C2C_HOP_S = 2e-6;

export interface SramSizing {
  weightsGB: number;
  contextGB: number;
  totalGB: number;
  chipsNeeded: number;
  racks: number;
  devices: number;
  /** FLOPs of one forward pass per token (2 × params). */
  forwardPassGflop: number;
}

export function sizeSram(input: { model: LlmModel; quant: QuantFormat; contextTokens: number; sramMB: number; contextBytesPerToken?: number }): SramSizing {
  const weightsGB = (input.model.paramsB * input.quant.bitsPerWeight) / 8;
  const contextGB = (input.contextTokens * (input.contextBytesPerToken ?? SRAM_CONTEXT_BYTES_PER_TOKEN)) / 1e9;
  const totalGB = weightsGB + contextGB;
  const chipsNeeded = Math.ceil((totalGB * 1e3) / input.sramMB - 1e-9);
  let racks = Math.ceil(chipsNeeded / CHIPS_PER_RACK);
  if (ROUND_RACKS_TO_POWER_OF_TWO) racks = 2 ** Math.ceil(Math.log2(Math.max(1, racks)));
  return {
    weightsGB,
    contextGB,
    totalGB,
    chipsNeeded,
    racks,
    devices: racks * CHIPS_PER_RACK,
    forwardPassGflop: 2 * (input.model.activeParamsB ?? input.model.paramsB),
  };
}

/**
 * Pipeline decode: each chip streams its slice of weights from SRAM, then
 * hands the activation to the next chip. Time per token = all weight bytes /
 * per-chip SRAM bandwidth + one hop per chip boundary.
 */
export function sramDecodeTps(input: { weightsGB: number; chips: number; sramBandwidthGBps: number; efficiency: number; hopS?: number }): {
  tps: number;
  streamS: number;
  hopsS: number;
} {
  const streamS = input.weightsGB / (input.sramBandwidthGBps * input.efficiency);
  const hopsS = (input.chips - 1) * (input.hopS ?? C2C_HOP_S);
  return { tps: 1 / (streamS + hopsS), streamS, hopsS };
}

// How one instance of a model is laid over its devices: which layers and which
// bytes each device holds and reads per token. Memory, decode and prefill all
// read this one plan, so they cannot disagree about where the bytes are.
import { embeddingParamsB, type LlmModel } from '#core/models/llm';
import type { QuantFormat } from '#core/models/quant';
import type { KvPrecision } from '#core/models/kv';
import type { DeviceSpec } from './device';
import type { Link } from './links';
import type { RuntimeProfile } from './runtime';

export type SplitMode = 'layer' | 'tensor' | 'replicas';

export interface DeviceShare {
  device: DeviceSpec;
  /** Layers whose kernels run on this device per forward pass (all layers under tensor parallelism). */
  layers: number;
  /** Bytes of weights resident on this device. */
  weightBytes: number;
  /** Weight bytes read per decoded token (MoE: active experts only). */
  streamBytesPerToken: number;
  /** KV-cache bytes held here per token of context. */
  kvBytesPerToken: number;
  /** Matmul FLOPs per token done here. */
  flopsPerToken: number;
  /** Attention FLOPs per token per token of context done here (× context = the attention term). */
  attnFlopsPerTokenPerCtx: number;
  /** Weights (count, not bytes) unpacked per decoded token here: the dequantisation work. */
  streamWeightsPerToken: number;
  /**
   * Without flash attention the attention scores (f32, one per head per
   * context token) are written and read back per layer: bytes per token per
   * token of context. Flash attention keeps them on chip.
   */
  attnScoreBytesPerTokenPerCtx: number;
}

export interface InstancePlan {
  split: 'single' | 'layer' | 'tensor';
  shares: DeviceShare[];
  /** Link across a layer boundary or around the tensor-parallel ring (the slowest path). */
  link: Link | null;
  hiddenSize: number;
  warnings: string[];
}

const GB = 1e9;
/** Activations cross links as fp16. */
export const ACTIVATION_BYTES = 2;

interface Parts {
  layerResidentBytes: number;
  layerStreamBytes: number;
  headBytes: number;
  embeddingBytes: number;
  layerFlops: number;
  headFlops: number;
}

function modelParts(m: LlmModel, q: QuantFormat): Parts {
  const embB = embeddingParamsB(m);
  const headB = m.tiedEmbeddings ? 0 : embB;
  const embBits = q.embeddingBits ?? q.bitsPerWeight;
  const layerTotalB = m.paramsB - embB - headB;
  const layerActiveB = (m.activeParamsB ?? m.paramsB) - embB - headB;
  const bytes = (b: number, bits: number) => (b * GB * bits) / 8;
  return {
    layerResidentBytes: bytes(layerTotalB, q.bitsPerWeight) / m.layers,
    layerStreamBytes: bytes(layerActiveB, q.bitsPerWeight) / m.layers,
    // A tied embedding doubles as the output head: it is read once per token either way.
    headBytes: bytes(embB, embBits),
    embeddingBytes: m.tiedEmbeddings ? 0 : bytes(embB, embBits),
    layerFlops: (2 * layerActiveB * GB) / m.layers,
    headFlops: 2 * embB * GB,
  };
}

export function kvBytesPerTokenPerLayer(m: LlmModel, kv: KvPrecision): number {
  return (m.kvElementsPerTokenPerLayer ?? 2 * m.kvHeads * m.headDim) * kv.bytesPerElement;
}

/** Causal attention: QKᵀ and AV, 2 FLOPs per MAC, over attentionHeads × headDim per layer. */
function attnFlopsPerLayerPerCtx(m: LlmModel): number {
  return 2 * 2 * m.attentionHeads * m.headDim;
}

/** f32 score written then read (softmax, then × V): 4 bytes × 2 per head. */
const SCORE_BYTES_PER_HEAD = 4 * 2;

/** Splits `total` layers over devices in proportion to weights (largest remainder), as llama.cpp's tensor split does by free memory. */
export function splitLayers(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

export function planInstance(input: {
  model: LlmModel;
  quant: QuantFormat;
  kv: KvPrecision;
  runtime: RuntimeProfile;
  devices: readonly DeviceSpec[];
  split: 'layer' | 'tensor';
  link: Link | null;
}): InstancePlan {
  const { model: m, quant: q, kv, runtime, devices } = input;
  const p = modelParts(m, q);
  const kvLayer = kvBytesPerTokenPerLayer(m, kv);
  const attn = attnFlopsPerLayerPerCtx(m);
  const scores = m.attentionHeads * SCORE_BYTES_PER_HEAD;
  const weightsPerByte = 8 / q.bitsPerWeight;
  const embOnDevice = runtime.embeddingOnHost ? 0 : p.embeddingBytes;
  const warnings: string[] = [];
  const n = devices.length;

  if (n === 1 || input.split === 'layer') {
    const usable = devices.map((d) => Math.max(0, d.memoryGB * (1 - runtime.reservedFraction) - runtime.contextOverheadGB));
    const layers = n === 1 ? [m.layers] : splitLayers(m.layers, usable);
    const shares = devices.map((device, i): DeviceShare => {
      const l = layers[i]!;
      const first = i === 0;
      const last = i === n - 1;
      return {
        device,
        layers: l,
        weightBytes: l * p.layerResidentBytes + (last ? p.headBytes : 0) + (first ? embOnDevice : 0),
        streamBytesPerToken: l * p.layerStreamBytes + (last ? p.headBytes : 0),
        kvBytesPerToken: l * kvLayer,
        flopsPerToken: l * p.layerFlops + (last ? p.headFlops : 0),
        attnFlopsPerTokenPerCtx: l * attn,
        streamWeightsPerToken: l * p.layerStreamBytes * weightsPerByte,
        attnScoreBytesPerTokenPerCtx: l * scores,
      };
    });
    if (layers.some((l) => l === 0)) warnings.push('some devices get no layers: more devices than useful for this model');
    return { split: n === 1 ? 'single' : 'layer', shares, link: n === 1 ? null : input.link, hiddenSize: m.hiddenSize, warnings };
  }

  // Tensor parallel: every device runs every layer on 1/n of the heads and FFN columns.
  if (m.attentionHeads % n !== 0) warnings.push(`tensor-parallel size ${n} does not divide the ${m.attentionHeads} attention heads; most runtimes refuse this`);
  if (m.kvHeads % n !== 0)
    warnings.push(`tensor-parallel size ${n} does not divide the ${m.kvHeads} KV heads; KV heads are replicated, so the cache per device is larger`);
  // KV heads that cannot be split evenly are replicated: each device holds ceil(kvHeads / n) heads.
  const kvShare = m.kvElementsPerTokenPerLayer !== null ? 1 : Math.ceil(m.kvHeads / n) / m.kvHeads;
  const shares = devices.map((device): DeviceShare => ({
    device,
    layers: m.layers,
    weightBytes: (m.layers * p.layerResidentBytes + p.headBytes + embOnDevice) / n,
    streamBytesPerToken: (m.layers * p.layerStreamBytes + p.headBytes) / n,
    kvBytesPerToken: m.layers * kvLayer * kvShare,
    flopsPerToken: (m.layers * p.layerFlops + p.headFlops) / n,
    attnFlopsPerTokenPerCtx: (m.layers * attn) / n,
    streamWeightsPerToken: (m.layers * p.layerStreamBytes * weightsPerByte) / n,
    attnScoreBytesPerTokenPerCtx: (m.layers * scores) / n,
  }));
  return { split: 'tensor', shares, link: input.link, hiddenSize: m.hiddenSize, warnings };
}

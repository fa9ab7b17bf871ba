// Inference runtimes and the memory/batching behaviour the model assumes for
// each. Memory overheads are planning assumptions named here so they can be
// shown next to every estimate; speed factors come from calibration.

export const RUNTIMES = ['llama.cpp', 'exllamav2', 'exllama', 'vllm', 'tensorrt-llm', 'transformers'] as const;
export type Runtime = (typeof RUNTIMES)[number];

export interface RuntimeProfile {
  id: Runtime;
  /** CUDA/ROCm context and allocator slack per device, GB (nvidia-smi shows ~0.3–0.5 GB for an idle context). */
  contextOverheadGB: number;
  /** Share of device memory the runtime leaves unused (vLLM gpu_memory_utilization 0.9; TensorRT-LLM free-memory fraction 0.9). */
  reservedFraction: number;
  /** Extra memory as a fraction of weight bytes (transformers: activations and allocator fragmentation, no paged KV). */
  weightOverheadFraction: number;
  /** Tokens per prompt chunk (llama.cpp n_ubatch 512; exllamav2 chunk 2048; vLLM/TensorRT-LLM max_num_tokens 8192). */
  prefillChunkTokens: number;
  /** Whether the input embedding table stays in host RAM (llama.cpp keeps token_embd on the CPU). */
  embeddingOnHost: boolean;
  /** Largest batch the scheduler runs at once (vLLM max_num_seqs 256; TensorRT-LLM max_batch_size 2048). */
  maxBatch: number;
  /** Split modes the runtime offers. */
  splits: readonly ('layer' | 'tensor')[];
  /** Flash attention unless the user says otherwise (llama-bench: off by default; exllamav2/vLLM/TensorRT-LLM use it when available). */
  flashAttention: boolean;
}

const MB = 1 / 1024;

export const RUNTIME_PROFILES: Record<Runtime, RuntimeProfile> = {
  'llama.cpp': {
    id: 'llama.cpp',
    contextOverheadGB: 300 * MB,
    reservedFraction: 0,
    weightOverheadFraction: 0,
    prefillChunkTokens: 512,
    embeddingOnHost: true,
    maxBatch: 64,
    splits: ['layer', 'tensor'],
    flashAttention: false,
  },
  exllamav2: {
    id: 'exllamav2',
    contextOverheadGB: 300 * MB,
    reservedFraction: 0,
    weightOverheadFraction: 0,
    prefillChunkTokens: 2048,
    embeddingOnHost: true,
    maxBatch: 64,
    splits: ['layer', 'tensor'],
    flashAttention: true,
  },
  // ExLlama v1 (turboderp/exllama): GPTQ only, its own CUDA kernels and factors; memory behaviour as exllamav2's, single stream.
  exllama: {
    id: 'exllama',
    contextOverheadGB: 300 * MB,
    reservedFraction: 0,
    weightOverheadFraction: 0,
    prefillChunkTokens: 2048,
    embeddingOnHost: true,
    maxBatch: 1,
    splits: ['layer'],
    flashAttention: false,
  },
  vllm: {
    id: 'vllm',
    contextOverheadGB: 500 * MB,
    reservedFraction: 0.1,
    weightOverheadFraction: 0,
    prefillChunkTokens: 8192,
    embeddingOnHost: false,
    maxBatch: 256,
    splits: ['tensor', 'layer'],
    flashAttention: true,
  },
  'tensorrt-llm': {
    id: 'tensorrt-llm',
    contextOverheadGB: 500 * MB,
    reservedFraction: 0.1,
    weightOverheadFraction: 0,
    prefillChunkTokens: 8192,
    embeddingOnHost: false,
    maxBatch: 2048,
    splits: ['tensor', 'layer'],
    flashAttention: true,
  },
  transformers: {
    id: 'transformers',
    contextOverheadGB: 500 * MB,
    reservedFraction: 0,
    weightOverheadFraction: 0.2,
    prefillChunkTokens: 1 << 30,
    embeddingOnHost: false,
    maxBatch: 64,
    splits: ['layer'],
    flashAttention: false,
  },
};

/**
 * Activation/compute buffer per device for one prompt chunk: the f32 logits
 * (chunk × vocab × 4 bytes) plus a few f32 hidden-state copies per token.
 * Mirrors how llama.cpp sizes its compute buffer; other runtimes are similar.
 */
export const ACTIVATION_COPIES_PER_TOKEN = 8;
const F32_BYTES = 4;

export function computeBufferGB(p: RuntimeProfile, chunkTokens: number, vocab: number, hidden: number): number {
  const tokens = Math.min(p.prefillChunkTokens, chunkTokens);
  return (tokens * (vocab + ACTIVATION_COPIES_PER_TOKEN * hidden) * F32_BYTES) / 1e9;
}

export function parseRuntime(text: string): Runtime | null {
  const t = text.trim().toLowerCase().replace(/[\s_]/g, '');
  const map: Record<string, Runtime> = {
    'llama.cpp': 'llama.cpp',
    llamacpp: 'llama.cpp',
    'llama-cpp': 'llama.cpp',
    gguf: 'llama.cpp',
    exllamav2: 'exllamav2',
    exllama: 'exllama',
    exllamav1: 'exllama',
    'exllama-v1': 'exllama',
    exl2: 'exllamav2',
    vllm: 'vllm',
    'tensorrt-llm': 'tensorrt-llm',
    tensorrtllm: 'tensorrt-llm',
    trtllm: 'tensorrt-llm',
    'trt-llm': 'tensorrt-llm',
    transformers: 'transformers',
    hf: 'transformers',
  };
  return map[t] ?? null;
}

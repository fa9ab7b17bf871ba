// KV-cache precision is its own setting: llama.cpp (--cache-type-k/v),
// vLLM/TensorRT-LLM (fp8 KV) and exllamav2 (Q4/Q8 cache) all quantise it apart
// from the weights.

export interface KvPrecision {
  id: 'f16' | 'bf16' | 'fp8' | 'q8_0' | 'q4_0';
  bytesPerElement: number;
  note: string;
}

export const KV_PRECISIONS: readonly KvPrecision[] = [
  { id: 'f16', bytesPerElement: 2, note: 'default in every runtime' },
  { id: 'bf16', bytesPerElement: 2, note: '' },
  { id: 'fp8', bytesPerElement: 1, note: 'vLLM --kv-cache-dtype fp8, TensorRT-LLM FP8 KV' },
  // ggml blocks: Q8_0 = 34 bytes per 32 values, Q4_0 = 18 bytes per 32 values.
  { id: 'q8_0', bytesPerElement: 34 / 32, note: 'llama.cpp --cache-type-k/v q8_0 (needs flash attention for V)' },
  { id: 'q4_0', bytesPerElement: 18 / 32, note: 'llama.cpp q4_0 cache; exllamav2 Q4 cache is similar' },
];

const ALIASES: Record<string, KvPrecision['id']> = {
  fp16: 'f16',
  f16: 'f16',
  half: 'f16',
  bf16: 'bf16',
  fp8: 'fp8',
  e4m3: 'fp8',
  q8: 'q8_0',
  q8_0: 'q8_0',
  int8: 'q8_0',
  q4: 'q4_0',
  q4_0: 'q4_0',
};

export function parseKv(text: string): KvPrecision | null {
  const id = ALIASES[text.trim().toLowerCase()];
  return KV_PRECISIONS.find((k) => k.id === id) ?? null;
}

export const DEFAULT_KV: KvPrecision = KV_PRECISIONS[0]!;

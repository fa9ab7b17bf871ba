// Weight formats and their effective bits per weight (scales, zero points and
// mixed tensor types included), plus the class the calibration groups them by.

/** Groups formats whose kernels behave alike; calibration fits one factor per class. */
export type QuantClass = 'float' | 'fp8' | 'int8' | 'gguf-legacy' | 'gguf-k' | 'gptq-awq' | 'exl2';

/** Which tensor-core rate prefill runs at. GGUF/GPTQ/EXL2 dequantise to fp16 for large matmuls. */
export type ComputePrecision = 'fp16' | 'fp8' | 'int8';

export interface QuantFormat {
  id: string;
  label: string;
  bitsPerWeight: number;
  /** Bits of the input embedding and output head when they stay unquantised (GPTQ/AWQ keep fp16); null = as bitsPerWeight. */
  embeddingBits: number | null;
  quantClass: QuantClass;
  computePrecision: ComputePrecision;
  /** Where the bits-per-weight figure comes from. */
  bpwSource: string;
}

const GGUF_README = 'https://github.com/ggml-org/llama.cpp/blob/master/tools/quantize/README.md (Llama 2 7B table)';
const CALIBRATION_CSV = 'assets/calibration/measured_tps_calibration.csv bits_per_weight_effective';
const GGML_BLOCKS = 'ggml block layout: Q4_0 = 18 bytes / 32 weights, Q4_1 = 20, Q5_0 = 22, Q5_1 = 24, Q8_0 = 34';

/** GPTQ/AWQ 4-bit with group size 128: one fp16 scale and one 4-bit zero point per 128 weights. */
export const GROUP_SIZE = 128;
const GROUP_OVERHEAD_BITS = (16 + 4) / GROUP_SIZE;
export const GPTQ_AWQ_BPW = 4 + GROUP_OVERHEAD_BITS; // 4.156, as the calibration CSV's 4.16

const gguf = (id: string, bpw: number, quantClass: QuantClass, src: string): QuantFormat => ({
  id,
  label: id,
  bitsPerWeight: bpw,
  embeddingBits: null,
  quantClass,
  computePrecision: 'fp16',
  bpwSource: src,
});

export const QUANT_FORMATS: readonly QuantFormat[] = [
  gguf('Q2_K', 3.35, 'gguf-k', GGUF_README),
  gguf('Q3_K_S', 3.5, 'gguf-k', GGUF_README),
  gguf('Q3_K_M', 3.91, 'gguf-k', GGUF_README),
  gguf('Q3_K_L', 4.27, 'gguf-k', GGUF_README),
  gguf('Q4_0', 4.54, 'gguf-legacy', CALIBRATION_CSV + ' (Llama 2 7B file: 4.5 per block + a Q6_K output head)'),
  gguf('Q4_1', 5.0, 'gguf-legacy', CALIBRATION_CSV),
  gguf('Q4_K_S', 4.58, 'gguf-k', GGUF_README),
  // 4.82 is the Llama 3 70B file; the 8B file is 4.9 because its large vocabulary's Q6_K head weighs more.
  gguf('Q4_K_M', 4.82, 'gguf-k', CALIBRATION_CSV + ' (Llama 3 70B 4.82, 8B 4.9)'),
  gguf('Q5_0', 5.5, 'gguf-legacy', GGML_BLOCKS),
  gguf('Q5_1', 6.0, 'gguf-legacy', GGML_BLOCKS),
  gguf('Q5_K_S', 5.52, 'gguf-k', GGUF_README),
  gguf('Q5_K_M', 5.68, 'gguf-k', GGUF_README),
  gguf('Q6_K', 6.56, 'gguf-k', GGUF_README),
  gguf('Q8_0', 8.5, 'gguf-legacy', GGML_BLOCKS),
  { id: 'F16', label: 'F16 (fp16)', bitsPerWeight: 16, embeddingBits: null, quantClass: 'float', computePrecision: 'fp16', bpwSource: '2 bytes per weight' },
  { id: 'BF16', label: 'BF16', bitsPerWeight: 16, embeddingBits: null, quantClass: 'float', computePrecision: 'fp16', bpwSource: '2 bytes per weight' },
  {
    id: 'FP8',
    label: 'FP8 (E4M3, per-tensor scale)',
    bitsPerWeight: 8,
    embeddingBits: 16,
    quantClass: 'fp8',
    computePrecision: 'fp8',
    bpwSource: '1 byte per weight; embeddings/head kept in 16 bit (ModelOpt default)',
  },
  {
    id: 'INT8',
    label: 'INT8 (weight-only, per-channel scale)',
    bitsPerWeight: 8,
    embeddingBits: 16,
    quantClass: 'int8',
    computePrecision: 'fp16',
    bpwSource: '1 byte per weight; per-channel scales are negligible',
  },
  {
    id: 'AWQ',
    label: 'AWQ 4-bit g128',
    bitsPerWeight: GPTQ_AWQ_BPW,
    embeddingBits: 16,
    quantClass: 'gptq-awq',
    computePrecision: 'fp16',
    bpwSource: '4 bits + fp16 scale and 4-bit zero per 128 weights; embeddings/head fp16',
  },
  {
    id: 'GPTQ',
    label: 'GPTQ 4-bit g128',
    bitsPerWeight: GPTQ_AWQ_BPW,
    embeddingBits: 16,
    quantClass: 'gptq-awq',
    computePrecision: 'fp16',
    bpwSource: '4 bits + fp16 scale and 4-bit zero per 128 weights; embeddings/head fp16',
  },
];

const ALIASES: Record<string, string> = {
  FP16: 'F16',
  FLOAT16: 'F16',
  HALF: 'F16',
  E4M3: 'FP8',
  'GPTQ-4BIT': 'GPTQ',
  'AWQ-4BIT': 'AWQ',
  'GPTQ-INT4': 'GPTQ',
  'AWQ-INT4': 'AWQ',
};

/** EXL2 picks any average bpw when converting; the head is quantised too (6 bits by default, close to the mean). */
export const EXL2_MIN_BPW = 2;
export const EXL2_MAX_BPW = 8;

export function exl2(bpw: number): QuantFormat {
  return {
    id: `exl2-${bpw}`,
    label: `EXL2 ${bpw} bpw`,
    bitsPerWeight: bpw,
    embeddingBits: null,
    quantClass: 'exl2',
    computePrecision: 'fp16',
    bpwSource: 'chosen at conversion (exllamav2 convert.py -b)',
  };
}

/** Parses "Q4_K_M", "q8_0", "fp16", "bf16", "fp8", "int8", "awq", "gptq", "exl2-4.65". Null when unknown. */
export function parseQuant(text: string): QuantFormat | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  const m = /^EXL2[-_]?(\d+(\.\d+)?)(BPW)?$/.exec(t);
  if (m) {
    const bpw = Number(m[1]);
    return bpw >= EXL2_MIN_BPW && bpw <= EXL2_MAX_BPW ? exl2(bpw) : null;
  }
  const id = ALIASES[t] ?? t;
  return QUANT_FORMATS.find((q) => q.id === id) ?? null;
}

export function quantNames(): string[] {
  return [...QUANT_FORMATS.map((q) => q.id), 'exl2-<bpw>'];
}

/**
 * A format for a calibration row: its published effective bpw wins over the
 * nominal one, and the class comes from the name ("GPTQ-4bit g128", "EXL2 3.0 bpw").
 */
export function quantForMeasurement(name: string, bpwEffective: number): QuantFormat | null {
  const n = name.trim();
  let base: QuantFormat | null;
  if (/^exl2/i.test(n)) base = exl2(bpwEffective);
  else if (/^gptq/i.test(n)) base = parseQuant('GPTQ');
  else if (/^awq/i.test(n)) base = parseQuant('AWQ');
  else base = parseQuant(n);
  // The measured bpw already counts the head for GGUF; GPTQ rows count only the quantised layers.
  return base ? { ...base, bitsPerWeight: bpwEffective } : null;
}

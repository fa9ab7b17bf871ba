import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { builtinModels } from '#core/models/library';
import { LlmModel, kvElementsPerToken, streamedParamsB } from '#core/models/llm';
import { parseQuant, quantForMeasurement, GPTQ_AWQ_BPW } from '#core/models/quant';
import { parseKv } from '#core/models/kv';
import { resolveModel } from '#core/models/resolve';

describe('model library', () => {
  it('every entry validates and has a unique id and a source', () => {
    for (const m of builtinModels) expect(() => LlmModel.parse(m)).not.toThrow();
    expect(new Set(builtinModels.map((m) => m.id)).size).toBe(builtinModels.length);
  });

  it('covers the issue list', () => {
    const ids = builtinModels.map((m) => m.id);
    for (const id of [
      'llama-2-7b',
      'llama-2-13b',
      'llama-2-70b',
      'llama-3-8b',
      'llama-3-70b',
      'llama-3.1-8b',
      'llama-3.1-70b',
      'llama-3.1-405b',
      'mistral-7b',
      'mixtral-8x7b',
      'mixtral-8x22b',
      'qwen2.5-7b',
      'qwen2.5-14b',
      'qwen2.5-32b',
      'qwen2.5-72b',
      'deepseek-v3',
      'gemma-2-9b',
      'gemma-2-27b',
      'phi-3-mini',
      'phi-3-medium',
    ])
      expect(ids).toContain(id);
  });

  it('knows every model the calibration CSV names', () => {
    const csv = readFileSync(new URL('../../../assets/calibration/measured_tps_calibration.csv', import.meta.url), 'utf8');
    const header = csv.split('\n')[0]!.split(',');
    const col = header.indexOf('model');
    const models = new Set<string>();
    for (const line of csv.trim().split('\n').slice(1)) {
      // Quoted fields may hold commas; the model column comes after them, so split on unquoted commas.
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      models.add(cells[col]!);
    }
    for (const m of models) expect(resolveModel(m).ok, m).toBe(true);
  });

  it('KV cache is GQA-aware: Llama 3 70B holds 8 KV heads, not 64', () => {
    const m = builtinModels.find((x) => x.id === 'llama-3-70b')!;
    expect(kvElementsPerToken(m)).toBe(2 * 8 * 128 * 80);
    expect((kvElementsPerToken(m) * parseKv('f16')!.bytesPerElement) / 1e6).toBeCloseTo(0.328, 3);
  });

  it('MoE: memory from total params, speed from active params', () => {
    const m = builtinModels.find((x) => x.id === 'mixtral-8x7b')!;
    expect(m.paramsB).toBeGreaterThan(40);
    expect(streamedParamsB(m)).toBeLessThan(13);
  });

  it('resolves names and rejects unknown ones', () => {
    expect(resolveModel('Llama 3 70B').ok).toBe(true);
    expect(resolveModel('llama-3.1-8b').ok).toBe(true);
    expect(resolveModel('gpt-5').ok).toBe(false);
  });
});

describe('quantisation formats', () => {
  it('parses the spellings people use', () => {
    expect(parseQuant('Q4_K_M')!.bitsPerWeight).toBeCloseTo(4.82, 2);
    expect(parseQuant('q8_0')!.bitsPerWeight).toBe(8.5);
    expect(parseQuant('fp16')!.id).toBe('F16');
    expect(parseQuant('bf16')!.bitsPerWeight).toBe(16);
    expect(parseQuant('fp8')!.bitsPerWeight).toBe(8);
    expect(parseQuant('int8')!.bitsPerWeight).toBe(8);
    expect(parseQuant('exl2-4.65')!.bitsPerWeight).toBe(4.65);
    expect(parseQuant('Q9')).toBeNull();
    expect(parseQuant('exl2-12')).toBeNull();
  });

  it('AWQ/GPTQ 4-bit carry their group overhead (g128: fp16 scale + 4-bit zero)', () => {
    expect(GPTQ_AWQ_BPW).toBeCloseTo(4.16, 2);
    expect(parseQuant('awq')!.bitsPerWeight).toBeCloseTo(4.16, 2);
    expect(parseQuant('gptq')!.bitsPerWeight).toBeCloseTo(4.16, 2);
  });

  it('calibration rows keep their published bits per weight', () => {
    expect(quantForMeasurement('Q4_K_M', 4.9)!.bitsPerWeight).toBe(4.9);
    expect(quantForMeasurement('GPTQ-4bit g128 (no act-order)', 4.16)!.quantClass).toBe('gptq-awq');
    expect(quantForMeasurement('EXL2 3.0 bpw', 3)!.quantClass).toBe('exl2');
  });

  it('KV precisions are their own setting', () => {
    expect(parseKv('q8_0')!.bytesPerElement).toBeCloseTo(34 / 32);
    expect(parseKv('q4_0')!.bytesPerElement).toBeCloseTo(18 / 32);
    expect(parseKv('fp8')!.bytesPerElement).toBe(1);
    expect(parseKv('f32')).toBeNull();
  });
});

describe('names people use for a model', () => {
  it.each([
    ['Meta-Llama-3-8B-Instruct-Q4_K_M.gguf', 'llama-3-8b'],
    ['meta-llama/Meta-Llama-3-70B-Instruct', 'llama-3-70b'],
    ['Llama-3.3-70B-Instruct-Q4_K_M-00001-of-00002.gguf', 'llama-3.3-70b'],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'qwen2.5-32b'],
    ['DeepSeek-R1-Distill-Llama-8B-Q8_0.gguf', 'llama-3.1-8b'],
    ['Qwen/Qwen3-30B-A3B', 'qwen3-30b-a3b'],
    ['qwen3-8b-q4_k_m.gguf', 'qwen3-8b'],
    ['mistralai/Mistral-Nemo-Instruct-2407', 'mistral-nemo-12b'],
    ['google/gemma-2-9b-it', 'gemma-2-9b'],
    ['Qwen/Qwen2.5-7B', 'qwen2.5-7b'],
    ['DeepSeek-R1', 'deepseek-v3'],
  ])('%s → %s', (name, id) => {
    const r = resolveModel(name);
    expect(r.ok && r.model.id).toBe(id);
  });

  it('no alias names two models', () => {
    const seen = new Map<string, string>();
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');
    for (const m of builtinModels)
      for (const a of [m.id, ...(m.aliases ?? [])]) {
        const k = norm(a);
        expect(seen.get(k) ?? m.id, a).toBe(m.id);
        seen.set(k, m.id);
      }
  });

  it('paramsB of the added dense models matches their config.json shapes', () => {
    // embeddings (untied: ×2) + layers × (q, k, v, o + 3-matrix MLP + 2 norms) + final norm; Qwen3 adds q/k norms.
    const m = builtinModels.find((x) => x.id === 'qwen3-8b')!;
    const H = m.hiddenSize;
    const attn = H * m.attentionHeads * m.headDim * 2 + 2 * H * m.kvHeads * m.headDim + 2 * m.headDim;
    const mlp = 3 * H * 12288; // intermediate_size
    const total = m.layers * (attn + mlp + 2 * H) + 2 * m.vocabSize * H + H;
    expect(total / 1e9).toBeCloseTo(m.paramsB, 2);
  });
});

describe('models added for issue 19', () => {
  // Dense Llama-style shapes: embeddings (×2 untied) + layers × (q, k, v, o + 3-matrix MLP + norms) + final norm.
  const dense = (id: string, ff: number, opts: { norms?: number; qkvBias?: boolean } = {}) => {
    const m = builtinModels.find((x) => x.id === id)!;
    const H = m.hiddenSize;
    const kv = m.kvHeads * m.headDim;
    const q = m.attentionHeads * m.headDim;
    const attn = H * q * 2 + 2 * H * kv + (opts.qkvBias ? q + 2 * kv : 0);
    const total = m.layers * (attn + 3 * H * ff + (opts.norms ?? 2) * H) + (m.tiedEmbeddings ? 1 : 2) * m.vocabSize * H + H;
    return { m, totalB: total / 1e9 };
  };
  it('paramsB computed from the config shapes where the publisher gives none', () => {
    for (const [id, ff, opts] of [
      ['codellama-7b', 11008, {}],
      ['codellama-13b', 13824, {}],
      ['qwen2-7b', 18944, { qkvBias: true }],
      ['phi-4', 17920, {}],
      ['yi-34b', 20480, {}],
      ['command-r-35b', 22528, { norms: 1 }],
      ['command-r-08-2024', 24576, { norms: 1 }],
    ] as const) {
      const { m, totalB } = dense(id, ff, opts);
      expect(totalB, id).toBeCloseTo(m.paramsB, 1);
    }
  });
  it('KV cache follows the KV heads: Command R v01 has none shared (64), the 08-2024 one 8; DeepSeek-V2 keeps the MLA latent', () => {
    const r1 = builtinModels.find((x) => x.id === 'command-r-35b')!;
    const r2 = builtinModels.find((x) => x.id === 'command-r-08-2024')!;
    expect(r1.kvHeads / r2.kvHeads).toBe(8);
    for (const id of ['deepseek-v2', 'deepseek-v2-lite']) expect(builtinModels.find((x) => x.id === id)!.kvElementsPerTokenPerLayer).toBe(576);
  });
  it('the names people use resolve', () => {
    for (const [q, id] of [
      ['microsoft/phi-4', 'phi-4'],
      ['01-ai/Yi-34B-Chat', 'yi-34b'],
      ['CohereForAI/c4ai-command-r-v01', 'command-r-35b'],
      ['deepseek-ai/DeepSeek-V2-Lite-Chat', 'deepseek-v2-lite'],
      ['codellama/CodeLlama-13b-Instruct-hf', 'codellama-13b'],
      ['Qwen/Qwen2-7B-Instruct', 'qwen2-7b'],
    ] as const) {
      const r = resolveModel(q);
      expect(r.ok && r.model.id, q).toBe(id);
    }
  });
});

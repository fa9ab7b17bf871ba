// The names people use resolve to the right shape: GGUF file names as
// published on the Hub, Hugging Face ids and Ollama tags, including the
// families added for coverage (Falcon, OpenLLaMA, Qwen1.5, Gemma 3, R1 distills).
import { describe, expect, it } from 'vitest';
import { builtinModels } from '#core/models/library';
import { resolveModel } from '#core/models/resolve';

const id = (q: string) => {
  const r = resolveModel(q);
  return r.ok ? r.model.id : `unresolved: ${r.message}`;
};

describe('model names people use', () => {
  it.each([
    ['falcon-7b-instruct.Q4_K_M.gguf', 'falcon-7b'],
    ['falcon-40b-instruct.Q5_K_M.gguf', 'falcon-40b'],
    ['falcon-180b-chat.Q4_K_M.gguf', 'falcon-180b'],
    ['tiiuae/falcon-180B', 'falcon-180b'],
    ['open_llama_3b_v2.Q8_0.gguf', 'open-llama-3b'],
    ['openlm-research/open_llama_13b', 'open-llama-13b'],
    ['open-llama-7b-v2.Q4_K_M.gguf', 'open-llama-7b'],
    ['qwen1_5-0_5b-chat-q8_0.gguf', 'qwen1.5-0.5b'],
    ['qwen1_5-7b-chat-q4_k_m.gguf', 'qwen1.5-7b'],
    ['qwen1_5-110b-chat-q4_k_m.gguf', 'qwen1.5-110b'],
    ['Qwen/Qwen1.5-32B-Chat', 'qwen1.5-32b'],
    ['qwen:72b', 'qwen1.5-72b'],
    ['gemma-3-27b-it-Q4_K_M.gguf', 'gemma-3-27b'],
    ['gemma-3-12b-it-qat-q4_0.gguf', 'gemma-3-12b'],
    ['google/gemma-3-4b-it', 'gemma-3-4b'],
    ['gemma3:27b', 'gemma-3-27b'],
    ['LLaMA-65B', 'llama-1-65b'],
    ['huggyllama/llama-65b', 'llama-1-65b'],
    ['DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf', 'qwen2.5-1.5b'],
    ['DeepSeek-R1-Distill-Qwen-32B-Q4_K_M.gguf', 'qwen2.5-32b'],
    ['DeepSeek-R1-Distill-Llama-70B-Q4_K_M.gguf', 'llama-3.3-70b'],
    ['Qwen2.5-0.5B-Instruct-Q8_0.gguf', 'qwen2.5-0.5b'],
    ['Qwen3-235B-A22B-Instruct-2507-Q4_K_M-00001-of-00003.gguf', 'qwen3-235b-a22b'],
    ['DeepSeek-R1-Q4_K_M-00001-of-00009.gguf', 'deepseek-v3'],
    ['Mixtral-8x22B-Instruct-v0.1.Q4_K_M.gguf', 'mixtral-8x22b'],
  ])('%s → %s', (query, expected) => {
    expect(id(query)).toBe(expected);
  });

  it('every listed alias and Hugging Face id resolves back to its own model', () => {
    const wrong: string[] = [];
    for (const m of builtinModels) {
      const hf = /^https:\/\/huggingface\.co\/([^/]+\/[^/]+)\//.exec(m.sourceUrl)?.[1];
      for (const name of [m.name, ...(m.aliases ?? []), ...(hf ? [hf] : [])]) {
        const got = id(name);
        if (got !== m.id) wrong.push(`${name} → ${got} (want ${m.id})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('MoE entries carry their active parameters; Falcon 7B is multi-query', () => {
    const m = (x: string) => builtinModels.find((e) => e.id === x)!;
    expect(m('qwen3-235b-a22b').activeParamsB).toBe(22);
    expect(m('falcon-7b').kvHeads).toBe(1);
    expect(m('falcon-180b').kvHeads).toBe(8);
    expect(m('qwen1.5-110b').kvHeads).toBe(8);
    expect(m('gemma-3-27b').headDim).toBe(128);
  });
});

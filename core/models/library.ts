// The built-in LLM library. Shape facts are copied from each model's
// config.json on Hugging Face (or the paper where that is the only public
// source); parameter counts are the publishers' stated totals.
import type { LlmModel } from './llm';

type Entry = Omit<LlmModel, 'activeParamsB' | 'tiedEmbeddings' | 'kvElementsPerTokenPerLayer'> &
  Partial<Pick<LlmModel, 'activeParamsB' | 'tiedEmbeddings' | 'kvElementsPerTokenPerLayer'>>;

const entry = (e: Entry): LlmModel => ({ activeParamsB: null, tiedEmbeddings: false, kvElementsPerTokenPerLayer: null, ...e });

const LLAMA3_VOCAB = 128256;
const LLAMA2_VOCAB = 32000;
const QWEN25_VOCAB = 152064;
const GEMMA2_VOCAB = 256000;
const PHI3_VOCAB = 32064;

export const builtinModels: readonly LlmModel[] = [
  // Llama 2
  entry({ id: 'llama-2-7b', name: 'Llama 2 7B', family: 'llama-2', layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 32, headDim: 128, vocabSize: LLAMA2_VOCAB, maxContext: 4096, paramsB: 6.74, sourceUrl: 'https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json' }),
  entry({ id: 'llama-2-13b', name: 'Llama 2 13B', family: 'llama-2', layers: 40, hiddenSize: 5120, attentionHeads: 40, kvHeads: 40, headDim: 128, vocabSize: LLAMA2_VOCAB, maxContext: 4096, paramsB: 13.02, sourceUrl: 'https://huggingface.co/meta-llama/Llama-2-13b-hf/blob/main/config.json' }),
  entry({ id: 'llama-2-70b', name: 'Llama 2 70B', family: 'llama-2', layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, vocabSize: LLAMA2_VOCAB, maxContext: 4096, paramsB: 68.98, sourceUrl: 'https://huggingface.co/meta-llama/Llama-2-70b-hf/blob/main/config.json' }),
  // Llama 3 / 3.1 / 3.3
  entry({ id: 'llama-3-8b', name: 'Llama 3 8B', family: 'llama-3', layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, vocabSize: LLAMA3_VOCAB, maxContext: 8192, paramsB: 8.03, sourceUrl: 'https://huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/config.json' }),
  entry({ id: 'llama-3-70b', name: 'Llama 3 70B', family: 'llama-3', layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, vocabSize: LLAMA3_VOCAB, maxContext: 8192, paramsB: 70.55, sourceUrl: 'https://huggingface.co/meta-llama/Meta-Llama-3-70B/blob/main/config.json' }),
  entry({ id: 'llama-3.1-8b', name: 'Llama 3.1 8B', family: 'llama-3', layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, vocabSize: LLAMA3_VOCAB, maxContext: 131072, paramsB: 8.03, sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json' }),
  entry({ id: 'llama-3.1-70b', name: 'Llama 3.1 70B', family: 'llama-3', layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, vocabSize: LLAMA3_VOCAB, maxContext: 131072, paramsB: 70.55, sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-70B/blob/main/config.json' }),
  entry({ id: 'llama-3.1-405b', name: 'Llama 3.1 405B', family: 'llama-3', layers: 126, hiddenSize: 16384, attentionHeads: 128, kvHeads: 8, headDim: 128, vocabSize: LLAMA3_VOCAB, maxContext: 131072, paramsB: 405, sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-405B/blob/main/config.json' }),
  entry({ id: 'llama-3.3-70b', name: 'Llama 3.3 70B', family: 'llama-3', layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, vocabSize: LLAMA3_VOCAB, maxContext: 131072, paramsB: 70.55, sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/config.json' }),
  // Mistral / Mixtral
  entry({ id: 'mistral-7b', name: 'Mistral 7B v0.1', family: 'mistral', layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, vocabSize: 32000, maxContext: 32768, paramsB: 7.24, sourceUrl: 'https://huggingface.co/mistralai/Mistral-7B-v0.1/blob/main/config.json', note: 'sliding-window attention (4096) in v0.1; the KV cache is sized for the full context here (conservative)' }),
  entry({ id: 'mixtral-8x7b', name: 'Mixtral 8x7B', family: 'mixtral', layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, vocabSize: 32000, maxContext: 32768, paramsB: 46.7, activeParamsB: 12.9, sourceUrl: 'https://huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json', note: 'params from the Mixtral paper (arXiv:2401.04088): 47B total, 13B active' }),
  entry({ id: 'mixtral-8x22b', name: 'Mixtral 8x22B', family: 'mixtral', layers: 56, hiddenSize: 6144, attentionHeads: 48, kvHeads: 8, headDim: 128, vocabSize: 32000, maxContext: 65536, paramsB: 140.6, activeParamsB: 39.1, sourceUrl: 'https://huggingface.co/mistral-community/Mixtral-8x22B-v0.1/blob/main/config.json', note: 'Mistral states 141B total, 39B active (mistral.ai/news/mixtral-8x22b)' }),
  // Qwen2.5
  entry({ id: 'qwen2.5-7b', name: 'Qwen2.5 7B', family: 'qwen2.5', layers: 28, hiddenSize: 3584, attentionHeads: 28, kvHeads: 4, headDim: 128, vocabSize: QWEN25_VOCAB, maxContext: 131072, paramsB: 7.61, sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-7B/blob/main/config.json', note: 'config.json max_position_embeddings 32768; 128K with YaRN per the model card' }),
  entry({ id: 'qwen2.5-14b', name: 'Qwen2.5 14B', family: 'qwen2.5', layers: 48, hiddenSize: 5120, attentionHeads: 40, kvHeads: 8, headDim: 128, vocabSize: QWEN25_VOCAB, maxContext: 131072, paramsB: 14.7, sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-14B/blob/main/config.json' }),
  entry({ id: 'qwen2.5-32b', name: 'Qwen2.5 32B', family: 'qwen2.5', layers: 64, hiddenSize: 5120, attentionHeads: 40, kvHeads: 8, headDim: 128, vocabSize: QWEN25_VOCAB, maxContext: 131072, paramsB: 32.5, sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-32B/blob/main/config.json' }),
  entry({ id: 'qwen2.5-72b', name: 'Qwen2.5 72B', family: 'qwen2.5', layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, vocabSize: QWEN25_VOCAB, maxContext: 131072, paramsB: 72.7, sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-72B/blob/main/config.json' }),
  // DeepSeek-V3 (MLA: the cache holds a 512-wide latent plus a 64-wide RoPE key per token per layer)
  entry({ id: 'deepseek-v3', name: 'DeepSeek-V3', family: 'deepseek', layers: 61, hiddenSize: 7168, attentionHeads: 128, kvHeads: 128, headDim: 128, vocabSize: 129280, maxContext: 163840, paramsB: 671, activeParamsB: 37, kvElementsPerTokenPerLayer: 512 + 64, sourceUrl: 'https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json', note: '671B total, 37B active (arXiv:2412.19437); MLA kv_lora_rank 512 + qk_rope_head_dim 64; the 14B MTP module is not counted' }),
  // Gemma 2 (tied input/output embeddings)
  entry({ id: 'gemma-2-9b', name: 'Gemma 2 9B', family: 'gemma-2', layers: 42, hiddenSize: 3584, attentionHeads: 16, kvHeads: 8, headDim: 256, vocabSize: GEMMA2_VOCAB, maxContext: 8192, paramsB: 9.24, tiedEmbeddings: true, sourceUrl: 'https://huggingface.co/google/gemma-2-9b/blob/main/config.json' }),
  entry({ id: 'gemma-2-27b', name: 'Gemma 2 27B', family: 'gemma-2', layers: 46, hiddenSize: 4608, attentionHeads: 32, kvHeads: 16, headDim: 128, vocabSize: GEMMA2_VOCAB, maxContext: 8192, paramsB: 27.2, tiedEmbeddings: true, sourceUrl: 'https://huggingface.co/google/gemma-2-27b/blob/main/config.json' }),
  // Phi-3
  entry({ id: 'phi-3-mini', name: 'Phi-3 mini (4K)', family: 'phi-3', layers: 32, hiddenSize: 3072, attentionHeads: 32, kvHeads: 32, headDim: 96, vocabSize: PHI3_VOCAB, maxContext: 4096, paramsB: 3.82, sourceUrl: 'https://huggingface.co/microsoft/Phi-3-mini-4k-instruct/blob/main/config.json' }),
  entry({ id: 'phi-3-medium', name: 'Phi-3 medium (4K)', family: 'phi-3', layers: 40, hiddenSize: 5120, attentionHeads: 40, kvHeads: 10, headDim: 128, vocabSize: PHI3_VOCAB, maxContext: 4096, paramsB: 13.96, sourceUrl: 'https://huggingface.co/microsoft/Phi-3-medium-4k-instruct/blob/main/config.json' }),
  // Older models that appear in the calibration measurements.
  entry({ id: 'llama-1-7b', name: 'LLaMA 7B', family: 'llama-1', layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 32, headDim: 128, vocabSize: LLAMA2_VOCAB, maxContext: 2048, paramsB: 6.74, legacy: true, sourceUrl: 'https://arxiv.org/abs/2302.13971' }),
  entry({ id: 'llama-1-13b', name: 'LLaMA 13B', family: 'llama-1', layers: 40, hiddenSize: 5120, attentionHeads: 40, kvHeads: 40, headDim: 128, vocabSize: LLAMA2_VOCAB, maxContext: 2048, paramsB: 13.02, legacy: true, sourceUrl: 'https://arxiv.org/abs/2302.13971' }),
  entry({ id: 'llama-1-33b', name: 'LLaMA 33B', family: 'llama-1', layers: 60, hiddenSize: 6656, attentionHeads: 52, kvHeads: 52, headDim: 128, vocabSize: LLAMA2_VOCAB, maxContext: 2048, paramsB: 32.53, legacy: true, sourceUrl: 'https://arxiv.org/abs/2302.13971' }),
  entry({ id: 'codellama-34b', name: 'Code Llama 34B', family: 'llama-2', layers: 48, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, vocabSize: 32000, maxContext: 16384, paramsB: 33.74, legacy: true, sourceUrl: 'https://huggingface.co/codellama/CodeLlama-34b-hf/blob/main/config.json' }),
];

// Finds a model by id or by a name people type: "Llama 3 70B", "llama3-70b",
// a Hugging Face id ("meta-llama/Meta-Llama-3-8B-Instruct") or a GGUF file
// name ("Meta-Llama-3-8B-Instruct-Q4_K_M.gguf").
import type { LlmModel } from './llm';
import { builtinModels } from './library';

export type ModelResolution = { ok: true; model: LlmModel } | { ok: false; message: string; candidates: string[] };

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');

/** The Hugging Face id a model's config.json lives under ("meta-llama/Llama-2-7b-hf"), if it is on the Hub. */
export function huggingFaceId(m: LlmModel): string | null {
  const hit = /^https:\/\/huggingface\.co\/([^/]+\/[^/]+)\//.exec(m.sourceUrl);
  return hit ? hit[1]! : null;
}

/**
 * A GGUF file name without what does not change the shape: the extension,
 * shard suffix ("-00001-of-00002") and the quantisation tag ("Q4_K_M", "IQ3_XS", "F16").
 */
const FILE_QUANT_TAG = /[-._](i?q\d(_[a-z0-9]+)*|f16|f32|bf16|fp16|fp8|int8|int4|awq|gptq(-int4)?|exl2(-[\d.]+bpw)?|[\d.]+bpw)$/i;
const fileStem = (q: string) =>
  q
    .trim()
    .replace(/\.gguf$/i, '')
    .replace(/-\d{5}-of-\d{5}$/i, '');

export function stripFileName(q: string): string {
  return fileStem(q).replace(FILE_QUANT_TAG, '');
}

/** The quantisation tag a file name ends with ("…-Q4_K_M.gguf" → "Q4_K_M"), or null. */
export function fileQuantTag(q: string): string | null {
  const hit = FILE_QUANT_TAG.exec(fileStem(q));
  return hit ? hit[1]! : null;
}

function namesOf(m: LlmModel): string[] {
  const hf = huggingFaceId(m);
  const all = [m.id, m.name, ...(m.aliases ?? [])];
  if (hf) all.push(hf, hf.split('/')[1]!);
  // An org prefix is optional: "meta-llama/X" also answers to "X".
  for (const a of m.aliases ?? []) if (a.includes('/')) all.push(a.split('/')[1]!);
  return all.map(norm);
}

export function resolveModel(query: string, models: readonly LlmModel[] = builtinModels): ModelResolution {
  const q = query.trim().toLowerCase();
  const exact = models.find((m) => m.id === q);
  if (exact) return { ok: true, model: exact };
  for (const candidate of [query, stripFileName(query)]) {
    const nq = norm(candidate);
    const byName = models.filter((m) => namesOf(m).includes(nq));
    if (byName.length === 1) return { ok: true, model: byName[0]! };
  }
  const nq = norm(stripFileName(query));
  const partial = models.filter((m) => norm(m.id).includes(nq) || norm(m.name).includes(nq));
  if (partial.length === 1) return { ok: true, model: partial[0]! };
  if (partial.length > 1) return { ok: false, message: `model '${query}' is ambiguous`, candidates: partial.map((m) => m.id) };
  return { ok: false, message: `unknown model '${query}'`, candidates: models.filter((m) => !m.legacy).map((m) => m.id) };
}

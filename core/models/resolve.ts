// Finds a model by id or by a name people type ("Llama 3 70B", "llama3-70b").
import type { LlmModel } from './llm';
import { builtinModels } from './library';

export type ModelResolution = { ok: true; model: LlmModel } | { ok: false; message: string; candidates: string[] };

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');

export function resolveModel(query: string, models: readonly LlmModel[] = builtinModels): ModelResolution {
  const q = query.trim().toLowerCase();
  const exact = models.find((m) => m.id === q);
  if (exact) return { ok: true, model: exact };
  const nq = norm(q);
  const byName = models.filter((m) => norm(m.id) === nq || norm(m.name) === nq);
  if (byName.length === 1) return { ok: true, model: byName[0]! };
  const partial = models.filter((m) => norm(m.id).includes(nq) || norm(m.name).includes(nq));
  if (partial.length === 1) return { ok: true, model: partial[0]! };
  if (partial.length > 1) return { ok: false, message: `model '${query}' is ambiguous`, candidates: partial.map((m) => m.id) };
  return { ok: false, message: `unknown model '${query}'`, candidates: models.filter((m) => !m.legacy).map((m) => m.id) };
}

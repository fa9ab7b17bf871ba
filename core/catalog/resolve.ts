// Name resolution: people type "RTX 3090", "3090", "Tesla P40" or an id.
// Order: exact id → exact model/alias (ignoring case, spaces, hyphens) → every
// typed word found in one part only. Anything that fits several parts is an
// error that lists them: a wrong guess would give the user a wrong number.
import type { PartCategory } from './part';

/** The fields name resolution reads; CatalogPart and stored parts both fit. */
export interface NamedPart {
  id: string;
  category: string;
  vendor: string;
  model: string;
  aliases?: readonly string[];
}

export class PartResolveError extends Error {
  readonly kind: 'not-found' | 'ambiguous';
  readonly query: string;
  readonly candidates: { id: string; vendor: string; model: string }[];
  constructor(kind: 'not-found' | 'ambiguous', query: string, candidates: readonly NamedPart[]) {
    const list = candidates.map((p) => `  ${p.id}  (${p.vendor} ${p.model})`).join('\n');
    super(kind === 'not-found' ? `no part matches "${query}"` : `"${query}" matches ${candidates.length} parts; use one of these ids:\n${list}`);
    this.name = 'PartResolveError';
    this.kind = kind;
    this.query = query;
    this.candidates = candidates.map((p) => ({ id: p.id, vendor: p.vendor, model: p.model }));
  }
}

/** Case, spaces, hyphens, underscores and dots do not matter when matching names. */
export function normalizeName(s: string): string {
  return s.toLowerCase().replace(/[\s\-_.]+/g, '');
}

function names(p: NamedPart): string[] {
  return [p.model, `${p.vendor} ${p.model}`, ...(p.aliases ?? [])].map(normalizeName);
}

/** Every part whose id, model or alias the query could mean (empty when none). */
export function matchParts<P extends NamedPart>(parts: readonly P[], query: string, options: { category?: PartCategory } = {}): P[] {
  const pool = options.category ? parts.filter((p) => p.category === options.category) : parts;
  const q = query.trim();
  if (q === '') return [];
  const byId = pool.filter((p) => p.id === q.toLowerCase());
  if (byId.length > 0) return byId;
  const n = normalizeName(q);
  const exact = pool.filter((p) => names(p).includes(n));
  if (exact.length > 0) return exact;
  const words = q.split(/\s+/).map(normalizeName).filter(Boolean);
  return pool.filter((p) => {
    const hay = [normalizeName(p.id), ...names(p)];
    return words.every((w) => hay.some((h) => h.includes(w)));
  });
}

/**
 * How well a part's names fit what someone is typing, for ordering a picker:
 * 0 the query is one of its names, 1 a name starts with it, 2 a name contains
 * it whole, 3 only its words are found here and there. So "GeForce RTX 3090"
 * lists the card before the bridge that mentions it.
 */
export function nameFit(p: NamedPart, query: string): 0 | 1 | 2 | 3 {
  const n = normalizeName(query);
  if (n === '') return 3;
  const all = names(p);
  if (all.includes(n)) return 0;
  if (all.some((h) => h.startsWith(n))) return 1;
  if (all.some((h) => h.includes(n))) return 2;
  return 3;
}

/**
 * The parts a picker lists for what someone is typing: every word found in
 * the part's id, names or `also` (e.g. its category label), best name fit
 * first and the given order within a fit. An empty query lists them all.
 */
export function searchParts<P extends NamedPart>(parts: readonly P[], query: string, also?: (p: P) => readonly string[]): P[] {
  const words = query.split(/\s+/).map(normalizeName).filter(Boolean);
  if (words.length === 0) return [...parts];
  const found = parts.filter((p) => {
    const hay = [normalizeName(p.id), ...names(p), ...(also?.(p) ?? []).map(normalizeName)];
    return words.every((w) => hay.some((h) => h.includes(w)));
  });
  const fit = new Map(found.map((p) => [p, nameFit(p, query)]));
  return found.sort((a, b) => fit.get(a)! - fit.get(b)!);
}

/**
 * Resolves an id or a common name to exactly one part.
 * @throws PartResolveError when nothing or several parts match.
 */
export function resolvePart<P extends NamedPart>(parts: readonly P[], query: string, options: { category?: PartCategory } = {}): P {
  const found = matchParts(parts, query, options);
  if (found.length === 1) return found[0]!;
  throw new PartResolveError(found.length === 0 ? 'not-found' : 'ambiguous', query.trim(), found);
}

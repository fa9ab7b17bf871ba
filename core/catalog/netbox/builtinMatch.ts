// An imported model that Rackhive already ships: the built-in is usually
// richer (its board, GPU positions, sourced PSUs), so the importer offers to
// keep it and turns what the file adds into a note; a copy that is imported
// anyway gets a name that cannot be mistaken for the built-in.
import { formatValue } from '../format';
import type { CatalogPart } from '../part';
import { normalizeName } from '../resolve';

/** The built-in part of the same category and vendor that the file's model, part number or slug names. */
export function builtinMatchOf(part: CatalogPart, fileNames: readonly string[], catalog: readonly CatalogPart[]): CatalogPart | null {
  const wanted = new Set(fileNames.map(normalizeName).filter(Boolean));
  const vendor = normalizeName(part.vendor);
  return (
    catalog.find(
      (p) =>
        p.builtin &&
        p.category === part.category &&
        normalizeName(p.vendor) === vendor &&
        [p.model, ...p.aliases].some((name) => wanted.has(normalizeName(name))),
    ) ?? null
  );
}

/** Every name a part answers to, normalised (for keeping a copy's names apart from the built-in's). */
export function namesOf(part: CatalogPart): Set<string> {
  return new Set([part.model, `${part.vendor} ${part.model}`, ...part.aliases].map(normalizeName));
}

function flatSpecs(part: CatalogPart): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(part.specs as Record<string, unknown>)) {
    if (k === 'provenance') continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) out.push([`${k}.${k2}`, v2]);
    else out.push([k, v]);
  }
  return out;
}

/** What the file says that the built-in does not (or says differently), one clause per field; null when nothing. */
export function extraFacts(imported: CatalogPart, builtin: CatalogPart, sourceLabel: string): string | null {
  const theirs = new Map(flatSpecs(builtin));
  const facts: string[] = [];
  for (const [k, v] of flatSpecs(imported)) {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0) || v === 'unknown') continue;
    const b = theirs.get(k);
    const mine = formatValue(k.split('.').pop()!, v);
    const built = formatValue(k.split('.').pop()!, b);
    if (mine !== built) facts.push(`${k}: ${mine} in the file (built-in: ${built})`);
  }
  return facts.length ? `From ${sourceLabel}: ${facts.join('; ')}.` : null;
}

// Derived columns and the catalog query (search, category, spec ranges, sort)
// as pure functions, shared by the API handler and the CLI. Unknown values
// never pass a range filter and always sort last.
import { z } from 'zod';
import { normalizeName } from './resolve';
import { PartCategory, type CatalogPart } from './part';

/** Price in whole dollars, or null: other currencies are not converted (no rate is known). */
function priceUsd(part: CatalogPart): number | null {
  const p = part.typicalUsedPrice;
  if (!p || p.currency !== 'USD' || p.amountMinor <= 0) return null;
  return p.amountMinor / 100;
}

function gpuSpec(part: CatalogPart, key: 'memBandwidthGBps' | 'vramGB'): number | null {
  return part.category === 'gpu' ? part.specs[key] : null;
}

/** Memory bandwidth per US dollar of typical used price; null when either is unknown. */
export function gbpsPerDollar(part: CatalogPart): number | null {
  const price = priceUsd(part);
  const bw = gpuSpec(part, 'memBandwidthGBps');
  return price === null || bw === null ? null : bw / price;
}

/** GB of VRAM per US dollar of typical used price; null when either is unknown. */
export function vramGBPerDollar(part: CatalogPart): number | null {
  const price = priceUsd(part);
  const gb = gpuSpec(part, 'vramGB');
  return price === null || gb === null ? null : gb / price;
}

export type FieldValue = number | string | boolean | null;

/** A column's value: envelope fields, derived fields, then the category's spec field. Missing = null. */
export function fieldValue(part: CatalogPart, field: string): FieldValue {
  switch (field) {
    case 'id':
    case 'vendor':
    case 'model':
    case 'category':
      return part[field];
    case 'priceMinor':
      return part.typicalUsedPrice?.amountMinor ?? null;
    case 'gbpsPerDollar':
      return gbpsPerDollar(part);
    case 'vramGBPerDollar':
      return vramGBPerDollar(part);
  }
  const v = (part.specs as Record<string, unknown>)[field];
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;
}

export const RangeFilter = z
  .object({
    /** A numeric spec field (vramGB, memBandwidthGBps, tdpW …) or a derived one. */
    field: z.string().min(1).max(60),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict();
export type RangeFilter = z.infer<typeof RangeFilter>;

export const CatalogQuery = z
  .object({
    /** Words matched (ignoring case, spaces and hyphens) against id, vendor, model and aliases. */
    search: z.string().max(200).default(''),
    category: PartCategory.optional(),
    ranges: z.array(RangeFilter).max(20).default([]),
    sort: z
      .object({ field: z.string().min(1).max(60), direction: z.enum(['asc', 'desc']).default('asc') })
      .strict()
      .optional(),
  })
  .strict();
export type CatalogQueryIn = z.input<typeof CatalogQuery>;
export type CatalogQuery = z.output<typeof CatalogQuery>;

function matchesSearch(part: CatalogPart, words: string[]): boolean {
  if (words.length === 0) return true;
  const hay = [part.id, part.vendor, part.model, `${part.vendor} ${part.model}`, ...part.aliases].map(normalizeName);
  return words.every((w) => hay.some((h) => h.includes(w)));
}

function inRange(part: CatalogPart, r: RangeFilter): boolean {
  const v = fieldValue(part, r.field);
  if (typeof v !== 'number') return false; // unknown does not satisfy "≥ 24 GB"
  return (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);
}

function compare(a: FieldValue, b: FieldValue): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

/** Filters and sorts parts; default order is category, vendor, model. */
export function queryParts(parts: readonly CatalogPart[], input: CatalogQueryIn): CatalogPart[] {
  const q = CatalogQuery.parse(input);
  const words = q.search.split(/\s+/).map(normalizeName).filter(Boolean);
  const out = parts.filter((p) => (q.category === undefined || p.category === q.category) && matchesSearch(p, words) && q.ranges.every((r) => inRange(p, r)));
  const sort = q.sort;
  if (sort) {
    const sign = sort.direction === 'desc' ? -1 : 1;
    out.sort((a, b) => {
      const va = fieldValue(a, sort.field);
      const vb = fieldValue(b, sort.field);
      if (va === null || vb === null) return compare(va, vb); // unknown last in both directions
      return sign * compare(va, vb) || a.id.localeCompare(b.id);
    });
  } else {
    out.sort((a, b) => compare(a.category, b.category) || compare(a.vendor, b.vendor) || compare(a.model, b.model) || a.id.localeCompare(b.id));
  }
  return out;
}

// The catalog as the checker reads it: parts by id, narrowed by category.
import type { CatalogPart, PartCategory, PartOf } from '../catalog/part';

export type CatalogIndex = ReadonlyMap<string, CatalogPart>;

const cache = new WeakMap<readonly CatalogPart[], CatalogIndex>();

/** Index a part list once; the same array gives the same index (the editor checks live). */
export function indexCatalog(parts: readonly CatalogPart[] | CatalogIndex): CatalogIndex {
  if (!Array.isArray(parts)) return parts as CatalogIndex;
  const list = parts as readonly CatalogPart[];
  let idx = cache.get(list);
  if (!idx) {
    idx = new Map(list.map((p) => [p.id, p]));
    cache.set(list, idx);
  }
  return idx;
}

export function partOf<C extends PartCategory>(catalog: CatalogIndex, id: string | undefined, category: C): PartOf<C> | undefined {
  if (!id) return undefined;
  const p = catalog.get(id);
  return p && p.category === category ? (p as PartOf<C>) : undefined;
}

// The built-in catalog: the sourced data files under assets/catalog, parsed
// once when this module loads (schema defaults applied; a bad file fails the
// test suite long before it ships). db/repositories/parts.ts upserts these by
// id + revision on app start; user parts ("user.*") are never touched.
import { z } from 'zod';
import { CatalogPart } from './part';
import { typicalUsedPriceOf } from '../prices/usedPrices';
import { BUILTIN_FILES } from './files';

export { BUILTIN_FILES };

/** Prices live in one place, the used-price table (core/prices/usedPrices.ts), not in the catalog files. */
export const builtinParts: CatalogPart[] = z
  .array(CatalogPart)
  .parse(Object.values(BUILTIN_FILES).flat())
  .map((p) => ({ ...p, typicalUsedPrice: typicalUsedPriceOf(p.id) }));

const byId = new Map(builtinParts.map((p) => [p.id, p]));

export function builtinPart(id: string): CatalogPart | undefined {
  return byId.get(id);
}

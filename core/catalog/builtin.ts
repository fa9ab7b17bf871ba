// The built-in catalog: the sourced data files under assets/catalog, parsed
// by their schema (schema defaults applied; a bad file fails the test suite and
// the build long before it ships; see builtinParsed.ts). db/repositories/parts.ts upserts these by
// id + revision on app start; user parts ("user.*") are never touched.
import type { CatalogPart } from './part';
import { builtinParts } from './builtinParsed';

export { BUILTIN_FILES } from './builtinFiles';
export { builtinParts };

const byId = new Map(builtinParts.map((p) => [p.id, p]));

export function builtinPart(id: string): CatalogPart | undefined {
  return byId.get(id);
}

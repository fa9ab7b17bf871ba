// The built-in catalog the app syncs into the database on start (the sourced
// data files under assets/catalog, parsed and checked by core/catalog).
import { builtinParts } from '#core/catalog/builtin';
import type { StorablePart } from './repositories/parts';

export const BUILTIN_PARTS: readonly StorablePart[] = builtinParts;

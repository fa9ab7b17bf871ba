// The built-in catalog parsed by its schema (defaults applied). From source
// (tests, the tsx fallback) this parses on load; the bundles the build makes
// (scripts/build-node.mjs, scripts/build-electron.mjs) replace this module with
// the result of the same parse, done once at build time (scripts/catalogPlugin.mjs).
// Prices live in one place, the used-price table (core/prices/usedPrices.ts), not in the catalog files.
import { z } from 'zod';
import { CatalogPart } from './part';
import { BUILTIN_FILES } from './files';
import { typicalUsedPriceOf } from '../prices/usedPrices';

export const builtinParts: CatalogPart[] = z
  .array(CatalogPart)
  .parse(Object.values(BUILTIN_FILES).flat())
  .map((p) => ({ ...p, typicalUsedPrice: typicalUsedPriceOf(p.id) }));

// The built-in catalog parsed by its schema (defaults applied). From source
// (tests, the tsx fallback) this parses on load; the bundles the build makes
// (scripts/build-node.mjs, scripts/build-electron.mjs) replace this module with
// the result of the same parse, done once at build time (scripts/catalogPlugin.mjs).
import { z } from 'zod';
import { CatalogPart } from './part';
import { BUILTIN_FILES } from './builtinFiles';

export const builtinParts: CatalogPart[] = z.array(CatalogPart).parse(Object.values(BUILTIN_FILES).flat());

// The catalog the checker reads when no database is involved (CLI, bench,
// tests): the built-in parts, boards and systems included.
import { builtinParts } from '../catalog/builtin';
import type { CatalogPart } from '../catalog/part';

export const checkerCatalog: CatalogPart[] = builtinParts;

/** Boards and systems: the parts that carry a PCIe topology. */
export const topologyParts: CatalogPart[] = builtinParts.filter((p) => p.category === 'board' || p.category === 'chassis');

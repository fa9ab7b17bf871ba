// The built-in catalog: the sourced data files under assets/catalog, parsed
// once when this module loads (schema defaults applied; a bad file fails the
// test suite long before it ships). db/repositories/parts.ts upserts these by
// id + revision on app start; user parts ("user.*") are never touched.
import { z } from 'zod';
import { CatalogPart } from './part';
import { typicalUsedPriceOf } from '../prices/usedPrices';
import gpus from '#assets/catalog/gpus.json' with { type: 'json' };
import cpus from '#assets/catalog/cpus.json' with { type: 'json' };
import nics from '#assets/catalog/nics.json' with { type: 'json' };
import pcieSwitches from '#assets/catalog/pcie-switches.json' with { type: 'json' };
import risers from '#assets/catalog/risers.json' with { type: 'json' };
import psus from '#assets/catalog/psus.json' with { type: 'json' };
import racks from '#assets/catalog/racks.json' with { type: 'json' };
import pdus from '#assets/catalog/pdus.json' with { type: 'json' };
import memory from '#assets/catalog/memory.json' with { type: 'json' };
import storage from '#assets/catalog/storage.json' with { type: 'json' };
import cables from '#assets/catalog/cables.json' with { type: 'json' };
import boards from '#assets/catalog/boards/boards.json' with { type: 'json' };
import systems from '#assets/catalog/systems/systems.json' with { type: 'json' };

/** Every data file by its path under assets/catalog. */
export const BUILTIN_FILES: Record<string, unknown[]> = {
  'gpus.json': gpus,
  'cpus.json': cpus,
  'nics.json': nics,
  'pcie-switches.json': pcieSwitches,
  'risers.json': risers,
  'psus.json': psus,
  'racks.json': racks,
  'pdus.json': pdus,
  'memory.json': memory,
  'storage.json': storage,
  'cables.json': cables,
  'boards/boards.json': boards,
  'systems/systems.json': systems,
};

/** Prices live in one place, the used-price table (core/prices/usedPrices.ts), not in the catalog files. */
export const builtinParts: CatalogPart[] = z
  .array(CatalogPart)
  .parse(Object.values(BUILTIN_FILES).flat())
  .map((p) => ({ ...p, typicalUsedPrice: typicalUsedPriceOf(p.id) }));

const byId = new Map(builtinParts.map((p) => [p.id, p]));

export function builtinPart(id: string): CatalogPart | undefined {
  return byId.get(id);
}

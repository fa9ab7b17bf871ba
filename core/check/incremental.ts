// The editor's check: after an edit only the chassis it touched are checked
// again; every other chassis' part of the result is reused, and the rack and
// site power above them (and the rack rules) are worked out again, as cheap
// as they are. "Touched" needs no list from the caller: edits are pure and
// share what they leave alone (core/build/edits.ts), so a chassis entry that
// is the same object, at the same place in the build, gives the same part.
// The result equals checkBuild's for the same build, findings in the same
// order (test/unit/check/incremental.test.ts).
import type { Build, ChassisPlacement } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import { placesOf } from '../build/places';
import { indexCatalog, type CatalogIndex } from './catalog';
import { assembleCheck, checkOneChassis, type ChassisCheck, type CheckResult, type CheckSettings } from './checkBuild';
import { chassisSeats, resolveOneChassis } from './topology';

/** checkBuild's signature, with a memory of the chassis it checked. */
export type IncrementalCheck = (build: Build, catalog: readonly CatalogPart[] | CatalogIndex, settings: CheckSettings) => CheckResult;

interface Seen {
  rackId: string;
  /** The entry's JSON path: messages name it, so a chassis that moved up the list is checked again. */
  path: string;
  /** Whether labels carried the chassis name (the build had more than one chassis). */
  prefix: boolean;
  part: ChassisCheck;
}

/** A checker for one editor: call it instead of checkBuild on every version of the build. */
export function createIncrementalCheck(): IncrementalCheck {
  let idx: CatalogIndex | null = null;
  let volts = NaN;
  let driver: string | null = null;
  // Keyed by the build's own chassis objects, so going back (undo) finds its parts again.
  let seen = new WeakMap<object, Seen>();
  return (build, catalog, settings) => {
    const nextIdx = indexCatalog(catalog);
    const nextDriver = build.geforceP2p ?? 'stock';
    // The catalog, the mains voltage and the GeForce driver reach into every chassis.
    if (nextIdx !== idx || settings.mainsVolts !== volts || nextDriver !== driver) {
      seen = new WeakMap();
      idx = nextIdx;
      volts = settings.mainsVolts;
      driver = nextDriver;
    }
    const places = placesOf(build);
    const seats = chassisSeats(places);
    // placesOf copies free-standing chassis (positionU 0); their entries in the build are the keys.
    const sources: readonly object[] = [...build.racks.flatMap((r): readonly ChassisPlacement[] => r.chassis), ...(build.freeStanding?.chassis ?? [])];
    const prefix = seats.length > 1;
    const parts = seats.map(({ rackId, c, path }, i) => {
      const key = sources[i] ?? c;
      const hit = seen.get(key);
      if (hit && hit.rackId === rackId && hit.path === path && hit.prefix === prefix) return hit.part;
      const part = checkOneChassis(resolveOneChassis(rackId, path, c, nextIdx, prefix), nextIdx, volts, nextDriver);
      seen.set(key, { rackId, path, prefix, part });
      return part;
    });
    return assembleCheck(places, parts, nextIdx, settings);
  };
}

// The check of a build after an edit that touched a few chassis: those are
// re-checked, every other chassis' part of the last result is reused, and the
// rack and site power above them (and the rack rules) are worked out again, as
// cheap as they are. The result is the one checkBuild gives for the same build
// (test/unit/check/incremental.test.ts); one instance per catalog and settings.
import type { Build } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import { indexCatalog, type CatalogIndex } from './catalog';
import { assembleCheck, checkOneChassis, type ChassisCheck, type CheckResult, type CheckSettings } from './checkBuild';
import { resolveOneChassis } from './topology';

export class IncrementalCheck {
  readonly #idx: CatalogIndex;
  readonly #settings: CheckSettings;
  #parts = new Map<string, ChassisCheck>();
  /** Whether labels carried the chassis name when the parts were made (more than one chassis). */
  #prefix: boolean | null = null;

  constructor(catalog: readonly CatalogPart[] | CatalogIndex, settings: CheckSettings) {
    this.#idx = indexCatalog(catalog);
    this.#settings = settings;
  }

  /** A full check; remembers each chassis' part for recheck(). */
  check(build: Build): CheckResult {
    return this.#run(build, null);
  }

  /**
   * The check after an edit: `touched` names every chassis (by id) whose
   * placement, parts, wiring or rack changed; chassis not seen before are
   * checked too. Any other change (settings, the catalog) needs a new instance.
   */
  recheck(build: Build, touched: Iterable<string>): CheckResult {
    return this.#run(build, new Set(touched));
  }

  #run(build: Build, touched: Set<string> | null): CheckResult {
    const prefix = build.racks.reduce((n, r) => n + r.chassis.length, 0) > 1;
    // One chassis ↔ several changes every label: nothing can be reused then.
    const reuse = touched !== null && prefix === this.#prefix;
    const parts: ChassisCheck[] = [];
    const next = new Map<string, ChassisCheck>();
    for (const rack of build.racks)
      for (const placement of rack.chassis) {
        let part = reuse && !touched.has(placement.id) ? this.#parts.get(placement.id) : undefined;
        part ??= checkOneChassis(resolveOneChassis(rack.id, placement, this.#idx, prefix), this.#idx, this.#settings.mainsVolts);
        next.set(placement.id, part);
        parts.push(part);
      }
    this.#parts = next;
    this.#prefix = prefix;
    return assembleCheck(build, parts, this.#idx, this.#settings);
  }
}

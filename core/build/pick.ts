// The parts a picker offers for one place ("+ PSU", "+ CPU", "+ DIMM"): every
// catalog part of the category the place takes that canPlace allows there —
// the same rule as a drop, so the picker never offers what a drop refuses.
// The PSUs the system ships with come first; the rest by vendor and model.
import type { CatalogIndex } from '../check/catalog';
import { partOf } from '../check/catalog';
import type { CatalogPart, PartCategory } from '../catalog/part';
import type { Build } from './build';
import { findChassis } from './edits';
import { canPlace, type DropTarget } from './placement';

export type PickTarget = Extract<DropTarget, { kind: 'psu' | 'socket' | 'dimm' | 'drives' }>;

export interface PickCandidate {
  part: CatalogPart;
  /** canPlace's note ("Replaces the PSUs the system ships with."), when it has one. */
  note: string | null;
  /** The system ships with this PSU. */
  shipped: boolean;
}

const CATEGORY_OF: Record<PickTarget['kind'], PartCategory> = { psu: 'psu', socket: 'cpu', dimm: 'memory', drives: 'storage' };

export function partsThatFit(build: Build, catalog: CatalogIndex, parts: readonly CatalogPart[], target: PickTarget): PickCandidate[] {
  const category = CATEGORY_OF[target.kind];
  const at = findChassis(build, target.chassisId);
  const shipped = new Set(target.kind === 'psu' && at ? (partOf(catalog, at.chassis.partId, 'chassis')?.specs.psusFitted ?? []).map((p) => p.partId) : []);
  const out: PickCandidate[] = [];
  for (const part of parts) {
    if (part.category !== category) continue;
    const v = canPlace(build, catalog, { source: 'palette', partId: part.id, category, label: part.model }, target);
    if (v.ok) out.push({ part, note: v.note ?? null, shipped: shipped.has(part.id) });
  }
  return out.sort((a, b) => Number(b.shipped) - Number(a.shipped) || a.part.vendor.localeCompare(b.part.vendor) || a.part.model.localeCompare(b.part.model));
}

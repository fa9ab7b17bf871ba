// What can be carried (dragged with the mouse or picked up with the keyboard)
// and where it can be put down. The editor decides whether a target takes a
// carried thing and says why not; components only report pointer and keys.
import type { Money } from '#core/money';
import type { PartCategory } from '#core/catalog/part';

export type Carry =
  | { source: 'palette'; partId: string; category: PartCategory; label: string; inventoryItemId?: string; plannedPrice?: Money }
  | { source: 'chassis'; chassisId: string; label: string }
  | { source: 'device'; chassisId: string; deviceId: string; label: string }
  | { source: 'cpu'; chassisId: string; socket: string; label: string };

/** A rack id for the rack drawn when the build has none yet: a drop there adds it. */
export const NEW_RACK = '(new)';

export type DropTarget =
  | { kind: 'rackU'; rackId: string; u: number }
  | { kind: 'racks' }
  | { kind: 'board'; chassisId: string }
  | { kind: 'socket'; chassisId: string; socket: string }
  | { kind: 'slot'; chassisId: string; slot: string }
  | { kind: 'psu'; chassisId: string }
  | { kind: 'dimm'; chassisId: string; socket: string; channel: number }
  | { kind: 'drives'; chassisId: string };

export type Verdict = { ok: true; note?: string } | { ok: false; reason: string };

/** The MIME type the editor's drags carry (the payload itself stays in the editor). */
export const DRAG_TYPE = 'application/x-rackhive-carry';

export function sameTarget(a: DropTarget | null, b: DropTarget | null): boolean {
  return !!a && !!b && JSON.stringify(a) === JSON.stringify(b);
}

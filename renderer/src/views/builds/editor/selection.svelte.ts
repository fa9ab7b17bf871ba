// What the user has selected, which chassis' board is shown, and what a
// clicked finding lights up. Kept valid against the build after every edit.
import type { Build } from '#core/build/build';
import * as E from '#core/build/edits';
import type { Finding } from '#core/check/finding';

export interface Highlight {
  /** The finding that asked for it (so the panel can show it as active). */
  finding: Finding | null;
  chassisId: string | null;
  rackIds: Set<string>;
  /** Ids inside the chassis: devices, slots, sockets, switches, root complexes. */
  ids: Set<string>;
}

const firstChassisId = (b: Build): string | null => E.allChassis(b)[0]?.id ?? null;

export class EditorSelection {
  selection = $state.raw<E.Selection>(null);
  /** The chassis the board view shows. */
  boardChassisId = $state<string | null>(null);
  highlight = $state.raw<Highlight | null>(null);

  /** The build as loaded: its first chassis is shown. */
  load(b: Build): void {
    this.boardChassisId = firstChassisId(b);
  }

  select(sel: E.Selection): void {
    this.selection = sel;
    if (sel && sel.kind !== 'rack') this.boardChassisId = sel.chassisId;
  }

  isSelected(ref: E.PlacedRef): boolean {
    return !!this.selection && JSON.stringify(this.selection) === JSON.stringify(ref);
  }

  showBoard(chassisId: string): void {
    this.boardChassisId = chassisId;
  }

  /** After an edit, undo or redo: a highlight is stale, a removed part cannot stay selected. */
  keepValid(b: Build | null): void {
    this.highlight = null;
    if (!b) return;
    if (this.selection && !E.placedPart(b, this.selection)) this.selection = null;
    if (this.boardChassisId && !E.findChassis(b, this.boardChassisId)) this.boardChassisId = firstChassisId(b);
  }

  /** Clicking a finding: what it concerns lights up in the rack and board views. */
  highlightFinding(b: Build | null, f: Finding | null): void {
    if (!f || !b) {
      this.highlight = null;
      return;
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
    const rackIds = new Set(b.racks.filter((r) => f.subjects.includes(r.id)).map((r) => r.id));
    const chassisId = f.subjects.find((s) => E.findChassis(b, s)) ?? null;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
    const ids = new Set(f.subjects.filter((s) => s !== chassisId));
    this.highlight = { finding: f, chassisId, rackIds, ids };
    if (chassisId) this.boardChassisId = chassisId;
  }

  isHighlighted(chassisId: string | null, id: string): boolean {
    const h = this.highlight;
    if (!h) return false;
    if (chassisId === null) return h.rackIds.has(id);
    // A grouped finding names several chassis: each of them lights up, not only the one on the board.
    if (chassisId === id) return h.ids.has(id) || h.chassisId === id;
    return h.chassisId === chassisId && h.ids.has(id);
  }
}

// The part being carried (mouse drag or keyboard pick-up) and the place it is
// held over. Whether it may go there and the edit that puts it there are
// core's canPlace / place (core/build/placement.ts); this keeps only the state.
import type { Build } from '#core/build/build';
import type { CatalogIndex } from '#core/check/catalog';
import { canPlace, place, type Carry, type DropTarget, type PlaceResult, type Verdict } from '#core/build/placement';

export interface CarryDeps {
  build: () => Build | null;
  catalog: () => CatalogIndex;
  /** The status line: what the user is told. */
  say: (text: string, tone: 'error' | 'info') => void;
  clear: () => void;
}

export class Carrying {
  carry = $state.raw<Carry | null>(null);
  /** How the carry started: the keyboard path moves focus and announces; a drag does not. */
  carryBy = $state<'mouse' | 'keyboard'>('mouse');
  hover = $state.raw<{ target: DropTarget; verdict: Verdict } | null>(null);

  readonly #deps: CarryDeps;
  /** Why the last place the carried part was held over refused it (said again when the drag ends there). */
  #lastRefusal: string | null = null;

  constructor(deps: CarryDeps) {
    this.#deps = deps;
  }

  start(carry: Carry, by: 'mouse' | 'keyboard'): void {
    this.carry = carry;
    this.carryBy = by;
    this.hover = null;
    this.#lastRefusal = null;
    if (by === 'keyboard')
      this.#deps.say(`Picked up ${carry.label}. Arrow keys move between the places that take it, Enter puts it there, Esc cancels.`, 'info');
    else this.#deps.clear();
  }

  cancel(announce = false): void {
    if (announce && this.carry) this.#deps.say(`Put back ${this.carry.label}.`, 'info');
    else if (this.carry && this.#lastRefusal) this.#deps.say(this.#lastRefusal, 'error');
    this.carry = null;
    this.hover = null;
    this.#lastRefusal = null;
  }

  /** Whether the carried thing may go to the target, and if not, why (core's canPlace). */
  verdict(target: DropTarget, carry: Carry | null = this.carry): Verdict {
    const b = this.#deps.build();
    if (!carry || !b) return { ok: false, reason: 'Nothing is being carried.' };
    return canPlace(b, this.#deps.catalog(), carry, target);
  }

  /** The edit that puts the carried thing at the target (core's place); the carry ends when it is allowed. */
  place(target: DropTarget): PlaceResult | null {
    const carry = this.carry;
    const b = this.#deps.build();
    if (!carry || !b) return null;
    const result = place(b, this.#deps.catalog(), carry, target);
    this.hover = null;
    if (result.ok) this.carry = null;
    return result;
  }

  setHover(target: DropTarget | null): void {
    if (!target || !this.carry) {
      this.hover = null;
      return;
    }
    if (this.hover && JSON.stringify(this.hover.target) === JSON.stringify(target)) return;
    const verdict = this.verdict(target);
    this.hover = { target, verdict };
    this.#lastRefusal = verdict.ok ? null : verdict.reason;
  }
}

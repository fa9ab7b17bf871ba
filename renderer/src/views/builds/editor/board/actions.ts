// What every part of the board view does the same way: drop the carried part
// on a target (then focus what was placed), pick a part up with the keyboard,
// and the drop feedback class of a target. The decisions are core's
// (core/build/placement, through the editor's verdict and drop).
import { tick } from 'svelte';
import { focusFirstDropTarget } from '../../../../lib/dnd/dnd';
import type { BuildEditor } from '../../editor.svelte';
import type { Carry, DropTarget } from '../../dnd';
import type { PlacedRef } from '#core/build/edits';
import { SLOT_CATEGORIES } from '#core/build/fit';

export async function dropHere(editor: BuildEditor, target: DropTarget): Promise<boolean> {
  if (!editor.carry) return false;
  const ok = editor.drop(target);
  if (ok) {
    await tick();
    document.querySelector<HTMLElement>('[data-selected-part="true"]')?.focus();
  }
  return ok;
}

export async function pickUp(editor: BuildEditor, carry: Carry): Promise<void> {
  editor.startCarry(carry, 'keyboard');
  await tick();
  focusFirstDropTarget();
}

/** Enter or Space on a placed part: select it and pick it up (a carried part cannot land on a taken place). */
export function onPartKey(editor: BuildEditor, e: KeyboardEvent, carry: Carry | null, ref: PlacedRef): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  if (editor.carry) {
    editor.refuse('That place is taken; move or remove what is there first.');
    return;
  }
  editor.select(ref);
  if (carry) void pickUp(editor, carry);
}

/** can / cannot / over ok / over bad while something is carried; '' otherwise. */
export function targetClass(editor: BuildEditor, target: DropTarget): string {
  if (!editor.carry) return '';
  const h = editor.hover;
  const over = h && JSON.stringify(h.target) === JSON.stringify(target);
  if (over) return h.verdict.ok ? 'over ok' : 'over bad';
  return editor.verdict(target).ok ? 'can' : 'cannot';
}

/** A card (from the palette or moved from a slot) is being carried. */
export function carriesCard(editor: BuildEditor): boolean {
  const c = editor.carry;
  return c?.source === 'device' || (c?.source === 'palette' && SLOT_CATEGORIES.includes(c.category));
}

export function carriesCategory(editor: BuildEditor, category: string): boolean {
  return editor.carry?.source === 'palette' && editor.carry.category === category;
}

// The editor's drag sources and drop targets, wired to the controller.
import { dragSource, dropZone } from '../../lib/dnd/dnd';
import type { BuildEditor } from './editor.svelte';
import { DRAG_TYPE, type Carry, type DropTarget } from './dnd';

export function carrySource(editor: BuildEditor, carry: () => Carry | null) {
  return dragSource(() => {
    const c = carry();
    if (!c) return null;
    return {
      type: DRAG_TYPE,
      effect: c.source === 'palette' ? 'copy' : 'move',
      start: () => editor.startCarry(c, 'mouse'),
      end: () => {
        if (editor.carryBy === 'mouse') editor.cancelCarry();
      },
    };
  });
}

/** A drop target; `at` may read the pointer (rack units) or ignore it (a slot). */
export function dropTarget(editor: BuildEditor, at: (e: DragEvent) => DropTarget | null) {
  return dropZone<DropTarget>(() => ({
    target: at,
    hover: (t) => {
      editor.setHover(t);
      return t !== null && editor.hover?.verdict.ok === true;
    },
    drop: (t) => editor.drop(t),
    effect: editor.carry?.source === 'palette' ? 'copy' : 'move',
  }));
}

/** data-drop-ok for a target while something is carried (keyboard focus goes to the first "true"). */
export function dropState(editor: BuildEditor, target: DropTarget): 'true' | 'false' | undefined {
  if (!editor.carry) return undefined;
  return editor.verdict(target).ok ? 'true' : 'false';
}

// Native HTML5 drag and drop with a keyboard twin, as Svelte attachments. The
// payload never travels in the DataTransfer (other apps could read it and the
// page cannot read it during dragover anyway): the caller keeps what is being
// carried and the DataTransfer only carries a marker type.
import type { Attachment } from 'svelte/attachments';

export interface DragSourceOptions {
  /** The MIME type marking the drag as ours. */
  type: string;
  effect: 'copy' | 'move';
  start(): void;
  end(): void;
}

export function dragSource(options: () => DragSourceOptions | null): Attachment<HTMLElement> {
  return (node) => {
    const onStart = (e: DragEvent) => {
      const o = options();
      if (!o || !e.dataTransfer) return;
      e.stopPropagation();
      e.dataTransfer.setData(o.type, '1');
      e.dataTransfer.effectAllowed = o.effect === 'copy' ? 'copy' : 'move';
      o.start();
    };
    const onEnd = () => options()?.end();
    node.draggable = options() !== null;
    node.addEventListener('dragstart', onStart);
    node.addEventListener('dragend', onEnd);
    return () => {
      node.removeEventListener('dragstart', onStart);
      node.removeEventListener('dragend', onEnd);
    };
  };
}

export interface DropZoneOptions<T> {
  /** The drop target under the pointer (null = none here). */
  target(e: DragEvent): T | null;
  /** Called on every dragover with the target; returns whether a drop there is allowed. */
  hover(target: T | null): boolean;
  drop(target: T): void;
  effect?: 'copy' | 'move';
}

export function dropZone<T>(options: () => DropZoneOptions<T>): Attachment<HTMLElement | SVGElement> {
  return (node) => {
    const over = (e: Event) => {
      const ev = e as DragEvent;
      const o = options();
      const t = o.target(ev);
      if (o.hover(t) && t !== null) {
        ev.preventDefault();
        if (ev.dataTransfer) ev.dataTransfer.dropEffect = o.effect ?? 'copy';
      } else if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'none';
    };
    const leave = (e: Event) => {
      const related = (e as DragEvent).relatedTarget;
      if (related instanceof Node && node.contains(related)) return;
      options().hover(null);
    };
    const drop = (e: Event) => {
      const ev = e as DragEvent;
      const o = options();
      const t = o.target(ev);
      ev.preventDefault();
      if (t !== null) o.drop(t);
    };
    node.addEventListener('dragenter', over);
    node.addEventListener('dragover', over);
    node.addEventListener('dragleave', leave);
    node.addEventListener('drop', drop);
    return () => {
      node.removeEventListener('dragenter', over);
      node.removeEventListener('dragover', over);
      node.removeEventListener('dragleave', leave);
      node.removeEventListener('drop', drop);
    };
  };
}

/** After a keyboard pick-up: focus the first place that takes the part. */
export function focusFirstDropTarget(root: ParentNode = document): boolean {
  const el = root.querySelector<HTMLElement>('[data-drop-ok="true"]') ?? root.querySelector<HTMLElement>('[data-drop-ok]');
  if (!el) return false;
  el.focus();
  el.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  return true;
}

/**
 * While carrying with the keyboard: arrow keys move focus to the next (or
 * previous) place that takes the part, in reading order, wrapping around.
 */
export function focusAdjacentDropTarget(delta: 1 | -1, root: ParentNode = document): boolean {
  const all = [...root.querySelectorAll<HTMLElement>('[data-drop-ok="true"]')];
  if (all.length === 0) return false;
  const active = document.activeElement;
  const at = all.findIndex((el) => el === active);
  let next: number;
  if (at >= 0) next = (at + delta + all.length) % all.length;
  else {
    // Focus is elsewhere: the first target after it in the document (or before it, going back).
    const after = active instanceof Node ? all.findIndex((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : -1;
    next = delta === 1 ? (after < 0 ? 0 : after) : after <= 0 ? all.length - 1 : after - 1;
  }
  const el = all[next]!;
  el.focus();
  el.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  return true;
}

// The page's undo history. The page owns it (not the browser, not the native
// menu): views push entries after a change succeeded on the backend, and Ctrl+Z
// / Ctrl+Shift+Z / the Edit menu walk it. Text fields keep their native undo.

export interface UndoEntry {
  /** What happened, e.g. "Deleted RTX 3090": shown in toasts and menus. */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export class UndoHistory {
  #done = $state.raw<UndoEntry[]>([]);
  #undone = $state.raw<UndoEntry[]>([]);
  #busy = $state(false);
  readonly limit: number;

  canUndo = $derived(this.#done.length > 0);
  canRedo = $derived(this.#undone.length > 0);
  /** An undo or redo is running against the backend. */
  busy = $derived(this.#busy);
  nextUndo = $derived(this.#done.at(-1)?.label ?? null);
  nextRedo = $derived(this.#undone.at(-1)?.label ?? null);

  constructor(limit = 100) {
    this.limit = limit;
  }

  push(entry: UndoEntry): void {
    this.#done = [...this.#done, entry].slice(-this.limit);
    this.#undone = [];
  }

  /**
   * Undoes the last entry; resolves to it (or null when there was nothing to
   * undo). Calls queue up, so three quick Ctrl+Z presses undo three entries.
   */
  undo(): Promise<UndoEntry | null> {
    return this.#enqueue(async () => {
      const entry = this.#done.at(-1);
      if (!entry) return null;
      await entry.undo();
      this.#done = this.#done.slice(0, -1);
      this.#undone = [...this.#undone, entry];
      return entry;
    });
  }

  redo(): Promise<UndoEntry | null> {
    return this.#enqueue(async () => {
      const entry = this.#undone.at(-1);
      if (!entry) return null;
      await entry.redo();
      this.#undone = this.#undone.slice(0, -1);
      this.#done = [...this.#done, entry];
      return entry;
    });
  }

  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

  #enqueue<T>(step: () => Promise<T>): Promise<T> {
    this.#pending++;
    this.#busy = true;
    const run = this.#queue.then(step).finally(() => {
      if (--this.#pending === 0) this.#busy = false;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** True while `entry` is still undoable (its toast may offer Undo). */
  includes(entry: UndoEntry): boolean {
    return this.#done.includes(entry);
  }

  /** Undo a specific entry only when it is the latest (a toast's Undo button). */
  undoEntry(entry: UndoEntry): Promise<boolean> {
    return this.#enqueue(async () => {
      if (this.#done.at(-1) !== entry) return false;
      await entry.undo();
      this.#done = this.#done.slice(0, -1);
      this.#undone = [...this.#undone, entry];
      return true;
    });
  }
}

/** True when the key event belongs to a text field whose own undo must be left alone. */
export function isTextEditingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return !target.readOnly;
  if (target instanceof HTMLInputElement) {
    const nonText = ['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'];
    return !nonText.includes(target.type) && !target.readOnly;
  }
  return false;
}

export type UndoKey = 'undo' | 'redo' | null;

/** Ctrl/Cmd+Z → undo; Ctrl/Cmd+Shift+Z and Ctrl+Y → redo. */
export function undoKeyOf(e: KeyboardEvent): UndoKey {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && e.ctrlKey && !e.shiftKey) return 'redo';
  return null;
}

// The open build as a document: the build itself, its undo entries (every edit
// is a whole new build from core/build/edits, so undo is "show the previous
// one") and the debounced save. It decides nothing about where parts go.
import type { ApiClient } from '../../../lib/api/client';
import { errorMessage } from '../../../lib/api/client';
import type { UndoHistory } from '../../../lib/undo.svelte';
import type { Toasts } from '../../../lib/toasts.svelte';
import type { Build } from '#core/build/build';
import type { EditResult } from '#core/build/edits';

export const SAVE_DEBOUNCE_MS = 400;

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export interface DocumentDeps {
  api: ApiClient;
  undo: UndoHistory;
  toasts: Toasts;
  buildId: number;
  /** Called after the build changed (an edit, undo or redo), to keep the selection valid. */
  changed: () => void;
  /** Called after a save went through, to refresh what depends on the stored build. */
  saved: () => void;
}

export class BuildDocument {
  build = $state.raw<Build | null>(null);
  saveState = $state<SaveState>('saved');
  saveError = $state<string | null>(null);
  savedAt = $state<number | null>(null);

  readonly #deps: DocumentDeps;
  #alive = true;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> | null = null;
  #dirty = false;

  constructor(deps: DocumentDeps) {
    this.#deps = deps;
  }

  /** The build as loaded: no undo entry, nothing to save. */
  load(b: Build): void {
    this.build = b;
  }

  /**
   * Applies an edit's result: the new build becomes current, undoable and is
   * saved a moment later. A refusal changes nothing (the caller announces it).
   */
  apply(result: EditResult & { ok: true }): boolean {
    const before = this.build;
    const after = result.build;
    if (!before) return false;
    this.#set(after);
    this.#deps.undo.push({
      label: result.label,
      undo: () => this.#restore(before),
      redo: () => this.#restore(after),
    });
    return true;
  }

  async #restore(b: Build): Promise<void> {
    if (this.#alive) {
      this.#set(b);
      this.#deps.changed();
      return;
    }
    // The editor is closed: put the build back on the backend directly.
    await this.#deps.api.call('builds:save', { id: this.#deps.buildId, build: b });
  }

  #set(b: Build): void {
    this.build = b;
    this.#dirty = true;
    this.saveState = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.saveNow(), SAVE_DEBOUNCE_MS);
  }

  /** Stops saving on a timer; an unsaved change is written now. */
  dispose(): void {
    this.#alive = false;
    if (this.#dirty) void this.saveNow();
  }

  /** Writes the build now (the debounce firing, leaving the editor, or a test). */
  async saveNow(): Promise<void> {
    clearTimeout(this.#timer);
    if (this.#saving) {
      await this.#saving;
      if (!this.#dirty) return;
    }
    const build = this.build;
    if (!build || !this.#dirty) return;
    this.#dirty = false;
    this.saveState = 'saving';
    this.#saving = (async () => {
      try {
        await this.#deps.api.call('builds:save', { id: this.#deps.buildId, build });
        if (!this.#dirty) {
          this.saveState = 'saved';
          this.saveError = null;
          this.savedAt = Date.now();
        }
      } catch (err) {
        this.#dirty = true;
        this.saveState = 'error';
        this.saveError = errorMessage(err);
        this.#deps.toasts.show(`Could not save the build: ${errorMessage(err)}`, { kind: 'error' });
      } finally {
        this.#saving = null;
      }
    })();
    await this.#saving;
    const state = this.saveState as SaveState;
    if (this.#dirty && state !== 'error') await this.saveNow();
    else if (this.#alive && state === 'saved') this.#deps.saved();
  }
}

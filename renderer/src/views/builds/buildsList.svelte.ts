// The builds list's controller: the builds with their counts and worst finding,
// the shipped examples, and create / rename / duplicate / delete (with undo:
// delete moves a build to the trash and restore brings it back by id).
import type { ApiClient } from '../../lib/api/client';
import { errorMessage } from '../../lib/api/client';
import type { UndoEntry, UndoHistory } from '../../lib/undo.svelte';
import type { Toasts } from '../../lib/toasts.svelte';
import type { BuildListEntry, ExampleEntry } from '#core/api/builds';

export class BuildsList {
  readonly api: ApiClient;
  readonly undo: UndoHistory;
  readonly toasts: Toasts;

  builds = $state.raw<BuildListEntry[]>([]);
  examples = $state.raw<ExampleEntry[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** The row whose name is being edited. */
  renaming = $state<number | null>(null);
  busy = $state(false);

  isEmpty = $derived(this.loaded && this.builds.length === 0 && this.loadError === null);

  constructor(deps: { api: ApiClient; undo: UndoHistory; toasts: Toasts }) {
    this.api = deps.api;
    this.undo = deps.undo;
    this.toasts = deps.toasts;
  }

  async start(): Promise<void> {
    await Promise.all([this.reload(), this.#loadExamples()]);
  }

  async reload(): Promise<void> {
    try {
      const { builds } = await this.api.call('builds:list', {});
      this.builds = builds;
      this.loadError = null;
    } catch (err) {
      this.loadError = errorMessage(err);
    } finally {
      this.loaded = true;
    }
  }

  async #loadExamples(): Promise<void> {
    try {
      this.examples = (await this.api.call('builds:examples', {})).examples;
    } catch {
      this.examples = [];
    }
  }

  /** A new build; resolves to its id (the view then opens it). */
  async create(name: string): Promise<number | null> {
    return this.#creating(() => this.api.call('builds:create', { name: name.trim() || 'New build' }), 'Created');
  }

  async openExample(exampleId: string): Promise<number | null> {
    return this.#creating(() => this.api.call('builds:create', { exampleId }), 'Opened the example');
  }

  async #creating(run: () => Promise<{ id: number; build: { name: string } }>, verb: string): Promise<number | null> {
    this.busy = true;
    try {
      const detail = await run();
      const id = detail.id;
      const name = detail.build.name;
      this.undo.push(this.#deleteEntry(`${verb} ${name}`, id, 'created'));
      await this.reload();
      return id;
    } catch (err) {
      this.toasts.show(`Could not create the build: ${errorMessage(err)}`, { kind: 'error' });
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Undo of a create is a delete; redo restores. */
  #deleteEntry(label: string, id: number, kind: 'created' | 'deleted'): UndoEntry {
    const del = async () => {
      await this.api.call('builds:delete', { id });
      await this.reload();
    };
    const restore = async () => {
      await this.api.call('builds:restore', { id });
      await this.reload();
    };
    return kind === 'created' ? { label, undo: del, redo: restore } : { label, undo: restore, redo: del };
  }

  async rename(id: number, name: string): Promise<boolean> {
    const before = this.builds.find((b) => b.id === id)?.name;
    const trimmed = name.trim();
    this.renaming = null;
    if (!before || !trimmed || trimmed === before) return false;
    try {
      await this.api.call('builds:rename', { id, name: trimmed });
    } catch (err) {
      this.toasts.show(`Could not rename: ${errorMessage(err)}`, { kind: 'error' });
      return false;
    }
    this.undo.push({
      label: `Renamed ${before} to ${trimmed}`,
      undo: async () => {
        await this.api.call('builds:rename', { id, name: before });
        await this.reload();
      },
      redo: async () => {
        await this.api.call('builds:rename', { id, name: trimmed });
        await this.reload();
      },
    });
    await this.reload();
    return true;
  }

  async duplicate(id: number): Promise<void> {
    try {
      const copy = await this.api.call('builds:duplicate', { id });
      this.undo.push(this.#deleteEntry(`Duplicated as ${copy.build.name}`, copy.id, 'created'));
      const dropped = copy.droppedBindings.length;
      this.toasts.show(
        dropped
          ? `Duplicated as ${copy.build.name}; ${dropped} owned part${dropped > 1 ? 's stay' : ' stays'} with the original and ${dropped > 1 ? 'are' : 'is'} planned in the copy`
          : `Duplicated as ${copy.build.name}`,
        { timeoutMs: 5000 },
      );
      await this.reload();
    } catch (err) {
      this.toasts.show(`Could not duplicate: ${errorMessage(err)}`, { kind: 'error' });
    }
  }

  async remove(id: number): Promise<void> {
    const name = this.builds.find((b) => b.id === id)?.name ?? 'the build';
    try {
      await this.api.call('builds:delete', { id });
    } catch (err) {
      this.toasts.show(`Could not delete ${name}: ${errorMessage(err)}`, { kind: 'error' });
      return;
    }
    this.builds = this.builds.filter((b) => b.id !== id);
    let toastId = 0;
    const entry = this.#deleteEntry(`Deleted ${name}`, id, 'deleted');
    const undo = entry.undo;
    entry.undo = async () => {
      this.toasts.dismiss(toastId);
      await undo();
    };
    this.undo.push(entry);
    toastId = this.toasts.show(`Deleted ${name}`, {
      action: {
        label: 'Undo',
        run: async () => {
          try {
            if (await this.undo.undoEntry(entry)) this.toasts.show(`Restored ${name}`, { timeoutMs: 4000 });
          } catch (err) {
            this.toasts.show(`Could not restore ${name}: ${errorMessage(err)}`, { kind: 'error' });
          }
        },
      },
    });
    await this.reload();
  }
}

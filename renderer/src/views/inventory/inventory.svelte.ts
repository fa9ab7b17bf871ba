// The inventory view's controller: the query (search, filters, sort), the
// loaded window of rows, totals, the catalog parts for the picker, the drawer,
// and delete with undo. Components read it from context and call its methods;
// none of them talk to the API directly.
import { getContext, setContext } from 'svelte';
import type { ApiClient } from '../../lib/api/client';
import { errorMessage } from '../../lib/api/client';
import type { UndoEntry, UndoHistory } from '../../lib/undo.svelte';
import type { Toasts } from '../../lib/ui/toasts.svelte';
import type { InventoryItem, InventoryItemView } from '#core/inventory/item';
import type { InventorySortColumn, SortDirection } from '#core/inventory/query';
import type { ItemStatus } from '#core/inventory/status';
import type { InventoryTotals } from '#core/inventory/totals';
import type { PartSummary } from '#core/api/parts';
import { partName } from './labels';

export const PAGE_SIZE = 100;
export const SEARCH_DEBOUNCE_MS = 250;

export type DrawerState = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; item: InventoryItemView };

const EMPTY_TOTALS: InventoryTotals = { spent: [], wishlist: [], wishlistUnpricedCount: 0, spentUnpricedCount: 0 };

export class InventoryController {
  readonly api: ApiClient;
  readonly undo: UndoHistory;
  readonly toasts: Toasts;

  /** What the search box shows (immediately) and what the list was asked for (debounced). */
  searchText = $state('');
  search = $state('');
  statuses = $state<ItemStatus[]>([]);
  category = $state<string>('');
  sort = $state<{ column: InventorySortColumn; direction: SortDirection }>({ column: 'updatedAt', direction: 'desc' });

  items = $state.raw<InventoryItemView[]>([]);
  total = $state(0);
  totals = $state.raw<InventoryTotals>(EMPTY_TOTALS);
  loading = $state(false);
  /** True once the first page has arrived (so the empty state does not flash while loading). */
  loaded = $state(false);
  loadError = $state<string | null>(null);

  parts = $state.raw<PartSummary[]>([]);
  partsError = $state<string | null>(null);

  drawer = $state.raw<DrawerState>({ mode: 'closed' });

  filtered = $derived(this.search.trim() !== '' || this.statuses.length > 0 || this.category !== '');
  /** First run: nothing at all in the inventory (not merely filtered away). */
  isEmpty = $derived(this.loaded && this.total === 0 && !this.filtered && this.loadError === null);
  hasMore = $derived(this.items.length < this.total);
  categories = $derived(this.parts.map((p) => p.category).filter((c, i, all) => all.indexOf(c) === i));

  #request = 0;
  #debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: { api: ApiClient; undo: UndoHistory; toasts: Toasts }) {
    this.api = deps.api;
    this.undo = deps.undo;
    this.toasts = deps.toasts;
  }

  /** First load: the list and the parts for the picker. */
  async start(): Promise<void> {
    await Promise.all([this.reload(), this.loadParts()]);
  }

  async loadParts(): Promise<void> {
    try {
      const { parts } = await this.api.call('parts:list', { search: '', limit: 5000 });
      this.parts = parts;
      this.partsError = null;
    } catch (err) {
      this.partsError = errorMessage(err);
    }
  }

  #query(offset: number, limit: number) {
    return {
      search: this.search.trim(),
      statuses: [...this.statuses],
      categories: this.category ? [this.category] : [],
      sort: { ...this.sort },
      offset,
      limit,
    };
  }

  /**
   * Reloads from the first row. After a change it keeps as many rows as were
   * loaded (so "load more" progress is not lost), capped at a few pages.
   */
  async reload(keepLoaded = false): Promise<void> {
    const limit = keepLoaded ? Math.min(Math.max(PAGE_SIZE, this.items.length), PAGE_SIZE * 10) : PAGE_SIZE;
    const request = ++this.#request;
    this.loading = true;
    try {
      const page = await this.api.call('inventory:list', this.#query(0, limit));
      if (request !== this.#request) return;
      this.items = page.items;
      this.total = page.total;
      this.totals = page.totals;
      this.loadError = null;
      this.loaded = true;
    } catch (err) {
      if (request !== this.#request) return;
      this.loadError = errorMessage(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loading) return;
    const request = ++this.#request;
    this.loading = true;
    try {
      const page = await this.api.call('inventory:list', this.#query(this.items.length, PAGE_SIZE));
      if (request !== this.#request) return;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
      const seen = new Set(this.items.map((i) => i.id));
      this.items = [...this.items, ...page.items.filter((i) => !seen.has(i.id))];
      this.total = page.total;
      this.totals = page.totals;
    } catch (err) {
      if (request === this.#request) this.loadError = errorMessage(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  setSearchText(text: string): void {
    this.searchText = text;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.applySearch(), SEARCH_DEBOUNCE_MS);
  }

  /** Runs the typed search now (Enter in the box, or the debounce firing). */
  applySearch(): void {
    clearTimeout(this.#debounce);
    if (this.search === this.searchText) return;
    this.search = this.searchText;
    void this.reload();
  }

  toggleStatus(status: ItemStatus): void {
    this.statuses = this.statuses.includes(status) ? this.statuses.filter((s) => s !== status) : [...this.statuses, status];
    void this.reload();
  }

  setStatuses(statuses: readonly ItemStatus[]): void {
    this.statuses = [...statuses];
    void this.reload();
  }

  setCategory(category: string): void {
    this.category = category;
    void this.reload();
  }

  clearFilters(): void {
    clearTimeout(this.#debounce);
    this.searchText = '';
    this.search = '';
    this.statuses = [];
    this.category = '';
    void this.reload();
  }

  /** Click on a column header: a new column sorts ascending, the same one flips. */
  sortBy(column: InventorySortColumn): void {
    const direction: SortDirection = this.sort.column === column && this.sort.direction === 'asc' ? 'desc' : 'asc';
    this.sort = { column, direction };
    void this.reload();
  }

  openCreate(): void {
    this.drawer = { mode: 'create' };
  }

  openEdit(item: InventoryItemView): void {
    this.drawer = { mode: 'edit', item };
  }

  closeDrawer(): void {
    this.drawer = { mode: 'closed' };
  }

  /** After the drawer saved: show the saved row and refresh the list and totals. */
  async saved(item: InventoryItemView, created: boolean): Promise<void> {
    this.drawer = { mode: 'closed' };
    this.toasts.show(created ? `Added ${partName(item.part)}` : `Saved ${partName(item.part)}`, { timeoutMs: 4000 });
    await this.reload(true);
  }

  /** Deletes an item; the toast and Ctrl+Z put it back under its own id. */
  async remove(item: InventoryItemView): Promise<void> {
    const name = partName(item.part);
    let deleted;
    try {
      deleted = await this.api.call('inventory:delete', { id: item.id });
    } catch (err) {
      this.toasts.show(`Could not delete ${name}: ${errorMessage(err)}`, { kind: 'error' });
      return;
    }
    if (this.drawer.mode === 'edit' && this.drawer.item.id === item.id) this.drawer = { mode: 'closed' };
    this.items = this.items.filter((i) => i.id !== item.id);
    this.total = Math.max(0, this.total - 1);

    let toastId = 0;
    const stored: InventoryItem = stripPart(deleted.item);
    const history = deleted.history;
    const entry: UndoEntry = {
      label: `Deleted ${name}`,
      undo: async () => {
        this.toasts.dismiss(toastId);
        await this.api.call('inventory:restore', { item: stored, history });
        await this.reload(true);
      },
      redo: async () => {
        await this.api.call('inventory:delete', { id: stored.id });
        await this.reload(true);
      },
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
    await this.reload(true);
  }
}

function stripPart(view: InventoryItemView): InventoryItem {
  const { part: _part, ...item } = view;
  return item;
}

const KEY = Symbol('rackhive.inventory');

export function setInventory(controller: InventoryController): InventoryController {
  return setContext(KEY, controller);
}

export function getInventory(): InventoryController {
  const controller = getContext<InventoryController | undefined>(KEY);
  if (!controller) throw new Error('InventoryController is not provided: render inside InventoryView.');
  return controller;
}

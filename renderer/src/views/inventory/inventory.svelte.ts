// The inventory view's controller: the query (search, filters, sort), the
// rows as a sparse cache of pages (the table is virtualised: it asks for the
// pages it shows, so 100,000 items cost what one screen costs), totals, the
// catalog parts for the picker, the drawer, and delete with undo. Components
// read it from context and call its methods; none of them talk to the API directly.
import { getContext, setContext } from 'svelte';
import type { ApiClient } from '../../lib/api/client';
import { errorMessage } from '../../lib/api/client';
import type { UndoEntry, UndoHistory } from '../../lib/undo.svelte';
import type { Toasts } from '../../lib/toasts.svelte';
import type { InventoryItem, InventoryItemView } from '#core/inventory/item';
import type { InventorySortColumn, SortDirection } from '#core/inventory/query';
import type { ItemStatus } from '#core/inventory/status';
import type { InventoryTotals } from '#core/inventory/totals';
import type { PartSummary } from '#core/api/parts';
import { partName } from './labels';
import { isChannel } from '#core/api/contract';
import { todayIso } from '../../lib/format';

export const PAGE_SIZE = 100;
export const SEARCH_DEBOUNCE_MS = 250;

export type DrawerState = { mode: 'closed' } | { mode: 'create' } | { mode: 'edit'; item: InventoryItemView };

const EMPTY_TOTALS: InventoryTotals = {
  spent: [],
  wishlist: [],
  wishlistUnpricedCount: 0,
  spentUnpricedCount: 0,
  inBase: { currency: 'USD', spentMinor: 0, wishlistMinor: 0, unconvertedCount: 0 },
  byStatus: [],
  byCategory: [],
};

export class InventoryController {
  readonly api: ApiClient;
  readonly undo: UndoHistory;
  readonly toasts: Toasts;

  /** What the search box shows (immediately) and what the list was asked for (debounced). */
  searchText = $state('');
  search = $state('');
  statuses = $state<ItemStatus[]>([]);
  category = $state<string>('');
  /** Only items whose return window closes within 5 days. */
  returnClosing = $state(false);
  /** The user's currency (Settings), for totals. */
  baseCurrency = $state('USD');
  sort = $state<{ column: InventorySortColumn; direction: SortDirection }>({ column: 'updatedAt', direction: 'desc' });

  /** Loaded pages of rows by page index (PAGE_SIZE rows each); `pagesVersion` changes when they do. */
  // Plain collections on purpose: `pagesVersion` is the one reactive signal for them.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #pages = new Map<number, InventoryItemView[]>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #pending = new Set<number>();
  pagesVersion = $state(0);
  /** The first page (what lists and forms need when they need "some rows"). */
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

  filtered = $derived(this.search.trim() !== '' || this.statuses.length > 0 || this.category !== '' || this.returnClosing);
  /** First run: nothing at all in the inventory (not merely filtered away). */
  isEmpty = $derived(this.loaded && this.total === 0 && !this.filtered && this.loadError === null);
  /** Rows loaded so far (for the table's caption). */
  loadedCount = $derived.by(() => {
    void this.pagesVersion;
    let n = 0;
    for (const page of this.#pages.values()) n += page.length;
    return n;
  });
  categories = $derived(this.parts.map((p) => p.category).filter((c, i, all) => all.indexOf(c) === i));

  #request = 0;
  #debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: { api: ApiClient; undo: UndoHistory; toasts: Toasts }) {
    this.api = deps.api;
    this.undo = deps.undo;
    this.toasts = deps.toasts;
  }

  /** First load: the user's currency, then the list, and the parts for the picker. */
  async start(): Promise<void> {
    await Promise.all([this.loadSettings().then(() => this.reload()), this.loadParts()]);
  }

  /** The currency totals are shown in, from Settings when that channel exists (USD otherwise). */
  async loadSettings(): Promise<void> {
    if (!isChannel('settings:get')) return;
    try {
      const settings = (await this.api.call('settings:get' as never, {} as never)) as { currency?: string };
      if (settings && typeof settings.currency === 'string' && /^[A-Z]{3}$/.test(settings.currency)) this.baseCurrency = settings.currency;
    } catch {
      // Totals stay in USD; the list itself does not depend on it.
    }
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
      returnClosing: this.returnClosing,
      today: todayIso(),
      baseCurrency: this.baseCurrency,
      sort: { ...this.sort },
      offset,
      limit,
    };
  }

  /** The row at `index`, or undefined while its page is loading. */
  rowAt(index: number): InventoryItemView | undefined {
    void this.pagesVersion;
    return this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Loads the pages covering rows [start, end) that are not loaded yet. */
  ensureRows(start: number, end: number): void {
    if (!this.loaded) return;
    const last = Math.min(end, this.total) - 1;
    for (let p = Math.floor(Math.max(0, start) / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
      if (!this.#pages.has(p) && !this.#pending.has(p)) void this.#loadPage(p, this.#request);
    }
  }

  async #loadPage(page: number, request: number): Promise<void> {
    this.#pending.add(page);
    try {
      const result = await this.api.call('inventory:list', this.#query(page * PAGE_SIZE, PAGE_SIZE));
      if (request !== this.#request) return;
      this.#pages.set(page, result.items);
      this.total = result.total;
      this.totals = result.totals;
      this.pagesVersion++;
    } catch (err) {
      if (request === this.#request) this.loadError = errorMessage(err);
    } finally {
      this.#pending.delete(page);
    }
  }

  /**
   * Reloads from the first row. After a change (`keepLoaded`) the pages that
   * were showing are fetched again, so the table does not jump.
   */
  async reload(keepLoaded = false): Promise<void> {
    const keep = keepLoaded ? [...this.#pages.keys()].filter((p) => p > 0).slice(0, 10) : [];
    const request = ++this.#request;
    this.loading = true;
    try {
      const page = await this.api.call('inventory:list', this.#query(0, PAGE_SIZE));
      if (request !== this.#request) return;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- see #pages
      this.#pages = new Map([[0, page.items]]);
      this.#pending.clear();
      this.items = page.items;
      this.total = page.total;
      this.totals = page.totals;
      this.loadError = null;
      this.loaded = true;
      this.pagesVersion++;
      for (const p of keep) if (p * PAGE_SIZE < this.total) void this.#loadPage(p, request);
    } catch (err) {
      if (request !== this.#request) return;
      this.loadError = errorMessage(err);
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

  setReturnClosing(on: boolean): void {
    this.returnClosing = on;
    void this.reload();
  }

  clearFilters(): void {
    clearTimeout(this.#debounce);
    this.searchText = '';
    this.search = '';
    this.statuses = [];
    this.category = '';
    this.returnClosing = false;
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
    // Gone from view at once; the reload below brings the pages back in step.
    for (const [p, rows] of this.#pages)
      this.#pages.set(
        p,
        rows.filter((i) => i.id !== item.id),
      );
    this.items = this.items.filter((i) => i.id !== item.id);
    this.total = Math.max(0, this.total - 1);
    this.pagesVersion++;

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
  const { part: _part, orderShippingMinor: _s, orderTaxMinor: _t, returnDeadline: _r, ...item } = view;
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

// The catalog view's controller: the query (category, search, spec ranges,
// sort — mirrored in the URL hash), the rows, the keyboard selection, the
// detail pane, and the actions on a part (add to inventory or wishlist, clone
// a built-in and edit the clone, delete a user part, import NetBox YAML).
// Components read it from context; none of them talk to the API directly.
import { getContext, setContext } from 'svelte';
import type { ApiClient } from '../../lib/api/client';
import { ApiClientError, errorMessage } from '../../lib/api/client';
import type { Toasts } from '../../lib/toasts.svelte';
import type { CatalogEntry } from '#core/api/catalog';
import type { PartNote } from '#core/catalog/partNote';
import { isUserPartId, type CatalogPart, type PartOf } from '#core/catalog/part';
import type { RangeFilter } from '#core/catalog/derived';
import { columnsFor, partName, type Column } from './columns';
import { catalogHash, parseCatalogHash, type CatalogState, type CategoryTab, type Range } from './urlState';

export const SEARCH_DEBOUNCE_MS = 250;
export const RANGE_DEBOUNCE_MS = 350;

export interface Detail {
  entry: CatalogEntry;
  inventoryItems: number;
  /** The user's notes on the part (a kept built-in's NetBox facts), oldest first. */
  notes: PartNote[];
  /** The board a barebone system ships with (its topology is shown), when the catalog has it. */
  board: PartOf<'board'> | null;
}

/** Sorts and filters on columns catalog:list cannot (counts over a topology, nested fields, price in whole units). */
export function applyLocal(entries: readonly CatalogEntry[], columns: readonly Column[], ranges: readonly Range[], sort: CatalogState['sort']): CatalogEntry[] {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never state
  const byKey = new Map(columns.map((c) => [c.key, c]));
  let out = entries.filter((e) =>
    ranges.every((r) => {
      const col = byKey.get(r.field);
      if (!col) return true;
      const v = col.value(e);
      if (typeof v !== 'number') return false; // unknown never satisfies a range
      return (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);
    }),
  );
  const col = sort ? byKey.get(sort.field) : undefined;
  if (sort && (sort.field === 'name' || (col && !col.server))) {
    const sign = sort.direction === 'desc' ? -1 : 1;
    const value = (e: CatalogEntry) => (sort.field === 'name' ? partName(e.part) : (col?.value(e) ?? null));
    out = [...out].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1; // unknown last either way
      const d = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), 'en', { numeric: true, sensitivity: 'base' });
      return sign * d || a.part.id.localeCompare(b.part.id);
    });
  }
  return out;
}

export class CatalogController {
  readonly api: ApiClient;
  readonly toasts: Toasts;

  category = $state<CategoryTab>('all');
  searchText = $state('');
  search = $state('');
  ranges = $state.raw<Range[]>([]);
  /** What the min/max inputs show, keyed "field.min" / "field.max" (may be text that is not a number yet). */
  rangeText = $state<Record<string, string>>({});
  rangeErrors = $state<Record<string, string>>({});
  sort = $state.raw<CatalogState['sort']>(null);
  openId = $state<string | null>(null);

  entries = $state.raw<CatalogEntry[]>([]);
  counts = $state.raw<Record<string, number>>({});
  loading = $state(false);
  loaded = $state(false);
  loadError = $state<string | null>(null);

  /** The row the arrow keys are on (not necessarily open). */
  cursorId = $state<string | null>(null);
  detail = $state.raw<Detail | null>(null);
  detailLoading = $state(false);
  detailError = $state<string | null>(null);
  /** The open part is being edited (a user part). */
  editing = $state(false);
  busy = $state(false);
  confirmingDelete = $state(false);
  /** The last action's problem, shown in the pane (e.g. the CONFLICT message of a delete). */
  actionError = $state<string | null>(null);
  importError = $state<string | null>(null);
  /** A NetBox file that names a built-in model: the person chooses to keep the built-in or import a copy. */
  builtinOffer = $state.raw<{
    fileName: string;
    text: string;
    category: string;
    builtin: { id: string; model: string };
    copyModel: string;
    note: string | null;
  } | null>(null);
  /** What the last import said besides errors (disagreements, unknowns, the built-in's extra facts). */
  importNotes = $state.raw<{ fileName: string; title: string; lines: string[] } | null>(null);

  columns = $derived(columnsFor(this.category));
  rows = $derived(applyLocal(this.entries, this.columns, this.ranges, this.sort));
  filtered = $derived(this.search.trim() !== '' || this.ranges.length > 0);

  #request = 0;
  #countsFor: string | null = null;
  #detailRequest = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #rangeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The hash this controller wrote last, so its own writes are not read back as navigation. */
  #wrote = '';

  constructor(deps: { api: ApiClient; toasts: Toasts }) {
    this.api = deps.api;
    this.toasts = deps.toasts;
  }

  get state(): CatalogState {
    return { category: this.category, search: this.search, ranges: this.ranges, sort: this.sort, open: this.openId };
  }

  /** Takes the state from a URL hash (first load, a bookmark, back/forward). */
  async fromHash(hash: string): Promise<void> {
    if (hash === this.#wrote) return;
    const s = parseCatalogHash(hash);
    const columns = columnsFor(s.category);
    const known = (f: string) => f === 'name' || columns.some((c) => c.key === f);
    this.category = s.category;
    this.search = s.search;
    this.searchText = s.search;
    this.ranges = s.ranges.filter((r) => columns.some((c) => c.key === r.field && c.rangeable));
    this.sort = s.sort && known(s.sort.field) ? s.sort : null;
    this.rangeText = Object.fromEntries(
      this.ranges.flatMap((r) => [
        ...(r.min !== undefined ? [[`${r.field}.min`, String(r.min)]] : []),
        ...(r.max !== undefined ? [[`${r.field}.max`, String(r.max)]] : []),
      ]),
    );
    this.rangeErrors = {};
    this.#wrote = catalogHash(this.state);
    const loading = this.reload();
    if (s.open !== this.openId || (s.open && !this.detail)) {
      if (s.open) void this.open(s.open, { write: false });
      else this.close({ write: false });
    }
    await loading;
  }

  #writeHash(): void {
    const hash = catalogHash(this.state);
    this.#wrote = hash;
    if (typeof window === 'undefined' || window.location.hash === hash) return;
    // Replace, not push: typing in a filter should not fill the back button.
    window.history.replaceState(window.history.state, '', hash);
  }

  #query() {
    const columns = this.columns;
    const server = (field: string) => columns.some((c) => c.key === field && c.server);
    const ranges: RangeFilter[] = this.ranges
      .filter((r) => server(r.field))
      .map((r) => ({ field: r.field, ...(r.min !== undefined ? { min: r.min } : {}), ...(r.max !== undefined ? { max: r.max } : {}) }));
    const sort = this.sort && server(this.sort.field) ? this.sort : undefined;
    return {
      search: this.search.trim(),
      ...(this.category !== 'all' ? { category: this.category } : {}),
      ranges,
      ...(sort ? { sort } : {}),
    };
  }

  async reload(): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    const search = this.search.trim();
    const needCounts = this.#countsFor !== search;
    try {
      const [page, all] = await Promise.all([
        this.api.call('catalog:list', this.#query()),
        needCounts ? this.api.call('catalog:list', { search, ranges: [] }) : Promise.resolve(null),
      ]);
      if (request !== this.#request) return;
      this.entries = page.entries;
      if (all) {
        const counts: Record<string, number> = { all: all.entries.length };
        for (const e of all.entries) counts[e.part.category] = (counts[e.part.category] ?? 0) + 1;
        this.counts = counts;
        this.#countsFor = search;
      }
      this.loadError = null;
      this.loaded = true;
      if (!this.cursorId || !this.rows.some((e) => e.part.id === this.cursorId)) this.cursorId = this.openId ?? this.rows[0]?.part.id ?? null;
    } catch (err) {
      if (request === this.#request) this.loadError = errorMessage(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  setSearchText(text: string): void {
    this.searchText = text;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.applySearch(), SEARCH_DEBOUNCE_MS);
  }

  applySearch(): void {
    clearTimeout(this.#searchTimer);
    if (this.search === this.searchText) return;
    this.search = this.searchText;
    this.#writeHash();
    void this.reload();
  }

  setCategory(category: CategoryTab): void {
    if (category === this.category) return;
    const columns = columnsFor(category);
    this.category = category;
    // Ranges and sort on columns the new category does not have would hide everything.
    this.ranges = this.ranges.filter((r) => columns.some((c) => c.key === r.field));
    this.rangeText = Object.fromEntries(Object.entries(this.rangeText).filter(([k]) => columns.some((c) => k.startsWith(`${c.key}.`))));
    this.rangeErrors = {};
    if (this.sort && this.sort.field !== 'name' && !columns.some((c) => c.key === this.sort?.field)) this.sort = null;
    this.#writeHash();
    void this.reload();
  }

  /** Typing in a min/max input: checked at once, applied after a pause. */
  setRange(field: string, bound: 'min' | 'max', text: string): void {
    const key = `${field}.${bound}`;
    this.rangeText = { ...this.rangeText, [key]: text };
    const trimmed = text.trim();
    const n = trimmed === '' ? undefined : Number(trimmed);
    if (n !== undefined && !Number.isFinite(n)) {
      this.rangeErrors = { ...this.rangeErrors, [key]: 'Enter a number' };
      return;
    }
    const { [key]: _cleared, ...errors } = this.rangeErrors;
    this.rangeErrors = errors;
    const others = this.ranges.filter((r) => r.field !== field);
    const current: Range = { ...(this.ranges.find((r) => r.field === field) ?? { field }) };
    if (n === undefined) delete current[bound];
    else current[bound] = n;
    this.ranges = current.min === undefined && current.max === undefined ? others : [...others, current];
    clearTimeout(this.#rangeTimer);
    this.#rangeTimer = setTimeout(() => {
      this.#writeHash();
      void this.reload();
    }, RANGE_DEBOUNCE_MS);
  }

  /** Applies pending range edits now (Enter in a range input). */
  flushRanges(): void {
    clearTimeout(this.#rangeTimer);
    this.#writeHash();
    void this.reload();
  }

  clearFilters(): void {
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#rangeTimer);
    this.searchText = '';
    this.search = '';
    this.ranges = [];
    this.rangeText = {};
    this.rangeErrors = {};
    this.#writeHash();
    void this.reload();
  }

  /** A header click: a new numeric column sorts largest first, a text column A→Z; the same column flips. */
  sortBy(key: string, numeric: boolean): void {
    const first = numeric ? 'desc' : 'asc';
    const direction = this.sort?.field === key ? (this.sort.direction === 'asc' ? 'desc' : 'asc') : first;
    this.sort = { field: key, direction };
    this.#writeHash();
    void this.reload();
  }

  moveCursor(delta: number): string | null {
    const rows = this.rows;
    if (rows.length === 0) return null;
    const at = rows.findIndex((e) => e.part.id === this.cursorId);
    const next = rows[Math.max(0, Math.min(rows.length - 1, at < 0 ? 0 : at + delta))];
    this.cursorId = next?.part.id ?? null;
    return this.cursorId;
  }

  async open(id: string, options: { write?: boolean } = {}): Promise<void> {
    this.openId = id;
    this.cursorId = id;
    this.editing = false;
    this.confirmingDelete = false;
    this.actionError = null;
    if (options.write !== false) this.#writeHash();
    await this.#loadDetail(id);
  }

  async #loadDetail(id: string): Promise<void> {
    const request = ++this.#detailRequest;
    this.detailLoading = true;
    this.detailError = null;
    try {
      const got = await this.api.call('catalog:get', { id });
      let board: PartOf<'board'> | null = null;
      if (got.part.category === 'board') board = got.part;
      else if (got.part.category === 'chassis' && got.part.specs.integratedBoard) {
        try {
          const b = await this.api.call('catalog:get', { id: got.part.specs.integratedBoard });
          if (b.part.category === 'board') board = b.part;
        } catch {
          board = null; // the pane says the board is not in the catalog
        }
      }
      if (request !== this.#detailRequest) return;
      const { inventoryItems, notes, ...entry } = got;
      this.detail = { entry, inventoryItems, notes, board };
    } catch (err) {
      if (request !== this.#detailRequest) return;
      this.detail = null;
      this.detailError = errorMessage(err);
    } finally {
      if (request === this.#detailRequest) this.detailLoading = false;
    }
  }

  close(options: { write?: boolean } = {}): void {
    this.openId = null;
    this.detail = null;
    this.detailError = null;
    this.editing = false;
    this.confirmingDelete = false;
    this.actionError = null;
    if (options.write !== false) this.#writeHash();
  }

  /** Creates an inventory item of the open part; the toast links to the inventory. */
  async addToInventory(status: 'received' | 'wishlist'): Promise<boolean> {
    const part = this.detail?.entry.part;
    if (!part) return false;
    this.busy = true;
    this.actionError = null;
    try {
      await this.api.call('inventory:create', { partId: part.id, status, quantity: '1' });
      this.detail = this.detail && { ...this.detail, inventoryItems: this.detail.inventoryItems + 1 };
      this.toasts.show(`Added ${partName(part)} to the ${status === 'wishlist' ? 'wishlist' : 'inventory'}`, {
        timeoutMs: 8000,
        action: {
          label: 'Open inventory',
          run: () => {
            window.location.hash = '#/inventory';
          },
        },
      });
      return true;
    } catch (err) {
      this.actionError = `Could not add ${partName(part)}: ${errorMessage(err)}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Copies the open built-in into a user part and opens the copy in the edit form. */
  async cloneOpen(): Promise<CatalogPart | null> {
    const part = this.detail?.entry.part;
    if (!part) return null;
    this.busy = true;
    this.actionError = null;
    try {
      const { part: clone } = await this.api.call('catalog:cloneBuiltin', { id: part.id });
      this.#countsFor = null;
      await this.open(clone.id);
      this.editing = true;
      void this.reload();
      this.toasts.show(`Cloned ${partName(part)}: edit your copy`, { timeoutMs: 4000 });
      return clone;
    } catch (err) {
      this.actionError = `Could not clone ${partName(part)}: ${errorMessage(err)}`;
      return null;
    } finally {
      this.busy = false;
    }
  }

  startEdit(): void {
    if (this.detail && isUserPartId(this.detail.entry.part.id)) this.editing = true;
  }

  cancelEdit(): void {
    this.editing = false;
  }

  /** After the edit form saved. */
  async saved(part: CatalogPart): Promise<void> {
    this.editing = false;
    this.toasts.show(`Saved ${partName(part)}`, { timeoutMs: 4000 });
    await Promise.all([this.#loadDetail(part.id), this.reload()]);
  }

  async deleteOpen(): Promise<boolean> {
    const part = this.detail?.entry.part;
    if (!part) return false;
    this.busy = true;
    this.actionError = null;
    try {
      await this.api.call('catalog:deleteUserPart', { id: part.id });
      this.close();
      this.#countsFor = null;
      this.toasts.show(`Deleted ${partName(part)}`, { timeoutMs: 4000 });
      await this.reload();
      return true;
    } catch (err) {
      this.confirmingDelete = false;
      this.actionError = err instanceof ApiClientError && err.code === 'CONFLICT' ? err.message : `Could not delete ${partName(part)}: ${errorMessage(err)}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Imports a NetBox device-type file (its text, read in the page) and opens the new part.
   * A file naming a built-in model is offered first (keep the built-in, or import a copy).
   */
  async importNetbox(fileName: string, text: string, onBuiltin?: 'keep-builtin' | 'import-copy'): Promise<boolean> {
    this.importError = null;
    this.importNotes = null;
    this.builtinOffer = null;
    if (text.trim() === '') {
      this.importError = `${fileName} is empty.`;
      return false;
    }
    this.busy = true;
    try {
      const res = await this.api.call('catalog:importNetbox', { yaml: text, fileName, ...(onBuiltin ? { onBuiltin } : {}) });
      const warnings = res.issues.filter((i) => i.severity !== 'info' && i.path !== 'model').map((i) => `${i.path || 'file'}: ${i.message}`);
      if (res.builtin && !onBuiltin) {
        this.builtinOffer = { fileName, text, category: res.category, builtin: res.builtin, copyModel: res.part.model, note: res.builtinNote };
        return false;
      }
      if (res.builtin && onBuiltin === 'keep-builtin') {
        const kept = res.note
          ? `Kept the built-in ${res.builtin.model}; what ${fileName} adds is saved as a note on it.`
          : `Kept the built-in ${res.builtin.model}; nothing was saved.`;
        this.importNotes = { fileName, title: kept, lines: [res.note?.text ?? res.builtinNote ?? `${fileName} adds nothing to it.`, ...warnings] };
      } else {
        this.#countsFor = null;
        this.toasts.show(`Imported ${partName(res.part)} from ${fileName}`, { timeoutMs: 5000 });
        if (warnings.length) this.importNotes = { fileName, title: `Imported ${partName(res.part)}; check these:`, lines: warnings };
      }
      this.category = res.part.category;
      await this.open(res.part.id);
      await this.reload();
      return true;
    } catch (err) {
      const issues = err instanceof ApiClientError ? err.issues : [];
      this.importError =
        issues.length > 1
          ? `Could not import ${fileName}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join(' · ')}`
          : `Could not import ${fileName}${issues[0]?.path ? ` (field ${issues[0].path})` : ''}: ${errorMessage(err)}`;
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Answers the built-in offer. */
  async answerBuiltinOffer(choice: 'keep-builtin' | 'import-copy'): Promise<boolean> {
    const offer = this.builtinOffer;
    if (!offer) return false;
    return this.importNetbox(offer.fileName, offer.text, choice);
  }
}

const KEY = Symbol('rackhive.catalog');

export function setCatalog(controller: CatalogController): CatalogController {
  return setContext(KEY, controller);
}

export function getCatalog(): CatalogController {
  const controller = getContext<CatalogController | undefined>(KEY);
  if (!controller) throw new Error('CatalogController is not provided: render inside CatalogView.');
  return controller;
}

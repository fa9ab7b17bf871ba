// The build editor's controller: the parts the views read from context. It
// composes three jobs — the document (the build, undo, debounced save:
// editor/document.svelte.ts), the selection and highlight
// (editor/selection.svelte.ts) and the carried part (editor/carry.svelte.ts) —
// with what the build is checked against (catalog, site, inventory, market),
// the live check and estimates (core's checkBuild and estimateWorkload, pure,
// run on every edit), the part picker, and the status line. Where a part may go
// and what an edit does are core's (core/build/placement.ts, edits.ts).
import { getContext, setContext } from 'svelte';
import type { ApiClient } from '../../lib/api/client';
import { errorMessage } from '../../lib/api/client';
import type { UndoHistory } from '../../lib/undo.svelte';
import type { Toasts } from '../../lib/toasts.svelte';
import type { Build } from '#core/build/build';
import { DEFAULT_SITE, siteOf, type SiteSource } from '#core/build/site';
import type { CatalogPart } from '#core/catalog/part';
import { indexCatalog, type CatalogIndex } from '#core/check/catalog';
import type { CheckResult, CheckSettings } from '#core/check/checkBuild';
import { createIncrementalCheck } from '#core/check/incremental';
import { sramVerdict } from '#core/perf/sramVerdict';
import type { InventoryItemView } from '#core/inventory/item';
import type { ItemAllocation, PartAllocation } from '#core/api/builds';
import type { Finding } from '#core/check/finding';
import type { Money } from '#core/money';
import { pricePlacement, type BomMarket } from '#core/build/bom';
import type { PriceDecision } from '#core/prices/basis';
import { marketOfObservations } from '#core/prices/market';
import { estimateWorkload, type WorkloadEstimate } from '#core/perf/workloadEstimate';
import * as E from '#core/build/edits';
import { socketOfBoardSlot, type Carry, type DropTarget, type Verdict } from '#core/build/placement';
import { partsThatFit, type PickTarget, type PickCandidate } from '#core/build/pick';
import { commonNoun, hiveIndex, hiveVerdict, nounOfPart, type DeviceNoun } from './summary';
import type { Hive } from '#core/check/hives';
import { unitCostOf } from './bom';
import { BuildDocument, SAVE_DEBOUNCE_MS, type SaveState } from './editor/document.svelte';
import { EditorSelection, type Highlight } from './editor/selection.svelte';
import { Carrying } from './editor/carry.svelte';

export { SAVE_DEBOUNCE_MS, type SaveState, type Highlight };
/** Inventory statuses that are ours (or on their way) and so can be placed as owned. */
export const PLACEABLE_STATUSES = ['ordered', 'shipped', 'received', 'tested'] as const;

export type SettingsSource = SiteSource;

export interface EditorDeps {
  api: ApiClient;
  undo: UndoHistory;
  toasts: Toasts;
  buildId: number;
}

/** The picker "+ PSU" / "+ CPU" / "+ DIMM" opens: the place, and the parts that fit there. */
export interface Picker {
  target: PickTarget;
  /** What the place is called ("PSU bays of srv-1", "CPU 2"). */
  title: string;
  candidates: PickCandidate[];
}

export class BuildEditor {
  readonly api: ApiClient;
  readonly undo: UndoHistory;
  readonly toasts: Toasts;
  readonly buildId: number;

  readonly doc: BuildDocument;
  readonly sel = new EditorSelection();
  readonly carrying: Carrying;

  loadError = $state<string | null>(null);
  parts = $state.raw<CatalogPart[]>([]);
  catalog: CatalogIndex = $derived(indexCatalog(this.parts));

  appSettings = $state.raw<CheckSettings | null>(null);
  /** Where the build is checked: core's siteOf, the one rule every view uses. */
  site = $derived(this.build ? siteOf(this.build, this.appSettings) : null);
  settings: CheckSettings = $derived(this.site?.site ?? DEFAULT_SITE);
  settingsSource: SettingsSource = $derived(this.site?.from ?? 'default');

  /** The checker's verdict on the build as it is now. */
  /** checkBuild that re-checks only the chassis an edit touched (core/check/incremental). */
  readonly #recheck = createIncrementalCheck();
  check: CheckResult | null = $derived(this.build && this.parts.length > 0 ? this.#recheck(this.build, this.catalog, this.settings) : null);
  /** Per chassis, device id → the indices of the hives it sits in (a GPU can sit in two). */
  hives = $derived(hiveIndex(this.check?.hives ?? []));
  chassisCount = $derived(this.build ? E.allChassis(this.build).length : 0);
  /** "chassisId/deviceId" → part id, to name a hive's devices by what they are. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built whole inside a $derived, never mutated afterwards
  #deviceParts = $derived(new Map((this.build ? E.allChassis(this.build) : []).flatMap((c) => c.devices.map((d) => [`${c.id}/${d.id}`, d.partId] as const))));
  /** "one hive of eight GPUs", "64 hives of eight GroqCards across 64 chassis". */
  /** An SRAM machine's verdict is its fit and power (core/perf/sramVerdict.ts); a GPU server's, its hives. */
  verdictText: string | null = $derived(
    this.check && this.build
      ? (sramVerdict(this.build, this.catalog, this.check.power) ?? hiveVerdict(this.check.hives, this.chassisCount, (h) => this.hiveNoun(h)))
      : null,
  );

  boardChassis = $derived(this.build && this.sel.boardChassisId ? (E.findChassis(this.build, this.sel.boardChassisId) ?? null) : null);

  /** The last refusal or hint, shown in the status line and announced. */
  notice = $state<{ text: string; tone: 'error' | 'info' } | null>(null);

  items = $state.raw<InventoryItemView[]>([]);
  itemAllocations = $state.raw<ItemAllocation[]>([]);
  partAllocations = $state.raw<PartAllocation[]>([]);
  itemsError = $state<string | null>(null);
  /** The user's price observations (prices:market), so owned and planned parts are priced as Compare prices them. */
  market = $state.raw<BomMarket>({});

  /** The part picker, when open. */
  picker = $state.raw<Picker | null>(null);

  /** Bumped whenever the findings panel has painted a new result (the bench waits on it). */
  paints = $state(0);

  constructor(deps: EditorDeps) {
    this.api = deps.api;
    this.undo = deps.undo;
    this.toasts = deps.toasts;
    this.buildId = deps.buildId;
    this.doc = new BuildDocument({
      ...deps,
      changed: () => this.sel.keepValid(this.doc.build),
      saved: () => void this.#refreshAllocations(),
    });
    this.carrying = new Carrying({
      build: () => this.doc.build,
      catalog: () => this.catalog,
      say: (text, tone) => (this.notice = { text, tone }),
      clear: () => (this.notice = null),
    });
  }

  // The document, selection and carry, read and written as before the split.
  get build(): Build | null {
    return this.doc.build;
  }
  get saveState(): SaveState {
    return this.doc.saveState;
  }
  get saveError(): string | null {
    return this.doc.saveError;
  }
  get savedAt(): number | null {
    return this.doc.savedAt;
  }
  get selection(): E.Selection {
    return this.sel.selection;
  }
  get boardChassisId(): string | null {
    return this.sel.boardChassisId;
  }
  set boardChassisId(id: string | null) {
    this.sel.boardChassisId = id;
  }
  get highlight(): Highlight | null {
    return this.sel.highlight;
  }
  get carry(): Carry | null {
    return this.carrying.carry;
  }
  get carryBy(): 'mouse' | 'keyboard' {
    return this.carrying.carryBy;
  }
  get hover(): { target: DropTarget; verdict: Verdict } | null {
    return this.carrying.hover;
  }

  async start(): Promise<void> {
    const [detail] = await Promise.all([
      this.api.call('builds:get', { id: this.buildId }).catch((err: unknown) => {
        this.loadError = errorMessage(err);
        return null;
      }),
      this.#loadCatalog(),
      this.#loadSettings(),
      this.loadInventory(),
      this.reloadMarket(),
    ]);
    if (!detail) return;
    this.doc.load(detail.build);
    this.sel.load(detail.build);
  }

  async #loadCatalog(): Promise<void> {
    try {
      const { entries } = await this.api.call('catalog:list', {});
      this.parts = entries.map((e) => e.part);
    } catch (err) {
      this.loadError = `Could not load the parts catalog: ${errorMessage(err)}`;
    }
  }

  async #loadSettings(): Promise<void> {
    try {
      const s = await this.api.call('settings:get', {});
      this.appSettings = { mainsVolts: s.mainsVolts, circuitAmps: s.circuitAmps };
    } catch {
      // No settings: the build's site or the defaults apply, and the panel says which.
    }
  }

  /** Re-reads the user's price observations (after one is recorded), so every line and tag re-prices. */
  async reloadMarket(): Promise<void> {
    try {
      const m = await this.api.call('prices:market', {});
      this.market = marketOfObservations(m.today, m.observations);
    } catch {
      // Without observations, planned parts fall back to the typical price.
    }
  }

  async loadInventory(): Promise<void> {
    try {
      const [page, alloc] = await Promise.all([
        this.api.call('inventory:list', { statuses: [...PLACEABLE_STATUSES], limit: 1000, sort: { column: 'part', direction: 'asc' } }),
        this.api.call('builds:allocations', {}),
      ]);
      this.items = page.items;
      this.itemAllocations = alloc.items;
      this.partAllocations = alloc.parts;
      this.itemsError = null;
    } catch (err) {
      this.itemsError = errorMessage(err);
    }
  }

  /** Stops saving on a timer; an unsaved change is written now. */
  dispose(): void {
    this.doc.dispose();
  }

  // ------------------------------------------------------------ editing

  /** Applies an edit's result: refusals are announced, changes become undoable and are saved. */
  apply(result: E.EditResult): boolean {
    if (!result.ok) {
      this.refuse(result.reason);
      return false;
    }
    if (!this.doc.apply(result)) return false;
    if (result.select !== undefined) {
      this.sel.keepValid(result.build);
      this.select(result.select);
    } else this.sel.keepValid(result.build);
    this.notice = null;
    return true;
  }

  refuse(reason: string): void {
    this.notice = { text: reason, tone: 'error' };
  }

  /** Writes the build now (the debounce firing, leaving the editor, or a test). */
  saveNow(): Promise<void> {
    return this.doc.saveNow();
  }

  async #refreshAllocations(): Promise<void> {
    try {
      const alloc = await this.api.call('builds:allocations', {});
      this.itemAllocations = alloc.items;
      this.partAllocations = alloc.parts;
    } catch {
      // The palette keeps the previous figures.
    }
  }

  // ------------------------------------------------------------ estimates

  /** Inventory items by id, for owned parts at the price paid. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built whole inside a $derived, never mutated afterwards
  #itemIndex = $derived(new Map(this.items.map((i) => [i.id, i])));

  /**
   * Each workload's estimate of the build as it is now, computed here from the
   * live check, the catalog, the inventory and the market (core's
   * estimateWorkload — the same report `estimate:run` gives). A few hundred
   * milliseconds on the 512-device Groq example, so the panel asks for it a
   * moment after the last edit rather than on every one.
   */
  estimateAll(): WorkloadEstimate[] {
    const build = this.build;
    const check = this.check;
    if (!build || !check) return [];
    const items = this.#itemIndex;
    const input = { build, catalog: this.parts, check, market: this.market, itemOf: (id: string) => items.get(id) ?? null };
    return build.workloads.map((_, i) => estimateWorkload(input, i));
  }

  // ------------------------------------------------------------ selection and highlight

  select(sel: E.Selection): void {
    this.sel.select(sel);
  }

  isSelected(ref: E.PlacedRef): boolean {
    return this.sel.isSelected(ref);
  }

  showBoard(chassisId: string): void {
    this.sel.showBoard(chassisId);
  }

  /** Clicking a finding: what it concerns lights up in the rack and board views. */
  highlightFinding(f: Finding | null): void {
    this.sel.highlightFinding(this.doc.build, f);
  }

  isHighlighted(chassisId: string | null, id: string): boolean {
    return this.sel.isHighlighted(chassisId, id);
  }

  // ------------------------------------------------------------ carrying (drag and drop, keyboard)

  startCarry(carry: Carry, by: 'mouse' | 'keyboard'): void {
    this.closePicker();
    this.carrying.start(carry, by);
  }

  cancelCarry(announce = false): void {
    this.carrying.cancel(announce);
  }

  /** Whether the carried thing may go to the target, and if not, why (core's canPlace). */
  verdict(target: DropTarget, carry: Carry | null = this.carry): Verdict {
    return this.carrying.verdict(target, carry);
  }

  /** Puts the carried thing down at the target; refusals are announced and change nothing. */
  drop(target: DropTarget): boolean {
    const result = this.carrying.place(target);
    if (!result) return false;
    if (!result.ok) {
      this.refuse(result.reason);
      return false;
    }
    const done = this.apply(result);
    if (done && result.note) this.notice = { text: result.note, tone: 'info' };
    return done;
  }

  setHover(target: DropTarget | null): void {
    this.carrying.setHover(target);
  }

  // ------------------------------------------------------------ the part picker

  /** "+ PSU", "+ CPU", "+ DIMM": the catalog parts that fit there (core's canPlace), to pick one. */
  openPicker(target: PickTarget, title: string): void {
    const b = this.doc.build;
    if (!b) return;
    this.carrying.cancel();
    this.picker = { target, title, candidates: partsThatFit(b, this.catalog, this.parts, target) };
  }

  closePicker(): void {
    this.picker = null;
  }

  /** Places the picked part as planned, at its typical used price when the catalog has one. */
  pick(partId: string): boolean {
    const p = this.picker;
    const part = this.catalog.get(partId);
    if (!p || !part) return false;
    const price = this.typicalPrice(partId);
    this.carrying.start({ source: 'palette', partId, category: part.category, label: part.model, ...(price ? { plannedPrice: price } : {}) }, 'mouse');
    const done = this.drop(p.target);
    if (!done) this.carrying.cancel();
    else this.picker = null;
    return done;
  }

  // ------------------------------------------------------------ direct edits

  removeSelected(): boolean {
    const b = this.build;
    const sel = this.selection;
    if (!b || !sel) return false;
    return this.apply(this.#removeResult(b, sel));
  }

  remove(ref: E.PlacedRef): boolean {
    return this.build ? this.apply(this.#removeResult(this.build, ref)) : false;
  }

  #removeResult(b: Build, ref: E.PlacedRef): E.EditResult {
    return E.removePlaced(b, this.catalog, ref);
  }

  moveChassisTo(chassisId: string, rackId: string, u: number): boolean {
    return this.build ? this.apply(E.moveChassis(this.build, this.catalog, chassisId, rackId, u)) : false;
  }

  /** Arrow keys on a selected chassis: one unit up or down, refused with the reason. */
  nudgeChassis(chassisId: string, deltaU: number): boolean {
    const at = this.build && E.findChassis(this.build, chassisId);
    if (!at) return false;
    return this.moveChassisTo(chassisId, at.rack.id, at.chassis.positionU + deltaU);
  }

  setBoard(chassisId: string, boardPartId: string | undefined): boolean {
    return this.build ? this.apply(E.setBoard(this.build, this.catalog, chassisId, boardPartId)) : false;
  }

  setPlannedPrice(ref: E.PlacedRef, price: Money | null): boolean {
    return this.build ? this.apply(E.setPlannedPrice(this.build, ref, price)) : false;
  }

  bindItem(ref: E.PlacedRef, itemId: string): boolean {
    return this.build ? this.apply(E.bindItem(this.build, ref, itemId)) : false;
  }

  renameChassis(chassisId: string, label: string): boolean {
    return this.build ? this.apply(E.renameChassis(this.build, chassisId, label)) : false;
  }

  addRack(partId = E.DEFAULT_RACK_PART): boolean {
    return this.build ? this.apply(E.addRack(this.build, partId, this.catalog)) : false;
  }

  // ------------------------------------------------------------ lookups for the views

  /** What a hive's members are: GPUs, GroqCards, or accelerators when they differ. */
  hiveNoun(h: Pick<Hive, 'chassisId' | 'deviceIds'>): DeviceNoun {
    const parts = this.#deviceParts;
    return commonNoun(h.deviceIds.map((id) => nounOfPart(this.catalog.get(parts.get(`${h.chassisId}/${id}`) ?? ''))));
  }

  socketOfSlot(chassisId: string, slotId: string): string | null {
    return this.build ? socketOfBoardSlot(this.build, this.catalog, chassisId, slotId) : null;
  }

  itemById(id: string | undefined): InventoryItemView | undefined {
    return id ? this.items.find((i) => i.id === id) : undefined;
  }

  /** Landed cost of one unit of an item (price + shipping + tax), or null when the price is unknown. */
  unitCost(item: InventoryItemView): Money | null {
    return unitCostOf(item);
  }

  /** What a placed part costs, decided as its bill-of-materials line is (core's price basis over the same catalog, inventory and market). */
  priceOf(placed: { partId: string; inventoryItemId?: string | undefined; plannedPrice?: Money | undefined; count?: number | undefined }): PriceDecision {
    const itemId = placed.inventoryItemId ?? null;
    const placement = { partId: placed.partId, quantity: placed.count ?? 1, itemId, plannedPrice: placed.plannedPrice ?? null };
    return pricePlacement(placement, this.catalog.get(placed.partId) ?? null, itemId ? (this.#itemIndex.get(itemId) ?? null) : null, this.market);
  }

  /** Units of the item placed in other builds (an item lives in one build at most). */
  elsewhere(itemId: string): { quantity: number; buildName: string | null } {
    const a = this.itemAllocations.find((x) => x.itemId === itemId);
    const other = a?.placements.filter((p) => p.buildId !== this.buildId) ?? [];
    return { quantity: other.reduce((s, p) => s + p.quantity, 0), buildName: other[0]?.buildName ?? null };
  }

  /** The catalog's typical used price as a planned price, when it has one. */
  typicalPrice(partId: string): Money | undefined {
    const p = this.catalog.get(partId)?.typicalUsedPrice;
    return p ? { amountMinor: p.amountMinor, currency: p.currency } : undefined;
  }
}

const KEY = Symbol('rackhive.buildEditor');

export function setEditor(editor: BuildEditor): BuildEditor {
  return setContext(KEY, editor);
}

export function getEditor(): BuildEditor {
  const editor = getContext<BuildEditor | undefined>(KEY);
  if (!editor) throw new Error('BuildEditor is not provided: render inside BuildEditorView.');
  return editor;
}

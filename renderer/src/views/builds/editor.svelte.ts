// The build editor's controller: the open build, the catalog it is checked
// against, the live check (core's checkBuild, run on every edit — it is pure
// and takes milliseconds even for 512 cards), selection and highlight, the
// carried part (mouse drag or keyboard pick-up), undo entries, and debounced
// saving. Components read it from context and call its methods.
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
import type { InventoryItemView } from '#core/inventory/item';
import type { ItemAllocation, PartAllocation } from '#core/api/builds';
import type { Finding } from '#core/check/finding';
import type { Money } from '#core/money';
import * as E from '#core/build/edits';
import { canPlace, place, socketOfBoardSlot, type Carry, type DropTarget, type Verdict } from '#core/build/placement';
import { commonNoun, hiveIndex, hiveVerdict, nounOfPart, type DeviceNoun } from './summary';
import { sramVerdict } from '#core/perf/sramVerdict';
import type { Hive } from '#core/check/hives';
import { unitCostOf } from './bom';

export const SAVE_DEBOUNCE_MS = 400;
/** Inventory statuses that are ours (or on their way) and so can be placed as owned. */
export const PLACEABLE_STATUSES = ['ordered', 'shipped', 'received', 'tested'] as const;

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';
export type SettingsSource = SiteSource;

export interface Highlight {
  /** The finding that asked for it (so the panel can show it as active). */
  finding: Finding | null;
  chassisId: string | null;
  rackIds: Set<string>;
  /** Ids inside the chassis: devices, slots, sockets, switches, root complexes. */
  ids: Set<string>;
}

export interface EditorDeps {
  api: ApiClient;
  undo: UndoHistory;
  toasts: Toasts;
  buildId: number;
}

export class BuildEditor {
  readonly api: ApiClient;
  readonly undo: UndoHistory;
  readonly toasts: Toasts;
  readonly buildId: number;

  build = $state.raw<Build | null>(null);
  loadError = $state<string | null>(null);
  parts = $state.raw<CatalogPart[]>([]);
  catalog: CatalogIndex = $derived(indexCatalog(this.parts));

  appSettings = $state.raw<CheckSettings | null>(null);
  /** Where the build is checked: core's siteOf, the one rule every view uses. */
  site = $derived(this.build ? siteOf(this.build, this.appSettings) : null);
  settings: CheckSettings = $derived(this.site?.site ?? DEFAULT_SITE);
  settingsSource: SettingsSource = $derived(this.site?.from ?? 'default');

  /** checkBuild that re-checks only the chassis an edit touched (core/check/incremental). */
  readonly #recheck = createIncrementalCheck();
  /** The checker's verdict on the build as it is now. */
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
    this.check && this.build ? (sramVerdict(this.build, this.catalog, this.check.power) ?? hiveVerdict(this.check.hives, this.chassisCount, (h) => this.hiveNoun(h))) : null,
  );

  selection = $state.raw<E.Selection>(null);
  /** The chassis the board view shows. */
  boardChassisId = $state<string | null>(null);
  boardChassis = $derived(this.build && this.boardChassisId ? (E.findChassis(this.build, this.boardChassisId) ?? null) : null);
  highlight = $state.raw<Highlight | null>(null);

  carry = $state.raw<Carry | null>(null);
  /** How the carry started: the keyboard path moves focus and announces; a drag does not. */
  carryBy = $state<'mouse' | 'keyboard'>('mouse');
  hover = $state.raw<{ target: DropTarget; verdict: Verdict } | null>(null);
  /** The last refusal or hint, shown in the status line and announced. */
  notice = $state<{ text: string; tone: 'error' | 'info' } | null>(null);

  items = $state.raw<InventoryItemView[]>([]);
  itemAllocations = $state.raw<ItemAllocation[]>([]);
  partAllocations = $state.raw<PartAllocation[]>([]);
  itemsError = $state<string | null>(null);

  saveState = $state<SaveState>('saved');
  saveError = $state<string | null>(null);
  savedAt = $state<number | null>(null);

  /** Bumped whenever the findings panel has painted a new result (the bench waits on it). */
  paints = $state(0);

  #alive = true;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> | null = null;
  #dirty = false;

  constructor(deps: EditorDeps) {
    this.api = deps.api;
    this.undo = deps.undo;
    this.toasts = deps.toasts;
    this.buildId = deps.buildId;
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
    ]);
    if (!detail) return;
    this.build = detail.build;
    const first = E.allChassis(detail.build)[0];
    this.boardChassisId = first?.id ?? null;
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
    this.#alive = false;
    if (this.#dirty) void this.saveNow();
  }

  // ------------------------------------------------------------ editing

  /** Applies an edit's result: refusals are announced, changes become undoable and are saved. */
  apply(result: E.EditResult): boolean {
    if (!result.ok) {
      this.refuse(result.reason);
      return false;
    }
    const before = this.build;
    const after = result.build;
    if (!before) return false;
    this.#set(after);
    if (result.select !== undefined) this.select(result.select);
    else this.#keepSelectionValid();
    this.notice = null;
    this.undo.push({
      label: result.label,
      undo: () => this.#restore(before),
      redo: () => this.#restore(after),
    });
    return true;
  }

  refuse(reason: string): void {
    this.notice = { text: reason, tone: 'error' };
  }

  async #restore(b: Build): Promise<void> {
    if (this.#alive) {
      this.#set(b);
      this.#keepSelectionValid();
      return;
    }
    // The editor is closed: put the build back on the backend directly.
    await this.api.call('builds:save', { id: this.buildId, build: b });
  }

  #set(b: Build): void {
    this.build = b;
    this.highlight = null;
    this.#dirty = true;
    this.saveState = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.saveNow(), SAVE_DEBOUNCE_MS);
  }

  #keepSelectionValid(): void {
    const b = this.build;
    if (!b) return;
    if (this.selection && !E.placedPart(b, this.selection)) this.selection = null;
    if (this.boardChassisId && !E.findChassis(b, this.boardChassisId)) this.boardChassisId = E.allChassis(b)[0]?.id ?? null;
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
        await this.api.call('builds:save', { id: this.buildId, build });
        if (!this.#dirty) {
          this.saveState = 'saved';
          this.saveError = null;
          this.savedAt = Date.now();
        }
      } catch (err) {
        this.#dirty = true;
        this.saveState = 'error';
        this.saveError = errorMessage(err);
        this.toasts.show(`Could not save the build: ${errorMessage(err)}`, { kind: 'error' });
      } finally {
        this.#saving = null;
      }
    })();
    await this.#saving;
    const state = this.saveState as SaveState;
    if (this.#dirty && state !== 'error') await this.saveNow();
    else if (this.#alive && state === 'saved') void this.#refreshAllocations();
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

  // ------------------------------------------------------------ selection and highlight

  select(sel: E.Selection): void {
    this.selection = sel;
    if (sel && sel.kind !== 'rack') this.boardChassisId = sel.chassisId;
  }

  isSelected(ref: E.PlacedRef): boolean {
    return !!this.selection && JSON.stringify(this.selection) === JSON.stringify(ref);
  }

  showBoard(chassisId: string): void {
    this.boardChassisId = chassisId;
  }

  /** Clicking a finding: what it concerns lights up in the rack and board views. */
  highlightFinding(f: Finding | null): void {
    const b = this.build;
    if (!f || !b) {
      this.highlight = null;
      return;
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built whole inside a $derived (or replaced whole), never mutated afterwards
    const rackIds = new Set(b.racks.filter((r) => f.subjects.includes(r.id)).map((r) => r.id));
    const chassisId = f.subjects.find((s) => E.findChassis(b, s)) ?? null;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
    const ids = new Set(f.subjects.filter((s) => s !== chassisId));
    this.highlight = { finding: f, chassisId, rackIds, ids };
    if (chassisId) this.boardChassisId = chassisId;
  }

  isHighlighted(chassisId: string | null, id: string): boolean {
    const h = this.highlight;
    if (!h) return false;
    if (chassisId === null) return h.rackIds.has(id);
    // A grouped finding names several chassis: each of them lights up, not only the one on the board.
    if (chassisId === id) return h.ids.has(id) || h.chassisId === id;
    return h.chassisId === chassisId && h.ids.has(id);
  }

  // ------------------------------------------------------------ carrying (drag and drop, keyboard)

  startCarry(carry: Carry, by: 'mouse' | 'keyboard'): void {
    this.carry = carry;
    this.carryBy = by;
    this.hover = null;
    this.#lastRefusal = null;
    this.notice = by === 'keyboard' ? { text: `Picked up ${carry.label}. Tab or arrow to a place and press Enter to put it there; Esc cancels.`, tone: 'info' } : null;
  }

  cancelCarry(announce = false): void {
    if (announce && this.carry) this.notice = { text: `Put back ${this.carry.label}.`, tone: 'info' };
    else if (this.carry && this.#lastRefusal) this.refuse(this.#lastRefusal);
    this.carry = null;
    this.hover = null;
    this.#lastRefusal = null;
  }

  /** Why the last place the carried part was held over refused it (said again when the drag ends there). */
  #lastRefusal: string | null = null;

  /** Whether the carried thing may go to the target, and if not, why (core's canPlace). */
  verdict(target: DropTarget, carry: Carry | null = this.carry): Verdict {
    const b = this.build;
    if (!carry || !b) return { ok: false, reason: 'Nothing is being carried.' };
    return canPlace(b, this.catalog, carry, target);
  }

  /** Puts the carried thing down at the target; refusals are announced and change nothing. */
  drop(target: DropTarget): boolean {
    const carry = this.carry;
    const b = this.build;
    if (!carry || !b) return false;
    const result = place(b, this.catalog, carry, target);
    this.hover = null;
    if (!result.ok) {
      this.refuse(result.reason);
      return false;
    }
    this.carry = null;
    const done = this.apply(result);
    if (done && result.note) this.notice = { text: result.note, tone: 'info' };
    return done;
  }

  setHover(target: DropTarget | null): void {
    if (!target || !this.carry) {
      this.hover = null;
      return;
    }
    if (this.hover && JSON.stringify(this.hover.target) === JSON.stringify(target)) return;
    const verdict = this.verdict(target);
    this.hover = { target, verdict };
    this.#lastRefusal = verdict.ok ? null : verdict.reason;
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

// The lines of a build and their prices: the one place that says what a build
// contains (every placed part, where it sits, how many, bound to which
// inventory item) and what each line costs. The BOM CSV, the Compare view, the
// build sheet, the estimate's build cost and the editor's bill of materials all
// read these lines; they only format them.
//
// - A chassis' board is a line of its own only when `boardPartId` is set and is
//   not the chassis' integrated board; otherwise it comes with the chassis (as
//   do the PSUs a system ships with when the placement names none).
// - Bound to an item whose money went out (ordered … faulty): owned, at the
//   item's landed cost (price + shipping + tax + fees, × quantity, + its share
//   of the order) per unit placed. The price paid unknown = the cost unknown.
// - Bound to a wishlist/watching item with a price: to buy, at that landed cost.
// - Otherwise to buy at the planned price, else the part's typical used price,
//   else unknown. Unknown is never 0; amounts keep their own currency and are
//   only ever summed per currency.
import { isFreeStandingPlace, placesOf } from './places';
import type { Build } from './build';
import type { Money } from '../money';
import { isPlannedStatus, isSpentStatus, type ItemStatus } from '../inventory/status';
import { landedCostMinor } from '../inventory/totals';

export type BomKind = 'rack' | 'pdu' | 'chassis' | 'board' | 'cpu' | 'device' | 'psu' | 'dimm' | 'drive';

/** What the lines need to know about a catalog part. */
export interface BomPart {
  id: string;
  category: string;
  vendor: string;
  model: string;
  typicalUsedPrice?: (Money & { source?: string; asOf?: string }) | null;
  /** The category's specs; a chassis' `integratedBoard` decides the board rule. */
  specs?: unknown;
}

/** What the prices need to know about a bound inventory item. */
export interface BomItem {
  status: ItemStatus;
  currency: string;
  /** Units the item holds (default 1). */
  quantity?: number;
  /** Per unit, minor units; null = not known. */
  priceMinor: number | null;
  shippingMinor: number | null;
  taxMinor: number | null;
  feesMinor?: number | null;
  /** The item's share of its order's shipping and tax (whole item, not per unit). */
  orderShippingMinor?: number | null;
  orderTaxMinor?: number | null;
}

/** Where a line sits, for consumers that word locations their own way. */
export interface BomPlace {
  /** Rack label, else id. */
  rack: string;
  pdu?: string;
  chassis?: { id: string; name: string; positionU: number };
  /** CPU or DIMM socket. */
  socket?: string;
  channel?: number;
  slot?: string;
  deviceId?: string;
  /** 1-based entry of the chassis' PSU or drive list. */
  index?: number;
}

/** One placed part (or group of identical units placed together). */
export interface BomEntry {
  /** "r1 / U1 srv-1 / slot slot1" (the CSV's location column). */
  location: string;
  place: BomPlace;
  kind: BomKind;
  partId: string;
  quantity: number;
  itemId: string | null;
  plannedPrice: Money | null;
}

export type BomSource = 'owned' | 'toBuy' | 'itemMissing';
export type BomBasis = 'paid' | 'item' | 'planned' | 'typical' | 'unknown';

export interface BomLine<P extends BomPart = BomPart, I extends BomItem = BomItem> extends BomEntry {
  part: P | null;
  /** The bound item when found. */
  item: I | null;
  /** owned: bound to an item whose money went out; itemMissing: bound to an item that is not in the inventory. */
  source: BomSource;
  basis: BomBasis;
  /** How the price was arrived at, or why it is unknown. */
  basisNote: string;
  /** Each unit; null = unknown. */
  unit: Money | null;
  /** The whole line (from the landed cost itself for owned lines, so all an item's units cost exactly what was paid); null = unknown. */
  amount: Money | null;
}

/** The board a chassis part ships with, or null (not a chassis, unknown, or an empty chassis). */
export function integratedBoardOf(part: BomPart | null | undefined): string | null {
  if (!part || part.category !== 'chassis' || typeof part.specs !== 'object' || part.specs === null) return null;
  const b = (part.specs as { integratedBoard?: unknown }).integratedBoard;
  return typeof b === 'string' ? b : null;
}

/** The board as a line of its own: set and not the chassis' integrated board (else it comes with the chassis). */
export function separateBoardOf(boardPartId: string | undefined, chassisPart: BomPart | null | undefined): string | null {
  if (!boardPartId) return null;
  return boardPartId === integratedBoardOf(chassisPart) ? null : boardPartId;
}

interface Placed {
  partId: string;
  inventoryItemId?: string | undefined;
  plannedPrice?: Money | undefined;
}

/** Every placed part of a build, in build order: rack, PDUs, then per chassis: chassis, board, CPUs, cards, PSUs, DIMMs, drives. */
export function bomEntries(build: Build, partOf: (id: string) => BomPart | null | undefined): BomEntry[] {
  const out: BomEntry[] = [];
  const add = (location: string, place: BomPlace, kind: BomKind, p: Placed, quantity = 1) =>
    out.push({ location, place, kind, partId: p.partId, quantity, itemId: p.inventoryItemId ?? null, plannedPrice: p.plannedPrice ?? null });
  for (const rack of placesOf(build)) {
    const r = rack.label ?? rack.id;
    // Free-standing chassis have no rack part to price and no rack unit.
    const floor = isFreeStandingPlace(rack);
    if (!floor) add(r, { rack: r }, 'rack', rack);
    for (const pdu of rack.pdus) add(`${r} / ${pdu.id}`, { rack: r, pdu: pdu.id }, 'pdu', pdu);
    for (const ch of rack.chassis) {
      const chassis = { id: ch.id, name: ch.label ?? ch.id, positionU: ch.positionU };
      const c = floor ? `${r} / ${chassis.name}` : `${r} / U${ch.positionU} ${chassis.name}`;
      const at = (more: Omit<BomPlace, 'rack' | 'chassis'> = {}): BomPlace => ({ rack: r, chassis, ...more });
      add(c, at(), 'chassis', ch);
      const board = separateBoardOf(ch.boardPartId, partOf(ch.partId));
      if (board) add(c, at(), 'board', { partId: board });
      for (const cpu of ch.cpus) add(`${c} / socket ${cpu.socket}`, at({ socket: cpu.socket }), 'cpu', cpu);
      for (const d of ch.devices) add(`${c} / slot ${d.slot}`, at({ slot: d.slot, deviceId: d.id }), 'device', d);
      // A bridge sits on two cards; it is priced like a card (BomKind stays the stored set).
      for (const b of ch.bridges ?? []) add(`${c} / bridge ${b.devices.join('+')}`, at({ slot: `bridge ${b.devices.join('+')}`, deviceId: b.devices.join('+') }), 'device', b);
      for (const [i, p] of (ch.psus ?? []).entries()) add(`${c} / psu ${i + 1}`, at({ index: i + 1 }), 'psu', p, p.count);
      for (const m of ch.dimms) add(`${c} / socket ${m.socket} channel ${m.channel}`, at({ socket: m.socket, channel: m.channel }), 'dimm', m, m.count);
      for (const [i, d] of ch.drives.entries()) add(`${c} / drive ${i + 1}`, at({ index: i + 1 }), 'drive', d, d.count);
    }
  }
  return out;
}

/** The item's landed cost (all its units, with its order share), or null when the price paid is not entered. */
export function itemLandedMinor(item: BomItem): number | null {
  if (item.priceMinor === null) return null;
  return landedCostMinor({ ...item, quantity: itemUnits(item) });
}

function itemUnits(item: BomItem): number {
  return Math.max(1, item.quantity ?? 1);
}

/** What one unit of an item cost as landed, or null when the price paid is unknown. */
export function itemUnitCost(item: BomItem): Money | null {
  const landed = itemLandedMinor(item);
  return landed === null ? null : { amountMinor: Math.round(landed / itemUnits(item)), currency: item.currency };
}

function landedNote(item: BomItem, head: string): string {
  const extra = [item.feesMinor != null ? 'fees' : null, item.orderShippingMinor != null || item.orderTaxMinor != null ? 'share of the order' : null].filter(Boolean);
  return [head, ...extra].join(' + ');
}

/** Prices one entry: see the module's header for the rule. */
export function priceEntry<P extends BomPart, I extends BomItem>(entry: BomEntry, part: P | null, item: I | null): BomLine<P, I> {
  const base = { ...entry, part, item };
  const priced = (unit: Money, amountMinor: number) => ({ unit, amount: { amountMinor, currency: unit.currency } });
  const unknown = { unit: null, amount: null };
  if (entry.itemId && !item) return { ...base, source: 'itemMissing', basis: 'unknown', basisNote: `inventory item ${entry.itemId} not found`, ...unknown };
  const fromItem = (it: I) => {
    const landed = itemLandedMinor(it)!;
    return priced({ amountMinor: Math.round(landed / itemUnits(it)), currency: it.currency }, Math.round((landed * entry.quantity) / itemUnits(it)));
  };
  if (item && isSpentStatus(item.status)) {
    if (item.priceMinor === null) return { ...base, source: 'owned', basis: 'unknown', basisNote: 'owned, but the price paid is not entered', ...unknown };
    return { ...base, source: 'owned', basis: 'paid', basisNote: landedNote(item, 'price paid + shipping + tax'), ...fromItem(item) };
  }
  // To buy: a wishlist/watching item's own price, the planned price, the typical used price.
  if (item && isPlannedStatus(item.status) && item.priceMinor !== null)
    return { ...base, source: 'toBuy', basis: 'item', basisNote: landedNote(item, `the ${item.status} item's price + shipping + tax`), ...fromItem(item) };
  if (entry.plannedPrice) {
    const unit = { amountMinor: entry.plannedPrice.amountMinor, currency: entry.plannedPrice.currency };
    return { ...base, source: 'toBuy', basis: 'planned', basisNote: 'planned price', ...priced(unit, unit.amountMinor * entry.quantity) };
  }
  const typical = part?.typicalUsedPrice ?? null;
  if (typical) {
    const unit = { amountMinor: typical.amountMinor, currency: typical.currency };
    const note = typical.source && typical.asOf ? `typical used price (${typical.source}, ${typical.asOf})` : 'typical used price';
    return { ...base, source: 'toBuy', basis: 'typical', basisNote: note, ...priced(unit, unit.amountMinor * entry.quantity) };
  }
  return { ...base, source: 'toBuy', basis: 'unknown', basisNote: part ? 'no price: none planned and no typical used price in the catalog' : 'part not in the catalog', ...unknown };
}

/** The build's lines, priced: `partOf` looks parts up in the catalog, `itemOf` items in the inventory (null = not found). */
export function bomOf<P extends BomPart, I extends BomItem>(build: Build, partOf: (id: string) => P | null | undefined, itemOf: (id: string) => I | null | undefined): BomLine<P, I>[] {
  return bomEntries(build, partOf).map((e) => priceEntry(e, partOf(e.partId) ?? null, e.itemId ? (itemOf(e.itemId) ?? null) : null));
}

export interface BomSums {
  /** Known amounts, one per currency (never added across currencies), sorted by currency. */
  known: Money[];
  /** Lines with a known amount. */
  pricedLines: number;
  /** Lines and units whose price is unknown. */
  unknownLines: number;
  unknownUnits: number;
}

/** Known amounts per currency, and how much is unknown (counted, never taken as 0). */
export function sumBom(lines: readonly Pick<BomLine, 'amount' | 'quantity'>[]): BomSums {
  const sums = new Map<string, number>();
  const s = { pricedLines: 0, unknownLines: 0, unknownUnits: 0 };
  for (const l of lines) {
    if (l.amount) {
      sums.set(l.amount.currency, (sums.get(l.amount.currency) ?? 0) + l.amount.amountMinor);
      s.pricedLines++;
    } else {
      s.unknownLines++;
      s.unknownUnits += l.quantity;
    }
  }
  const known = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amountMinor]) => ({ amountMinor, currency }));
  return { known, ...s };
}

// The lines of a build and their prices: the one place that says what a build
// contains (every placed part, where it sits, how many, bound to which
// inventory item) and what each line costs. The BOM CSV, the Compare view, the
// build sheet, the estimate's build cost and the editor's bill of materials all
// read these lines; they only format them.
//
// - A chassis' board is a line of its own only when `boardPartId` is set and is
//   not the chassis' integrated board; otherwise it comes with the chassis (as
//   do the PSUs a system ships with when the placement names none).
// - What each line costs is the price basis (core/prices/basis.ts): paid →
//   the user's own figures (wishlist item, planned price, 90-day median of
//   observations) → typical used price → unknown. Unknown is never 0; amounts
//   keep their own currency and are only ever summed per currency.
import { isFreeStandingPlace, placesOf } from './places';
import { hostSlotOf, type Build, type ChassisPlacement } from './build';
import type { Money } from '../money';
import { noPriceReason } from '../prices/usedPrices';
import { priceBasis, type BasisClass, type FineBasis, type PriceDecision, type PricedItem, type PriceSource, type SeenPrice } from '../prices/basis';

export { itemLandedMinor, itemUnitCost } from '../prices/basis';

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
export type BomItem = PricedItem;

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
  /** What a person calls the slot, socket and card ("GPU slot 1", "CPU1", "Tesla P40"); the ids above stay for matching. */
  slotLabel?: string;
  socketLabel?: string;
  deviceLabel?: string;
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

export type BomSource = PriceSource;
export type BomBasis = FineBasis;

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
  /** paid / observed / typical / unknown: what totals count lines by. */
  basisClass: BasisClass;
  /** When the price was seen; null when not dated. */
  asOf: string | null;
  /** Seen more than a year ago. */
  stale: boolean;
}

/** The user's price observations and today's date, for the observed basis and staleness. */
export interface BomMarket {
  observationsOf?: (partId: string) => readonly SeenPrice[];
  /** YYYY-MM-DD. */
  today?: string;
  /** Why a part has no typical used price (the used-price table's reason). */
  noPriceReason?: (partId: string) => string | undefined;
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
      const names = placeNames(ch, partOf);
      for (const cpu of ch.cpus) add(`${c} / socket ${cpu.socket}`, at({ socket: cpu.socket, socketLabel: names.socket(cpu.socket) }), 'cpu', cpu);
      for (const d of ch.devices)
        add(
          `${c} / slot ${d.slot}`,
          at({ slot: d.slot, deviceId: d.id, slotLabel: names.slot(d.slot), deviceLabel: partOf(d.partId)?.model ?? d.id }),
          'device',
          d,
        );
      // A bridge sits on two cards; it is priced like a card (BomKind stays the stored set).
      for (const b of ch.bridges ?? [])
        add(
          `${c} / bridge ${b.devices.join('+')}`,
          at({
            slot: `bridge ${b.devices.join('+')}`,
            deviceId: b.devices.join('+'),
            slotLabel: `bridge on ${b.devices.map((id) => names.slot(ch.devices.find((d) => d.id === id)?.slot ?? id)).join(' and ')}`,
          }),
          'device',
          b,
        );
      for (const [i, p] of (ch.psus ?? []).entries()) add(`${c} / psu ${i + 1}`, at({ index: i + 1 }), 'psu', p, p.count);
      for (const m of ch.dimms)
        add(
          `${c} / socket ${m.socket} channel ${m.channel}`,
          at({ socket: m.socket, channel: m.channel, socketLabel: names.socket(m.socket) }),
          'dimm',
          m,
          m.count,
        );
      for (const [i, d] of ch.drives.entries()) add(`${c} / drive ${i + 1}`, at({ index: i + 1 }), 'drive', d, d.count);
    }
  }
  return out;
}

function builtinNoPriceReason(partId: string): string | undefined {
  return partId.startsWith('user.') ? undefined : noPriceReason(partId);
}

/** What a placed part's price depends on: the part, how many, the bound item and the planned price. */
export type PricedPlacement = Pick<BomEntry, 'partId' | 'quantity' | 'itemId' | 'plannedPrice'>;

/**
 * The price of one placement with the price basis (core/prices/basis.ts): what
 * every BOM line is priced with, and what a placed part on the board or in the
 * inspector shows, so the two never disagree.
 */
export function pricePlacement(placement: PricedPlacement, part: BomPart | null, item: BomItem | null, market: BomMarket = {}): PriceDecision {
  return priceBasis({
    quantity: placement.quantity,
    itemId: placement.itemId,
    item,
    plannedPrice: placement.plannedPrice,
    partKnown: part !== null,
    typical: part?.typicalUsedPrice ?? null,
    noTypicalReason: (market.noPriceReason ?? builtinNoPriceReason)(placement.partId),
    observations: market.observationsOf?.(placement.partId),
    today: market.today,
  });
}

/** Prices one entry with the price basis (core/prices/basis.ts). */
export function priceEntry<P extends BomPart, I extends BomItem>(entry: BomEntry, part: P | null, item: I | null, market: BomMarket = {}): BomLine<P, I> {
  return { ...entry, part, item, ...pricePlacement(entry, part, item, market) };
}

/** The build's lines, priced: `partOf` looks parts up in the catalog, `itemOf` items in the inventory (null = not found). */
export function bomOf<P extends BomPart, I extends BomItem>(
  build: Build,
  partOf: (id: string) => P | null | undefined,
  itemOf: (id: string) => I | null | undefined,
  market: BomMarket = {},
): BomLine<P, I>[] {
  return bomEntries(build, partOf).map((e) => priceEntry(e, partOf(e.partId) ?? null, e.itemId ? (itemOf(e.itemId) ?? null) : null, market));
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

/** Board labels of a chassis' sockets and slots ("CPU1", "GPU slot 1", "PCIE3 riser"), falling back to the id. */
function placeNames(ch: ChassisPlacement, partOf: (id: string) => BomPart | null | undefined) {
  const chassisSpecs = partOf(ch.partId)?.specs as { integratedBoard?: unknown } | undefined;
  const boardId = ch.boardPartId ?? (typeof chassisSpecs?.integratedBoard === 'string' ? chassisSpecs.integratedBoard : undefined);
  const board = (boardId ? partOf(boardId)?.specs : undefined) as
    { sockets?: { id: string; label: string }[]; slots?: { id: string; label: string }[] } | undefined;
  const slot = (id: string): string => {
    const ref = hostSlotOf(id);
    if (ref) {
      const host = ch.devices.find((d) => d.id === ref.hostId);
      const hostSlot = host ? slot(host.slot) : 'a riser';
      return `${hostSlot}, ${partOf(host?.partId ?? '')?.model ?? 'riser'} output ${ref.slotId}`;
    }
    return board?.slots?.find((s) => s.id === id)?.label ?? id;
  };
  return { slot, socket: (id: string) => board?.sockets?.find((s) => s.id === id)?.label ?? id };
}

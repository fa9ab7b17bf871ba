// The price basis: what one placed part costs, decided in one place for the
// editor's bill of materials, Compare, the build sheet, the estimate and the
// CLI (all reach it through core/build/bom.ts). In order:
//
// 1. paid — bound to an inventory item whose money went out: its landed cost
//    (price + shipping + tax + fees + its share of the order) per unit.
// 2. observed — the user's own figure: a wishlist/watching item's price, the
//    placement's planned price, or the median (price + shipping) of the
//    user's price observations of the part in the last 90 days.
// 3. typical — the part's typical used price (sourced, with its month).
// 4. an older observation (more than 90 days), before giving up;
// 5. unknown — never 0.
//
// A price older than a year is stale: still used, but marked.
import type { Money } from '../money';
import { isPlannedStatus, isSpentStatus, type ItemStatus } from '../inventory/status';
import { landedCostMinor } from '../inventory/totals';

export const RECENT_DAYS = 90;
export const STALE_DAYS = 365;

/** What the basis needs to know about a bound inventory item. */
export interface PricedItem {
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
  /** When it was bought (YYYY-MM-DD), for staleness of a wishlist price. */
  orderedAt?: string | null;
}

/** What the basis needs to know about a user's price observation. */
export interface SeenPrice {
  amountMinor: number;
  shippingMinor: number | null;
  currency: string;
  /** YYYY-MM-DD. */
  observedOn: string;
}

/** A typical used price: amount, currency, the month it was seen and where. */
export type TypicalPrice = Money & { source?: string; asOf?: string };

export type PriceSource = 'owned' | 'toBuy' | 'itemMissing';
/** How a line was priced, finely (the UI words each); `basisClass` groups them for totals. */
export type FineBasis = 'paid' | 'item' | 'planned' | 'observed' | 'typical' | 'unknown';
export const BASIS_CLASSES = ['paid', 'observed', 'typical', 'unknown'] as const;
export type BasisClass = (typeof BASIS_CLASSES)[number];

export function basisClassOf(b: FineBasis): BasisClass {
  return b === 'item' || b === 'planned' ? 'observed' : b;
}

export interface PriceDecision {
  source: PriceSource;
  basis: FineBasis;
  basisClass: BasisClass;
  /** How the price was arrived at, or why it is unknown. */
  basisNote: string;
  /** Each unit; null = unknown. */
  unit: Money | null;
  /** The whole line; null = unknown. */
  amount: Money | null;
  /** When the price was seen (YYYY-MM or YYYY-MM-DD); null when not dated (paid, planned). */
  asOf: string | null;
  /** Seen more than a year before `today`. */
  stale: boolean;
}

export interface BasisInput {
  quantity: number;
  /** The placement names an inventory item; `item` is it when found. */
  itemId: string | null;
  item: PricedItem | null;
  plannedPrice: Money | null;
  /** Whether the catalog knows the part (for the unknown reason). */
  partKnown: boolean;
  typical: TypicalPrice | null;
  /** Why there is no typical price (from the used-price table), when known. */
  noTypicalReason?: string | undefined;
  observations?: readonly SeenPrice[] | undefined;
  /** YYYY-MM-DD; staleness and "recent" are counted from here. Without it nothing is stale and observations all count as recent. */
  today?: string | undefined;
}

function itemUnits(item: PricedItem): number {
  return Math.max(1, item.quantity ?? 1);
}

/** The item's landed cost (all its units, with its order share), or null when the price paid is not entered. */
export function itemLandedMinor(item: PricedItem): number | null {
  if (item.priceMinor === null) return null;
  return landedCostMinor({ ...item, quantity: itemUnits(item) });
}

/** What one unit of an item cost as landed, or null when the price paid is unknown. */
export function itemUnitCost(item: PricedItem): Money | null {
  const landed = itemLandedMinor(item);
  return landed === null ? null : { amountMinor: Math.round(landed / itemUnits(item)), currency: item.currency };
}

function landedNote(item: PricedItem, head: string): string {
  const extra = [item.feesMinor != null ? 'fees' : null, item.orderShippingMinor != null || item.orderTaxMinor != null ? 'share of the order' : null].filter(
    Boolean,
  );
  return [head, ...extra].join(' + ');
}

const DAY_MS = 86_400_000;

/** Days from `from` to `to` (dates YYYY-MM-DD; a month YYYY-MM counts from its first day). */
export function daysBetween(from: string, to: string): number {
  const d = (s: string) => Date.parse(`${s.length === 7 ? `${s}-01` : s}T00:00:00Z`);
  return Math.floor((d(to) - d(from)) / DAY_MS);
}

/** More than a year old on `today`; never stale without a date or a today. */
export function isStale(asOf: string | null | undefined, today: string | undefined): boolean {
  if (!asOf || !today || !/^\d{4}-\d{2}/.test(asOf)) return false;
  // A month-dated price is stale once its whole month is over a year ago.
  const monthEnd = asOf.length === 7 ? lastDayOf(asOf) : asOf;
  return daysBetween(monthEnd, today) > STALE_DAYS;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Landed amount of one observation (price + shipping when stated). */
export function seenLandedMinor(o: SeenPrice): number {
  return o.amountMinor + (o.shippingMinor ?? 0);
}

export interface ObservationSummary {
  /** Median landed price (price + shipping) of the last 90 days, in the latest observation's currency; null when none is recent. */
  median: Money | null;
  recentCount: number;
  latest: (SeenPrice & { landedMinor: number }) | null;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** The 90-day median of a part's observations (same currency as the latest; others are not converted). */
export function summarizeObservations(observations: readonly SeenPrice[], today?: string): ObservationSummary {
  if (observations.length === 0) return { median: null, recentCount: 0, latest: null };
  const sorted = [...observations].sort((a, b) => (a.observedOn < b.observedOn ? 1 : a.observedOn > b.observedOn ? -1 : 0));
  const latest = sorted[0]!;
  const recent = sorted.filter((o) => o.currency === latest.currency && (!today || daysBetween(o.observedOn, today) <= RECENT_DAYS));
  return {
    median: recent.length ? { amountMinor: median(recent.map(seenLandedMinor)), currency: latest.currency } : null,
    recentCount: recent.length,
    latest: { ...latest, landedMinor: seenLandedMinor(latest) },
  };
}

/** Decides one line's price: see the module header for the order. */
export function priceBasis(input: BasisInput): PriceDecision {
  const { quantity, item, today } = input;
  const decided = (
    source: PriceSource,
    basis: FineBasis,
    basisNote: string,
    unit: Money | null,
    amountMinor: number | null,
    asOf: string | null = null,
  ): PriceDecision => {
    const stale = isStale(asOf, today);
    return {
      source,
      basis,
      basisClass: basisClassOf(basis),
      basisNote: stale ? `${basisNote} — stale: over a year old` : basisNote,
      unit,
      amount: unit && amountMinor !== null ? { amountMinor, currency: unit.currency } : null,
      asOf,
      stale,
    };
  };
  if (input.itemId && !item) return decided('itemMissing', 'unknown', `inventory item ${input.itemId} not found`, null, null);
  const fromItem = (it: PricedItem): [Money, number] => {
    const landed = itemLandedMinor(it)!;
    return [{ amountMinor: Math.round(landed / itemUnits(it)), currency: it.currency }, Math.round((landed * quantity) / itemUnits(it))];
  };
  if (item && isSpentStatus(item.status)) {
    if (item.priceMinor === null) return decided('owned', 'unknown', 'owned, but the price paid is not entered', null, null);
    return decided('owned', 'paid', landedNote(item, 'price paid + shipping + tax'), ...fromItem(item));
  }
  // To buy: the user's own figures first.
  if (item && isPlannedStatus(item.status) && item.priceMinor !== null)
    return decided('toBuy', 'item', landedNote(item, `the ${item.status} item's price + shipping + tax`), ...fromItem(item));
  if (input.plannedPrice) {
    const unit = { amountMinor: input.plannedPrice.amountMinor, currency: input.plannedPrice.currency };
    return decided('toBuy', 'planned', 'planned price', unit, unit.amountMinor * quantity);
  }
  const seen = summarizeObservations(input.observations ?? [], today);
  if (seen.median) {
    const note = `median of your ${seen.recentCount} observation${seen.recentCount === 1 ? '' : 's'} in the last ${RECENT_DAYS} days (price + shipping)`;
    return decided('toBuy', 'observed', note, seen.median, seen.median.amountMinor * quantity, seen.latest!.observedOn);
  }
  const typical = input.typical;
  if (typical) {
    const unit = { amountMinor: typical.amountMinor, currency: typical.currency };
    const note = typical.source && typical.asOf ? `typical used price (${typical.source}, ${typical.asOf})` : 'typical used price';
    return decided('toBuy', 'typical', note, unit, unit.amountMinor * quantity, typical.asOf ?? null);
  }
  if (seen.latest) {
    const unit = { amountMinor: seen.latest.landedMinor, currency: seen.latest.currency };
    return decided(
      'toBuy',
      'observed',
      `your last observation (${seen.latest.observedOn}, older than ${RECENT_DAYS} days)`,
      unit,
      unit.amountMinor * quantity,
      seen.latest.observedOn,
    );
  }
  const why = !input.partKnown
    ? 'part not in the catalog'
    : `no price: none paid, planned or observed, and no typical used price${input.noTypicalReason ? ` (${input.noTypicalReason})` : ''}`;
  return decided('toBuy', 'unknown', why, null, null);
}

export type BasisCounts = Record<BasisClass, number>;

/** How many lines rest on which basis, and how many of them are stale. */
export function countBasis(lines: readonly { basisClass: BasisClass; stale?: boolean }[]): { basis: BasisCounts; staleLines: number } {
  const basis: BasisCounts = { paid: 0, observed: 0, typical: 0, unknown: 0 };
  let staleLines = 0;
  for (const l of lines) {
    basis[l.basisClass]++;
    if (l.stale) staleLines++;
  }
  return { basis, staleLines };
}

/** "3 paid · 2 observed · 5 typical · 1 unknown" (zero groups left out). */
export function basisCountsText(c: BasisCounts): string {
  const parts = BASIS_CLASSES.filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
  return parts.length ? parts.join(' · ') : 'no lines';
}

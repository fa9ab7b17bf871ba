// What the inventory cost and what is left to buy, per currency (amounts in
// different currencies are never added without a rate), plus the same in the
// user's currency using each item's rate fixed at purchase.
//
// - spent: landed cost of items whose money went out and that are still ours
//   (SPENT_STATUSES: ordered, shipped, received, tested, faulty). Returned
//   items were refunded and sold ones paid back, so they are left out.
// - wishlist: estimated cost of what is still planned (wishlist, watching): the
//   item's own price when entered, else the part's typical used price, else it
//   is counted in `wishlistUnpricedCount` so the UI can say the estimate is partial.
// - inBase: spent and wishlist in the user's currency; items in another
//   currency without a rate to it are counted in `unconvertedCount`, not guessed.
// - byStatus / byCategory: count, units and value per group (value = landed
//   cost, or the wishlist estimate for planned items), per currency and in base.
import { z } from 'zod';
import { Money } from '../money';
import { ITEM_STATUSES, ItemStatus, isPlannedStatus, isSpentStatus } from './status';
import { convertMinor } from './fx';

const GroupTotal = z.object({
  count: z.number().int().min(0),
  quantity: z.number().int().min(0),
  amounts: z.array(Money),
  /** In the user's currency; items without a rate to it are left out (see unconvertedCount). */
  baseMinor: z.number().int(),
  unconvertedCount: z.number().int().min(0),
});
export type GroupTotal = z.infer<typeof GroupTotal>;

export const InventoryTotals = z.object({
  spent: z.array(Money),
  wishlist: z.array(Money),
  /** Planned items with neither a price of their own nor a typical price for their part. */
  wishlistUnpricedCount: z.number().int().min(0),
  /** Items counted toward `spent` whose price is unknown (their shipping/tax still count). */
  spentUnpricedCount: z.number().int().min(0),
  inBase: z
    .object({
      currency: z.string(),
      spentMinor: z.number().int(),
      wishlistMinor: z.number().int(),
      /** Spent or planned items in another currency with no rate to this one. */
      unconvertedCount: z.number().int().min(0),
    })
    .default({ currency: 'USD', spentMinor: 0, wishlistMinor: 0, unconvertedCount: 0 }),
  byStatus: z.array(GroupTotal.extend({ status: ItemStatus })).default([]),
  byCategory: z.array(GroupTotal.extend({ category: z.string() })).default([]),
});
export type InventoryTotals = z.infer<typeof InventoryTotals>;

export interface CostedItem {
  status: ItemStatus;
  quantity: number;
  currency: string;
  priceMinor: number | null;
  shippingMinor: number | null;
  taxMinor: number | null;
  feesMinor?: number | null;
  /** Line shares of the order's shipping and tax. */
  orderShippingMinor?: number | null;
  orderTaxMinor?: number | null;
  fxRate?: number | null;
  fxCurrency?: string | null;
}

/**
 * (price + shipping + tax + fees) × quantity + order shares, in the item's
 * currency; unknown parts count as nothing paid. Null when nothing is known.
 */
export function landedCostMinor(item: CostedItem): number | null {
  const perUnit = [item.priceMinor, item.shippingMinor, item.taxMinor, item.feesMinor ?? null];
  const shares = [item.orderShippingMinor ?? null, item.orderTaxMinor ?? null];
  if ([...perUnit, ...shares].every((v) => v === null)) return null;
  return perUnit.reduce<number>((a, v) => a + (v ?? 0), 0) * item.quantity + shares.reduce<number>((a, v) => a + (v ?? 0), 0);
}

/**
 * What a landed cost leaves out: shipping and tax not known (neither per unit
 * nor as the order's share). A total with one of them unknown is a lower
 * bound, shown "≥" like every partial sum in the app.
 */
export function landedUnknowns(item: CostedItem): ('shipping' | 'tax')[] {
  const out: ('shipping' | 'tax')[] = [];
  if (item.shippingMinor === null && (item.orderShippingMinor ?? null) === null) out.push('shipping');
  if (item.taxMinor === null && (item.orderTaxMinor ?? null) === null) out.push('tax');
  return out;
}

/** "≥ " when the landed cost is a lower bound (shipping or tax unknown), else "". */
export function landedPrefix(item: CostedItem): string {
  return landedUnknowns(item).length > 0 ? '≥ ' : '';
}

function add(sums: Map<string, number>, currency: string, amountMinor: number): void {
  sums.set(currency, (sums.get(currency) ?? 0) + amountMinor);
}

export function sortedMoney(sums: Map<string, number>): Money[] {
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/** Accumulates one group's totals (status, category). */
export class GroupAccumulator {
  count = 0;
  quantity = 0;
  sums = new Map<string, number>();
  baseMinor = 0;
  unconvertedCount = 0;
  result(): GroupTotal {
    return { count: this.count, quantity: this.quantity, amounts: sortedMoney(this.sums), baseMinor: this.baseMinor, unconvertedCount: this.unconvertedCount };
  }
}

export interface TotalsOptions {
  /** The user's currency (default USD). */
  baseCurrency?: string;
  /** The catalog category of an item's part, for byCategory (omitted: no byCategory). */
  categoryOf?: (item: CostedItem) => string;
}

/**
 * Totals over `items`. `typicalPrice` gives the part's typical used price per
 * unit for a planned item without a price of its own (null when unknown).
 */
export function inventoryTotals(
  items: Iterable<CostedItem>,
  typicalPrice: (item: CostedItem) => Money | null = () => null,
  options: TotalsOptions = {},
): InventoryTotals {
  const base = options.baseCurrency ?? 'USD';
  const spent = new Map<string, number>();
  const wishlist = new Map<string, number>();
  let wishlistUnpricedCount = 0;
  let spentUnpricedCount = 0;
  const inBase = { currency: base, spentMinor: 0, wishlistMinor: 0, unconvertedCount: 0 };
  const byStatus = new Map<ItemStatus, GroupAccumulator>();
  const byCategory = new Map<string, GroupAccumulator>();
  const toBase = (amount: number, currency: string, item: CostedItem): number | null => {
    if (currency === base) return amount;
    if (currency === item.currency && item.fxRate && item.fxCurrency === base) return convertMinor(amount, currency, item.fxRate, base);
    return null;
  };
  for (const item of items) {
    let value: Money | null = null;
    if (isSpentStatus(item.status)) {
      if (item.priceMinor === null) spentUnpricedCount++;
      value = { currency: item.currency, amountMinor: landedCostMinor(item) ?? 0 };
      add(spent, value.currency, value.amountMinor);
    } else if (isPlannedStatus(item.status)) {
      if (item.priceMinor !== null) {
        value = { currency: item.currency, amountMinor: landedCostMinor(item) ?? 0 };
        add(wishlist, value.currency, value.amountMinor);
      } else {
        const typical = typicalPrice(item);
        if (typical) {
          value = { currency: typical.currency, amountMinor: typical.amountMinor * item.quantity };
          add(wishlist, value.currency, value.amountMinor);
        } else wishlistUnpricedCount++;
      }
    } else {
      const landed = landedCostMinor(item);
      if (landed !== null) value = { currency: item.currency, amountMinor: landed };
    }
    const typicalValue = isPlannedStatus(item.status) && item.priceMinor === null;
    const converted =
      value === null ? 0 : typicalValue ? (value.currency === base ? value.amountMinor : null) : toBase(value.amountMinor, value.currency, item);
    const counted = isSpentStatus(item.status) || isPlannedStatus(item.status);
    if (counted && value !== null) {
      if (converted === null) inBase.unconvertedCount++;
      else if (isSpentStatus(item.status)) inBase.spentMinor += converted;
      else inBase.wishlistMinor += converted;
    }
    const groups: GroupAccumulator[] = [];
    let s = byStatus.get(item.status);
    if (!s) byStatus.set(item.status, (s = new GroupAccumulator()));
    groups.push(s);
    if (options.categoryOf) {
      const key = options.categoryOf(item);
      let c = byCategory.get(key);
      if (!c) byCategory.set(key, (c = new GroupAccumulator()));
      groups.push(c);
    }
    for (const g of groups) {
      g.count++;
      g.quantity += item.quantity;
      if (value !== null) {
        add(g.sums, value.currency, value.amountMinor);
        if (converted === null) g.unconvertedCount++;
        else g.baseMinor += converted;
      }
    }
  }
  return {
    spent: sortedMoney(spent),
    wishlist: sortedMoney(wishlist),
    wishlistUnpricedCount,
    spentUnpricedCount,
    inBase,
    byStatus: orderedStatuses(byStatus),
    byCategory: [...byCategory.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([category, g]) => ({ category, ...g.result() })),
  };
}

export function orderedStatuses(groups: Map<ItemStatus, GroupAccumulator>): (GroupTotal & { status: ItemStatus })[] {
  return ITEM_STATUSES.filter((s) => groups.has(s)).map((status) => ({ status, ...groups.get(status)!.result() }));
}

// What the inventory cost and what is left to buy, per currency (amounts in
// different currencies are never added without a rate).
//
// - spent: landed cost of items whose money went out and that are still ours
//   (SPENT_STATUSES: ordered, shipped, received, tested, faulty). Returned
//   items were refunded and sold ones paid back, so they are left out.
// - wishlist: estimated cost of what is still planned (wishlist, watching): the
//   item's own price when entered, else the part's typical used price, else it
//   is counted in `wishlistUnpricedCount` so the UI can say the estimate is partial.
import { z } from 'zod';
import { Money } from '../money';
import { isPlannedStatus, isSpentStatus, type ItemStatus } from './status';

export const InventoryTotals = z.object({
  spent: z.array(Money),
  wishlist: z.array(Money),
  /** Planned items with neither a price of their own nor a typical price for their part. */
  wishlistUnpricedCount: z.number().int().min(0),
  /** Items counted toward `spent` whose price is unknown (their shipping/tax still count). */
  spentUnpricedCount: z.number().int().min(0),
});
export type InventoryTotals = z.infer<typeof InventoryTotals>;

export interface CostedItem {
  status: ItemStatus;
  quantity: number;
  currency: string;
  priceMinor: number | null;
  shippingMinor: number | null;
  taxMinor: number | null;
}

/** (price + shipping + tax) × quantity in the item's currency; unknown shipping/tax count as nothing paid. Null when nothing is known. */
export function landedCostMinor(item: CostedItem): number | null {
  if (item.priceMinor === null && item.shippingMinor === null && item.taxMinor === null) return null;
  return ((item.priceMinor ?? 0) + (item.shippingMinor ?? 0) + (item.taxMinor ?? 0)) * item.quantity;
}

function add(sums: Map<string, number>, currency: string, amountMinor: number): void {
  sums.set(currency, (sums.get(currency) ?? 0) + amountMinor);
}

function toMoney(sums: Map<string, number>): Money[] {
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/**
 * Totals over `items`. `typicalPrice` gives the part's typical used price per
 * unit for a planned item without a price of its own (null when unknown).
 */
export function inventoryTotals(items: Iterable<CostedItem>, typicalPrice: (item: CostedItem) => Money | null = () => null): InventoryTotals {
  const spent = new Map<string, number>();
  const wishlist = new Map<string, number>();
  let wishlistUnpricedCount = 0;
  let spentUnpricedCount = 0;
  for (const item of items) {
    if (isSpentStatus(item.status)) {
      if (item.priceMinor === null) spentUnpricedCount++;
      add(spent, item.currency, landedCostMinor(item) ?? 0);
    } else if (isPlannedStatus(item.status)) {
      if (item.priceMinor !== null) {
        add(wishlist, item.currency, landedCostMinor(item) ?? 0);
      } else {
        const typical = typicalPrice(item);
        if (typical) add(wishlist, typical.currency, typical.amountMinor * item.quantity);
        else wishlistUnpricedCount++;
      }
    }
  }
  return { spent: toMoney(spent), wishlist: toMoney(wishlist), wishlistUnpricedCount, spentUnpricedCount };
}

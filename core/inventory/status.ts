// The lifecycle of one inventory item, from wanting it to owning (or parting
// with) it. The order here is the order a purchase usually moves through.
import { z } from 'zod';

export const ITEM_STATUSES = ['wishlist', 'watching', 'ordered', 'shipped', 'received', 'tested', 'faulty', 'returned', 'sold'] as const;

export const ItemStatus = z.enum(ITEM_STATUSES, { error: `Status must be one of: ${ITEM_STATUSES.join(', ')}` });
export type ItemStatus = z.infer<typeof ItemStatus>;

/**
 * Statuses where money has gone out and the thing is (still) ours: it counts
 * toward "spent". A returned item was refunded and a sold one paid back, so
 * neither counts; a faulty one is paid for and on the bench until returned.
 */
export const SPENT_STATUSES: readonly ItemStatus[] = ['ordered', 'shipped', 'received', 'tested', 'faulty'];

/** Statuses that are still only a plan to buy: they count toward the wishlist estimate. */
export const PLANNED_STATUSES: readonly ItemStatus[] = ['wishlist', 'watching'];

export function isSpentStatus(status: ItemStatus): boolean {
  return SPENT_STATUSES.includes(status);
}

export function isPlannedStatus(status: ItemStatus): boolean {
  return PLANNED_STATUSES.includes(status);
}

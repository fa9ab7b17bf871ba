// The return window: how many days are left to send an item back. The deadline
// is the return-by date when one was entered, else the received date plus the
// seller's return period (30 days when not entered, eBay's common one). The
// database derives the same deadline (column return_deadline, migration 0003).
import { DEFAULT_RETURN_DAYS } from './item';
import { daysBetween } from './dates';
import type { ItemStatus } from './status';

/** Items this close to the end of their window (or closer) are flagged. */
export const RETURN_CLOSING_DAYS = 5;

/** Statuses in which the thing is here and could still go back. */
export const RETURNABLE_STATUSES: readonly ItemStatus[] = ['received', 'tested', 'faulty'];

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function returnDeadline(item: { returnBy: string | null; receivedOn: string | null; returnDays?: number | null }): string | null {
  if (item.returnBy) return item.returnBy;
  if (!item.receivedOn) return null;
  return addDays(item.receivedOn, item.returnDays ?? DEFAULT_RETURN_DAYS);
}

export type ReturnState = { kind: 'none' } | { kind: 'done' } | { kind: 'open'; daysLeft: number; closing: boolean } | { kind: 'closed'; daysAgo: number };

/** Where an item stands against its return window on `today` (YYYY-MM-DD, the person's own day). */
export function returnState(
  item: { status: ItemStatus; returnBy: string | null; receivedOn: string | null; returnDays?: number | null },
  today: string,
): ReturnState {
  if (item.status === 'returned' || item.status === 'sold') return { kind: 'done' };
  const deadline = returnDeadline(item);
  if (!deadline) return { kind: 'none' };
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft < 0) return { kind: 'closed', daysAgo: -daysLeft };
  return { kind: 'open', daysLeft, closing: daysLeft <= RETURN_CLOSING_DAYS && RETURNABLE_STATUSES.includes(item.status) };
}

// One dated step in an item's lifecycle (wishlist → … → received → tested …),
// kept so the history of a purchase outlives later edits.
import { z } from 'zod';
import { ItemStatus } from './status';

export const StatusChange = z.object({
  itemId: z.string(),
  /** null for the first entry, when the item was added. */
  fromStatus: ItemStatus.nullable(),
  toStatus: ItemStatus,
  /** ISO 8601 timestamp (UTC). */
  at: z.string(),
  note: z.string().nullable(),
});
export type StatusChange = z.infer<typeof StatusChange>;

// What the inventory table asks for: search, filters, one sort column, a page.
import { z } from 'zod';
import { ItemStatus } from './status';
import { IsoDate } from './dates';
import { CurrencyCode } from '../money';

/** Every column the table can sort by. `part` sorts by vendor then model; `landedCost` by (price + shipping + tax) × quantity. */
export const INVENTORY_SORT_COLUMNS = [
  'part',
  'category',
  'vendor',
  'model',
  'quantity',
  'status',
  'currency',
  'price',
  'shipping',
  'tax',
  'landedCost',
  'seller',
  'listingUrl',
  'ebayItemNumber',
  'orderNumber',
  'orderedOn',
  'receivedOn',
  'returnBy',
  'returnDeadline',
  'fees',
  'testResult',
  'condition',
  'serialNumber',
  'notes',
  'createdAt',
  'updatedAt',
] as const;
export const InventorySortColumn = z.enum(INVENTORY_SORT_COLUMNS);
export type InventorySortColumn = z.infer<typeof InventorySortColumn>;

export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

export const MAX_PAGE_SIZE = 1000;

export const InventoryQuery = z
  .object({
    /** Case-insensitive words, all must match somewhere: part vendor/model, seller, notes, serial, order number, eBay item number. */
    search: z.string().max(200).default(''),
    /** Empty = every status. */
    statuses: z.array(ItemStatus).max(20).default([]),
    /** Catalog categories (gpu, cpu, …); empty = every category. */
    categories: z.array(z.string().max(50)).max(50).default([]),
    /** Status sorts in lifecycle order (wishlist first), text columns case-insensitively, unknown values last. */
    /** Only items whose return window closes within RETURN_CLOSING_DAYS of `today` (returnable statuses). */
    returnClosing: z.boolean().default(false),
    /** The person's own day (YYYY-MM-DD) for return windows; default: today in UTC. */
    today: IsoDate.optional(),
    /** The user's currency for totals (Settings); default USD. */
    baseCurrency: CurrencyCode.default('USD'),
    sort: z.object({ column: InventorySortColumn, direction: SortDirection }).strict().default({ column: 'updatedAt', direction: 'desc' }),
    offset: z.number().int().min(0).default(0),
    /**
     * Keyset paging: the id of the last row of the previous page; the page then
     * starts after that row in the sort order (offset is ignored). An id no
     * longer stored falls back to offset.
     */
    after: z.string().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100),
  })
  .strict();
export type InventoryQueryIn = z.input<typeof InventoryQuery>;
export type InventoryQuery = z.output<typeof InventoryQuery>;

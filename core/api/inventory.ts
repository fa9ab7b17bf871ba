// Channels of the parts inventory: the table (list with search, filters, sort,
// page and totals), the item drawer (get/create/update) and delete with undo
// (delete returns what restore needs to put the item back under its own id),
// orders (shipping and tax entered once), CSV import in stages (begin, rows in
// batches, commit in one transaction) and CSV export.
import { z } from 'zod';
import { endpoint } from './endpoint';
import { InventoryItem, InventoryItemView, ItemDraft } from '../inventory/item';
import { InventoryQuery } from '../inventory/query';
import { InventoryTotals } from '../inventory/totals';
import { StatusChange } from '../inventory/history';
import { InventoryOrder } from '../inventory/orders';

/** Rows per inventory:importRows call: keeps each message well under the hosts' body cap. */
export const IMPORT_BATCH_ROWS = 2000;
/** The most rows one import may stage. */
export const MAX_IMPORT_ROWS = 200_000;

const ImportId = z.string().min(1).max(100);
const Amount = z.string().max(40).nullable();

export const ImportRowArg = z
  .object({
    line: z.number().int().min(1),
    draft: ItemDraft,
    /** The row as the file has it, kept in the item's history. */
    source: z.string().max(4000).optional(),
  })
  .strict();
export type ImportRowArg = z.infer<typeof ImportRowArg>;

export const OrderDraftArg = z.object({ orderNumber: z.string().trim().min(1).max(100), currency: z.string().max(3), shipping: Amount, tax: Amount }).strict();

export const OrderDetail = z.object({
  /** Null when no shipping or tax was entered for the order. */
  order: InventoryOrder.nullable(),
  items: z.array(InventoryItemView),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

const ItemId = z.string().min(1).max(200);

export const InventoryPage = z.object({
  items: z.array(InventoryItemView),
  /** Items matching the search and filters (all pages). */
  total: z.number().int().min(0),
  /** Totals over every item matching the search and filters, not only this page. */
  totals: InventoryTotals,
});
export type InventoryPage = z.infer<typeof InventoryPage>;

export const InventoryItemDetail = z.object({
  item: InventoryItemView,
  /** Oldest first. */
  history: z.array(StatusChange),
});
export type InventoryItemDetail = z.infer<typeof InventoryItemDetail>;

/** What a delete hands back: enough for `inventory:restore` to undo it exactly. */
const DeletedItem = InventoryItemDetail;

export const inventoryEndpoints = {
  'inventory:list': endpoint('One page of inventory items with the total count and cost totals.', InventoryQuery, InventoryPage),
  'inventory:get': endpoint('One item with its status history.', z.object({ id: ItemId }).strict(), InventoryItemDetail),
  'inventory:create': endpoint(
    'Adds an item from a draft (text as typed); field errors come back as VALIDATION issues with the draft field names as paths.',
    ItemDraft,
    InventoryItemView,
  ),
  'inventory:update': endpoint(
    'Changes some fields of an item; a status change is recorded in its history with the optional note.',
    z.object({ id: ItemId, changes: ItemDraft, note: z.string().max(2000).optional() }).strict(),
    InventoryItemView,
  ),
  'inventory:delete': endpoint('Deletes an item; returns it and its history for undo.', z.object({ id: ItemId }).strict(), DeletedItem),
  'inventory:restore': endpoint(
    'Undo of a delete: puts the item back with its original id, fields and history.',
    z.object({ item: InventoryItem, history: z.array(StatusChange).max(10_000).default([]) }).strict(),
    InventoryItemView,
  ),
  'inventory:getOrder': endpoint(
    'One order: its shipping and tax (null if none entered) and its items with their shares.',
    z.object({ orderNumber: z.string().min(1).max(100) }).strict(),
    OrderDetail,
  ),
  'inventory:setOrder': endpoint(
    "Sets an order's shipping and tax (text as typed, whole order) and spreads them across its items by price share; both blank removes them.",
    OrderDraftArg,
    OrderDetail,
  ),
  'inventory:importBegin': endpoint(
    "Starts an import: rows are staged with importRows, then written by importCommit. The file name goes into each item's history.",
    z.object({ fileName: z.string().max(300).optional() }).strict(),
    z.object({ importId: ImportId }),
  ),
  'inventory:importExisting': endpoint(
    'Which of these external ids ("ebay:<order>:<item>" or a template external_id) are already in the inventory: what a re-import would skip or update.',
    z.object({ externalIds: z.array(z.string().max(200)).max(MAX_IMPORT_ROWS) }).strict(),
    z.object({ existing: z.array(z.string()) }),
  ),
  'inventory:importProgress': endpoint(
    'How far a committing import has written (0…1); answered while the import runs.',
    z.object({ importId: ImportId }).strict(),
    z.object({ phase: z.enum(['staging', 'writing', 'done']), fraction: z.number().min(0).max(1) }),
  ),
  'inventory:importRows': endpoint(
    'Stages a batch of rows (drafts with their file line) for an import.',
    z.object({ importId: ImportId, rows: z.array(ImportRowArg).max(IMPORT_BATCH_ROWS) }).strict(),
    z.object({ staged: z.number().int() }),
  ),
  'inventory:importCommit': endpoint(
    'Checks every staged row again and writes them all (with the orders) in ONE transaction: all or nothing. A bad row is VALIDATION with paths "rows.<line>.<field>".',
    z
      .object({
        importId: ImportId,
        orders: z.array(OrderDraftArg).max(MAX_IMPORT_ROWS).default([]),
        /** A row already in the inventory (same external id): left alone (default) or its fields replaced. */
        onDuplicate: z.enum(['skip', 'update']).default('skip'),
      })
      .strict(),
    z.object({ imported: z.number().int(), orders: z.number().int(), skipped: z.number().int(), updated: z.number().int() }),
  ),
  'inventory:importCancel': endpoint('Drops a staged import.', z.object({ importId: ImportId }).strict(), z.object({ cancelled: z.boolean() })),
  'inventory:exportCsv': endpoint(
    'Every item as CSV in the template layout (rackhive-inventory-template.csv columns), formula-escaped, with a suggested file name.',
    z
      .object({
        today: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .strict(),
    z.object({ fileName: z.string(), text: z.string(), count: z.number().int() }),
  ),
  'inventory:exportCsvStream': endpoint(
    'The same CSV, streamed with memory flat in the number of items. Desktop: asks where to save and writes it there; browser host: a one-time download link (single use, valid 60 s) the page follows.',
    z
      .object({
        today: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .strict(),
    z.discriminatedUnion('via', [
      z.object({ via: z.literal('file'), path: z.string(), fileName: z.string(), count: z.number().int(), bytes: z.number().int() }),
      z.object({ via: z.literal('download'), url: z.string(), fileName: z.string() }),
      z.object({ via: z.literal('cancelled') }),
    ]),
  ),
};

// Channels of the parts inventory: the table (list with search, filters, sort,
// page and totals), the item drawer (get/create/update) and delete with undo
// (delete returns what restore needs to put the item back under its own id).
import { z } from 'zod';
import { endpoint } from './endpoint';
import { InventoryItem, InventoryItemView, ItemDraft } from '../inventory/item';
import { InventoryQuery } from '../inventory/query';
import { InventoryTotals } from '../inventory/totals';
import { StatusChange } from '../inventory/history';

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
export const DeletedItem = InventoryItemDetail;
export type DeletedItem = InventoryItemDetail;

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
};

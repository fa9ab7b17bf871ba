// Inventory items, their status history and orders. Functions take validated
// fields (core/inventory/item.ts turns drafts into them); every write is one
// transaction, every status change is written to the history, and a write that
// touches an order re-spreads its shipping and tax (core/inventory/orders.ts).
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import type { InventoryItem, InventoryItemView, ItemFields } from '#core/inventory/item';
import { spreadOrder, type InventoryOrder } from '#core/inventory/orders';
import type { StatusChange } from '#core/inventory/history';
import { inTransaction } from '../../transaction';
import { timeOrderedId } from '../../ids';
import { indexSearchChunk } from './searchIndex';
import { fieldParams, type HistoryRow, INSERT_HISTORY, SEARCH_TEXT_SQL, INSERT_ITEM, ITEM_COLUMNS, stmt, toHistory, toView, type ItemRow } from './rows';

export function assertPartExists(db: Database.Database, partId: string): void {
  if (!stmt(db, 'SELECT 1 FROM parts WHERE id = ?').get(partId)) {
    throw new ApiFailure('VALIDATION', 'Choose a part from the catalog', [
      { path: 'partId', message: `No part "${partId}" in the catalog; choose one from the list` },
    ]);
  }
}

function notFound(id: string): ApiFailure {
  return new ApiFailure('NOT_FOUND', `No inventory item with id ${id} (it may have been deleted).`);
}
export interface WriteOptions {
  now: Date;
  /** Recorded with a status change (e.g. "memtest86 4 passes"). */
  note?: string | null;
}

export function getItem(db: Database.Database, id: string): InventoryItemView | null {
  const row = stmt<[string], ItemRow>(db, `SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id WHERE i.id = ?`).get(id);
  return row ? toView(row) : null;
}

/** Status history of one item, oldest first. */
export function getItemHistory(db: Database.Database, id: string): StatusChange[] {
  return db
    .prepare<[string], HistoryRow>('SELECT item_id, from_status, to_status, at, note FROM inventory_status_history WHERE item_id = ? ORDER BY at, id')
    .all(id)
    .map(toHistory);
}

export function createItem(db: Database.Database, fields: ItemFields, options: WriteOptions & { id?: string }): InventoryItemView {
  const id = options.id ?? timeOrderedId();
  const at = options.now.toISOString();
  return inTransaction(db, () => {
    assertPartExists(db, fields.partId);
    assertOrderCurrency(db, fields);
    stmt(db, INSERT_ITEM).run({ id, ...fieldParams(fields), created_at: at, updated_at: at });
    stmt(db, INSERT_HISTORY).run(id, null, fields.status, at, options.note ?? null);
    respreadOrder(db, fields.orderNumber);
    // Keeps the search index's tail short: a row typed in is indexed with its own write.
    indexSearchChunk(db, 16);
    return getItem(db, id)!;
  });
}

/** Replaces an item's fields; a changed status is added to its history. */
export function updateItem(db: Database.Database, id: string, fields: ItemFields, options: WriteOptions): InventoryItemView {
  const at = options.now.toISOString();
  return inTransaction(db, () => {
    const current = getItem(db, id);
    if (!current) throw notFound(id);
    if (fields.partId !== current.partId) assertPartExists(db, fields.partId);
    assertOrderCurrency(db, fields);
    stmt(
      db,
      `UPDATE inventory_items SET part_id = @part_id, quantity = @quantity, status = @status, currency = @currency,
         price_minor = @price_minor, shipping_minor = @shipping_minor, tax_minor = @tax_minor, seller = @seller,
         listing_url = @listing_url, ebay_item_number = @ebay_item_number, order_number = @order_number,
         ordered_on = @ordered_on, received_on = @received_on, return_by = @return_by, condition = @condition,
         serial_number = @serial_number, notes = @notes, fees_minor = @fees_minor, fx_rate = @fx_rate, fx_currency = @fx_currency,
         return_days = @return_days, test_result = @test_result, test_note = @test_note, title = @title, external_id = @external_id,
         updated_at = @updated_at, search_text = ${SEARCH_TEXT_SQL}
       WHERE id = @id`,
    ).run({ id, ...fieldParams(fields), updated_at: at });
    if (fields.status !== current.status) stmt(db, INSERT_HISTORY).run(id, current.status, fields.status, at, options.note ?? null);
    respreadOrder(db, current.orderNumber);
    if (fields.orderNumber !== current.orderNumber) respreadOrder(db, fields.orderNumber);
    return getItem(db, id)!;
  });
}

/** Deletes an item and returns it with its history, which is all `restoreItem` needs. */
export function deleteItem(db: Database.Database, id: string): { item: InventoryItemView; history: StatusChange[] } {
  return inTransaction(db, () => {
    const item = getItem(db, id);
    if (!item) throw notFound(id);
    const history = getItemHistory(db, id);
    db.prepare('DELETE FROM inventory_items WHERE id = ?').run(id);
    respreadOrder(db, item.orderNumber);
    return { item, history };
  });
}

/** Undo of a delete: the item returns under its own id with its fields, timestamps and history. */
export function restoreItem(db: Database.Database, item: InventoryItem, history: readonly StatusChange[]): InventoryItemView {
  return inTransaction(db, () => {
    if (db.prepare('SELECT 1 FROM inventory_items WHERE id = ?').get(item.id)) {
      throw new ApiFailure('CONFLICT', `An inventory item with id ${item.id} already exists; it was not deleted or was restored already.`);
    }
    assertPartExists(db, item.partId);
    stmt(db, INSERT_ITEM).run({ id: item.id, ...fieldParams(item), created_at: item.createdAt, updated_at: item.updatedAt });
    const own = history.filter((h) => h.itemId === item.id);
    const steps = own.length > 0 ? own : [{ itemId: item.id, fromStatus: null, toStatus: item.status, at: item.createdAt, note: null }];
    const insert = stmt(db, INSERT_HISTORY);
    for (const h of steps) insert.run(item.id, h.fromStatus, h.toStatus, h.at, h.note);
    respreadOrder(db, item.orderNumber);
    indexSearchChunk(db, 16);
    return getItem(db, item.id)!;
  });
}
// ——— Orders ———————————————————————————————————————————————————————————————

interface OrderRow {
  order_number: string;
  currency: string;
  shipping_minor: number | null;
  tax_minor: number | null;
}

export function getOrder(db: Database.Database, orderNumber: string): InventoryOrder | null {
  const row = stmt<[string], OrderRow>(db, 'SELECT order_number, currency, shipping_minor, tax_minor FROM inventory_orders WHERE order_number = ?').get(
    orderNumber,
  );
  return row ? { orderNumber: row.order_number, currency: row.currency, shippingMinor: row.shipping_minor, taxMinor: row.tax_minor } : null;
}

/** An item joining an order with shipping/tax must be in the order's currency (shares are spread in it). */
function assertOrderCurrency(db: Database.Database, fields: ItemFields): void {
  if (fields.orderNumber === null) return;
  const order = getOrder(db, fields.orderNumber);
  if (order && order.currency !== fields.currency) {
    throw new ApiFailure(
      'VALIDATION',
      `Order ${fields.orderNumber} has its shipping and tax in ${order.currency}; its items must be in ${order.currency} too`,
      [{ path: 'currency', message: `Order ${fields.orderNumber} is in ${order.currency}: use ${order.currency} for its items` }],
    );
  }
}

/** Writes each item's share of its order's shipping and tax (all NULL when the order has none). */
export function respreadOrder(db: Database.Database, orderNumber: string | null): void {
  if (orderNumber === null) return;
  const order = getOrder(db, orderNumber);
  if (!order) {
    stmt(
      db,
      'UPDATE inventory_items SET order_shipping_minor = NULL, order_tax_minor = NULL WHERE order_number = ? AND (order_shipping_minor IS NOT NULL OR order_tax_minor IS NOT NULL)',
    ).run(orderNumber);
    return;
  }
  const lines = stmt<[string], { id: string; quantity: number; price_minor: number | null; currency: string }>(
    db,
    'SELECT id, quantity, price_minor, currency FROM inventory_items WHERE order_number = ?',
  ).all(orderNumber);
  const eligible = lines.filter((l) => l.currency === order.currency).map((l) => ({ id: l.id, quantity: l.quantity, priceMinor: l.price_minor }));
  const shares = spreadOrder(order, eligible);
  const update = stmt(db, 'UPDATE inventory_items SET order_shipping_minor = ?, order_tax_minor = ? WHERE id = ?');
  for (const line of lines) {
    const share = shares.get(line.id);
    update.run(share?.shippingMinor ?? null, share?.taxMinor ?? null, line.id);
  }
}

/**
 * Sets (or, with both amounts null, removes) an order's shipping and tax and
 * spreads them over its items. Items in another currency are refused.
 */
export function setOrder(db: Database.Database, order: InventoryOrder, now: Date): InventoryOrder | null {
  return inTransaction(db, () => {
    if (order.shippingMinor === null && order.taxMinor === null) {
      stmt(db, 'DELETE FROM inventory_orders WHERE order_number = ?').run(order.orderNumber);
    } else {
      const other = stmt<[string, string], { currency: string }>(
        db,
        'SELECT currency FROM inventory_items WHERE order_number = ? AND currency <> ? LIMIT 1',
      ).get(order.orderNumber, order.currency);
      if (other) {
        throw new ApiFailure('VALIDATION', `Items of order ${order.orderNumber} are in ${other.currency}: enter its shipping and tax in that currency`, [
          { path: 'currency', message: `The order's items are in ${other.currency}` },
        ]);
      }
      stmt(
        db,
        `INSERT INTO inventory_orders (order_number, currency, shipping_minor, tax_minor, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (order_number) DO UPDATE SET currency = excluded.currency, shipping_minor = excluded.shipping_minor, tax_minor = excluded.tax_minor, updated_at = excluded.updated_at`,
      ).run(order.orderNumber, order.currency, order.shippingMinor, order.taxMinor, now.toISOString());
    }
    respreadOrder(db, order.orderNumber);
    return getOrder(db, order.orderNumber);
  });
}

/** The items of one order (oldest first). */
export function orderItems(db: Database.Database, orderNumber: string): InventoryItemView[] {
  return stmt<[string], ItemRow>(
    db,
    `SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id WHERE i.order_number = ? ORDER BY i.created_at, i.rowid`,
  )
    .all(orderNumber)
    .map(toView);
}
export function listOrders(db: Database.Database): InventoryOrder[] {
  return stmt<[], OrderRow>(db, 'SELECT order_number, currency, shipping_minor, tax_minor FROM inventory_orders ORDER BY order_number')
    .all()
    .map((row) => ({ orderNumber: row.order_number, currency: row.currency, shippingMinor: row.shipping_minor, taxMinor: row.tax_minor }));
}

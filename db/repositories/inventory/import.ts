// Many items at once (CSV import), all or nothing.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import type { ItemFields } from '#core/inventory/item';
import type { InventoryOrder } from '#core/inventory/orders';
import { inTransaction } from '../../transaction';
import { fieldParams, INSERT_HISTORY, INSERT_ITEM, stmt } from './rows';
import { getOrder, respreadOrder } from './items';

export interface ImportRecord {
  fields: ItemFields;
  /** Recorded with the item's first history entry. */
  note?: string | null;
}

/**
 * Adds every record and sets the given orders in ONE transaction: all of it
 * is written, or (on any error, or if the process dies part-way) none of it.
 * Order shares are spread once per touched order at the end.
 */
export function importItems(db: Database.Database, records: readonly ImportRecord[], orders: readonly InventoryOrder[], options: { now: Date; ids?: () => string }): { ids: string[] } {
  const at = options.now.toISOString();
  const nextId = options.ids ?? randomUUID;
  return inTransaction(db, () => {
    const known = new Set(stmt<[], { id: string }>(db, 'SELECT id FROM parts').all().map((p) => p.id));
    const insert = stmt(db, INSERT_ITEM);
    const history = stmt(db, INSERT_HISTORY);
    const upsertOrder = stmt(
      db,
      `INSERT INTO inventory_orders (order_number, currency, shipping_minor, tax_minor, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (order_number) DO UPDATE SET currency = excluded.currency, shipping_minor = excluded.shipping_minor, tax_minor = excluded.tax_minor, updated_at = excluded.updated_at`,
    );
    const touched = new Set<string>();
    for (const order of orders) {
      upsertOrder.run(order.orderNumber, order.currency, order.shippingMinor, order.taxMinor, at);
      touched.add(order.orderNumber);
    }
    const ids: string[] = [];
    records.forEach((record, index) => {
      const { fields } = record;
      if (!known.has(fields.partId)) {
        throw new ApiFailure('VALIDATION', `Record ${index + 1}: no part "${fields.partId}" in the catalog`, [{ path: `rows.${index}.partId`, message: `No part "${fields.partId}" in the catalog` }]);
      }
      const id = nextId();
      insert.run({ id, ...fieldParams(fields), created_at: at, updated_at: at });
      history.run(id, null, fields.status, at, record.note ?? null);
      if (fields.orderNumber !== null) touched.add(fields.orderNumber);
      ids.push(id);
    });
    for (const orderNumber of touched) {
      const order = getOrder(db, orderNumber);
      const other = order && stmt<[string, string], { currency: string }>(db, 'SELECT currency FROM inventory_items WHERE order_number = ? AND currency <> ? LIMIT 1').get(orderNumber, order.currency);
      if (order && other) {
        throw new ApiFailure('VALIDATION', `Order ${orderNumber} has its shipping and tax in ${order.currency} but items in ${other.currency}`, [{ path: 'currency', message: `Order ${orderNumber} mixes ${order.currency} and ${other.currency}` }]);
      }
      respreadOrder(db, orderNumber);
    }
    return { ids };
  });
}

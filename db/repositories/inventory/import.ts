// Many items at once (an import), all or nothing, found again on re-import.
// A record with an external id that is already stored is skipped or updated,
// never added twice. `importItemsInChunks` writes the same transaction on a
// connection of its own, a bounded chunk at a time with the event loop free
// in between, so the connection that answers requests keeps answering (it
// reads the last committed state until the import commits).
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import type { ItemFields } from '#core/inventory/item';
import type { InventoryOrder } from '#core/inventory/orders';
import { applyConnectionSettings } from '../../open';
import { timeOrderedId } from '../../ids';
import { inTransaction } from '../../transaction';
import { beginLongWrite } from '../../writeGate';
import { fieldParams, INSERT_HISTORY, INSERT_ITEM_WITH_SEARCH_TEXT, SEARCH_TEXT_OF_ROW_SQL, searchTextOf, stmt } from './rows';
import { getOrder, respreadOrder } from './items';
import { putUserPart, type StorablePart } from '../parts';
import { scheduleSearchIndexing } from './searchIndex';

export interface ImportRecord {
  fields: ItemFields;
  /** Recorded with the item's first history entry (for an import: the file, line and the row as written). */
  note?: string | null;
}

export type OnDuplicate = 'skip' | 'update';

export interface ImportOptions {
  now: Date;
  ids?: () => string;
  /** A record whose external id is already stored: left as it is (default) or its fields replaced. */
  onDuplicate?: OnDuplicate;
  /**
   * The user's own parts the records need (`--unmatched custom`), written in
   * the import's transaction: a failed import leaves none of them behind.
   */
  newParts?: readonly StorablePart[];
}

export interface ImportOutcome {
  /** Ids of the items added. */
  ids: string[];
  imported: number;
  skipped: number;
  updated: number;
}

/** External ids among `ids` that are already in the inventory. */
export function existingExternalIds(db: Database.Database, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  return stmt<[string], { external_id: string }>(db, 'SELECT external_id FROM inventory_items WHERE external_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids))
    .map((r) => r.external_id);
}

/** The import's writes, one record at a time, on `db` inside a transaction the caller holds. */
class ImportWriter {
  readonly #db: Database.Database;
  readonly #at: string;
  readonly #nextId: () => string;
  readonly #onDuplicate: OnDuplicate;
  /** Part id → "vendor model", the part's share of search_text. */
  readonly #known: Map<string, string>;
  readonly #insertItem: Database.Statement;
  readonly #insertHistory: Database.Statement;
  /** External id → stored row, read once for the whole import (a lookup per row costs more than the insert). */
  #existing: Map<string, { id: string; status: string; order_number: string | null }> | null = null;
  readonly #touched = new Set<string>();
  readonly outcome: ImportOutcome = { ids: [], imported: 0, skipped: 0, updated: 0 };

  constructor(db: Database.Database, orders: readonly InventoryOrder[], options: ImportOptions) {
    this.#db = db;
    this.#at = options.now.toISOString();
    this.#nextId = options.ids ?? (() => timeOrderedId());
    this.#onDuplicate = options.onDuplicate ?? 'skip';
    for (const part of options.newParts ?? []) putUserPart(db, part, options.now);
    this.#known = new Map(
      stmt<[], { id: string; name: string }>(db, "SELECT id, vendor || ' ' || model AS name FROM parts")
        .all()
        .map((p) => [p.id, p.name]),
    );
    this.#insertItem = stmt(db, INSERT_ITEM_WITH_SEARCH_TEXT);
    this.#insertHistory = stmt(db, INSERT_HISTORY);
    const upsertOrder = stmt(
      db,
      `INSERT INTO inventory_orders (order_number, currency, shipping_minor, tax_minor, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (order_number) DO UPDATE SET currency = excluded.currency, shipping_minor = excluded.shipping_minor, tax_minor = excluded.tax_minor, updated_at = excluded.updated_at`,
    );
    for (const order of orders) {
      upsertOrder.run(order.orderNumber, order.currency, order.shippingMinor, order.taxMinor, this.#at);
      this.#touched.add(order.orderNumber);
    }
  }

  /** Reads the stored rows of these records' external ids in one query. */
  preload(records: readonly ImportRecord[]): void {
    const ids = records.map((r) => r.fields.externalId).filter((id): id is string => id !== null && id !== undefined);
    this.#existing = new Map();
    if (ids.length === 0) return;
    const rows = stmt<[string], { id: string; status: string; order_number: string | null; external_id: string }>(
      this.#db,
      'SELECT id, status, order_number, external_id FROM inventory_items WHERE external_id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(ids));
    for (const r of rows) this.#existing.set(r.external_id, r);
  }

  write(record: ImportRecord, index: number): void {
    const db = this.#db;
    const { fields } = record;
    if (!this.#known.has(fields.partId)) {
      throw new ApiFailure('VALIDATION', `Record ${index + 1}: no part "${fields.partId}" in the catalog`, [
        { path: `rows.${index}.partId`, message: `No part "${fields.partId}" in the catalog` },
      ]);
    }
    const params = fieldParams(fields, `rows.${index}.`);
    const externalId = fields.externalId ?? null;
    const existing =
      externalId === null
        ? undefined
        : this.#existing
          ? this.#existing.get(externalId)
          : stmt<[string], { id: string; status: string; order_number: string | null }>(
              db,
              'SELECT id, status, order_number FROM inventory_items WHERE external_id = ?',
            ).get(externalId);
    if (existing) {
      if (this.#onDuplicate === 'skip') {
        this.outcome.skipped++;
        return;
      }
      // What the new row does not know keeps its stored value: a "delivered" email has no order date, the confirmation had one.
      stmt(
        db,
        `UPDATE inventory_items SET part_id = @part_id, quantity = @quantity, status = @status, currency = @currency,
           price_minor = coalesce(@price_minor, price_minor), shipping_minor = coalesce(@shipping_minor, shipping_minor),
           tax_minor = coalesce(@tax_minor, tax_minor), seller = coalesce(@seller, seller),
           listing_url = coalesce(@listing_url, listing_url), ebay_item_number = coalesce(@ebay_item_number, ebay_item_number),
           order_number = coalesce(@order_number, order_number), ordered_on = coalesce(@ordered_on, ordered_on),
           received_on = coalesce(@received_on, received_on), return_by = coalesce(@return_by, return_by),
           condition = coalesce(@condition, condition), serial_number = coalesce(@serial_number, serial_number),
           notes = coalesce(@notes, notes), fees_minor = coalesce(@fees_minor, fees_minor), fx_rate = coalesce(@fx_rate, fx_rate),
           fx_currency = coalesce(@fx_currency, fx_currency), return_days = coalesce(@return_days, return_days),
           test_result = coalesce(@test_result, test_result), test_note = coalesce(@test_note, test_note), title = coalesce(@title, title),
           updated_at = @updated_at
         WHERE id = @id`,
      ).run({ id: existing.id, ...params, updated_at: this.#at });
      // search_text from the row as it now is (the coalesced values).
      stmt(db, `UPDATE inventory_items SET search_text = ${SEARCH_TEXT_OF_ROW_SQL} WHERE id = ?`).run(existing.id);
      if (fields.status !== existing.status) stmt(db, INSERT_HISTORY).run(existing.id, existing.status, fields.status, this.#at, record.note ?? null);
      if (existing.order_number !== null) this.#touched.add(existing.order_number);
      existing.status = fields.status;
      if (fields.orderNumber !== null) this.#touched.add(fields.orderNumber);
      this.outcome.updated++;
      return;
    }
    const id = this.#nextId();
    this.#insertItem.run({ id, ...params, created_at: this.#at, updated_at: this.#at, search_text: searchTextOf(this.#known.get(fields.partId)!, params) });
    this.#insertHistory.run(id, null, fields.status, this.#at, record.note ?? null);
    if (fields.orderNumber !== null) this.#touched.add(fields.orderNumber);
    // A second row of the same purchase in this import finds this one.
    if (externalId !== null) this.#existing?.set(externalId, { id, status: fields.status, order_number: fields.orderNumber });
    this.outcome.ids.push(id);
    this.outcome.imported++;
  }

  /**
   * Spreads every touched order that has shipping or tax once; an order mixing
   * currencies fails the import. An order without amounts has no row in
   * inventory_orders and its items no shares (deleting an order's amounts
   * clears them), so there is nothing to spread.
   */
  finish(): ImportOutcome {
    const db = this.#db;
    const withAmounts = stmt<[string], { order_number: string }>(
      db,
      'SELECT order_number FROM inventory_orders WHERE order_number IN (SELECT value FROM json_each(?))',
    )
      .all(JSON.stringify([...this.#touched]))
      .map((r) => r.order_number);
    for (const orderNumber of withAmounts) {
      const order = getOrder(db, orderNumber);
      const other =
        order &&
        stmt<[string, string], { currency: string }>(db, 'SELECT currency FROM inventory_items WHERE order_number = ? AND currency <> ? LIMIT 1').get(
          orderNumber,
          order.currency,
        );
      if (order && other) {
        throw new ApiFailure('VALIDATION', `Order ${orderNumber} has its shipping and tax in ${order.currency} but items in ${other.currency}`, [
          { path: 'currency', message: `Order ${orderNumber} mixes ${order.currency} and ${other.currency}` },
        ]);
      }
      respreadOrder(db, orderNumber);
    }
    return this.outcome;
  }
}

/**
 * Adds every record and sets the given orders in ONE transaction: all of it
 * is written, or (on any error, or if the process dies part-way) none of it.
 * Order shares are spread once per touched order at the end.
 */
export function importItems(db: Database.Database, records: readonly ImportRecord[], orders: readonly InventoryOrder[], options: ImportOptions): ImportOutcome {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${BULK_CACHE_SIZE}`);
  try {
    const outcome = inTransaction(db, () => {
      const writer = new ImportWriter(db, orders, options);
      writer.preload(records);
      records.forEach((record, index) => writer.write(record, index));
      return writer.finish();
    });
    scheduleSearchIndexing(db);
    return outcome;
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}

/**
 * Page cache for an import's transaction (KiB, negative as SQLite takes it):
 * the indexes of a large import stay in memory instead of being spilled to the
 * WAL and read back before the commit.
 */
const BULK_CACHE_SIZE = -131072;

/** Milliseconds of writing per chunk: then the event loop is free again, whatever the machine's speed. */
export const IMPORT_CHUNK_MS = 15;

/**
 * The same import as `importItems`, written on a second connection to the
 * same file in chunks with the event loop free between them. Still ONE
 * transaction (BEGIN IMMEDIATE … COMMIT): a kill at any moment leaves all or
 * none. Meanwhile `db` answers reads from the last committed state; its writes
 * are refused with a clear message (db/writeGate.ts) instead of waiting on the
 * lock. An in-memory database has no second connection: written in one go.
 */
export async function importItemsInChunks(
  db: Database.Database,
  records: readonly ImportRecord[],
  orders: readonly InventoryOrder[],
  options: ImportOptions & { onProgress?: (fraction: number) => void; chunkMs?: number },
): Promise<ImportOutcome> {
  if (db.memory) return importItems(db, records, orders, options);
  const chunkMs = Math.max(1, options.chunkMs ?? IMPORT_CHUNK_MS);
  const gate = beginLongWrite(db, 'An import');
  const side = new Database(db.name);
  try {
    applyConnectionSettings(side);
    side.pragma(`cache_size = ${BULK_CACHE_SIZE}`);
    side.exec('BEGIN IMMEDIATE');
    try {
      const writer = new ImportWriter(side, orders, options);
      writer.preload(records);
      let chunkStart = performance.now();
      for (let i = 0; i < records.length; i++) {
        writer.write(records[i]!, i);
        // The clock is read every 16 rows: cheap, and a chunk overruns by at most a few rows.
        if ((i & 15) === 15 && performance.now() - chunkStart >= chunkMs && i + 1 < records.length) {
          const fraction = (i + 1) / records.length;
          gate.progress(fraction);
          options.onProgress?.(fraction);
          await nextTurn();
          chunkStart = performance.now();
        }
      }
      const outcome = writer.finish();
      side.exec('COMMIT');
      options.onProgress?.(1);
      return outcome;
    } catch (err) {
      if (side.inTransaction) side.exec('ROLLBACK');
      throw err;
    }
  } finally {
    side.close();
    gate.end();
    // The new rows are found by a LIKE over the rows above the watermark until then.
    scheduleSearchIndexing(db);
  }
}

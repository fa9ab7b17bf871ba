// The user's price observations per part (migration 0005). Each write is one
// transaction: an import of many rows stores all of them or none.
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import type { CheckedObservation, PriceObservation } from '#core/prices/observation';
import { inTransaction } from '../transaction';

interface Row {
  id: number;
  part_id: string;
  amount_minor: number;
  shipping_minor: number | null;
  currency: string;
  observed_on: string;
  listing: string | null;
  seller: string | null;
  condition: PriceObservation['condition'];
  inventory_item_id: string | null;
  notes: string | null;
  created_at: string;
}

function toObservation(r: Row): PriceObservation {
  return {
    id: r.id,
    partId: r.part_id,
    amountMinor: r.amount_minor,
    shippingMinor: r.shipping_minor,
    currency: r.currency,
    observedOn: r.observed_on,
    listing: r.listing,
    seller: r.seller,
    condition: r.condition,
    inventoryItemId: r.inventory_item_id,
    notes: r.notes,
    createdAt: r.created_at,
  };
}

function insertOne(db: Database.Database, o: CheckedObservation, at: string): number {
  if (!db.prepare('SELECT 1 FROM parts WHERE id = ?').get(o.partId))
    throw new ApiFailure('VALIDATION', `No catalog part ${o.partId}.`, [{ path: 'partId', message: `no catalog part ${o.partId}` }]);
  if (o.inventoryItemId && !db.prepare('SELECT 1 FROM inventory_items WHERE id = ?').get(o.inventoryItemId))
    throw new ApiFailure('VALIDATION', `No inventory item ${o.inventoryItemId}.`, [
      { path: 'inventoryItemId', message: `no inventory item ${o.inventoryItemId}` },
    ]);
  const r = db
    .prepare(
      `INSERT INTO price_observations (part_id, amount_minor, shipping_minor, currency, observed_on, listing, seller, condition, inventory_item_id, notes, created_at)
       VALUES (@partId, @amountMinor, @shippingMinor, @currency, @observedOn, @listing, @seller, @condition, @inventoryItemId, @notes, @at)`,
    )
    .run({ ...o, at });
  return Number(r.lastInsertRowid);
}

export function addObservation(db: Database.Database, o: CheckedObservation, now: Date = new Date()): PriceObservation {
  return inTransaction(db, () => getObservation(db, insertOne(db, o, now.toISOString()))!);
}

/** All or nothing: a failing row rolls the whole import back. */
export function addObservations(db: Database.Database, rows: readonly CheckedObservation[], now: Date = new Date()): number {
  const at = now.toISOString();
  return inTransaction(db, () => {
    for (const o of rows) insertOne(db, o, at);
    return rows.length;
  });
}

export function getObservation(db: Database.Database, id: number): PriceObservation | null {
  const r = db.prepare<[number], Row>('SELECT * FROM price_observations WHERE id = ?').get(id);
  return r ? toObservation(r) : null;
}

/** A part's observations, newest first. */
export function listObservations(db: Database.Database, partId: string): PriceObservation[] {
  return db.prepare<[string], Row>('SELECT * FROM price_observations WHERE part_id = ? ORDER BY observed_on DESC, id DESC').all(partId).map(toObservation);
}

export function deleteObservation(db: Database.Database, id: number): boolean {
  return db.prepare('DELETE FROM price_observations WHERE id = ?').run(id).changes > 0;
}

/** Every part's observations at once (for pricing whole builds): partId → newest first. */
export function observationIndex(db: Database.Database): Map<string, PriceObservation[]> {
  const out = new Map<string, PriceObservation[]>();
  for (const r of db.prepare<[], Row>('SELECT * FROM price_observations ORDER BY observed_on DESC, id DESC').all()) {
    const o = toObservation(r);
    const list = out.get(o.partId);
    if (list) list.push(o);
    else out.set(o.partId, [o]);
  }
  return out;
}

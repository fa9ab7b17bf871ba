// The catalog with full specs, read from the parts table (data JSON parsed with
// the catalog schema), and the user's own parts. Built-in rows are written only
// by syncBuiltinParts; every write here is to a "user." part.
import type Database from 'better-sqlite3';
import { CatalogPart, isUserPartId } from '#core/catalog/part';
import { indexCatalog, type CatalogIndex } from '#core/check/catalog';
import { ApiFailure } from '#core/api/errors';
import { inTransaction } from '../transaction';
import { getPart, putUserPart } from './parts';

interface DataRow {
  id: string;
  data: string;
}

function parseRow(row: DataRow): CatalogPart | null {
  const parsed = CatalogPart.safeParse(JSON.parse(row.data));
  return parsed.success ? parsed.data : null;
}

/** The catalog as every check, estimate, comparison, sheet and view reads it. */
export interface Catalog {
  /** Built-in and user parts, in catalog order (category, vendor, model). */
  parts: CatalogPart[];
  index: CatalogIndex;
  /** Stored rows this version cannot read: reported, never silently dropped. */
  unreadable: { id: string; message: string }[];
}

const catalogs = new WeakMap<Database.Database, { key: string; catalog: Catalog }>();

/**
 * The one catalog service: every part in the parts table (built-ins are synced
 * into it at start), parsed once and cached per database until a part changes
 * (row count, latest update or revision sum differ — cheap to ask on each call).
 */
export function catalogOf(db: Database.Database): Catalog {
  const sig = db
    .prepare<[], { n: number; latest: string | null; revs: number | null }>(
      'SELECT count(*) AS n, max(updated_at) AS latest, total(revision) AS revs FROM parts',
    )
    .get()!;
  const key = `${sig.n}|${sig.latest}|${sig.revs}`;
  const hit = catalogs.get(db);
  if (hit && hit.key === key) return hit.catalog;
  const rows = db.prepare<[], DataRow>('SELECT id, data FROM parts ORDER BY category, vendor COLLATE NOCASE, model COLLATE NOCASE, id').all();
  const parts: CatalogPart[] = [];
  const unreadable: Catalog['unreadable'] = [];
  for (const row of rows) {
    let value: unknown;
    try {
      value = JSON.parse(row.data);
    } catch {
      unreadable.push({ id: row.id, message: 'the stored JSON is corrupt' });
      continue;
    }
    const parsed = CatalogPart.safeParse(value);
    if (parsed.success) parts.push(parsed.data);
    else unreadable.push({ id: row.id, message: `${parsed.error.issues[0]?.path.join('.') || '(part)'}: ${parsed.error.issues[0]?.message ?? 'not valid'}` });
  }
  const catalog: Catalog = { parts, index: indexCatalog(parts), unreadable };
  catalogs.set(db, { key, catalog });
  return catalog;
}

export function getCatalogPart(db: Database.Database, id: string): CatalogPart | null {
  const row = db.prepare<[string], DataRow>('SELECT id, data FROM parts WHERE id = ?').get(id);
  if (!row) return null;
  const part = parseRow(row);
  if (!part) throw new ApiFailure('VALIDATION', `${id} is stored in a form this version cannot read.`);
  return part;
}

export function partExists(db: Database.Database, id: string): boolean {
  return db.prepare<[string], { n: number }>('SELECT 1 AS n FROM parts WHERE id = ?').get(id) !== undefined;
}

export function countInventoryUses(db: Database.Database, partId: string): number {
  return db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM inventory_items WHERE part_id = ?').get(partId)!.n;
}

/** Inserts or replaces a user part (the id must start with "user."). */
export function saveUserPart(db: Database.Database, part: CatalogPart, now: Date): CatalogPart {
  if (!isUserPartId(part.id) || part.builtin) throw new ApiFailure('CONFLICT', `${part.id} is not a user part.`);
  putUserPart(db, part, now);
  return part;
}

/** Deletes a user part; refuses built-ins and parts that inventory items still use. */
export function deleteUserPart(db: Database.Database, id: string): void {
  inTransaction(db, () => {
    const stored = getPart(db, id);
    if (!stored) throw new ApiFailure('NOT_FOUND', `No part with id ${id}.`);
    if (stored.builtin) throw new ApiFailure('CONFLICT', `${id} is a built-in part and cannot be deleted.`);
    const uses = countInventoryUses(db, id);
    if (uses > 0) throw new ApiFailure('CONFLICT', `${id} is used by ${uses} inventory item${uses === 1 ? '' : 's'}; delete or re-point them first.`);
    db.prepare('DELETE FROM parts WHERE id = ? AND builtin = 0').run(id);
  });
}

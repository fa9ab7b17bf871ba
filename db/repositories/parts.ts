// Catalog parts as stored: a few columns for lists and sorting plus the whole
// part as JSON. Built-in parts are synced from the app's catalog on start;
// the user's own parts (builtin = 0) are never changed by that sync.
import type Database from 'better-sqlite3';
import type { PartSummary, PartsQuery } from '#core/api/parts';
import { ApiFailure } from '#core/api/errors';
import { inTransaction } from '../transaction';
import { likeContains, searchWords } from './search';

/** What the store needs of a catalog part; the whole object is kept as JSON. */
export interface StorablePart {
  id: string;
  category: string;
  vendor: string;
  model: string;
  revision: number;
  typicalUsedPrice?: { amountMinor: number; currency: string } | null;
}

export interface StoredPart extends PartSummary {
  revision: number;
  /** The whole catalog part as it was stored (parse it with the catalog's schema). */
  data: unknown;
  createdAt: string;
  updatedAt: string;
}

interface PartRow {
  id: string;
  category: string;
  vendor: string;
  model: string;
  builtin: number;
  revision: number;
  typical_price_minor: number | null;
  typical_price_currency: string | null;
  data: string;
  created_at: string;
  updated_at: string;
}

function toSummary(row: PartRow): PartSummary {
  return {
    id: row.id,
    category: row.category,
    vendor: row.vendor,
    model: row.model,
    builtin: row.builtin === 1,
    typicalUsedPrice:
      row.typical_price_minor === null || row.typical_price_currency === null
        ? null
        : { amountMinor: row.typical_price_minor, currency: row.typical_price_currency },
  };
}

function columns(part: StorablePart) {
  const price = part.typicalUsedPrice ?? null;
  return {
    id: part.id,
    category: part.category,
    vendor: part.vendor,
    model: part.model,
    revision: part.revision,
    typical_price_minor: price ? price.amountMinor : null,
    typical_price_currency: price ? price.currency : null,
    data: JSON.stringify(part),
  };
}

function priceChanged(part: StorablePart, stored: { typical_price_minor: number | null; typical_price_currency: string | null }): boolean {
  const c = columns(part);
  return c.typical_price_minor !== stored.typical_price_minor || c.typical_price_currency !== stored.typical_price_currency;
}

export interface SyncResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids a user part already holds: the user's part is kept, the built-in skipped. */
  skipped: string[];
}

/**
 * Upserts the app's built-in parts in one transaction: new ids are inserted,
 * stored built-ins are replaced when `revision` grew (or, at the same revision,
 * when the used-price table changed their price), user parts are left alone.
 * Built-ins no longer shipped stay (inventory items may still point at them).
 */
export function syncBuiltinParts(db: Database.Database, parts: readonly StorablePart[], now: Date = new Date()): SyncResult {
  const at = now.toISOString();
  const find = db.prepare<[string], { builtin: number; revision: number; typical_price_minor: number | null; typical_price_currency: string | null }>(
    'SELECT builtin, revision, typical_price_minor, typical_price_currency FROM parts WHERE id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO parts (id, category, vendor, model, builtin, revision, typical_price_minor, typical_price_currency, data, created_at, updated_at)
     VALUES (@id, @category, @vendor, @model, 1, @revision, @typical_price_minor, @typical_price_currency, @data, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE parts SET category = @category, vendor = @vendor, model = @model, revision = @revision,
       typical_price_minor = @typical_price_minor, typical_price_currency = @typical_price_currency, data = @data, updated_at = @at
     WHERE id = @id AND builtin = 1`,
  );
  return inTransaction(db, () => {
    const result: SyncResult = { inserted: 0, updated: 0, unchanged: 0, skipped: [] };
    for (const part of parts) {
      const stored = find.get(part.id);
      if (!stored) {
        insert.run({ ...columns(part), at });
        result.inserted++;
      } else if (stored.builtin === 0) {
        result.skipped.push(part.id);
      } else if (part.revision > stored.revision || (part.revision === stored.revision && priceChanged(part, stored))) {
        // Prices come from the used-price table (assets/prices), which changes without a part's revision.
        update.run({ ...columns(part), at });
        result.updated++;
      } else {
        result.unchanged++;
      }
    }
    return result;
  });
}

/** Adds or replaces one of the user's own parts; a built-in id is refused. */
export function putUserPart(db: Database.Database, part: StorablePart, now: Date = new Date()): StoredPart {
  const at = now.toISOString();
  return inTransaction(db, () => {
    const stored = db.prepare<[string], { builtin: number }>('SELECT builtin FROM parts WHERE id = ?').get(part.id);
    if (stored?.builtin === 1) throw new ApiFailure('CONFLICT', `${part.id} is a built-in part; save your version under a new id.`);
    db.prepare(
      `INSERT INTO parts (id, category, vendor, model, builtin, revision, typical_price_minor, typical_price_currency, data, created_at, updated_at)
       VALUES (@id, @category, @vendor, @model, 0, @revision, @typical_price_minor, @typical_price_currency, @data, @at, @at)
       ON CONFLICT (id) DO UPDATE SET category = excluded.category, vendor = excluded.vendor, model = excluded.model, revision = excluded.revision,
         typical_price_minor = excluded.typical_price_minor, typical_price_currency = excluded.typical_price_currency, data = excluded.data, updated_at = excluded.updated_at`,
    ).run({ ...columns(part), at });
    return getPart(db, part.id)!;
  });
}

export function getPart(db: Database.Database, id: string): StoredPart | null {
  const row = db.prepare<[string], PartRow>('SELECT * FROM parts WHERE id = ?').get(id);
  if (!row) return null;
  return { ...toSummary(row), revision: row.revision, data: JSON.parse(row.data) as unknown, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Parts for a picker, sorted by category, vendor, model; every search word must match vendor, model or id. */
export function listParts(db: Database.Database, query: PartsQuery): PartSummary[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.category !== undefined) {
    where.push('category = ?');
    params.push(query.category);
  }
  for (const word of searchWords(query.search)) {
    where.push(`(vendor || ' ' || model || ' ' || id) LIKE ? ESCAPE '\\'`);
    params.push(likeContains(word));
  }
  const sql = `SELECT * FROM parts ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY category, vendor COLLATE NOCASE, model COLLATE NOCASE, id LIMIT ?`;
  return db
    .prepare<(string | number)[], PartRow>(sql)
    .all(...params, query.limit)
    .map(toSummary);
}

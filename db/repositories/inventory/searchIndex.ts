// The search index (inventory_search, migration 0008) is filled up to a rowid
// watermark in bounded chunks after imports and at start, off the import's
// transaction. A search stays complete meanwhile: rows above the watermark are
// matched by LIKE (queries.ts).
import type Database from 'better-sqlite3';
import { longWrite } from '../../writeGate';
import { inTransaction } from '../../transaction';
import { stmt } from './rows';

/** Rows per background chunk: ~10–30 ms of indexing on a slow machine, so requests wait at most that long. */
export const SEARCH_INDEX_CHUNK_ROWS = 2000;

export function indexedThrough(db: Database.Database): number {
  return stmt<[], { w: number }>(db, 'SELECT indexed_through AS w FROM inventory_search_state').get()?.w ?? 0;
}

/** Rows not in the search index yet. */
export function unindexedRows(db: Database.Database): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM inventory_items WHERE rowid > (SELECT indexed_through FROM inventory_search_state)').get()!.n;
}

/** Indexes up to `maxRows` rows above the watermark and moves it; returns how many were indexed. */
export function indexSearchChunk(db: Database.Database, maxRows = SEARCH_INDEX_CHUNK_ROWS): number {
  const before = totalChanges(db);
  try {
    return indexChunk(db, maxRows);
  } finally {
    maintenance.set(db, (maintenance.get(db) ?? 0) + totalChanges(db) - before);
  }
}

/**
 * Rows this connection changed only to keep the search index up to date: not
 * something of the person's, so "changed since the last backup" leaves them out.
 */
const maintenance = new WeakMap<Database.Database, number>();
export function maintenanceChangesOf(db: Database.Database): number {
  return maintenance.get(db) ?? 0;
}

function totalChanges(db: Database.Database): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

function indexChunk(db: Database.Database, maxRows: number): number {
  return inTransaction(db, () => {
    const from = indexedThrough(db);
    const last =
      stmt<[number, number], { r: number | null }>(
        db,
        'SELECT max(rowid) AS r FROM (SELECT rowid FROM inventory_items WHERE rowid > ? ORDER BY rowid LIMIT ?)',
      ).get(from, maxRows)?.r ?? null;
    if (last === null) return 0;
    const done = stmt(
      db,
      'INSERT INTO inventory_search (rowid, search_text) SELECT rowid, search_text FROM inventory_items WHERE rowid > ? AND rowid <= ?',
    ).run(from, last).changes;
    stmt(db, 'UPDATE inventory_search_state SET indexed_through = ?').run(last);
    return done;
  });
}

const scheduled = new WeakSet<Database.Database>();

/**
 * Fills the index in the background, a chunk per turn of the event loop, until
 * no row is left above the watermark. Waits while an import holds the file;
 * stops when the connection is closed. Calling it again while it runs is a no-op.
 */
export function scheduleSearchIndexing(db: Database.Database, onDone?: () => void): void {
  if (db.memory) {
    while (indexSearchChunk(db, 50_000) > 0);
    onDone?.();
    return;
  }
  if (scheduled.has(db)) return;
  scheduled.add(db);
  const step = () => {
    if (!db.open) return void scheduled.delete(db);
    if (longWrite(db)) return void setTimeout(step, 50).unref();
    let more = false;
    try {
      more = indexSearchChunk(db) > 0;
    } catch {
      // Busy or read-only: the search still finds every row (LIKE above the watermark); try again later.
      scheduled.delete(db);
      return;
    }
    if (more) setTimeout(step, 0).unref();
    else {
      scheduled.delete(db);
      onDone?.();
    }
  };
  setTimeout(step, 0).unref();
}

/** Waits until the background indexing of `db` is done (tests, bench). */
export function searchIndexSettled(db: Database.Database): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (!db.open || unindexedRows(db) === 0 ? resolve() : setTimeout(check, 5));
    scheduleSearchIndexing(db);
    check();
  });
}

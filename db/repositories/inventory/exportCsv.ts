// The inventory CSV export, streamed: its own read-only connection holds one
// snapshot (WAL: writers on the app's connection go on meanwhile), rows are
// turned into CSV a chunk at a time, and the event loop gets a turn between
// chunks so the host keeps answering requests. Memory stays flat in the
// number of items; the bytes are those of core/csv/export.ts inventoryCsv.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { inventoryCsvChunks } from '#core/csv/export';
import type { InventoryOrder } from '#core/inventory/orders';
import { withBinding } from '../../nativeBinding';
import { ITEM_COLUMNS, toViewFromRaw } from './rows';
import { listOrders } from './items';

export const EXPORT_CHUNK_ROWS = 1000;

export interface CsvStreamProgress {
  rows: number;
  total: number;
}

/** The export's text in chunks, read from `databasePath` through a connection of its own. */
export async function* inventoryCsvStream(
  databasePath: string,
  options: { onProgress?: (p: CsvStreamProgress) => void; yieldEvery?: () => Promise<void> } = {},
): AsyncGenerator<string> {
  const pause = options.yieldEvery ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const db = new Database(databasePath, withBinding({ readonly: true, fileMustExist: true }));
  try {
    db.pragma('busy_timeout = 5000');
    // One read transaction: every chunk sees the same snapshot.
    db.exec('BEGIN');
    const total = (db.prepare('SELECT count(*) AS n FROM inventory_items').get() as { n: number }).n;
    const orders: InventoryOrder[] = listOrders(db);
    let rows = 0;
    const items = (function* () {
      const it = db
        .prepare<[], unknown[]>(`SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id ORDER BY i.created_at, i.rowid`)
        .raw()
        .iterate();
      for (const row of it) {
        rows++;
        yield toViewFromRaw(row);
      }
    })();
    for (const chunk of inventoryCsvChunks(items, orders, EXPORT_CHUNK_ROWS)) {
      yield chunk;
      options.onProgress?.({ rows, total });
      await pause();
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

/** Streams the export to `out` (written beside and renamed, so a failed write never leaves half a file under the name). */
export async function writeInventoryCsv(
  databasePath: string,
  out: string,
  options: { onProgress?: (p: CsvStreamProgress) => void } = {},
): Promise<{ count: number; bytes: number }> {
  const temp = `${out}.${process.pid}.tmp`;
  const stream = fs.createWriteStream(temp);
  let bytes = 0;
  let count = 0;
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  try {
    for await (const chunk of inventoryCsvStream(databasePath, {
      onProgress: (p) => {
        count = p.rows;
        options.onProgress?.(p);
      },
    })) {
      const buf = Buffer.from(chunk, 'utf8');
      bytes += buf.length;
      if (!stream.write(buf)) await Promise.race([new Promise<void>((resolve) => stream.once('drain', resolve)), failed]);
    }
    await Promise.race([new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve()))), failed]);
    fs.renameSync(temp, out);
    return { count, bytes };
  } catch (err) {
    stream.destroy();
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

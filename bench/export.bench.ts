// The streamed inventory CSV export (db/repositories/inventory/exportCsv.ts)
// at 10k, 100k and 1M items, against a raw row walk measured in the same run:
// the same joined SELECT iterated by better-sqlite3 on its own connection, each
// row's values joined with commas and written to a file in 1000-row chunks
// (goal: export <= 2x raw). And the peak RSS growth while exporting (memory
// flat in n: the goal is a fixed ceiling, the same at every size).
// RACKHIVE_BENCH_SIZES or `--quick` choose the sizes, as for the inventory rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { writeInventoryCsv } from '#db/repositories/inventory/exportCsv';
import { ITEM_COLUMNS } from '#db/repositories/inventory/rows';
import { BUILTIN_PARTS } from '#db/builtinParts';
import { benchSizes, limitRow, median, ratioRow, scaling } from './harness';

/** Peak RSS growth allowed while exporting, at any size. */
const RSS_LIMIT_MIB = 96;

async function seed(dir: string, n: number): Promise<string> {
  const app = await openAppDatabase(dir);
  const insert = app.db.prepare(
    `INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, shipping_minor, seller, listing_url, order_number, ordered_on, notes, title, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const statuses = ['ordered', 'received', 'tested', 'wishlist'];
  app.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const part = BUILTIN_PARTS[i % BUILTIN_PARTS.length]!;
      const at = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
      insert.run(
        `x${String(i).padStart(8, '0')}`,
        part.id,
        1 + (i % 4),
        statuses[i % statuses.length],
        (i * 7919) % 200000,
        i % 3 === 0 ? 1250 : null,
        `seller-${i % 977}`,
        `https://www.ebay.com/itm/${125000000000 + i}`,
        `${10 + (i % 90)}-${String(i).padStart(5, '0')}-00001`,
        `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        i % 10 === 0 ? `bench note ${i}, "quoted", with comma` : null,
        `${part.vendor} ${part.model} used, tested`,
        at,
        at,
      );
    }
  })();
  const file = app.path;
  closeAppDatabase(app.db);
  return file;
}

/** The floor: the same rows read and written as plain comma-joined lines, no formatting, escaping or quoting. */
async function rawWalk(databasePath: string, out: string): Promise<number> {
  const db = new Database(databasePath, { readonly: true });
  const stream = fs.createWriteStream(out);
  const t0 = performance.now();
  let lines: string[] = [];
  for (const row of db
    .prepare(`SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id ORDER BY i.created_at, i.rowid`)
    .raw()
    .iterate()) {
    lines.push((row as unknown[]).join(','));
    if (lines.length === 1000) {
      if (!stream.write(lines.join('\r\n') + '\r\n')) await new Promise<void>((r) => stream.once('drain', () => r()));
      lines = [];
    }
  }
  stream.write(lines.join('\r\n'));
  await new Promise<void>((r) => stream.end(r));
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

export default async function bench(): Promise<void> {
  const SIZES = benchSizes();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-bench-export-'));
  const exportMs: number[] = [];
  const rssGrowth: number[] = [];
  try {
    for (const n of SIZES) {
      const dir = path.join(root, String(n));
      const databasePath = await seed(dir, n);
      const runs = n >= 1_000_000 ? 1 : 3;
      const raw: number[] = [];
      const ours: number[] = [];
      let peak = 0;
      for (let run = 0; run < runs; run++) {
        raw.push(await rawWalk(databasePath, path.join(dir, 'raw.csv')));
        global.gc?.();
        const before = process.memoryUsage().rss;
        let max = before;
        const t0 = performance.now();
        await writeInventoryCsv(databasePath, path.join(dir, 'export.csv'), { onProgress: () => (max = Math.max(max, process.memoryUsage().rss)) });
        ours.push(performance.now() - t0);
        peak = Math.max(peak, (max - before) / 1024 / 1024);
      }
      const size = fs.statSync(path.join(dir, 'export.csv')).size;
      ratioRow('inventory CSV export, streamed to a file', median(ours), 'ms', { what: 'raw row walk written to a file', figure: median(raw) }, 2, {
        size: n,
        note: `${(size / 1024 / 1024).toFixed(1)} MiB file`,
      });
      limitRow('peak RSS growth during the streamed export', peak, 'MiB', RSS_LIMIT_MIB, null, { size: n });
      exportMs.push(median(ours));
      rssGrowth.push(Math.max(peak, 0.01));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    scaling('streamed CSV export time', SIZES, exportMs, 'ms');
    scaling('streamed CSV export peak RSS growth', SIZES, rssGrowth, 'MiB');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// The import's write against the floor SQLite sets: the same rows written by
// the app's import (chunked, on its own connection, checked, with history and
// search text) and by a raw better-sqlite3 insert into a plain table in one
// transaction, measured in the same run (goal: import <= 3x raw); and how long
// a request waits while a 100,000-row import is written (goal: < 100 ms).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { applyConnectionSettings } from '#db/open';
import { importItemsInChunks, listItems, type ImportRecord } from '#db/repositories/inventory';
import { InventoryQuery } from '#core/inventory/query';
import { validateItemDraft } from '#core/inventory/item';
import { BUILTIN_PARTS } from '#db/builtinParts';

function records(n: number): ImportRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const part = BUILTIN_PARTS[i % BUILTIN_PARTS.length]!;
    const r = validateItemDraft({
      partId: part.id,
      quantity: String(1 + (i % 4)),
      status: i % 3 === 0 ? 'received' : 'ordered',
      price: `${((i * 7919) % 200000) / 100}`,
      shipping: i % 3 === 0 ? '12.50' : '',
      seller: `seller-${i % 977}`,
      listingUrl: `https://www.ebay.com/itm/${125000000000 + i}`,
      orderNumber: `${10 + (i % 90)}-${String(i).padStart(5, '0')}-00001`,
      orderedOn: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      title: `${part.vendor} ${part.model} used, tested`,
      externalId: `ebay:${i}:${125000000000 + i}`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return { fields: r.value, note: `Imported from bench.csv, line ${i + 2}` };
  });
}

/** The floor: the same values into a plain table (no checks, indexes, history or search text), one transaction. */
function rawInsert(file: string, rows: readonly ImportRecord[]): number {
  const db = new Database(file);
  applyConnectionSettings(db);
  db.exec(`CREATE TABLE items (id TEXT, part_id TEXT, quantity INTEGER, status TEXT, currency TEXT, price_minor INTEGER, shipping_minor INTEGER,
    tax_minor INTEGER, seller TEXT, listing_url TEXT, ebay_item_number TEXT, order_number TEXT, ordered_on TEXT, title TEXT, external_id TEXT, note TEXT)`);
  const insert = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const t0 = performance.now();
  db.transaction(() => {
    rows.forEach((r, i) => {
      const f = r.fields;
      insert.run(
        `id-${i}`,
        f.partId,
        f.quantity,
        f.status,
        f.currency,
        f.priceMinor,
        f.shippingMinor,
        f.taxMinor,
        f.seller,
        f.listingUrl,
        f.ebayItemNumber,
        f.orderNumber,
        f.orderedOn,
        f.title,
        f.externalId,
        r.note ?? null,
      );
    });
  }).immediate();
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

export default async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-bench-import-'));
  try {
    // RACKHIVE_BENCH_IMPORT_SIZES=10000 runs the small one only.
    const sizes = (process.env.RACKHIVE_BENCH_IMPORT_SIZES ?? '10000,100000').split(',').map(Number);
    for (const n of sizes) {
      const rows = records(n);
      const raw = rawInsert(path.join(dir, `raw-${n}.db`), rows);
      const app = await openAppDatabase(path.join(dir, `app-${n}`));
      const latencies: number[] = [];
      let done = false;
      // A request every few milliseconds while the import runs: how long from asking to the answer.
      const requests = (async () => {
        const query = InventoryQuery.parse({ limit: 50 });
        while (!done) {
          const asked = performance.now();
          await new Promise((resolve) => setTimeout(resolve, 5));
          const due = asked + 5;
          listItems(app.db, query);
          latencies.push(performance.now() - due);
        }
      })();
      const t0 = performance.now();
      const outcome = await importItemsInChunks(app.db, rows, [], { now: new Date() });
      const ms = performance.now() - t0;
      done = true;
      await requests;
      closeAppDatabase(app.db);
      if (outcome.imported !== n) throw new Error(`imported ${outcome.imported} of ${n}`);
      const sorted = [...latencies].sort((a, b) => a - b);
      const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      console.log(
        `import ${n.toLocaleString('en-US')} rows: ${ms.toFixed(0)} ms, raw better-sqlite3 insert ${raw.toFixed(0)} ms → ${(ms / raw).toFixed(2)}× raw (goal <= 3×)`,
      );
      console.log(
        `  requests during it: ${latencies.length}, latency p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms (goal < 100 ms)`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The inventory table at 10k, 100k and 1M items, each figure against a bare
// query measured in the same run (interleaved):
// - the first page (100 rows, count and totals; the totals are cached against
//   the data version, so an unchanged inventory pays the page alone) against
//   the raw page query (the same columns, ORDER BY updated_at LIMIT 100 on its
//   index): goal <= 3x, and <= 100 ms at 1M;
// - a search (page + count + totals, a new word each run so nothing is cached)
//   against the same page asked straight of the FTS5 trigram index: goal
//   <= 30 ms at 1M (the ratio shown for scale);
// - the totals worked out afresh (what the first page pays once after a change)
//   against a plain SQL count and sum over the same rows: goal <= 3x;
// and a scaling line per operation with its growth exponent over the sizes.
// The rows are generated in SQLite (one INSERT … SELECT over a counter, in one
// transaction) into the app's real schema, then search-indexed by the app's own
// chunk function; nothing is committed. RACKHIVE_BENCH_SIZES=10000,100000 or
// `npm run bench -- inventory --quick` leaves out the million.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { listItems } from '#db/repositories/inventory';
import { countAndTotals } from '#db/repositories/inventory/totals';
import { indexSearchChunk } from '#db/repositories/inventory/searchIndex';
import { ITEM_COLUMNS } from '#db/repositories/inventory/rows';
import { InventoryQuery, type InventoryQueryIn } from '#core/inventory/query';
import { ITEM_STATUSES } from '#core/inventory/status';
import { benchSizes, limitRow, median, ratioRow, scaling } from './harness';

/** n items over every catalog part, the statuses, two currencies (one with a rate), sellers, notes and order numbers. */
export function generate(db: Database.Database, n: number): void {
  const statusCase = `CASE i % ${ITEM_STATUSES.length} ${ITEM_STATUSES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END`;
  // As the app's import does: a large page cache while the one transaction writes, so indexes are not spilled.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  db.transaction(() => {
    db.exec(`
      DROP TABLE IF EXISTS temp.bench_parts;
      CREATE TEMP TABLE bench_parts AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, vendor || ' ' || model AS name FROM parts;
      WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${n - 1}),
      v AS (
        SELECT i, p.id AS part_id, p.name AS part_name,
          'seller-' || (i % 977) AS seller,
          CASE WHEN i % 10 = 0 THEN 'bench note ' || i || ', "quoted", with comma' END AS notes,
          'SN' || ((i * 2654435761) % 1000000000) AS serial_number,
          printf('%d-%05d-%05d', 10 + i % 90, i % 100000, i % 99999) AS order_number,
          CASE WHEN i % 2 = 0 THEN CAST(125000000000 + i AS TEXT) END AS ebay_item_number
        FROM k JOIN bench_parts p ON p.k = i % (SELECT count(*) FROM bench_parts)
      )
      INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, shipping_minor, seller, listing_url, ebay_item_number,
        order_number, ordered_on, serial_number, notes, fx_rate, fx_currency, created_at, updated_at, search_text)
      SELECT printf('b%08d', i), part_id, 1 + i % 4, ${statusCase}, CASE WHEN i % 5 = 0 THEN 'EUR' ELSE 'USD' END,
        CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7919) % 200000 END, CASE WHEN i % 3 = 0 THEN 1250 END, seller,
        CASE WHEN ebay_item_number IS NOT NULL THEN 'https://www.ebay.com/itm/' || ebay_item_number END, ebay_item_number,
        order_number, printf('2024-%02d-%02d', 1 + i % 12, 1 + i % 28), serial_number, notes,
        CASE WHEN i % 5 = 0 THEN 1.0843 END, CASE WHEN i % 5 = 0 THEN 'USD' END,
        strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || i || ' seconds'), strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', '+' || (i * 7 % ${n}) || ' seconds'),
        lower(concat_ws(char(10), part_name, seller, notes, serial_number, order_number, ebay_item_number))
      FROM v;
      DROP TABLE temp.bench_parts;`);
  })();
  db.pragma(`cache_size = ${cache}`);
}

/** Runs figure and baseline alternately; medians of each (after one warm-up of both). */
function alternate(runs: number, figure: (run: number) => unknown, baseline: (run: number) => unknown): [number, number] {
  figure(-1);
  baseline(-1);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    figure(r);
    a.push(performance.now() - t0);
    t0 = performance.now();
    baseline(r);
    b.push(performance.now() - t0);
  }
  return [median(a), median(b)];
}

export default async function bench(): Promise<void> {
  const sizes = benchSizes();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-bench-inventory-'));
  const fig = {
    page: [] as number[],
    afterWrite: [] as number[],
    summary: [] as number[],
    search: [] as number[],
    part: [] as number[],
    totals: [] as number[],
    generate: [] as number[],
  };
  try {
    for (const n of sizes) {
      const app = await openAppDatabase(path.join(dir, `items-${n}`));
      const db = app.db;
      let t0 = performance.now();
      generate(db, n);
      const generated = performance.now() - t0;
      fig.generate.push(generated);
      t0 = performance.now();
      while (indexSearchChunk(db, 200_000) > 0);
      const indexed = performance.now() - t0;
      db.pragma('optimize');
      console.log(
        `(setup: ${n.toLocaleString('en-US')} items generated in ${(generated / 1000).toFixed(1)} s (one transaction), search-indexed in ${(indexed / 1000).toFixed(1)} s)`,
      );
      const runs = n >= 1_000_000 ? 7 : 15;
      const list = (q: InventoryQueryIn) => listItems(db, InventoryQuery.parse(q));
      const rawPage = db.prepare(
        `SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id ORDER BY i.updated_at DESC, i.id DESC LIMIT 100`,
      );
      const ftsPage = db.prepare(
        `SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id
         WHERE i.rowid IN (SELECT rowid FROM inventory_search WHERE inventory_search MATCH ?) ORDER BY i.updated_at DESC, i.id DESC LIMIT 100`,
      );
      const plainSum = db.prepare(
        'SELECT count(*) AS n, sum((coalesce(price_minor, 0) + coalesce(shipping_minor, 0)) * quantity) AS amount FROM inventory_items',
      );

      // 1. First page, inventory unchanged (the totals come from the cache).
      const [page, raw] = alternate(
        runs,
        () => list({}),
        () => rawPage.all(),
      );
      fig.page.push(page);
      const rawBase = { what: 'raw page query (same columns, ORDER BY updated_at LIMIT 100)', figure: raw };
      ratioRow('inventory first page (100 rows + count + totals), unchanged inventory', page, 'ms', rawBase, 3, { size: n });
      if (n >= 1_000_000) limitRow('inventory first page at 1M items', page, 'ms', 100, rawBase, { size: n });

      // 1b. First page right after a write (one item's price changed each run): the summary table
      // keeps the totals, so nothing is recomputed.
      const touch = db.prepare("UPDATE inventory_items SET price_minor = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
      const [afterWrite, rawAfter] = alternate(
        runs,
        (r) => {
          touch.run(1000 + r, `b${String(r + 1).padStart(8, '0')}`);
          return list({});
        },
        () => rawPage.all(),
      );
      fig.afterWrite.push(afterWrite);
      ratioRow('inventory first page right after a write (one UPDATE + page + count + totals)', afterWrite, 'ms', { ...rawBase, figure: rawAfter }, 3, {
        size: n,
      });
      if (n >= 1_000_000) limitRow('inventory first page after a write at 1M items', afterWrite, 'ms', 100, { ...rawBase, figure: rawAfter }, { size: n });

      // 2. Searches, a new word each run (seller-500, seller-501, …: n/977 matches each), so no totals are cached.
      const [search, fts] = alternate(
        runs,
        (r) => list({ search: `seller-${500 + r}` }),
        (r) => ftsPage.all(`"seller-${500 + r}"`),
      );
      fig.search.push(search);
      limitRow(
        'inventory search "seller-5xx" (page + count + totals), a new word each run',
        search,
        'ms',
        30,
        {
          what: 'the same page asked of the FTS5 trigram index',
          figure: fts,
        },
        { size: n, note: `${Math.round(n / 977).toLocaleString('en-US')} matches` },
      );
      // A part's name matches one item in every few hundred; vendors differ per run.
      const words = [
        'tesla',
        'supermicro',
        'mellanox',
        'epyc',
        'xeon',
        'radeon',
        'quadro',
        'geforce',
        'intel',
        'asus',
        'gigabyte',
        'dell',
        'samsung',
        'nvidia',
        'amd',
      ];
      const [part, ftsPart] = alternate(
        runs,
        (r) => list({ search: words[(r + 1) % words.length]! }),
        (r) => ftsPage.all(`"${words[(r + 1) % words.length]!}"`),
      );
      fig.part.push(part);
      limitRow(
        'inventory search by part name (page + count + totals), a new word each run',
        part,
        'ms',
        30,
        {
          what: 'the same page asked of the FTS5 trigram index',
          figure: ftsPart,
        },
        { size: n },
      );

      // 3. Totals of every item read from the summary table (what a page without a search pays), and
      // worked out afresh over the rows (what a search or a return-window filter pays, the summary
      // bypassed), each against a plain count and sum.
      const fromSummary = { where: '', params: [], searching: false, scanning: false, summary: { where: '', params: [] } };
      const [summary, sum0] = alternate(
        runs,
        () => countAndTotals(db, fromSummary, 'USD'),
        () => plainSum.get(),
      );
      fig.summary.push(summary);
      ratioRow(
        'inventory count + totals of every item, from the summary table',
        summary,
        'ms',
        { what: 'plain SQL count(*) + sum() over the same rows', figure: sum0 },
        3,
        { size: n },
      );
      const all = { where: '', params: [], searching: false, scanning: false, summary: null };
      const [totals, sum] = alternate(
        runs,
        () => countAndTotals(db, all, 'USD'),
        () => plainSum.get(),
      );
      fig.totals.push(totals);
      ratioRow(
        'inventory count + totals of every item, worked out afresh over the rows (as a filtered total is)',
        totals,
        'ms',
        { what: 'plain SQL count(*) + sum() over the same rows', figure: sum },
        3,
        {
          size: n,
        },
      );
      closeAppDatabase(db);
      fs.rmSync(path.join(dir, `items-${n}`), { recursive: true, force: true });
    }
    if (sizes.length > 1) {
      scaling('inventory first page, unchanged inventory', sizes, fig.page, 'ms');
      scaling('inventory first page after a write', sizes, fig.afterWrite, 'ms');
      scaling('inventory totals from the summary table', sizes, fig.summary, 'ms');
      scaling('inventory search "seller-5xx"', sizes, fig.search, 'ms');
      scaling('inventory search by part name', sizes, fig.part, 'ms');
      scaling('inventory totals afresh', sizes, fig.totals, 'ms');
      scaling('generating the items (one INSERT … SELECT)', sizes, fig.generate, 'ms');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

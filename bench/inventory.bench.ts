// Inventory at scale: a 10,000-row CSV imported end to end (bytes → decode →
// parse → map → check → one transaction; goal <= 1 s), and over 100,000 items
// the first page of the table and a search (goals <= 100 ms and <= 30 ms).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { importItems, listItems, type ImportRecord } from '#db/repositories/inventory';
import { readCsvBytes } from '#core/csv/read';
import { previewTable } from '#core/csv/preview';
import { inventoryCsv } from '#core/csv/export';
import { InventoryQuery, type InventoryQueryIn } from '#core/inventory/query';
import { validateItemDraft, type InventoryItemView } from '#core/inventory/item';
import { ITEM_STATUSES } from '#core/inventory/status';
import { BUILTIN_PARTS } from '#db/builtinParts';

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fakeItems(n: number): InventoryItemView[] {
  const parts = BUILTIN_PARTS;
  return Array.from({ length: n }, (_, i) => {
    const part = parts[i % parts.length]!;
    const draft = validateItemDraft({
      partId: part.id,
      quantity: String(1 + (i % 4)),
      status: ITEM_STATUSES[i % ITEM_STATUSES.length],
      currency: i % 5 === 0 ? 'EUR' : 'USD',
      price: `${((i * 7919) % 200000) / 100}`,
      shipping: i % 3 === 0 ? '12.50' : '',
      fxRate: i % 5 === 0 ? '1.0843' : '',
      fxCurrency: i % 5 === 0 ? 'USD' : '',
      seller: `seller-${i % 977}`,
      listingUrl: i % 2 === 0 ? `https://www.ebay.com/itm/${125000000000 + i}` : '',
      orderNumber: `${10 + (i % 90)}-${String(i).padStart(5, '0')}-${String(i % 99999).padStart(5, '0')}`,
      orderedOn: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      serialNumber: `SN${(i * 2654435761) % 1e9}`,
      notes: i % 10 === 0 ? `bench note ${i}, "quoted", with comma` : '',
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft.issues));
    const p = parts[i % parts.length]!;
    return {
      ...draft.value,
      id: `b${i}`,
      createdAt: '2024-06-01T00:00:00.000Z',
      updatedAt: '2024-06-01T00:00:00.000Z',
      part: { category: p.category, vendor: p.vendor, model: p.model },
      orderShippingMinor: null,
      orderTaxMinor: null,
      returnDeadline: null,
    };
  });
}

export default async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-bench-inventory-'));
  try {
    // 1. Import of a 10,000-row CSV, end to end, into a fresh database.
    const csv = new TextEncoder().encode(inventoryCsv(fakeItems(10_000)));
    const parts = BUILTIN_PARTS.map((p) => ({ id: p.id, category: p.category, vendor: p.vendor, model: p.model }));
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const app = await openAppDatabase(path.join(dir, `import-${run}`));
      const t0 = performance.now();
      const read = await readCsvBytes(csv, { yieldBetweenChunks: () => Promise.resolve() });
      if (!read.ok) throw new Error(read.error.message);
      const preview = previewTable(read.table, { parts }).preview!;
      if (preview.invalidCount > 0) throw new Error(JSON.stringify(preview.errors.slice(0, 3)));
      const records: ImportRecord[] = preview.rows.map((r) => ({ fields: r.fields! }));
      importItems(app.db, records, [], { now: new Date() });
      times.push(performance.now() - t0);
      closeAppDatabase(app.db);
    }
    console.log(`import 10,000-row CSV (${(csv.length / 1024 / 1024).toFixed(1)} MiB) end to end: ${median(times).toFixed(0)} ms (goal <= 1000 ms)`);

    // 2. 100,000 items: first page and a search.
    const app = await openAppDatabase(path.join(dir, 'big'));
    const all = fakeItems(100_000).map((item) => {
      const { id: _id, createdAt: _c, updatedAt: _u, part: _p, orderShippingMinor: _s, orderTaxMinor: _t, returnDeadline: _r, ...fields } = item;
      return { fields };
    });
    let t0 = performance.now();
    importItems(app.db, all, [], { now: new Date() });
    console.log(`(setup: 100,000 items written in one transaction: ${(performance.now() - t0).toFixed(0)} ms)`);
    app.db.pragma('optimize');
    const time = (q: InventoryQueryIn, runs = 15) => {
      const query = InventoryQuery.parse(q);
      listItems(app.db, query);
      const ts: number[] = [];
      for (let i = 0; i < runs; i++) {
        t0 = performance.now();
        listItems(app.db, query);
        ts.push(performance.now() - t0);
      }
      return median(ts);
    };
    console.log(`first page of 100,000 items (100 rows + count + totals): ${time({}).toFixed(1)} ms (goal <= 100 ms)`);
    console.log(`search "seller-42" over 100,000 items (page + count + totals): ${time({ search: 'seller-42' }).toFixed(1)} ms (goal <= 30 ms)`);
    console.log(`search "tesla p40" over 100,000 items: ${time({ search: 'tesla p40' }).toFixed(1)} ms (goal <= 30 ms)`);
    console.log(
      `filter "return window closing" + sort by price over 100,000 items: ${time({ returnClosing: true, today: '2024-06-01', sort: { column: 'price', direction: 'desc' } }).toFixed(1)} ms`,
    );
    closeAppDatabase(app.db);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

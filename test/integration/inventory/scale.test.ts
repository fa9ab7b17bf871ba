// The inventory at scale, on real SQLite files: the trigram search finds
// exactly what a LIKE scan finds (before, during and after the background
// indexing, and after the edits that move rows in and out of the index),
// cached totals follow every write, keyset pages equal offset pages, and an
// import that fails leaves none of its custom parts behind.
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createItem, deleteItem, importItems, importItemsInChunks, listItems, updateItem, type ImportRecord } from '#db/repositories/inventory';
import { indexSearchChunk, indexedThrough, searchIndexSettled, unindexedRows } from '#db/repositories/inventory/searchIndex';
import { searchTextOf, SEARCH_TEXT_SQL } from '#db/repositories/inventory/rows';
import { likeContains, searchWords } from '#db/repositories/search';
import { putUserPart } from '#db/repositories/parts';
import { validateItemDraft, type ItemDraft, type ItemFields } from '#core/inventory/item';
import { InventoryQuery, INVENTORY_SORT_COLUMNS, type InventoryQueryIn } from '#core/inventory/query';
import { ITEM_STATUSES } from '#core/inventory/status';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir } from '../../helpers/db';

afterEach(cleanupTempDirs);

function fields(draft: ItemDraft): ItemFields {
  const r = validateItemDraft(draft);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** A small deterministic generator (the same data every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const SELLERS = ['gpu_depot', 'Server-Parts 100%', 'ÉLITE hardware', 'r"quote', 'x_y', 'back\\slash', 'ab'];

function records(n: number, seed = 1): ImportRecord[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const part = FIXTURE_PARTS[Math.floor(r() * FIXTURE_PARTS.length)]!;
    return {
      fields: fields({
        partId: part.id,
        status: ITEM_STATUSES[Math.floor(r() * ITEM_STATUSES.length)],
        currency: r() < 0.2 ? 'EUR' : 'USD',
        price: r() < 0.8 ? `${Math.floor(r() * 100000) / 100}` : '',
        shipping: r() < 0.3 ? '12.50' : '',
        quantity: String(1 + Math.floor(r() * 3)),
        seller: r() < 0.9 ? `${SELLERS[Math.floor(r() * SELLERS.length)]}-${Math.floor(r() * 50)}` : '',
        serialNumber: r() < 0.5 ? `SN${Math.floor(r() * 1e6)}` : '',
        notes: r() < 0.2 ? `note ${i} with 50% off_sale` : '',
        orderNumber: r() < 0.7 ? `${10 + Math.floor(r() * 89)}-${String(i).padStart(5, '0')}-0000${Math.floor(r() * 9)}` : '',
        listingUrl: r() < 0.5 ? `https://www.ebay.com/itm/${125000000000 + i}` : '',
        orderedOn: `2024-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
      }),
    };
  });
}

async function openApp() {
  const dir = makeTempDir();
  const app = await openAppDatabase(dir, { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
  return app;
}

const list = (db: Database.Database, q: InventoryQueryIn = {}) => listItems(db, InventoryQuery.parse(q));

/** Every matching id by the search box, all pages. */
function searchIds(db: Database.Database, search: string): string[] {
  return list(db, { search, limit: 1000, sort: { column: 'createdAt', direction: 'asc' } })
    .items.map((i) => i.id)
    .sort();
}

/** The reference: a LIKE scan of every row's search_text, word by word. */
function likeIds(db: Database.Database, search: string): string[] {
  const words = searchWords(search);
  const where = words.map(() => `search_text LIKE ? ESCAPE '\\'`).join(' AND ') || '1';
  return db
    .prepare<string[], { id: string }>(`SELECT id FROM inventory_items WHERE ${where}`)
    .all(...words.map(likeContains))
    .map((r) => r.id)
    .sort();
}

/** Search words taken from the stored texts (substrings of 1 to 7 characters), and awkward ones. */
function sampleWords(db: Database.Database, count: number): string[] {
  const texts = db
    .prepare<[], { t: string }>('SELECT search_text AS t FROM inventory_items')
    .all()
    .map((r) => r.t);
  const r = rng(7);
  const words = ['100%', 'x_y', '%', '_', 'r"quote', 'back\\slash', 'élite', 'ÉLITE', 'GPU_DEPOT', 'no-such-thing', 'sn1 gpu', 'off_sale 50%', 'a', 'ab'];
  while (words.length < count) {
    const t = texts[Math.floor(r() * texts.length)]!;
    const start = Math.floor(r() * t.length);
    const w = t.slice(start, start + 1 + Math.floor(r() * 7)).split(/\s+/)[0]!;
    if (w !== '') words.push(r() < 0.3 ? w.toUpperCase() : w);
  }
  return words;
}

function expectSearchEqualsLike(db: Database.Database, words: string[]) {
  for (const w of words) expect(searchIds(db, w), `search "${w}"`).toEqual(likeIds(db, w));
}

describe('inventory search through the trigram index', () => {
  it('finds exactly what a LIKE scan finds, before, during and after the background indexing', async () => {
    const app = await openApp();
    const { db } = app;
    importItems(db, records(400), [], { now: new Date('2024-06-01T00:00:00Z') });
    const words = sampleWords(db, 80);
    // Nothing indexed yet: the whole table is above the watermark.
    db.prepare('UPDATE inventory_search_state SET indexed_through = 0').run();
    db.prepare("INSERT INTO inventory_search (inventory_search) VALUES ('delete-all')").run();
    expect(unindexedRows(db)).toBe(400);
    expectSearchEqualsLike(db, words);
    // Half of it indexed.
    indexSearchChunk(db, 200);
    expect(unindexedRows(db)).toBe(200);
    expectSearchEqualsLike(db, words);
    await searchIndexSettled(db);
    expect(unindexedRows(db)).toBe(0);
    expectSearchEqualsLike(db, words);
    closeAppDatabase(db);
  });

  it('stays equal to LIKE after updates, deletes (the highest row too, whose rowid is then reused), restores and a part rename', async () => {
    const app = await openApp();
    const { db } = app;
    const now = new Date('2024-06-02T00:00:00Z');
    const outcome = importItems(db, records(120, 3), [], { now });
    await searchIndexSettled(db);
    const words = [...sampleWords(db, 40), 'renamed', 'zebra', 'ebra-9'];
    // An indexed row's text changes.
    const first = outcome.ids[0]!;
    updateItem(db, first, fields({ partId: FIXTURE_PARTS[0]!.id, status: 'received', seller: 'zebra-9' }), { now });
    expectSearchEqualsLike(db, words);
    // The highest row goes; the next insert gets its rowid back.
    const maxRow = db.prepare<[], { id: string; rowid: number }>('SELECT id, rowid FROM inventory_items ORDER BY rowid DESC LIMIT 1').get()!;
    deleteItem(db, maxRow.id);
    expect(indexedThrough(db)).toBeLessThan(maxRow.rowid);
    const added = createItem(db, fields({ partId: FIXTURE_PARTS[1]!.id, status: 'wishlist', seller: 'zebra-10' }), { now });
    expect(db.prepare<[string], { rowid: number }>('SELECT rowid FROM inventory_items WHERE id = ?').get(added.id)!.rowid).toBe(maxRow.rowid);
    expectSearchEqualsLike(db, words);
    // A part renamed: the texts of its items follow (trigger), and so does the index.
    db.prepare("UPDATE parts SET model = model || ' Renamed' WHERE id = ?").run(FIXTURE_PARTS[0]!.id);
    expectSearchEqualsLike(db, words);
    await searchIndexSettled(db);
    expectSearchEqualsLike(db, words);
    closeAppDatabase(db);
  });

  it("the import's search_text is the one SQL computes for a typed item", async () => {
    const app = await openApp();
    const { db } = app;
    for (const rec of records(60, 11)) {
      const f = rec.fields;
      const sql = db.prepare<Record<string, unknown>, { t: string }>(`SELECT ${SEARCH_TEXT_SQL} AS t`).get({
        part_id: f.partId,
        seller: f.seller,
        notes: f.notes,
        serial_number: f.serialNumber,
        order_number: f.orderNumber,
        ebay_item_number: f.ebayItemNumber,
      })!.t;
      const part = FIXTURE_PARTS.find((p) => p.id === f.partId)!;
      expect(
        searchTextOf(`${part.vendor} ${part.model}`, {
          seller: f.seller,
          notes: f.notes,
          serial_number: f.serialNumber,
          order_number: f.orderNumber,
          ebay_item_number: f.ebayItemNumber,
        }),
      ).toBe(sql);
    }
    const odd = { seller: 'ÀÉ MiXeD Case', notes: '', serial_number: null, order_number: 'AB-12', ebay_item_number: null };
    expect(searchTextOf('Vendor X', odd)).toBe(
      db.prepare<[], { t: string }>("SELECT lower(concat_ws(char(10), 'Vendor X', 'ÀÉ MiXeD Case', '', NULL, 'AB-12', NULL)) AS t").get()!.t,
    );
    closeAppDatabase(db);
  });
});

describe('inventory totals and paging at scale', () => {
  it('the count and the spent sums equal plain SQL over the same rows, and follow writes on this and on another connection', async () => {
    const app = await openApp();
    const { db } = app;
    importItems(db, records(300, 5), [], { now: new Date('2024-06-01T00:00:00Z') });
    const plain = (statuses: readonly string[]) => {
      const rows = db
        .prepare<[string], { currency: string; landed: number }>(
          `SELECT currency, sum((coalesce(price_minor,0) + coalesce(shipping_minor,0) + coalesce(tax_minor,0) + coalesce(fees_minor,0)) * quantity
             + coalesce(order_shipping_minor,0) + coalesce(order_tax_minor,0)) AS landed
           FROM inventory_items WHERE status IN (SELECT value FROM json_each(?)) GROUP BY currency ORDER BY currency`,
        )
        .all(JSON.stringify(statuses));
      return rows.map((r) => ({ currency: r.currency, amountMinor: r.landed }));
    };
    const spentStatuses = ['ordered', 'shipped', 'received', 'tested', 'faulty'] as const;
    const check = () => {
      const page = list(db, { statuses: [...spentStatuses] });
      expect(page.total).toBe(
        db
          .prepare<[string], { n: number }>('SELECT count(*) AS n FROM inventory_items WHERE status IN (SELECT value FROM json_each(?))')
          .get(JSON.stringify(spentStatuses))!.n,
      );
      expect(page.totals.spent.filter((m) => m.amountMinor !== 0)).toEqual(plain(spentStatuses).filter((m) => m.amountMinor !== 0));
      expect(list(db).total).toBe(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM inventory_items').get()!.n);
    };
    check();
    check(); // from the cache
    createItem(db, fields({ partId: FIXTURE_PARTS[0]!.id, status: 'received', price: '999.99' }), { now: new Date() });
    check();
    // Another connection commits (the import's own): data_version moves.
    await importItemsInChunks(db, records(50, 9), [], { now: new Date() });
    check();
    closeAppDatabase(db);
  });

  it('keyset pages (after the last row) equal offset pages for every sort column and direction', async () => {
    const app = await openApp();
    const { db } = app;
    importItems(db, records(230, 13), [], { now: new Date('2024-06-01T00:00:00Z') });
    for (const column of INVENTORY_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const search of ['', 'seller']) {
          const q = { sort: { column, direction }, limit: 40, search };
          const byOffset: string[] = [];
          const byKeyset: string[] = [];
          let after: string | undefined;
          for (let page = 0; page < 7; page++) {
            byOffset.push(...list(db, { ...q, offset: page * 40 }).items.map((i) => i.id));
            const items = list(db, { ...q, ...(after ? { after } : {}) }).items;
            byKeyset.push(...items.map((i) => i.id));
            after = items[items.length - 1]?.id;
            if (!after) break;
          }
          expect(byKeyset, `${column} ${direction} "${search}"`).toEqual(byOffset);
        }
      }
    }
    closeAppDatabase(db);
  });
});

describe('import with parts of its own', () => {
  it('writes the custom parts in the import transaction: a failed import leaves none of them', async () => {
    const app = await openApp();
    const { db } = app;
    const custom = { id: 'custom.abc123', category: 'other', vendor: 'Custom', model: 'Odd riser – très bon état', revision: 1 };
    const ok = fields({ partId: custom.id, status: 'received', price: '12' });
    const bad = fields({ partId: 'no.such.part', status: 'received' });
    expect(() => importItems(db, [{ fields: ok }, { fields: bad }], [], { now: new Date(), newParts: [custom] })).toThrow(/no part "no.such.part"/);
    expect(db.prepare('SELECT 1 FROM parts WHERE id = ?').get(custom.id)).toBeUndefined();
    await expect(importItemsInChunks(db, [{ fields: ok }, { fields: bad }], [], { now: new Date(), newParts: [custom] })).rejects.toThrow(/no part/);
    expect(db.prepare('SELECT 1 FROM parts WHERE id = ?').get(custom.id)).toBeUndefined();
    const outcome = await importItemsInChunks(db, [{ fields: ok }], [], { now: new Date(), newParts: [custom] });
    expect(outcome.imported).toBe(1);
    expect(db.prepare<[string], { model: string }>('SELECT model FROM parts WHERE id = ?').get(custom.id)!.model).toBe(custom.model);
    // The user's own part is a normal part from now on.
    putUserPart(db, { ...custom, model: 'Odd riser' });
    closeAppDatabase(db);
  });
});

// The totals summary table (migration 0011) on a real SQLite file: after
// inserts, updates, deletes, order re-spreads, imports (on this and on another
// connection), undo of a delete and a part rename, the totals read from it are
// the totals computed over the rows, and its sums are plain SQL sums.
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import {
  createItem,
  deleteItem,
  importItems,
  importItemsInChunks,
  listItems,
  restoreItem,
  setOrder,
  updateItem,
  type ImportRecord,
} from '#db/repositories/inventory';
import { countAndTotals } from '#db/repositories/inventory/totals';
import { validateItemDraft, type ItemDraft, type ItemFields } from '#core/inventory/item';
import { InventoryQuery, type InventoryQueryIn } from '#core/inventory/query';
import { ITEM_STATUSES } from '#core/inventory/status';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir } from '../../helpers/db';

afterEach(cleanupTempDirs);

function fields(draft: ItemDraft): ItemFields {
  const r = validateItemDraft(draft);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Items over the fixture parts, statuses, three currencies (EUR and JPY with rates into USD), fees, order numbers. */
function records(n: number, seed: number, foreign: readonly string[] = ['EUR', 'JPY']): ImportRecord[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const currency = r() < 0.2 ? foreign[0]! : r() < 0.1 ? foreign[foreign.length - 1]! : 'USD';
    const withRate = currency !== 'USD' && r() < 0.8;
    return {
      fields: fields({
        partId: FIXTURE_PARTS[Math.floor(r() * FIXTURE_PARTS.length)]!.id,
        status: ITEM_STATUSES[Math.floor(r() * ITEM_STATUSES.length)],
        currency,
        price: r() < 0.8 ? (currency === 'JPY' ? `${Math.floor(r() * 100000)}` : `${Math.floor(r() * 100000) / 100}`) : '',
        shipping: r() < 0.3 ? (currency === 'JPY' ? '1250' : '12.50') : '',
        fees: r() < 0.1 ? (currency === 'JPY' ? '99' : '0.99') : '',
        quantity: String(1 + Math.floor(r() * 3)),
        fxRate: withRate ? (currency === 'JPY' ? '0.0067' : '1.0843') : '',
        fxCurrency: withRate ? 'USD' : '',
        orderNumber: r() < 0.4 ? `order-${currency}-${Math.floor(r() * 20)}` : '',
        seller: `seller-${i % 7}`,
      }),
    };
  });
}

const list = (db: Database.Database, q: InventoryQueryIn = {}) => listItems(db, InventoryQuery.parse(q));

/** Totals computed over the rows (the summary bypassed) for the same statuses and categories. */
function computed(db: Database.Database, statuses: string[], categories: string[], base: string) {
  const clauses: string[] = [];
  if (statuses.length) clauses.push(`i.status IN (${statuses.map(() => '?').join(', ')})`);
  if (categories.length) clauses.push(`i.part_id IN (SELECT id FROM parts WHERE category IN (${categories.map(() => '?').join(', ')}))`);
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  return countAndTotals(db, { where, params: [...statuses, ...categories], searching: false, scanning: false, summary: null }, base);
}

/** Every sum the summary holds, grouped as it groups, by a plain SQL GROUP BY over the items. */
function plainGroups(db: Database.Database) {
  return db
    .prepare(
      `SELECT status, currency, part_id, coalesce(fx_currency, '') AS fx_currency,
         sum((coalesce(price_minor,0) + coalesce(shipping_minor,0) + coalesce(tax_minor,0) + coalesce(fees_minor,0)) * quantity
           + coalesce(order_shipping_minor,0) + coalesce(order_tax_minor,0)) AS amount,
         sum(fx_rate IS NOT NULL) AS amount_fx_n, sum(price_minor IS NULL) AS unpriced, sum(quantity) AS quantity, count(*) AS n
       FROM inventory_items GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
}
function summaryGroups(db: Database.Database) {
  return db
    .prepare('SELECT status, currency, part_id, fx_currency, amount, amount_fx_n, unpriced, quantity, n FROM inventory_totals ORDER BY 1, 2, 3, 4')
    .all();
}

function expectInStep(db: Database.Database) {
  expect(summaryGroups(db)).toEqual(plainGroups(db));
  const categories = [...new Set(FIXTURE_PARTS.map((p) => p.category))];
  const filters: [string[], string[]][] = [
    [[], []],
    [['ordered', 'received', 'tested'], []],
    [['wishlist', 'watching'], []],
    [[], [categories[0]!]],
    [['received'], categories.slice(0, 2)],
  ];
  for (const [statuses, cats] of filters) {
    for (const base of ['USD', 'EUR']) {
      const page = list(db, { statuses: statuses as InventoryQueryIn['statuses'], categories: cats, baseCurrency: base });
      const reference = computed(db, statuses, cats, base);
      expect(page.total).toBe(reference.total);
      expect(page.totals).toEqual(reference.totals);
    }
  }
  const plainCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM inventory_items').get()!.n;
  expect(list(db).total).toBe(plainCount);
}

describe('inventory totals summary table', () => {
  it('stays equal to the totals computed over the rows and to plain SQL sums through every kind of write', async () => {
    const dir = makeTempDir();
    const { db } = await openAppDatabase(dir, { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
    const now = new Date('2024-06-02T00:00:00Z');
    expectInStep(db);

    importItems(db, records(400, 3), [], { now });
    expectInStep(db);

    const one = createItem(db, fields({ partId: FIXTURE_PARTS[0]!.id, status: 'received', currency: 'EUR', price: '45', fxRate: '0.7', fxCurrency: 'USD' }), {
      now,
    });
    expectInStep(db);

    // Status, price, quantity and currency changes move an item between groups.
    const ids = db.prepare<[], { id: string }>('SELECT id FROM inventory_items ORDER BY rowid LIMIT 40').all();
    const r = rng(11);
    for (const { id } of ids) {
      updateItem(
        db,
        id,
        fields({
          partId: FIXTURE_PARTS[Math.floor(r() * FIXTURE_PARTS.length)]!.id,
          status: ITEM_STATUSES[Math.floor(r() * ITEM_STATUSES.length)],
          currency: r() < 0.5 ? 'USD' : 'EUR',
          price: r() < 0.7 ? '10.05' : '',
          quantity: String(1 + Math.floor(r() * 4)),
          notes: 'edited',
        }),
        { now },
      );
    }
    expectInStep(db);

    // An order's shipping and tax are spread over its items (the order share columns change).
    setOrder(db, { orderNumber: 'order-USD-3', currency: 'USD', shippingMinor: 2999, taxMinor: 731 }, now);
    expectInStep(db);

    // Delete, then undo it.
    const gone = deleteItem(db, one.id);
    expectInStep(db);
    restoreItem(db, gone.item, gone.history);
    expectInStep(db);
    for (const { id } of ids.slice(0, 10)) deleteItem(db, id);
    expectInStep(db);

    // An import on its own connection, and an import that updates what it finds again.
    await importItemsInChunks(db, records(120, 5), [], { now });
    expectInStep(db);

    // A part renamed (the search text follows, the summary is untouched) and one whose id changes (ON UPDATE CASCADE moves its items).
    db.prepare("UPDATE parts SET model = model || ' (renamed)' WHERE id = ?").run(FIXTURE_PARTS[1]!.id);
    expectInStep(db);
    db.prepare('UPDATE parts SET id = ? WHERE id = ?').run('renamed-part', FIXTURE_PARTS[2]!.id);
    expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM inventory_totals WHERE part_id = 'renamed-part'").get()!.n).toBeGreaterThan(0);
    expectInStep(db);

    db.exec('DELETE FROM inventory_items');
    expect(summaryGroups(db)).toEqual([]);
    expectInStep(db);
    closeAppDatabase(db);
  });

  it('agrees when every converted item shares one currency shift (JPY into USD: the computed query uses constants)', async () => {
    const { db } = await openAppDatabase(makeTempDir(), { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
    importItems(db, records(300, 21, ['JPY']), [], { now: new Date('2024-06-02T00:00:00Z') });
    expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM inventory_items WHERE currency = 'JPY' AND fx_rate IS NOT NULL").get()!.n).toBeGreaterThan(
      10,
    );
    expectInStep(db);
    closeAppDatabase(db);
  });
});

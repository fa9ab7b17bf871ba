import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { createItem, deleteItem, getItem, getItemHistory, listItems, restoreItem, updateItem } from '#db/repositories/inventory';
import { validateItemDraft, type ItemDraft, type ItemFields } from '#core/inventory/item';
import { InventoryQuery, type InventoryQueryIn } from '#core/inventory/query';
import { inventoryTotals } from '#core/inventory/totals';
import { ITEM_STATUSES } from '#core/inventory/status';
import { syncBuiltinParts } from '#db/repositories/parts';
import { cleanupTempDirs, FIXTURE_PARTS, openTestDb, steppingClock } from '../../helpers/db';

afterEach(cleanupTempDirs);

function fields(draft: ItemDraft): ItemFields {
  const r = validateItemDraft(draft);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const list = (db: Database.Database, q: InventoryQueryIn = {}) => listItems(db, InventoryQuery.parse(q));

async function seeded() {
  const t = await openTestDb();
  const now = steppingClock();
  let n = 0;
  const add = (draft: ItemDraft) => createItem(t.db, fields(draft), { now: now(), id: `item-${++n}` });
  add({
    partId: 'gpu.nvidia.rtx-3090',
    status: 'received',
    price: '700',
    shipping: '25',
    tax: '50',
    quantity: 2,
    seller: 'gpu_depot',
    serialNumber: 'SN-AAA-1',
  });
  add({ partId: 'gpu.nvidia.tesla-p40', status: 'wishlist', price: '180', notes: 'for the P2P test box' });
  add({ partId: 'gpu.nvidia.rtx-3090', status: 'watching' }); // no price: typical 700 USD
  add({ partId: 'cpu.intel.xeon-e5-2690-v4', status: 'tested', currency: 'EUR', price: '35,50', quantity: 2, orderNumber: '12-34567-89012' });
  add({ partId: 'nic.nvidia.connectx-3-fdr', status: 'returned', price: '40', listingUrl: 'https://www.ebay.com/itm/CX-3/334455667788' });
  add({ partId: 'board.supermicro.x10drg-o-pcie', status: 'sold', price: '650' });
  add({ partId: 'gpu.nvidia.rtx-a5000', status: 'wishlist' }); // no price, no typical price
  return { ...t, now, add };
}

describe('inventory repository', () => {
  it('creates, reads back and records the first status in the history', async () => {
    const { db } = await seeded();
    const item = getItem(db, 'item-1')!;
    expect(item).toMatchObject({
      id: 'item-1',
      quantity: 2,
      priceMinor: 70000,
      shippingMinor: 2500,
      taxMinor: 5000,
      part: { category: 'gpu', vendor: 'NVIDIA', model: 'GeForce RTX 3090' },
    });
    expect(getItemHistory(db, 'item-1')).toEqual([{ itemId: 'item-1', fromStatus: null, toStatus: 'received', at: '2024-06-01T12:00:00.000Z', note: null }]);
  });

  it('refuses an unknown part as a field error', async () => {
    const { db } = await seeded();
    expect(() => createItem(db, fields({ partId: 'gpu.nobody.none' }), { now: new Date() })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'partId' })] }),
    );
  });

  it('update records status changes with their note and keeps createdAt', async () => {
    const { db, now } = await seeded();
    const before = getItem(db, 'item-2')!;
    const updated = updateItem(db, 'item-2', { ...before, status: 'ordered' }, { now: now(), note: 'won the auction' });
    expect(updated.createdAt).toBe(before.createdAt);
    expect(updated.updatedAt > before.updatedAt).toBe(true);
    updateItem(db, 'item-2', { ...updated, notes: 'only notes changed' }, { now: now() });
    expect(getItemHistory(db, 'item-2').map((h) => [h.fromStatus, h.toStatus, h.note])).toEqual([
      [null, 'wishlist', null],
      ['wishlist', 'ordered', 'won the auction'],
    ]);
    expect(() => updateItem(db, 'nope', { ...before }, { now: now() })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('delete then restore gives back the same item, id, timestamps and history', async () => {
    const { db, now } = await seeded();
    updateItem(db, 'item-5', { ...getItem(db, 'item-5')!, status: 'faulty' }, { now: now(), note: 'artifacts' });
    const before = getItem(db, 'item-5')!;
    const history = getItemHistory(db, 'item-5');
    const deleted = deleteItem(db, 'item-5');
    expect(deleted).toEqual({ item: before, history });
    expect(getItem(db, 'item-5')).toBeNull();
    expect(getItemHistory(db, 'item-5')).toEqual([]);
    expect(restoreItem(db, deleted.item, deleted.history)).toEqual(before);
    expect(getItemHistory(db, 'item-5')).toEqual(history);
    expect(() => restoreItem(db, deleted.item, deleted.history)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => deleteItem(db, 'missing')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('lists with totals: spent (landed cost of owned items) and the wishlist estimate, per currency', async () => {
    const { db } = await seeded();
    const page = list(db);
    expect(page.total).toBe(7);
    expect(page.totals).toMatchObject({
      // (700 + 25 + 50) × 2 = 1550 USD; 35.50 × 2 = 71 EUR. Returned and sold do not count.
      spent: [
        { currency: 'EUR', amountMinor: 7100 },
        { currency: 'USD', amountMinor: 155000 },
      ],
      // P40 at its own 180 + the watched 3090 at its typical 700; the A5000 has no price at all.
      wishlist: [{ currency: 'USD', amountMinor: 88000 }],
      wishlistUnpricedCount: 1,
      spentUnpricedCount: 0,
    });
  });

  it('filters by status and category, and totals follow the filter', async () => {
    const { db } = await seeded();
    expect(
      list(db, { statuses: ['wishlist', 'watching'] })
        .items.map((i) => i.id)
        .sort(),
    ).toEqual(['item-2', 'item-3', 'item-7']);
    const gpus = list(db, { categories: ['gpu'] });
    expect(gpus.total).toBe(4);
    expect(gpus.totals.spent).toEqual([{ currency: 'USD', amountMinor: 155000 }]);
    expect(list(db, { categories: ['cpu', 'nic'], statuses: ['returned'] }).items.map((i) => i.id)).toEqual(['item-5']);
  });

  it('searches case-insensitively across part, seller, notes, serial, order and eBay numbers; all words must match', async () => {
    const { db } = await seeded();
    const ids = (search: string) => list(db, { search, sort: { column: 'createdAt', direction: 'asc' } }).items.map((i) => i.id);
    expect(ids('rtx 3090')).toEqual(['item-1', 'item-3']);
    expect(ids('GPU_DEPOT')).toEqual(['item-1']);
    expect(ids('p2p test')).toEqual(['item-2']);
    expect(ids('sn-aaa')).toEqual(['item-1']);
    expect(ids('12-34567')).toEqual(['item-4']);
    expect(ids('334455667788')).toEqual(['item-5']);
    expect(ids('supermicro x10drg')).toEqual(['item-6']);
    expect(ids('nvidia seller-nobody')).toEqual([]);
    expect(ids('%')).toEqual([]);
    expect(ids('_')).toEqual(['item-1']); // gpu_depot has a literal underscore
  });

  it('search follows a renamed part', async () => {
    const { db } = await seeded();
    syncBuiltinParts(db, [{ ...FIXTURE_PARTS[1]!, model: 'Tesla P40 24GB Pascal', revision: 2 }]);
    expect(list(db, { search: 'pascal' }).items.map((i) => i.id)).toEqual(['item-2']);
  });

  it('sorts by every column in both directions, unknown values last, and pages without overlap', async () => {
    const { db } = await seeded();
    for (const column of InventoryQuery.shape.sort.unwrap().shape.column.options) {
      for (const direction of ['asc', 'desc'] as const) {
        const all = list(db, { sort: { column, direction } }).items;
        expect(all).toHaveLength(7);
        const paged = [0, 3, 6].flatMap((offset) => list(db, { sort: { column, direction }, offset, limit: 3 }).items);
        expect(paged.map((i) => i.id)).toEqual(all.map((i) => i.id));
      }
    }
    const byPrice = list(db, { sort: { column: 'price', direction: 'desc' } }).items.map((i) => i.priceMinor);
    expect(byPrice).toEqual([70000, 65000, 18000, 4000, 3550, null, null]);
    const byPriceAsc = list(db, { sort: { column: 'price', direction: 'asc' } }).items.map((i) => i.priceMinor);
    expect(byPriceAsc).toEqual([3550, 4000, 18000, 65000, 70000, null, null]);
    const byStatus = list(db, { sort: { column: 'status', direction: 'asc' } }).items.map((i) => i.status);
    expect(byStatus).toEqual(['wishlist', 'wishlist', 'watching', 'received', 'tested', 'returned', 'sold']);
    const byPart = list(db, { sort: { column: 'part', direction: 'asc' } }).items.map((i) => i.part.model);
    expect(byPart).toEqual(['Xeon E5-2690 v4', 'ConnectX-3 FDR', 'GeForce RTX 3090', 'GeForce RTX 3090', 'RTX A5000', 'Tesla P40', 'X10DRG-O-PCIE']);
    const byLanded = list(db, { sort: { column: 'landedCost', direction: 'desc' } }).items.map((i) => i.id);
    expect(byLanded.slice(0, 2)).toEqual(['item-1', 'item-6']);
  });

  it('a search keeps the requested order and paging of every sort column', async () => {
    const { db } = await seeded();
    for (const column of InventoryQuery.shape.sort.unwrap().shape.column.options) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        const expected = list(db, { sort })
          .items.filter((i) => i.part.vendor === 'NVIDIA')
          .map((i) => i.id);
        expect(list(db, { sort, search: 'nvidia' }).items.map((i) => i.id)).toEqual(expected);
        expect([0, 2].flatMap((offset) => list(db, { sort, search: 'nvidia', offset, limit: 2 }).items.map((i) => i.id))).toEqual(expected);
      }
    }
  });

  it('text columns sort case-insensitively, with and without a search', async () => {
    const { db, add } = await seeded();
    add({ partId: 'gpu.nvidia.rtx-3090', seller: 'Zeta' });
    add({ partId: 'gpu.nvidia.rtx-3090', seller: 'alpha' });
    add({ partId: 'gpu.nvidia.rtx-3090', seller: 'Beta' });
    const sellers = (search: string) => list(db, { search, sort: { column: 'seller', direction: 'asc' } }).items.map((i) => i.seller);
    expect(sellers('')).toEqual(['alpha', 'Beta', 'gpu_depot', 'Zeta', null, null, null, null, null, null]);
    expect(sellers('3090')).toEqual(['alpha', 'Beta', 'gpu_depot', 'Zeta', null]);
  });

  it('never throws on odd search text', async () => {
    const { db } = await seeded();
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (search) => {
        const page = list(db, { search });
        expect(page.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
    expect(list(db, { search: '" OR 1=1 --' }).total).toBe(0);
  });

  it('a deleted item is no longer found, a restored one is', async () => {
    const { db } = await seeded();
    const gone = deleteItem(db, 'item-1');
    expect(list(db, { search: 'gpu_depot' }).total).toBe(0);
    restoreItem(db, gone.item, gone.history);
    expect(list(db, { search: 'gpu_depot' }).items.map((i) => i.id)).toEqual(['item-1']);
  });

  it('SQL totals agree with the pure totals in core for random inventories', async () => {
    const { db } = await openTestDb();
    const typical = new Map(FIXTURE_PARTS.map((p) => [p.id, p.typicalUsedPrice ?? null]));
    const amount = fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null });
    const itemArb = fc.record({
      partId: fc.constantFrom(...FIXTURE_PARTS.map((p) => p.id)),
      status: fc.constantFrom(...ITEM_STATUSES),
      quantity: fc.integer({ min: 1, max: 50 }),
      currency: fc.constantFrom('USD', 'EUR', 'JPY'),
      priceMinor: amount,
      shippingMinor: amount,
      taxMinor: amount,
      feesMinor: amount,
      fxRate: fc.option(fc.constantFrom(0.5, 1.0843, 0.0067, 150.25), { nil: null }),
      fxCurrency: fc.constantFrom('USD', 'EUR'),
    });
    const categories = new Map(FIXTURE_PARTS.map((p) => [p.id, p.category]));
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { maxLength: 25 }), async (items) => {
        db.exec('DELETE FROM inventory_items');
        const stored = items.map((it) => ({ ...it, fxCurrency: it.fxRate === null ? null : it.fxCurrency }));
        stored.forEach((it, i) => createItem(db, { ...fields({ partId: it.partId }), ...it }, { now: new Date(), id: `p${i}` }));
        const partOf = (it: unknown) => (it as (typeof items)[number]).partId;
        const expected = inventoryTotals(stored, (it) => typical.get(partOf(it)) ?? null, {
          baseCurrency: 'USD',
          categoryOf: (it) => categories.get(partOf(it))!,
        });
        expect(list(db, { baseCurrency: 'USD' }).totals).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

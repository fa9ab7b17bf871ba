// CSV import, orders, return windows and totals in the user's currency, through
// the real dispatcher and handlers against a real database file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { Handlers } from '#core/api/contract';
import type { ApiResponse } from '#core/api/errors';
import { InventoryPage, OrderDetail } from '#core/api/inventory';
import { InventoryItemView } from '#core/inventory/item';
import { previewCsvBytes } from '#core/csv/preview';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, steppingClock } from '../../helpers/db';
import { z } from 'zod';

let handlers: Handlers;
let close: () => void;

beforeEach(async () => {
  const dataDir = makeTempDir();
  const app = await openAppDatabase(dataDir, { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
  handlers = createHandlers({ db: app.db, dataDir, databasePath: app.path, host: 'http', now: steppingClock() });
  close = () => closeAppDatabase(app.db);
});
afterEach(() => {
  close();
  cleanupTempDirs();
});

const call = (channel: string, args: unknown): Promise<ApiResponse<unknown>> => dispatch(handlers, channel, args, { host: 'http' });
async function value<T>(channel: string, args: unknown, schema: { parse(v: unknown): T } = z.any() as never): Promise<T> {
  const res = await call(channel, args);
  if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
  return schema.parse(res.value);
}
const parts = FIXTURE_PARTS.map((p) => ({ id: p.id, category: p.category, vendor: p.vendor, model: p.model }));

async function importCsv(text: string, batch = 2): Promise<ApiResponse<unknown>> {
  // The Seller Hub layout stands in for any eBay order file here: its rows are taken as bought (ordered).
  const preview = await previewCsvBytes(new TextEncoder().encode(text), { parts, ...(text === EBAY ? { statusOverride: 'ordered' as const } : {}) });
  if (!preview.ok || !preview.preview) throw new Error('preview failed');
  const { importId } = await value<{ importId: string }>('inventory:importBegin', {});
  const rows = preview.preview.rows.map((r) => ({ line: r.line, draft: r.draft }));
  for (let i = 0; i < rows.length; i += batch) await value('inventory:importRows', { importId, rows: rows.slice(i, i + batch) });
  return call('inventory:importCommit', { importId, orders: preview.preview.orders });
}

const EBAY = [
  '"Order Number","Item Number","Item Title","Quantity","Sold For","Shipping And Handling","eBay Collected Tax","Sale Date"',
  '"12-1","125678901234","NVIDIA Tesla P40 24GB","2","$180.00","$10.00","$5.00","Mar-15-24"',
  '"12-1","125678901235","Mellanox ConnectX-3 FDR","1","$40.00","$0.01","$0.00","Mar-15-24"',
].join('\r\n');

describe('CSV import through the handlers', () => {
  it('imports in batches and one commit; order shipping and tax are spread by price share', async () => {
    expect(await importCsv(EBAY)).toEqual({ ok: true, value: { imported: 2, orders: 1, skipped: 0, updated: 0 } });
    const order = await value('inventory:getOrder', { orderNumber: '12-1' }, OrderDetail);
    expect(order.order).toEqual({ orderNumber: '12-1', currency: 'USD', shippingMinor: 1001, taxMinor: 500 });
    // Lines 360.00 and 40.00: shipping 10.01 → 9.01 + 1.00 (9.009 + 1.001, cent to the larger remainder), tax 5.00 → 4.50 + 0.50.
    expect(order.items.map((i) => [i.part.model, i.orderShippingMinor, i.orderTaxMinor])).toEqual([
      ['Tesla P40', 901, 450],
      ['ConnectX-3 FDR', 100, 50],
    ]);
    const page = await value('inventory:list', {}, InventoryPage);
    expect(page.totals.spent).toEqual([{ currency: 'USD', amountMinor: 36000 + 4000 + 1001 + 500 }]);
    // Editing the order re-spreads at once; a price change re-weighs.
    await value('inventory:setOrder', { orderNumber: '12-1', currency: 'usd', shipping: '20', tax: '' });
    const p40 = order.items[0]!;
    await value('inventory:update', { id: p40.id, changes: { price: '40.00' } }, InventoryItemView);
    const after = await value('inventory:getOrder', { orderNumber: '12-1' }, OrderDetail);
    expect(after.items.map((i) => [i.orderShippingMinor, i.orderTaxMinor])).toEqual([
      [1333, null],
      [667, null],
    ]);
  });

  it('all or nothing: one bad row and nothing is written; the error names its line', async () => {
    const res = await importCsv(`part_id,quantity,price\ngpu.nvidia.tesla-p40,1,10\ngpu.nvidia.tesla-p40,0,10\ngpu.nvidia.tesla-p40,1,10`);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'rows.3.quantity', message: 'Line 3: Quantity must be a whole number, 1 or more' }] },
    });
    expect((await value('inventory:list', {}, InventoryPage)).total).toBe(0);
    // An unknown part id fails the whole transaction too.
    const { importId } = await value<{ importId: string }>('inventory:importBegin', {});
    await value('inventory:importRows', {
      importId,
      rows: [
        { line: 2, draft: { partId: 'gpu.nvidia.tesla-p40' } },
        { line: 3, draft: { partId: 'no.such.part' } },
      ],
    });
    expect(await call('inventory:importCommit', { importId })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await value('inventory:list', {}, InventoryPage)).total).toBe(0);
    // A committed (or unknown) import id is gone.
    expect(await call('inventory:importRows', { importId, rows: [] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('export → import through the handlers gives the same items', async () => {
    await importCsv(EBAY);
    await value('inventory:create', {
      partId: 'gpu.nvidia.rtx-3090',
      status: 'tested',
      currency: 'EUR',
      price: '650',
      fees: '3.5',
      fxRate: '1.0843',
      fxCurrency: 'USD',
      testResult: 'passed',
      testNote: 'burn-in 2 h',
      notes: '=HYPERLINK("x")\nline 2',
      receivedOn: '2024-05-20',
      returnDays: '14',
    });
    const before = await value('inventory:list', { sort: { column: 'createdAt', direction: 'asc' } }, InventoryPage);
    const exported = await value<{ text: string; count: number; fileName: string }>('inventory:exportCsv', { today: '2024-06-02' });
    expect(exported).toMatchObject({ count: 3, fileName: 'rackhive-inventory-2024-06-02.csv' });
    expect(exported.text).toContain(`"'=HYPERLINK(""x"")\nline 2"`);
    // Into a fresh database.
    close();
    const dataDir = makeTempDir();
    const app = await openAppDatabase(dataDir, { builtinParts: FIXTURE_PARTS });
    handlers = createHandlers({ db: app.db, dataDir, databasePath: app.path, host: 'http', now: steppingClock() });
    close = () => closeAppDatabase(app.db);
    expect(await importCsv(exported.text, 1000)).toMatchObject({ ok: true, value: { imported: 3 } });
    const after = await value('inventory:list', { sort: { column: 'createdAt', direction: 'asc' } }, InventoryPage);
    const strip = ({ id: _i, createdAt: _c, updatedAt: _u, ...rest }: InventoryItemView) => rest;
    const key = (i: object) => JSON.stringify(i);
    expect(after.items.map(strip).sort((x, y) => key(x).localeCompare(key(y)))).toEqual(before.items.map(strip).sort((x, y) => key(x).localeCompare(key(y))));
  });

  it('totals in the user currency with the rates fixed at purchase; items without a rate are counted, not guessed', async () => {
    await value('inventory:create', { partId: 'gpu.nvidia.rtx-3090', status: 'received', currency: 'USD', price: '100' });
    await value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', status: 'received', currency: 'EUR', price: '100', fxRate: '1.1', fxCurrency: 'USD' });
    await value('inventory:create', { partId: 'cpu.intel.xeon-e5-2690-v4', status: 'ordered', currency: 'GBP', price: '10' });
    const { totals } = await value('inventory:list', { baseCurrency: 'USD' }, InventoryPage);
    expect(totals.inBase).toEqual({ currency: 'USD', spentMinor: 10000 + 11000, wishlistMinor: 0, unconvertedCount: 1 });
    expect(totals.byStatus.map((s) => [s.status, s.count, s.baseMinor, s.unconvertedCount])).toEqual([
      ['ordered', 1, 0, 1],
      ['received', 2, 21000, 0],
    ]);
    expect(totals.byCategory.map((c) => [c.category, c.count, c.amounts])).toEqual([
      ['cpu', 1, [{ currency: 'GBP', amountMinor: 1000 }]],
      [
        'gpu',
        2,
        [
          { currency: 'EUR', amountMinor: 10000 },
          { currency: 'USD', amountMinor: 10000 },
        ],
      ],
    ]);
  });

  it('return window: deadline from received date + period; the "closing" filter finds ≤ 5 days left', async () => {
    const a = await value('inventory:create', { partId: 'gpu.nvidia.rtx-3090', status: 'received', receivedOn: '2024-05-01' }, InventoryItemView);
    const b = await value(
      'inventory:create',
      { partId: 'gpu.nvidia.tesla-p40', status: 'tested', receivedOn: '2024-05-20', returnDays: '14' },
      InventoryItemView,
    );
    await value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', status: 'returned', receivedOn: '2024-05-01' }, InventoryItemView);
    await value(
      'inventory:create',
      { partId: 'gpu.nvidia.tesla-p40', status: 'received', receivedOn: '2024-05-01', returnBy: '2024-07-01' },
      InventoryItemView,
    );
    expect([a.returnDeadline, b.returnDeadline]).toEqual(['2024-05-31', '2024-06-03']);
    const closing = await value(
      'inventory:list',
      { returnClosing: true, today: '2024-05-29', sort: { column: 'returnDeadline', direction: 'asc' } },
      InventoryPage,
    );
    expect(closing.items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect((await value('inventory:list', { returnClosing: true, today: '2024-06-01' }, InventoryPage)).items.map((i) => i.id)).toEqual([b.id]);
  });

  it('an order keeps one currency', async () => {
    await value('inventory:create', { partId: 'gpu.nvidia.rtx-3090', currency: 'USD', price: '100', orderNumber: 'X' });
    expect(await call('inventory:setOrder', { orderNumber: 'X', currency: 'EUR', shipping: '5', tax: null })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await value('inventory:setOrder', { orderNumber: 'X', currency: 'USD', shipping: '5', tax: null });
    expect(await call('inventory:create', { partId: 'gpu.nvidia.tesla-p40', currency: 'EUR', price: '1', orderNumber: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'currency' }] },
    });
  });
});

// The inventory and parts channels end to end through the real dispatcher and
// handler table, against a real database file opened the way the hosts open it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { Handlers } from '#core/api/contract';
import type { ApiResponse } from '#core/api/errors';
import { InventoryPage, InventoryItemDetail } from '#core/api/inventory';
import { InventoryItemView } from '#core/inventory/item';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, steppingClock } from '../../helpers/db';

let handlers: Handlers;
let dataDir: string;
let close: () => void;

async function start(): Promise<void> {
  const app = await openAppDatabase(dataDir, { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
  handlers = createHandlers({ db: app.db, dataDir, databasePath: app.path, host: 'http', now: steppingClock() });
  close = () => closeAppDatabase(app.db);
}

beforeEach(async () => {
  dataDir = makeTempDir();
  await start();
});
afterEach(() => {
  close();
  cleanupTempDirs();
});

async function call(channel: string, args: unknown): Promise<ApiResponse<unknown>> {
  return dispatch(handlers, channel, args, { host: 'http' });
}

async function value<T>(channel: string, args: unknown, schema: { parse(v: unknown): T }): Promise<T> {
  const res = await call(channel, args);
  if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
  return schema.parse(res.value);
}

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('inventory channels', () => {
  it('add three, edit, delete and undo, list with filters, sorting and totals; survives a restart', async () => {
    const a = await value(
      'inventory:create',
      {
        partId: 'gpu.nvidia.rtx-3090',
        quantity: 2,
        status: 'received',
        price: '699.99',
        shipping: '25.00',
        tax: '10.50',
        seller: HOSTILE,
        listingUrl: 'https://www.ebay.com/itm/RTX-3090-FE/123456789012?hash=item1',
      },
      InventoryItemView,
    );
    const b = await value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', status: 'wishlist', price: '180' }, InventoryItemView);
    const c = await value(
      'inventory:create',
      { partId: 'nic.nvidia.connectx-3-fdr', status: 'ordered', price: '29.99', listingUrl: 'https://example.com/cx3' },
      InventoryItemView,
    );
    expect(a).toMatchObject({
      seller: HOSTILE,
      ebayItemNumber: '123456789012',
      priceMinor: 69999,
      part: { vendor: 'NVIDIA', model: 'GeForce RTX 3090', category: 'gpu' },
    });
    expect(c).toMatchObject({ listingUrl: 'https://example.com/cx3', ebayItemNumber: null });

    const edited = await value(
      'inventory:update',
      { id: b.id, changes: { status: 'ordered', price: '175.50', orderedOn: '2024-06-02' }, note: 'best offer accepted' },
      InventoryItemView,
    );
    expect(edited).toMatchObject({ id: b.id, status: 'ordered', priceMinor: 17550, orderedOn: '2024-06-02', createdAt: b.createdAt });
    const detail = await value('inventory:get', { id: b.id }, InventoryItemDetail);
    expect(detail.history.map((h) => [h.fromStatus, h.toStatus, h.note])).toEqual([
      [null, 'wishlist', null],
      ['wishlist', 'ordered', 'best offer accepted'],
    ]);

    const deleted = await call('inventory:delete', { id: c.id });
    expect(deleted.ok).toBe(true);
    expect((await value('inventory:list', {}, InventoryPage)).total).toBe(2);
    const restored = await value('inventory:restore', (deleted as { ok: true; value: unknown }).value, InventoryItemView);
    expect(restored).toEqual(c);

    const page = await value(
      'inventory:list',
      { statuses: ['received', 'ordered'], categories: ['gpu', 'nic'], sort: { column: 'price', direction: 'desc' } },
      InventoryPage,
    );
    expect(page.items.map((i) => i.id)).toEqual([a.id, b.id, c.id]);
    // (699.99 + 25 + 10.50) × 2 + 175.50 + 29.99
    expect(page.totals.spent).toEqual([{ currency: 'USD', amountMinor: 147098 + 17550 + 2999 }]);
    expect((await value('inventory:list', { search: 'onerror' }, InventoryPage)).items.map((i) => i.id)).toEqual([a.id]);

    close();
    await start();
    const after = await value('inventory:list', { sort: { column: 'createdAt', direction: 'asc' } }, InventoryPage);
    expect(after.items).toEqual([a, edited, c].map((i) => expect.objectContaining({ id: i.id, status: i.status, priceMinor: i.priceMinor, seller: i.seller })));
  });

  it('field errors come back as VALIDATION with the field names as paths', async () => {
    const res = await call('inventory:create', { partId: 'gpu.nvidia.rtx-3090', price: '12,99.1', quantity: '0', receivedOn: 'yesterday' });
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '3 fields need attention',
        issues: [
          { path: 'quantity', message: 'Quantity must be a whole number, 1 or more' },
          { path: 'price', message: 'Price must be a number like 129.99' },
          { path: 'receivedOn', message: 'Received date must be a date like 2024-05-31' },
        ],
      },
    });
    const unknownPart = await call('inventory:create', { partId: 'gpu.acme.none' });
    expect(unknownPart).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'partId' }] } });

    const a = await value('inventory:create', { partId: 'gpu.nvidia.rtx-3090' }, InventoryItemView);
    const bad = await call('inventory:update', { id: a.id, changes: { tax: '-1' } });
    expect(bad).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Tax cannot be negative', issues: [{ path: 'tax', message: 'Tax cannot be negative' }] },
    });
  });

  it('malformed arguments are refused at the boundary as BAD_REQUEST; unknown ids are NOT_FOUND', async () => {
    expect(await call('inventory:create', { partId: 'gpu.nvidia.rtx-3090', ebayItemNumber: '1' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('inventory:list', { sort: { column: 'DROP TABLE', direction: 'asc' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'sort.column' }] },
    });
    expect(await call('inventory:list', { limit: 100000 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('inventory:get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('inventory:update', { id: 'nope', changes: {} })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('inventory:delete', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a hostile string is stored and returned verbatim in every text field', async () => {
    const a = await value(
      'inventory:create',
      { partId: 'gpu.nvidia.rtx-3090', seller: HOSTILE, notes: HOSTILE, serialNumber: HOSTILE, orderNumber: HOSTILE, condition: HOSTILE },
      InventoryItemView,
    );
    const got = await value('inventory:get', { id: a.id }, InventoryItemDetail);
    expect(got.item).toMatchObject({ seller: HOSTILE, notes: HOSTILE, serialNumber: HOSTILE, orderNumber: HOSTILE, condition: HOSTILE });
  });
});

describe('parts:list', () => {
  it('lists parts for the picker, filtered by category and search', async () => {
    const res = await call('parts:list', { category: 'gpu', search: 'tesla' });
    expect(res).toEqual({
      ok: true,
      value: { parts: [{ id: 'gpu.nvidia.tesla-p40', category: 'gpu', vendor: 'NVIDIA', model: 'Tesla P40', builtin: true, typicalUsedPrice: null }] },
    });
    const all = await call('parts:list', {});
    expect(all.ok && (all.value as { parts: unknown[] }).parts).toHaveLength(FIXTURE_PARTS.length);
  });
});

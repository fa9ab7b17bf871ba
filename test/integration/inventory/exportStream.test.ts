// The streamed CSV export (its own read connection, chunks with a pause
// between them) writes the same bytes as the one-string export, for a small
// inventory with every awkward cell (quotes, commas, line breaks, a formula,
// accents, an order with shipping and tax); the streamed file imports back to
// the same items; writes on the app's connection go on while it streams.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { Handlers } from '#core/api/contract';
import type { ApiResponse } from '#core/api/errors';
import { InventoryPage } from '#core/api/inventory';
import type { InventoryItemView } from '#core/inventory/item';
import { previewCsvBytes } from '#core/csv/preview';
import { inventoryCsv, inventoryCsvChunks } from '#core/csv/export';
import { inventoryCsvStream, writeInventoryCsv } from '#db/repositories/inventory/exportCsv';
import { iterateItems } from '#db/repositories/inventory/queries';
import { listOrders } from '#db/repositories/inventory/items';
import { ITEM_COLUMNS, toView, toViewFromRaw, type ItemRow } from '#db/repositories/inventory/rows';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, steppingClock } from '../../helpers/db';

let handlers: Handlers;
let close: () => void;
let databasePath: string;
let dir: string;

async function fresh(): Promise<void> {
  dir = makeTempDir();
  const app = await openAppDatabase(dir, { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
  handlers = createHandlers({ db: app.db, dataDir: dir, databasePath: app.path, host: 'http', now: steppingClock() });
  databasePath = app.path;
  close = () => closeAppDatabase(app.db);
}
beforeEach(fresh);
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

async function importText(text: string): Promise<void> {
  const preview = await previewCsvBytes(new TextEncoder().encode(text), { parts });
  if (!preview.ok || !preview.preview) throw new Error('preview failed');
  const { importId } = await value<{ importId: string }>('inventory:importBegin', {});
  await value('inventory:importRows', { importId, rows: preview.preview.rows.map((r) => ({ line: r.line, draft: r.draft })) });
  await value('inventory:importCommit', { importId, orders: preview.preview.orders });
}

async function seed(): Promise<void> {
  await value('inventory:create', {
    partId: 'gpu.nvidia.rtx-3090',
    status: 'tested',
    currency: 'EUR',
    price: '650',
    fees: '3.5',
    fxRate: '1.0843',
    fxCurrency: 'USD',
    notes: '=HYPERLINK("x")\nline 2, with a comma',
    title: 'RTX 3090 – très bon état "FE"',
    seller: ' spaced seller ',
    receivedOn: '2024-05-20',
    returnDays: '14',
  });
  await value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', status: 'ordered', currency: 'USD', price: '180', orderNumber: '12-1', seller: 'a;b\tc' });
  await value('inventory:create', { partId: 'nic.nvidia.connectx-3-fdr', status: 'wishlist', currency: 'USD', price: '40', orderNumber: '12-1' });
  await value('inventory:setOrder', { orderNumber: '12-1', currency: 'USD', shipping: '10.01', tax: '5' });
  for (let i = 0; i < 7; i++) await value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', quantity: String(i + 1), notes: `item ${i}` });
}

describe('the streamed inventory export', () => {
  it('is byte-equal to the one-string export, in any chunk size', async () => {
    await seed();
    const current = await value<{ text: string; count: number }>('inventory:exportCsv', { today: '2024-06-02' });
    expect(current.count).toBe(10);
    const out = path.join(dir, 'streamed.csv');
    const written = await writeInventoryCsv(databasePath, out);
    const bytes = fs.readFileSync(out);
    expect(written).toEqual({ count: 10, bytes: bytes.length });
    expect(bytes.equals(Buffer.from(current.text, 'utf8'))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The core chunker at sizes that split the rows every way.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(databasePath, { readonly: true });
    try {
      const whole = inventoryCsv(iterateItems(db), listOrders(db));
      expect(whole).toBe(current.text);
      for (const size of [1, 2, 3, 9, 10, 11, 1000]) expect([...inventoryCsvChunks(iterateItems(db), listOrders(db), size)].join('')).toBe(whole);
      // The export reads rows as arrays: the same views as the named rows give.
      const sql = `SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id ORDER BY i.created_at, i.rowid`;
      const raw = db.prepare<[], unknown[]>(sql).raw().all().map(toViewFromRaw);
      expect(raw).toEqual(db.prepare<[], ItemRow>(sql).all().map(toView));
      expect(raw).toHaveLength(10);
    } finally {
      db.close();
    }
  });

  it('an empty inventory streams the header line only, as the one-string export does', async () => {
    const current = await value<{ text: string }>('inventory:exportCsv', {});
    const out = path.join(dir, 'empty.csv');
    expect(await writeInventoryCsv(databasePath, out)).toMatchObject({ count: 0 });
    expect(fs.readFileSync(out, 'utf8')).toBe(current.text);
  });

  it('the streamed file imports back to the same items', async () => {
    await seed();
    const before = await value('inventory:list', { sort: { column: 'createdAt', direction: 'asc' } }, InventoryPage);
    const out = path.join(makeTempDir(), 'streamed.csv');
    await writeInventoryCsv(databasePath, out);
    close();
    await fresh();
    await importText(fs.readFileSync(out, 'utf8'));
    const after = await value('inventory:list', { sort: { column: 'createdAt', direction: 'asc' } }, InventoryPage);
    const strip = ({ id: _i, createdAt: _c, updatedAt: _u, ...rest }: InventoryItemView) => rest;
    const key = (i: object) => JSON.stringify(i);
    expect(after.total).toBe(10);
    expect(after.items.map(strip).sort((x, y) => key(x).localeCompare(key(y)))).toEqual(before.items.map(strip).sort((x, y) => key(x).localeCompare(key(y))));
  });

  it('reads one snapshot while the app keeps writing between chunks', async () => {
    await seed();
    const chunks: string[] = [];
    let wrote = 0;
    for await (const chunk of inventoryCsvStream(databasePath, {
      yieldEvery: async () => {
        // A request answered between chunks: a write on the app's own connection.
        await value('inventory:create', { partId: 'gpu.nvidia.tesla-p40', notes: 'added during export' });
        wrote++;
      },
    })) {
      chunks.push(chunk);
    }
    expect(wrote).toBeGreaterThan(0);
    expect(chunks.join('')).not.toContain('added during export');
    expect((await value('inventory:list', {}, InventoryPage)).total).toBe(10 + wrote);
  });
});

// Promise 5: a full disk or a read-only database during a write or a bulk
// write: a clear DISK_FULL / READ_ONLY from the dispatcher, the transaction
// rolled back (no partial rows), and the app works again once space is back.
// The full disk is real: a child process under `ulimit -f` (root ignores
// chmod, so read-only is simulated with PRAGMA query_only), plus
// PRAGMA max_page_count in-process.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '#core/api/errors';
import { openAppContext, type AppContext } from '#host/appContext';
import { dispatch } from '#host/dispatch';
import { cleanupTempDirs, makeTempDir, steppingClock } from '../../helpers/db';
import { runFixture } from './helpers';

let ctx: AppContext | undefined;
afterEach(() => {
  ctx?.close();
  ctx = undefined;
  cleanupTempDirs();
});

const call = (channel: string, args: unknown): Promise<ApiResponse<unknown>> => dispatch(ctx!.handlers, channel, args, { host: 'http' });
const count = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;

function bulkRestoreArgs(id: string, partId: string, historyRows: number) {
  const at = '2024-06-01T00:00:00.000Z';
  return {
    item: {
      id,
      partId,
      quantity: 1,
      status: 'received',
      currency: 'USD',
      priceMinor: null,
      shippingMinor: null,
      taxMinor: null,
      seller: null,
      listingUrl: null,
      ebayItemNumber: null,
      orderNumber: null,
      orderedOn: null,
      receivedOn: null,
      returnBy: null,
      condition: null,
      serialNumber: null,
      notes: null,
      createdAt: at,
      updatedAt: at,
    },
    history: Array.from({ length: historyRows }, (_, i) => ({ itemId: id, fromStatus: null, toStatus: 'received', at, note: `${'h'.repeat(500)}${i}` })),
  };
}

describe('disk full and read-only', () => {
  it('a real full disk (ulimit -f in a child): DISK_FULL, nothing partial, and everything works once space is back', async () => {
    const dataDir = makeTempDir();
    ctx = await openAppContext({ dataDir, host: 'http', now: steppingClock() });
    const partId = (ctx.db.prepare("SELECT id FROM parts WHERE category = 'gpu' LIMIT 1").get() as { id: string }).id;
    ctx.close();
    ctx = undefined;
    const dbSize = fs.statSync(path.join(dataDir, 'rackhive.db')).size;
    const limitKb = Math.ceil(dbSize / 1024) + 256;
    const child = runFixture('diskFullChild.ts', [dataDir, partId], { tsx: true, shellPrefix: `trap '' XFSZ; ulimit -f ${limitKb};` });
    const { code } = await child.exited;
    expect(code, child.err()).toBe(0);
    const out = child.out();
    const saved = (out.match(/^ok \d+$/gm) ?? []).length;
    expect(saved).toBeGreaterThan(5);
    expect(out).toMatch(/^fail DISK_FULL .+nothing was saved/m);
    expect(out).toMatch(/^bulk-fail DISK_FULL /m);
    // What the child could still read: exactly the saved items, no half of the bulk write.
    expect(out).toContain(`rows ${saved} bulk-history 0`);

    // Space is back: the file is intact, every acknowledged item is there, writes work.
    ctx = await openAppContext({ dataDir, host: 'http', now: steppingClock() });
    expect(ctx.recovery).toBeNull();
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(ctx.db, "SELECT count(*) AS n FROM inventory_items WHERE id <> 'bulk'")).toBe(saved);
    expect(count(ctx.db, "SELECT count(*) AS n FROM inventory_status_history WHERE item_id = 'bulk'")).toBe(0);
    expect((await call('inventory:create', { partId, status: 'received', currency: 'USD' })).ok).toBe(true);
    expect((await call('inventory:restore', bulkRestoreArgs('bulk', partId, 2000))).ok).toBe(true);
  }, 600_000);

  it('SQLITE_FULL in-process (max_page_count): DISK_FULL for a single write and a bulk write, rolled back, fine after the limit is lifted', async () => {
    const dataDir = makeTempDir();
    ctx = await openAppContext({ dataDir, host: 'http', now: steppingClock() });
    const db = ctx.db;
    const partId = (db.prepare("SELECT id FROM parts WHERE category = 'gpu' LIMIT 1").get() as { id: string }).id;
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${pages + 5}`);
    const bulk = await call('inventory:restore', bulkRestoreArgs('bulk', partId, 500));
    expect(bulk).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringContaining('disk is full') } });
    expect(count(db, "SELECT count(*) AS n FROM inventory_items WHERE id = 'bulk'")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM inventory_status_history WHERE item_id = 'bulk'")).toBe(0);
    let first: ApiResponse<unknown> | undefined;
    let saved = 0;
    for (let i = 0; i < 200; i++) {
      const res = await call('inventory:create', { partId, status: 'received', currency: 'USD', notes: 'x'.repeat(3000) });
      if (!res.ok) {
        first = res;
        break;
      }
      saved++;
    }
    expect(first).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(count(db, 'SELECT count(*) AS n FROM inventory_items')).toBe(saved);
    db.pragma('max_page_count = 4294967294');
    expect((await call('inventory:restore', bulkRestoreArgs('bulk', partId, 500))).ok).toBe(true);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a read-only database: READ_ONLY, nothing written, fine once writable again', async () => {
    const dataDir = makeTempDir();
    ctx = await openAppContext({ dataDir, host: 'http', now: steppingClock() });
    const db = ctx.db;
    const partId = (db.prepare("SELECT id FROM parts WHERE category = 'gpu' LIMIT 1").get() as { id: string }).id;
    db.pragma('query_only = ON');
    expect(await call('inventory:create', { partId, status: 'received', currency: 'USD' })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(await call('settings:update', { mainsVolts: '230' })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(count(db, 'SELECT count(*) AS n FROM inventory_items')).toBe(0);
    db.pragma('query_only = OFF');
    expect((await call('inventory:create', { partId, status: 'received', currency: 'USD' })).ok).toBe(true);
    expect((await call('settings:update', { mainsVolts: '230' })).ok).toBe(true);
  });
});

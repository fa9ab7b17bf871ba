// Promise 3: restore from any backup, through the API as both hosts serve it.
// The current database is backed up first; the swap happens under the running
// app (its handler table keeps working); an older backup is migrated.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '#core/api/errors';
import { openAppContext, type AppContext } from '#host/appContext';
import { dispatch } from '#host/dispatch';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '#db/migrations/index';
import { openDatabase } from '#db/open';
import { migrate } from '#db/migrate';
import { preMigrationBackupName } from '#db/backup';
import { syncBuiltinParts } from '#db/repositories/parts';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, steppingClock } from '../../helpers/db';
import { seeded } from './helpers';

let ctx: AppContext | undefined;
afterEach(() => {
  ctx?.close();
  ctx = undefined;
  cleanupTempDirs();
});

async function call(channel: string, args: unknown = {}): Promise<ApiResponse<unknown>> {
  return dispatch(ctx!.handlers, channel, args, { host: 'http' });
}
async function ok<T = Record<string, unknown>>(channel: string, args: unknown = {}): Promise<T> {
  const res = await call(channel, args);
  if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

/** Everything a person made, table by table, in a stable order. */
function dump(db: Database.Database): Record<string, unknown[]> {
  const tables = ['inventory_items', 'inventory_status_history', 'builds', 'build_allocations', 'settings', 'inventory_orders'];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t)) continue;
    out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all();
  }
  out.userParts = db.prepare('SELECT * FROM parts WHERE builtin = 0 ORDER BY id').all();
  return out;
}

function dumpFile(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return dump(db);
  } finally {
    db.close();
  }
}

async function somePart(): Promise<string> {
  return (ctx!.db.prepare("SELECT id FROM parts WHERE category = 'gpu' ORDER BY id LIMIT 1").get() as { id: string }).id;
}

describe('restore', () => {
  it('snapshot, 100 edits, restore: the data equals the snapshot; the state before the restore is kept as a backup', async () => {
    const dataDir = makeTempDir();
    ctx = await openAppContext({ dataDir, host: 'http', now: steppingClock() });
    const partId = await somePart();
    for (let i = 0; i < 5; i++) await ok('inventory:create', { partId, status: 'received', currency: 'USD', price: `${100 + i}.50`, serialNumber: `SN-${i}` });
    await ok('settings:update', { mainsVolts: '230' });
    const snapshot = dump(ctx.db);
    const backup = await ok<{ file: string; healthy: boolean; itemCount: number }>('backups:create');
    expect(backup).toMatchObject({ healthy: true, itemCount: 5 });

    const random = seeded(3);
    for (let i = 0; i < 100; i++) {
      const ids = (ctx.db.prepare('SELECT id FROM inventory_items').all() as { id: string }[]).map((r) => r.id);
      const r = random();
      if (r < 0.4 || ids.length === 0) await ok('inventory:create', { partId, status: 'wishlist', currency: 'EUR', price: `${i}`, notes: `edit ${i}` });
      else if (r < 0.7) await ok('inventory:update', { id: ids[Math.floor(random() * ids.length)], changes: { notes: `changed ${i}`, status: 'tested' } });
      else if (r < 0.9) await ok('inventory:delete', { id: ids[Math.floor(random() * ids.length)] });
      else await ok('settings:update', { circuitAmps: String(10 + (i % 20)), theme: i % 2 ? 'dark' : 'light' });
    }
    const edited = dump(ctx.db);
    expect(edited).not.toEqual(snapshot);

    const report = await ok<{ restoredFrom: string; safetyBackup: string; schemaVersion: number }>('backups:restore', { file: backup.file });
    expect(report).toMatchObject({ restoredFrom: backup.file, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(dump(ctx.db)).toEqual(snapshot);
    expect(dumpFile(path.join(dataDir, 'backups', report.safetyBackup))).toEqual(edited);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The app keeps working on the restored database, through the same handler table.
    await ok('inventory:create', { partId, status: 'received', currency: 'USD' });
    expect(await ok<{ mainsVolts: number }>('settings:get')).toMatchObject({ mainsVolts: 230 });
    const list = await ok<{ backups: { file: string; kind: string }[] }>('backups:list');
    expect(list.backups.map((b) => b.kind)).toContain('before-restore');
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('.restoring') || f.endsWith('-wal.before-restore'))).toEqual([]);
  });

  it('accepts a backup file name only: paths, other files and unknown names are refused, and nothing changes', async () => {
    const dataDir = makeTempDir();
    ctx = await openAppContext({ dataDir, host: 'http', now: steppingClock() });
    fs.writeFileSync(path.join(dataDir, 'secret.db'), 'x');
    for (const file of ['../rackhive.db', '/etc/passwd', '..\\rackhive.db', 'secret.db', 'rackhive-../../x.db', 'rackhive.db']) {
      const res = await call('backups:restore', { file });
      expect(res.ok, file).toBe(false);
      if (!res.ok) expect(['BAD_REQUEST', 'VALIDATION'], file).toContain(res.error.code);
    }
    const missing = await call('backups:restore', { file: 'rackhive-2024-01-01T00-00-00-000Z-manual.db' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A damaged backup is refused before anything is touched.
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    const broken = 'rackhive-2024-01-02T00-00-00-000Z-manual.db';
    fs.writeFileSync(path.join(dataDir, 'backups', broken), Buffer.alloc(8192, 7));
    const before = dump(ctx.db);
    expect(await call('backups:restore', { file: broken })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(dump(ctx.db)).toEqual(before);
    const list = await ok<{ backups: { file: string; healthy: boolean }[] }>('backups:list');
    expect(list.backups.find((b) => b.file === broken)?.healthy).toBe(false);
  });

  it('restores a backup from an older schema and migrates it', async () => {
    const dataDir = makeTempDir();
    const oldDir = makeTempDir();
    const oldFile = path.join(oldDir, 'old.db');
    const old = openDatabase(oldFile, { latestSchemaVersion: 1 });
    await migrate(old, { migrations: MIGRATIONS.slice(0, 1) });
    syncBuiltinParts(old, FIXTURE_PARTS, new Date('2024-01-01T00:00:00Z'));
    old
      .prepare(
        "INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, serial_number, created_at, updated_at) VALUES ('old-1', 'gpu.nvidia.tesla-p40', 2, 'tested', 'USD', 15000, 'P40-SERIAL', 'x', 'x')",
      )
      .run();
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    const name = preMigrationBackupName(1, new Date('2024-01-01T00:00:00Z'));
    fs.copyFileSync(oldFile, path.join(dataDir, 'backups', name));

    ctx = await openAppContext({ dataDir, host: 'http', now: steppingClock() });
    const list = await ok<{ backups: { file: string; schemaVersion: number; itemCount: number }[] }>('backups:list');
    expect(list.backups.find((b) => b.file === name)).toMatchObject({ schemaVersion: 1, itemCount: 1 });
    const report = await ok('backups:restore', { file: name });
    expect(report).toMatchObject({ fromSchemaVersion: 1, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(ctx.db.prepare("SELECT serial_number FROM inventory_items WHERE id = 'old-1'").get()).toEqual({ serial_number: 'P40-SERIAL' });
  });
});

// Promise 4: a damaged file is never made worse. For each kind of damage the
// app starts anyway (no crash), the damaged file is moved aside byte for byte
// (same sha256 under its new name, with its -wal), the newest good backup is
// offered, and that backup opens and has the data.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse } from '#core/api/errors';
import { openAppContext, type AppContext } from '#host/appContext';
import { dispatch } from '#host/dispatch';
import { recoveryLines } from '#host/http/serveCli';
import { checkDatabaseFile } from '#db/recovery';
import { LATEST_SCHEMA_VERSION } from '#db/migrations/index';
import { cleanupTempDirs, makeTempDir, sha256File, steppingClock } from '../../helpers/db';
import { runFixture, sleep } from './helpers';

let ctx: AppContext | undefined;
afterEach(() => {
  ctx?.close();
  ctx = undefined;
  cleanupTempDirs();
});

async function call<T = Record<string, unknown>>(channel: string, args: unknown = {}): Promise<T> {
  const res: ApiResponse<unknown> = await dispatch(ctx!.handlers, channel, args, { host: 'http' });
  if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

/** A data folder with 3 items and a backup of them, closed again (the WAL folded in). */
async function preparedDataDir(): Promise<{ dataDir: string; file: string; backupFile: string }> {
  const dataDir = makeTempDir();
  ctx = await openAppContext({ dataDir, host: 'http', now: steppingClock('2024-06-01T12:00:00.000Z') });
  const partId = (ctx.db.prepare("SELECT id FROM parts WHERE category = 'gpu' LIMIT 1").get() as { id: string }).id;
  for (let i = 0; i < 3; i++) await call('inventory:create', { partId, status: 'received', currency: 'USD', price: '450', serialNumber: `KEEP-${i}` });
  const backup = await call<{ file: string }>('backups:create');
  // More rows after the backup, so the live file has more pages than the header of a fresh one.
  for (let i = 0; i < 40; i++) await call('inventory:create', { partId, status: 'wishlist', currency: 'USD', notes: 'n'.repeat(2000) });
  ctx.close();
  ctx = undefined;
  return { dataDir, file: path.join(dataDir, 'rackhive.db'), backupFile: backup.file };
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    fs.closeSync(fd);
  }
}

function garbage(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    b[i] = s >>> 24;
  }
  return b;
}

/** A -wal file written by some other database (another app's), taken while it was open. */
function foreignWal(dir: string): Buffer {
  const other = path.join(dir, 'other.db');
  const db = new Database(other);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); CREATE TABLE tags (name TEXT);');
  const ins = db.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < 200; i++) ins.run(`note ${i} ${'z'.repeat(300)}`);
  const wal = fs.readFileSync(`${other}-wal`);
  db.close();
  return wal;
}

const DAMAGE: { name: string; damage: (file: string, dir: string) => void }[] = [
  { name: 'overwritten header', damage: (f) => overwrite(f, 0, garbage(100, 1)) },
  { name: 'random page garbage', damage: (f) => overwrite(f, 4096, garbage(4096 * 4, 2)) },
  { name: 'truncated', damage: (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2)) },
  { name: 'zero-length (with backups beside it)', damage: (f) => fs.truncateSync(f, 0) },
  { name: 'not a database', damage: (f) => fs.writeFileSync(f, 'id,part,price\n1,RTX 3090,700\n'.repeat(300)) },
  { name: 'a foreign -wal beside it', damage: (f, dir) => fs.writeFileSync(`${f}-wal`, foreignWal(dir)) },
];

describe('start-up check of a damaged database', () => {
  for (const { name, damage } of DAMAGE) {
    it(`${name}: starts, moves the file aside unchanged, offers the newest good backup, which opens and has the data`, async () => {
      const { dataDir, file, backupFile } = await preparedDataDir();
      damage(file, makeTempDir());
      const hashes = new Map<string, string>();
      for (const suffix of ['', '-wal']) if (fs.existsSync(file + suffix)) hashes.set(suffix, sha256File(file + suffix));

      ctx = await openAppContext({ dataDir, host: 'http', now: () => new Date('2024-06-02T09:00:00.000Z') });
      const notice = ctx.recovery!;
      expect(notice).toMatchObject({ reason: 'damaged', offeredBackup: { file: backupFile, itemCount: 3 } });
      expect(notice.movedTo).toBe(path.join(dataDir, 'rackhive.db.corrupt-2024-06-02T09-00-00-000Z'));
      for (const [suffix, hash] of hashes) expect(sha256File(notice.movedTo! + suffix), `moved${suffix}`).toBe(hash);
      // The app runs on a new, empty database meanwhile…
      expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(ctx.db.prepare('SELECT count(*) AS n FROM inventory_items').get()).toEqual({ n: 0 });
      // …and the notice reaches the page and the terminal.
      expect((await call<{ recovery: unknown }>('backups:list')).recovery).toMatchObject({ reason: 'damaged' });
      expect(recoveryLines(notice).join('\n')).toContain(notice.movedTo!);

      // A restart before acting keeps the notice (and takes no backup of the empty database).
      ctx.close();
      ctx = await openAppContext({ dataDir, host: 'http', now: () => new Date('2024-06-02T09:05:00.000Z') });
      expect(ctx.recovery?.offeredBackup?.file).toBe(backupFile);
      expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.includes('startup'))).toEqual([]);

      await call('backups:restore', { file: backupFile });
      expect(
        (ctx.db.prepare('SELECT serial_number FROM inventory_items ORDER BY serial_number').all() as { serial_number: string }[]).map((r) => r.serial_number),
      ).toEqual(['KEEP-0', 'KEEP-1', 'KEEP-2']);
      expect(ctx.recovery).toBeNull();
      for (const [suffix, hash] of hashes) expect(sha256File(notice.movedTo! + suffix)).toBe(hash);
    });
  }

  it('a zero-length file with no backups is a new database, not damage', async () => {
    const dataDir = makeTempDir();
    fs.writeFileSync(path.join(dataDir, 'rackhive.db'), '');
    ctx = await openAppContext({ dataDir, host: 'http' });
    expect(ctx.recovery).toBeNull();
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(fs.readdirSync(dataDir).some((f) => f.includes('corrupt'))).toBe(false);
  });

  it('a missing database with backups beside it is reported and the backup offered', async () => {
    const { dataDir, file, backupFile } = await preparedDataDir();
    fs.rmSync(file);
    ctx = await openAppContext({ dataDir, host: 'http' });
    expect(ctx.recovery).toMatchObject({ reason: 'missing', movedTo: null, offeredBackup: { file: backupFile } });
    await call('backups:dismissRecovery');
    expect(ctx.recovery).toBeNull();
  });

  it('a database left by a killed writer (with its -wal) is healthy, not damage: nothing is moved and nothing is lost', async () => {
    const { dataDir, file } = await preparedDataDir();
    const writer = runFixture('crashWriter.mjs', [file, '11', '5']);
    await writer.waitFor(/^ack 20$/m);
    await sleep(10);
    writer.proc.kill('SIGKILL');
    await writer.exited;
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(checkDatabaseFile(file, { hasBackups: true, latestSchemaVersion: LATEST_SCHEMA_VERSION })).toEqual({ state: 'ok' });
    const acked = (writer.out().match(/^ack /gm) ?? []).length;
    ctx = await openAppContext({ dataDir, host: 'http' });
    expect(ctx.recovery).toBeNull();
    expect(fs.readdirSync(dataDir).some((f) => f.includes('corrupt'))).toBe(false);
    expect(acked).toBeGreaterThan(20);
  });

  it('a newer database is refused untouched (DB_NEWER), not moved aside', async () => {
    const { dataDir, file } = await preparedDataDir();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256File(file);
    await expect(openAppContext({ dataDir, host: 'http' })).rejects.toMatchObject({ code: 'DB_NEWER' });
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(dataDir).some((f) => f.includes('corrupt'))).toBe(false);
  });
});

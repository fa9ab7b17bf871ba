// Promises 2 and 4 with a fast start: a database exactly as the last clean
// close left it skips the read-only start-up check and (when a backup already
// holds it all) the start-up backup; anything else — a crash, the file touched
// by anything but Rackhive, damage with its mtime put back — is checked in full
// as before, and a damaged file is still moved aside unchanged.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveDatabase } from '#db/backups/live';
import { LAST_GOOD_FILE, readLastGood, writeLastGood } from '#db/lastGood';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, sha256File, steppingClock } from '../../helpers/db';

afterAll(cleanupTempDirs);

const INSERT =
  "INSERT INTO inventory_items (id, part_id, quantity, status, currency, notes, created_at, updated_at) VALUES (?, 'gpu.nvidia.tesla-p40', 1, 'received', 'USD', ?, 'x', 'x')";

async function closedWithData(): Promise<{ dir: string; file: string }> {
  const dir = makeTempDir();
  const live = await LiveDatabase.open(dir, { now: steppingClock(), builtinParts: FIXTURE_PARTS });
  expect(live.startupCheck).toBe('ran');
  const ins = live.db.prepare(INSERT);
  for (let i = 0; i < 50; i++) ins.run(`item-${i}`, 'n'.repeat(1500));
  await live.backupNow('manual');
  live.close();
  return { dir, file: path.join(dir, 'rackhive.db') };
}

function items(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM inventory_items').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('start-up of a file unchanged since its last clean close', () => {
  it('skips the check and the backup, and keeps every row', async () => {
    const { dir, file } = await closedWithData();
    expect(readLastGood(dir)).toMatchObject({ file: 'rackhive.db', backedUp: true });
    const live = await LiveDatabase.open(dir, { now: steppingClock('2024-06-02T00:00:00.000Z'), builtinParts: FIXTURE_PARTS });
    // The record is gone while the file is open: a crash now must not look like a clean close.
    expect(fs.existsSync(path.join(dir, LAST_GOOD_FILE))).toBe(false);
    expect(live.startupCheck).toBe('skipped');
    expect(await live.startupBackupDone).toBeNull();
    expect(live.list().map((b) => b.kind)).toEqual(['manual']);
    expect((live.db.prepare('SELECT count(*) AS n FROM inventory_items').get() as { n: number }).n).toBe(50);
    live.close();
    expect(items(file)).toBe(50);
  });

  it('checks in full after a crash (the file was never closed cleanly)', async () => {
    const { dir } = await closedWithData();
    const live = await LiveDatabase.open(dir, { now: steppingClock(), builtinParts: FIXTURE_PARTS });
    live.db.prepare(INSERT).run('after', '');
    // Gone without LiveDatabase.close(): what a SIGKILL leaves (no record of a good state).
    live.stopSchedule();
    live.db.close();
    const again = await LiveDatabase.open(dir, { now: steppingClock(), builtinParts: FIXTURE_PARTS });
    expect(again.startupCheck).toBe('ran');
    // The change after the last backup is backed up at this start.
    expect((await again.startupBackupDone)?.itemCount).toBe(51);
    again.close();
  });

  it('checks in full when something else wrote to the file since', async () => {
    const { dir, file } = await closedWithData();
    const other = new Database(file);
    other.prepare("UPDATE inventory_items SET notes = 'edited elsewhere' WHERE id = 'item-1'").run();
    other.close();
    const live = await LiveDatabase.open(dir, { now: steppingClock(), builtinParts: FIXTURE_PARTS });
    expect(live.startupCheck).toBe('ran');
    expect((await live.startupBackupDone)?.kind).toBe('startup');
    live.close();
  });

  it('still finds damage whose mtime was put back, and moves the file aside unchanged', async () => {
    const { dir, file } = await closedWithData();
    // A whole-second mtime, so it can be put back exactly; recorded as the last good state.
    const t = new Date('2024-06-01T00:00:00.000Z');
    fs.utimesSync(file, t, t);
    writeLastGood(dir, 'rackhive.db', true, t);
    const before = fs.statSync(file);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096);
    fs.closeSync(fd);
    fs.utimesSync(file, before.atime, before.mtime);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    const hash = sha256File(file);
    const live = await LiveDatabase.open(dir, { now: () => new Date('2024-06-03T00:00:00.000Z'), builtinParts: FIXTURE_PARTS });
    expect(live.startupCheck).toBe('ran');
    expect(live.recovery).toMatchObject({ reason: 'damaged' });
    expect(sha256File(live.recovery!.movedTo!)).toBe(hash);
    expect(live.recovery!.offeredBackup?.itemCount).toBe(50);
    live.close();
  });

  it('alwaysCheck runs the check even on an unchanged file', async () => {
    const { dir } = await closedWithData();
    const live = await LiveDatabase.open(dir, { now: steppingClock(), builtinParts: FIXTURE_PARTS, alwaysCheck: true });
    expect(live.startupCheck).toBe('ran');
    live.close();
  });
});

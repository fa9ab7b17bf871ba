// Promise 2: automatic backups with the online backup API, each checked and
// only then given its name. 50 backups taken while another process commits
// continuously are all healthy; a backup killed part-way never replaces the
// previous good one; start-up and scheduled backups happen only when there is
// something new to keep.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { LiveDatabase } from '#db/backups/live';
import { listBackups, takeBackup } from '#db/backups/store';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, sha256File } from '../../helpers/db';
import { runFixture, seeded, sleep } from './helpers';

afterAll(cleanupTempDirs);

const KEEP_ALL = { keepToday: 1000, keepDays: 14, maxRegular: 1000, safetyPointDays: 30, keepSafetyPoints: 3 };

function healthy(file: string): { ok: boolean; items: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma('integrity_check', { simple: true }) === 'ok' && (db.pragma('foreign_key_check') as unknown[]).length === 0;
    return { ok, items: (db.prepare('SELECT count(*) AS n FROM inventory_items').get() as { n: number }).n };
  } finally {
    db.close();
  }
}

describe('automatic backups', () => {
  it('50 backups taken while another process commits continuously are all healthy, with no -wal/-shm/partial files left beside them', async () => {
    const dir = makeTempDir();
    const app = await openAppDatabase(dir, { builtinParts: FIXTURE_PARTS });
    const writer = runFixture('crashWriter.mjs', [app.path, '7', '1']);
    try {
      await writer.waitFor(/^ack 5$/m);
      const backupDir = path.join(dir, 'backups');
      let clock = Date.parse('2024-06-01T08:00:00Z');
      const counts: number[] = [];
      for (let i = 0; i < 50; i++) {
        const before = (writer.out().match(/^ack /gm) ?? []).length;
        const info = await takeBackup(app.db, backupDir, 'scheduled', new Date((clock += 1000)), KEEP_ALL);
        expect(info.healthy, info.problem ?? '').toBe(true);
        counts.push(before);
      }
      // The writer really was committing throughout.
      expect(counts[49]! - counts[0]!).toBeGreaterThan(20);
      const files = fs.readdirSync(backupDir);
      expect(files.filter((f) => f.endsWith('.db'))).toHaveLength(50);
      expect(files.filter((f) => !f.endsWith('.db'))).toEqual([]);
      for (const f of files) expect(healthy(path.join(backupDir, f)).ok, f).toBe(true);
    } finally {
      writer.proc.kill('SIGKILL');
      await writer.exited;
      closeAppDatabase(app.db);
    }
  });

  it('a backup killed part-way (SIGKILL, mid-backup of a large database) never replaces the previous good one', async () => {
    const dir = makeTempDir();
    const app = await openAppDatabase(dir, { builtinParts: FIXTURE_PARTS });
    const insert = app.db.prepare(
      "INSERT INTO inventory_items (id, part_id, quantity, status, currency, notes, created_at, updated_at) VALUES (?, 'gpu.nvidia.tesla-p40', 1, 'received', 'USD', ?, 'x', 'x')",
    );
    app.db.transaction(() => {
      for (let i = 0; i < 10; i++) insert.run(`old-${i}`, 'before');
    })();
    const target = path.join(dir, 'backups', 'rackhive-2024-06-01T00-00-00-000Z-manual.db');
    await takeBackup(app.db, path.join(dir, 'backups'), 'manual', new Date('2024-06-01T00:00:00Z'));
    const goodHash = sha256File(target);
    // Now make it large (~40 MB), so a backup takes long enough to be cut short.
    app.db.transaction(() => {
      for (let i = 0; i < 4000; i++) insert.run(`big-${i}`, 'x'.repeat(10_000));
    })();
    closeAppDatabase(app.db);

    const random = seeded(99);
    let cutShort = 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      const child = runFixture('backupChild.ts', [app.path, target], { tsx: true });
      await child.waitFor(/^backing-up$/m, 30_000);
      await sleep(random() * 120);
      child.proc.kill('SIGKILL');
      await child.exited;
      const { ok, items } = healthy(target);
      // Whatever the moment of the kill, the target is a healthy, whole backup:
      // the old one byte for byte, or the complete new one (the rename can land
      // just before the kill, before the child gets to print "done").
      expect(ok).toBe(true);
      if (sha256File(target) === goodHash) {
        expect(items).toBe(10);
        cutShort++;
      } else {
        expect(items).toBe(4010);
      }
    }
    expect(cutShort).toBeGreaterThan(0);
    // The next backup clears what the killed ones left behind.
    const db = new Database(app.path);
    await takeBackup(db, path.join(dir, 'backups'), 'manual', new Date('2024-06-01T01:00:00Z'));
    db.close();
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.includes('.partial'))).toEqual([]);
  }, 600_000);

  it('takes a start-up backup only when the database holds something of the person not yet in a backup; the schedule backs up only after a change', async () => {
    const dir = makeTempDir();
    let t = Date.parse('2024-06-01T08:00:00Z');
    const now = () => new Date((t += 1000));
    const first = await LiveDatabase.open(dir, { now, builtinParts: FIXTURE_PARTS });
    expect(first.list()).toEqual([]); // empty: nothing to protect yet
    first.db
      .prepare(
        "INSERT INTO inventory_items (id, part_id, quantity, status, currency, created_at, updated_at) VALUES ('a', 'gpu.nvidia.tesla-p40', 1, 'received', 'USD', 'x', 'x')",
      )
      .run();
    expect(await first.backupIfChanged('scheduled')).not.toBeNull();
    expect(await first.backupIfChanged('scheduled')).toBeNull(); // nothing changed since
    first.db.prepare("UPDATE inventory_items SET notes = 'n' WHERE id = 'a'").run();
    expect((await first.backupIfChanged('scheduled'))?.kind).toBe('scheduled');
    first.close();
    // Closed with everything backed up: the next start has nothing new to keep.
    const second = await LiveDatabase.open(dir, { now, builtinParts: FIXTURE_PARTS });
    expect(await second.startupBackupDone).toBeNull();
    expect(second.list().map((b) => b.kind)).toEqual(['scheduled', 'scheduled']);
    // A change left un-backed-up at close is backed up by the next start (in the background).
    second.db.prepare("UPDATE inventory_items SET notes = 'm' WHERE id = 'a'").run();
    second.close();
    const third = await LiveDatabase.open(dir, { now, builtinParts: FIXTURE_PARTS });
    expect((await third.startupBackupDone)?.kind).toBe('startup');
    expect(third.list().map((b) => b.kind)).toEqual(['startup', 'scheduled', 'scheduled']);
    expect(third.list().every((b) => b.healthy && b.itemCount === 1)).toBe(true);
    third.close();
  });

  it('the schedule fires on its interval', async () => {
    const dir = makeTempDir();
    const live = await LiveDatabase.open(dir, { builtinParts: FIXTURE_PARTS });
    live.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"dark\"', 'x')").run();
    live.startSchedule(30);
    // The backup is made on a worker thread: wait for it to land (bounded by count of polls, not a deadline on speed).
    await vi.waitFor(() => expect(listBackups(path.join(dir, 'backups')).map((b) => b.kind)).toEqual(['scheduled']), { timeout: 60_000, interval: 50 });
    await sleep(100);
    live.close();
    expect(listBackups(path.join(dir, 'backups')).map((b) => b.kind)).toEqual(['scheduled']);
  });
});

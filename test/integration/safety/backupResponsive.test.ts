// A backup of a large database is made on a worker thread with its own
// connection (db/backupOffThread.ts): requests sent while it runs are each
// answered before it ends, and the backup is still a checked, complete copy.
import { afterAll, describe, expect, it } from 'vitest';
import { LiveDatabase } from '#db/backups/live';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir } from '../../helpers/db';

afterAll(() => cleanupTempDirs());

describe('backups off the thread that answers requests', () => {
  it('every request sent during a backup of a large file is answered before the backup ends', async () => {
    const dir = makeTempDir();
    const live = await LiveDatabase.open(dir, { builtinParts: FIXTURE_PARTS });
    try {
      // About 80 MB: 20,000 items with 4 KB of notes each.
      const insert = live.db.prepare(
        `INSERT INTO inventory_items (id, part_id, quantity, status, currency, notes, created_at, updated_at) VALUES (?, 'gpu.nvidia.tesla-p40', 1, 'received', 'USD', ?, ?, ?)`,
      );
      const filler = 'x'.repeat(4096);
      live.db.transaction(() => {
        for (let i = 0; i < 20_000; i++) insert.run(`big-${i}`, `${i} ${filler}`, '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z');
      })();
      const handlers = createHandlers({ db: live.db, dataDir: dir, databasePath: live.path, host: 'http', now: () => new Date() });

      let ended = false;
      const backup = live.backupNow('manual').finally(() => (ended = true));
      const answeredBeforeEnd: boolean[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await dispatch(handlers, 'inventory:list', { limit: 10 }, { host: 'http' });
        expect(res.ok).toBe(true);
        answeredBeforeEnd.push(!ended);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const info = await backup;
      expect(answeredBeforeEnd).toEqual([true, true, true, true, true]);
      expect(info).toMatchObject({ kind: 'manual', healthy: true, itemCount: 20_000 });
      expect(info.sizeBytes).toBeGreaterThan(80_000_000);
    } finally {
      live.close();
    }
  });
});

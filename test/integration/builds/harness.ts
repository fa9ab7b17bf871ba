// A real app database in a temp folder with the real handler table, plus the
// helpers the build tests share: calls through the dispatcher, raw inventory
// rows, and a fingerprint of the database (row counts + sha256 of a dump).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { Handlers } from '#core/api/contract';
import type { ApiResponse } from '#core/api/errors';
import { makeTempDir, steppingClock } from '../../helpers/db';

export interface Harness {
  db: Database.Database;
  dataDir: string;
  call(channel: string, args: unknown): Promise<ApiResponse<unknown>>;
  ok<T = unknown>(channel: string, args: unknown): Promise<T>;
  close(): void;
}

export async function openHarness(dataDir = makeTempDir()): Promise<Harness> {
  const app = await openAppDatabase(dataDir, { now: () => new Date('2024-06-01T00:00:00Z') });
  const handlers: Handlers = createHandlers({ db: app.db, dataDir, databasePath: app.path, host: 'http', now: steppingClock() });
  const call = (channel: string, args: unknown) => dispatch(handlers, channel, args, { host: 'http' });
  return {
    db: app.db,
    dataDir,
    call,
    async ok<T>(channel: string, args: unknown): Promise<T> {
      const res = await call(channel, args);
      if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error).slice(0, 2000)}`);
      return res.value as T;
    },
    close: () => closeAppDatabase(app.db),
  };
}

/** An inventory row written directly, so these tests do not depend on the inventory drafts. */
export function addItem(db: Database.Database, id: string, partId: string, quantity = 1, status = 'received'): void {
  db.prepare(
    "INSERT INTO inventory_items (id, part_id, quantity, status, currency, created_at, updated_at) VALUES (?, ?, ?, ?, 'USD', '2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z')",
  ).run(id, partId, quantity, status);
}

const TABLES = ['builds', 'build_allocations', 'inventory_items', 'inventory_status_history', 'parts'];

/** Row counts of the tables builds touch and a sha256 over every row of them, in a stable order. */
export function fingerprint(db: Database.Database): string {
  const hash = createHash('sha256');
  const counts: string[] = [];
  for (const table of TABLES) {
    const rows = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all();
    counts.push(`${table}=${rows.length}`);
    for (const row of rows) hash.update(JSON.stringify(row)).update('\n');
  }
  return `${counts.join(' ')} ${hash.digest('hex')}`;
}

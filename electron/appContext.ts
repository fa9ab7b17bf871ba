// Everything a host needs to serve the API over one data folder: the writer
// lock, the migrated database and the handler table. Both hosts (Electron main
// and the HTTP host) open it the same way, so they behave the same.
import type Database from 'better-sqlite3';
import type { Handlers } from '#core/api/contract';
import { openAppDatabase, closeAppDatabase } from '#db/app';
import { createHandlers } from './handlers/index';
import { acquireDataDirLock, type HostKind } from './lock';

export interface AppContext {
  db: Database.Database;
  handlers: Handlers;
  dataDir: string;
  databasePath: string;
  /** Closes the database, then releases the lock. Safe to call twice. */
  close(): void;
}

export interface AppContextOptions {
  dataDir: string;
  host: HostKind;
  /** HTTP host: the page URL, recorded in the lock so a second start can point to it. */
  url?: string;
  now?: () => Date;
}

/** Throws ApiFailure('LOCKED') when another live Rackhive holds the folder; DB errors pass through with the lock released. */
export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const now = options.now ?? (() => new Date());
  const lock = acquireDataDirLock(options.dataDir, { host: options.host, url: options.url, now });
  let opened: Awaited<ReturnType<typeof openAppDatabase>>;
  try {
    opened = await openAppDatabase(options.dataDir, { now });
  } catch (err) {
    lock.release();
    throw err;
  }
  const { db, path: databasePath } = opened;
  const handlers = createHandlers({ db, dataDir: options.dataDir, databasePath, host: options.host, now });
  let closed = false;
  return {
    db,
    handlers,
    dataDir: options.dataDir,
    databasePath,
    close() {
      if (closed) return;
      closed = true;
      try {
        closeAppDatabase(db);
      } finally {
        lock.release();
      }
    },
  };
}

// Everything a host needs to serve the API over one data folder: the writer
// lock, the database (checked at start-up, backed up on a schedule, swappable
// by a restore) and the handler table. Both hosts (Electron main and the HTTP
// host) open it the same way, so they behave the same.
import type Database from 'better-sqlite3';
import { CHANNELS, type Handlers } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import { LiveDatabase } from '#db/backups/live';
import type { RecoveryNotice } from '#db/recovery';
import { createHandlers } from './handlers/index';
import type { HandlerDeps } from './handlers/deps';
import { explainDataDirError } from './startupErrors';
import { databasePathFor } from '#db/app';
import { acquireDataDirLock, type HostKind } from './lock';
import { sessionKeyStore, type EbayKeyStore } from './ebay/keyStore';

export interface AppContext {
  /** The current connection (a restore replaces it). */
  readonly db: Database.Database;
  handlers: Handlers;
  dataDir: string;
  databasePath: string;
  /** Set when the database was damaged (moved aside) or missing at start-up; hosts tell the person. */
  readonly recovery: RecoveryNotice | null;
  /** Closes the database, then releases the lock. Safe to call twice. */
  close(): void;
}

export interface AppContextOptions {
  dataDir: string;
  host: Exclude<HostKind, 'cli'>;
  /** HTTP host: the page URL, recorded in the lock so a second start can point to it. */
  url?: string;
  now?: () => Date;
  /** HTTP host: how it prints build sheets (see HandlerDeps). */
  printSheet?: HandlerDeps['printSheet'];
  /** Desktop app: the OS-keychain store for eBay keys; the browser host keeps them in memory for the session. */
  ebayKeys?: EbayKeyStore;
  /** Tests: a local stub replaying GetOrders instead of api.ebay.com. */
  ebayEndpoint?: string;
  /** HTTP host: one-time download links for the streamed export. */
  downloads?: HandlerDeps['downloads'];
  /** Desktop app: asks where to save a file (null: cancelled). */
  saveFileAs?: HandlerDeps['saveFileAs'];
}

/** Throws ApiFailure('LOCKED') when another live Rackhive holds the folder; DB errors pass through with the lock released. */
export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const now = options.now ?? (() => new Date());
  const explain = (err: unknown) => explainDataDirError(err, options.dataDir, databasePathFor(options.dataDir)) ?? err;
  let lock: ReturnType<typeof acquireDataDirLock>;
  try {
    lock = acquireDataDirLock(options.dataDir, { host: options.host, url: options.url, now });
  } catch (err) {
    throw explain(err);
  }
  let live: LiveDatabase;
  try {
    live = await LiveDatabase.open(options.dataDir, { now });
  } catch (err) {
    lock.release();
    throw explain(err);
  }
  const databasePath = live.path;
  // One key store for the app's life: a restore rebuilds the handlers, not the keys.
  const ebayKeys = options.ebayKeys ?? sessionKeyStore();
  const ebay = {
    ebayKeys,
    ...(options.ebayEndpoint ? { ebayEndpoint: options.ebayEndpoint } : {}),
    ...(options.downloads ? { downloads: options.downloads } : {}),
    ...(options.saveFileAs ? { saveFileAs: options.saveFileAs } : {}),
  };
  const build = () =>
    createHandlers({ db: live.db, dataDir: options.dataDir, databasePath, host: options.host, now, printSheet: options.printSheet, ...ebay }, live);
  let table = build();
  // A restore replaces the connection: the table is rebuilt over the new one,
  // and the stable table handed to the hosts always calls the current one.
  live.onSwap(() => (table = build()));
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      (args: unknown, ctx: unknown) => {
        if (live.swapping) throw new ApiFailure('CONFLICT', 'A backup is being restored; try again in a moment.');
        return (table[channel] as (a: unknown, c: unknown) => unknown)(args, ctx);
      },
    ]),
  ) as unknown as Handlers;
  live.startSchedule();
  let closed = false;
  return {
    get db() {
      return live.db;
    },
    handlers,
    dataDir: options.dataDir,
    databasePath,
    get recovery() {
      return live.recovery;
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        live.close();
      } finally {
        lock.release();
      }
    },
  };
}

// The real backend for component tests: a migrated SQLite file in a temp
// folder, the real handler table behind the real dispatcher, and a transport
// that sends each call through a JSON round trip as the wire does. Every call
// is recorded so a test can say what the view asked for; what comes back is
// whatever the real handlers answer.
import { afterEach } from 'vitest';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import type { StorablePart } from '#db/repositories/parts';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { ArgsIn, Channel, Result, Transport } from '#core/api/contract';
import type Database from 'better-sqlite3';
import { createApiClient, type ApiClient } from '../../renderer/src/lib/api/client';
import type { Connection } from '../../renderer/src/lib/connection.svelte';
import { cleanupTempDirs, makeTempDir, steppingClock } from '../helpers/db';

export interface RealBackend {
  api: ApiClient;
  db: Database.Database;
  /** A connection for App.svelte as the browser host would make it. */
  connection: Connection;
  calls: { channel: Channel; args: unknown }[];
  callsTo(channel: Channel): unknown[];
  /** Calls a channel directly (not recorded): to seed data or read what was saved. */
  value<C extends Channel>(channel: C, args: ArgsIn<C>): Promise<Result<C>>;
}

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0)) close();
  cleanupTempDirs();
});

/** Opens a fresh backend; it is closed and its folder removed after the test. */
export async function realBackend(options: { builtinParts?: readonly StorablePart[] } = {}): Promise<RealBackend> {
  const dataDir = makeTempDir('rackhive-component-');
  const app = await openAppDatabase(dataDir, {
    ...(options.builtinParts ? { builtinParts: options.builtinParts } : {}),
    now: () => new Date('2025-01-01T00:00:00Z'),
  });
  open.push(() => closeAppDatabase(app.db));
  const handlers = createHandlers({ db: app.db, dataDir, databasePath: app.path, host: 'http', now: steppingClock('2025-01-01T00:00:00.000Z') });
  const wire = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const calls: RealBackend['calls'] = [];
  const transport: Transport = async (channel, args) => {
    calls.push({ channel, args: wire(args) });
    return wire(await dispatch(handlers, channel, wire(args), { host: 'http' }));
  };
  const api = createApiClient(transport);
  return {
    api,
    db: app.db,
    connection: { problem: null, api, bridge: null, host: 'http' } as unknown as Connection,
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.args),
    async value(channel, args) {
      const res = await dispatch(handlers, channel, wire(args), { host: 'http' });
      if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
      return res.value as never;
    },
  };
}

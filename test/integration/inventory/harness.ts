// A real app database in a temp folder (with the fixture parts) and the real
// handler table behind the dispatcher, opened before and closed after each test.
import { afterEach, beforeEach } from 'vitest';
import { z } from 'zod';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { Handlers } from '#core/api/contract';
import type { ApiResponse } from '#core/api/errors';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, steppingClock } from '../../helpers/db';

export interface InventoryHarness {
  call(channel: string, args: unknown): Promise<ApiResponse<unknown>>;
  /** The call's value, or a thrown error with the API's answer. */
  value<T>(channel: string, args: unknown, schema?: { parse(v: unknown): T }): Promise<T>;
}

export function useInventoryHandlers(): InventoryHarness {
  let handlers: Handlers;
  let close: () => void;
  beforeEach(async () => {
    const dataDir = makeTempDir();
    const app = await openAppDatabase(dataDir, { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
    handlers = createHandlers({ db: app.db, dataDir, databasePath: app.path, host: 'http', now: steppingClock() });
    close = () => closeAppDatabase(app.db);
  });
  afterEach(() => {
    close();
    cleanupTempDirs();
  });
  const call = (channel: string, args: unknown) => dispatch(handlers, channel, args, { host: 'http' });
  return {
    call,
    async value<T>(channel: string, args: unknown, schema: { parse(v: unknown): T } = z.any() as never): Promise<T> {
      const res = await call(channel, args);
      if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
      return schema.parse(res.value);
    },
  };
}

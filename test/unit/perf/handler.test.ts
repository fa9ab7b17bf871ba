// estimate:run against a real migrated SQLite file holding the built-in catalog.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { estimateHandlers } from '#electron/handlers/estimate';
import { ApiFailure } from '#core/api/errors';
import { EstimateRequest } from '#core/perf/request';
import type { HandlerDeps } from '#electron/handlers/deps';
import { cleanupTempDirs, openTestDb, steppingClock, type TestDb } from '../../helpers/db';

let t: TestDb;
let deps: HandlerDeps;
const ctx = { host: 'http' as const };

beforeEach(async () => {
  t = await openTestDb({ parts: builtinParts });
  deps = { db: t.db, dataDir: t.dir, databasePath: t.file, host: 'http', now: steppingClock() };
});
afterEach(() => {
  t.db.close();
  cleanupTempDirs();
});

describe('estimate:run', () => {
  it('estimates from catalog names', async () => {
    const h = estimateHandlers(deps)['estimate:run'];
    const r = await h(EstimateRequest.parse({ gpu: 'RTX 3090', count: 2, model: 'llama-3-70b', quant: 'Q4_K_M' }), ctx);
    expect(r.fits).toBe(true);
    expect(r.memoryPerDeviceGB).toHaveLength(2);
    expect(r.band.decodeTps.high).toBeGreaterThan(r.decodeTps);
  });
  it('a bad request is VALIDATION naming the field', async () => {
    const h = estimateHandlers(deps)['estimate:run'];
    try {
      await h(EstimateRequest.parse({ gpu: 'RTX 3090', model: 'llama-3-70b', quant: 'Q11' }), ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiFailure);
      expect((e as ApiFailure).code).toBe('VALIDATION');
      expect((e as ApiFailure).issues![0]!.path).toBe('quant');
    }
  });
});

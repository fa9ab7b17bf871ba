// estimate:run against a real migrated SQLite file holding the built-in catalog.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { estimateHandlers } from '#host/handlers/estimate';
import { ApiFailure } from '#core/api/errors';
import { EstimateRequest } from '#core/perf/request';
import type { HandlerDeps } from '#host/handlers/deps';
import { cleanupTempDirs, openTestDb, steppingClock, type TestDb } from '../../helpers/db';
import { createItem } from '#db/repositories/inventory';
import { validateItemDraft } from '#core/inventory/item';
import x10drg from '#assets/examples/sys-4028gr-x10drg.json' with { type: 'json' };

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
  it("prices a build's owned parts at what was paid for them", async () => {
    const draft = validateItemDraft({ partId: 'gpu.nvidia.tesla-p40', status: 'received', price: '170', shipping: '15', tax: '0' });
    if (!draft.ok) throw new Error('draft');
    createItem(t.db, draft.value, { now: new Date('2024-06-01T00:00:00Z'), id: 'p40-a' });
    const build = structuredClone(x10drg) as typeof x10drg & { racks: { chassis: { devices: { inventoryItemId?: string }[] }[] }[] };
    build.racks[0]!.chassis[0]!.devices[0]!.inventoryItemId = 'p40-a';
    const h = estimateHandlers(deps)['estimate:run'];
    const r = (await h(EstimateRequest.parse({ build, model: 'llama-3-8b', quant: 'Q4_K_M' }), ctx)) as unknown as {
      cost: { owned: { amountMinor: number; currency: string } } | null;
    };
    expect(r.cost?.owned).toEqual({ amountMinor: 18500, currency: 'USD' });
  });
});

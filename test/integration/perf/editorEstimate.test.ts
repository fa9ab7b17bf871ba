// The editor computes each workload's estimate itself (core's estimateWorkload
// over its own check result, the catalog:list parts and the prices:market
// observations); estimate:run with the build and a workload index must give
// the same report, for every workload of every example build. Real handler
// table, real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../builds/harness';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { checkBuild } from '#core/check/checkBuild';
import { indexCatalog } from '#core/check/catalog';
import { siteOf } from '#core/build/site';
import { estimateWorkload } from '#core/perf/workloadEstimate';
import { marketOfObservations } from '#core/prices/market';
import type { CatalogPart } from '#core/catalog/part';

let h: Harness;
let parts: CatalogPart[];
let market: ReturnType<typeof marketOfObservations>;
let settings: { mainsVolts: number; circuitAmps: number };

beforeAll(async () => {
  h = await openHarness();
  // A price the user saw, so the market lookup is exercised on both sides.
  await h.ok('prices:add', { partId: 'gpu.nvidia.tesla-p40', price: '155.00', currency: 'USD', observedOn: '2024-05-20' });
  const list = await h.ok<{ entries: { part: CatalogPart }[] }>('catalog:list', {});
  parts = list.entries.map((e) => e.part);
  const m = await h.ok<{ today: string; observations: Parameters<typeof marketOfObservations>[1] }>('prices:market', {});
  market = marketOfObservations(m.today, m.observations);
  const s = await h.ok<{ mainsVolts: number; circuitAmps: number }>('settings:get', {});
  settings = { mainsVolts: s.mainsVolts, circuitAmps: s.circuitAmps };
});
afterAll(() => h.close());

// Each example has one workload; the X10DRG build gets a second one so an index past 0 is asked for too.
const x10 = EXAMPLE_BUILDS.find((e) => e.id === 'sys-4028gr-x10drg')!;
const second = {
  ...x10,
  id: 'sys-4028gr-x10drg + a second workload',
  build: { ...x10.build, workloads: [...x10.build.workloads, { ...x10.build.workloads[0]!, modelId: 'llama-3-8b', quant: 'Q4_K_M' }] },
};
const cases = [...EXAMPLE_BUILDS, second].flatMap((ex) => ex.build.workloads.map((w, i) => ({ id: ex.id, build: ex.build, index: i, model: w.modelId })));

describe("the editor's estimate equals estimate:run's", () => {
  it('covers every example that has workloads', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases)('$id, workload $index ($model)', async ({ build, index }) => {
    const catalog = indexCatalog(parts);
    const check = checkBuild(build, catalog, siteOf(build, settings).site);
    const mine = estimateWorkload({ build, catalog: parts, check, market, itemOf: () => null }, index);
    const res = await h.call('estimate:run', { build, workload: index });
    if (!mine.ok) {
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.message).toBe(mine.message);
      return;
    }
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.value).toEqual(mine.report);
    expect(mine.report.decodeTps).toBeGreaterThan(0);
  });

  it('names a workload index the build does not have', async () => {
    const ex = EXAMPLE_BUILDS.find((e) => e.build.workloads.length === 1)!;
    const res = await h.call('estimate:run', { build: ex.build, workload: 3 });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('VALIDATION');
      expect(res.error.message).toBe('the build has one workload; there is no workload 4');
    }
  });
});

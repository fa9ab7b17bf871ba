// sheet:get checks its build once and estimates each workload once, sharing the
// results with the build's own comparison row. The sheet must be exactly what
// the straightforward way gives (every row and the sheet checking and
// estimating for themselves), for every example, on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { itemLookup, pricePerKwhMinor } from '#host/handlers/compare';
import { marketOf } from '#host/handlers/prices';
import { dispatch } from '#host/dispatch';
import type { ApiResponse } from '#core/api/errors';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { perfEstimator, type BuildEstimator } from '#core/compare/estimate';
import { compareRows, type CompareContext } from '#core/compare/rows';
import { buildSheet, compareWorkloadOf } from '#core/sheet/sheet';
import type { SheetDocument } from '#core/sheet/schema';
import { getBuild, listBuilds } from '#db/repositories/builds';
import { catalogOf } from '#db/repositories/catalog';
import { getSettings } from '#db/repositories/settings';
import { cleanupTempDirs, makeTempDir } from '../../helpers/db';

const NOW = new Date('2026-12-07T12:00:00Z');
let db: Database.Database;
let call: (channel: string, args: unknown) => Promise<ApiResponse<unknown>>;
const ids = new Map<string, number>();

beforeAll(async () => {
  const dir = makeTempDir();
  const app = await openAppDatabase(dir, { now: () => NOW });
  db = app.db;
  const handlers = createHandlers({ db, dataDir: dir, databasePath: app.path, host: 'http', now: () => NOW });
  call = (channel, args) => dispatch(handlers, channel, args, { host: 'http' });
  for (const ex of EXAMPLE_BUILDS) {
    const r = await call('builds:create', { exampleId: ex.id });
    if (!r.ok) throw new Error(`${ex.id}: ${JSON.stringify(r.error)}`);
    ids.set(ex.id, (r.value as { id: number }).id);
  }
});
afterAll(() => {
  closeAppDatabase(db);
  cleanupTempDirs();
});

/** The sheet the long way: every comparison row and the sheet check the build and estimate on their own. */
function sheetTheLongWay(id: number): SheetDocument {
  const stored = getBuild(db, id)!;
  const settings = getSettings(db);
  const catalog = catalogOf(db).parts;
  const base = perfEstimator(catalog);
  // Drops any check it is handed, so each estimate checks the build itself.
  const estimator: BuildEstimator = (build, workload) => base(build, workload);
  const ctx: CompareContext = {
    catalog,
    itemOf: itemLookup(db),
    currency: settings.currency,
    site: { mainsVolts: settings.mainsVolts, circuitAmps: settings.circuitAmps },
    estimator,
    market: marketOf(db, NOW),
  };
  const first = stored.build.workloads[0];
  const workload = first ? compareWorkloadOf(first) : null;
  const comparison = workload
    ? {
        workload,
        rows: compareRows(
          listBuilds(db).map((s) => ({ buildId: s.id, build: s.build })),
          workload,
          ctx,
        ).sort((a, b) => a.buildId - b.buildId),
      }
    : null;
  const worth = { ...settings.worthIt, pricePerKwhMinor: pricePerKwhMinor(settings) };
  return buildSheet({ buildId: id, build: stored.build, ...ctx, generatedOn: '2026-12-07', comparison, worth });
}

describe('sheet:get, checked and estimated once', () => {
  it.each(EXAMPLE_BUILDS.map((e) => e.id))('gives the same sheet as checking every time: %s', async (exampleId) => {
    const id = ids.get(exampleId)!;
    const r = await call('sheet:get', { id });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const sheet = r.value as SheetDocument;
    expect(sheet.comparison?.rows.length ?? 0).toBe(sheet.estimates.length > 0 ? EXAMPLE_BUILDS.length : 0);
    expect(sheet).toEqual(sheetTheLongWay(id));
  });
});

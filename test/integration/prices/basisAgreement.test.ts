// One price basis everywhere: for every example build, Compare, the build
// sheet, the editor's bill of materials, the board's per-part tags,
// `rackhive estimate --build --json` and `rackhive check --json` give the same
// total, the same count of lines per basis and the same unpriced lines (a real
// SQLite file, the real handler table, the real CLI entry point).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { ApiResponse } from '#core/api/errors';
import type { CompareResult } from '#core/api/compare';
import type { SheetDocument } from '#core/sheet/schema';
import type { PriceObservation } from '#core/prices/observation';
import { countBasis } from '#core/prices/basis';
import { bomOf, pricePlacement } from '#core/build/bom';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { indexCatalog } from '#core/check/catalog';
import { marketOfObservations } from '#core/prices/market';
import { catalogOf } from '#db/repositories/catalog';
import { getBuild } from '#db/repositories/builds';
import { main } from '#cli/main';
import { bomLines, bomTotals } from '../../../renderer/src/views/builds/bom';
import { cleanupTempDirs, makeTempDir } from '../../helpers/db';

const NOW = new Date('2026-12-07T12:00:00Z');
let db: Database.Database;
let call: (channel: string, args: unknown) => Promise<ApiResponse<unknown>>;
const ok = async <T>(channel: string, args: unknown): Promise<T> => {
  const r = await call(channel, args);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as T;
};

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// The CLI dates staleness from today; both sides see the same day.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterAll(() => {
  vi.useRealTimers();
});
beforeEach(async () => {
  const dir = makeTempDir();
  const app = await openAppDatabase(dir, { now: () => NOW });
  db = app.db;
  const handlers = createHandlers({ db, dataDir: dir, databasePath: app.path, host: 'http', now: () => NOW });
  call = (channel, args) => dispatch(handlers, channel, args, { host: 'http' });
});
afterEach(() => {
  closeAppDatabase(db);
  cleanupTempDirs();
});

describe('one price basis in every view', () => {
  it.each(EXAMPLE_BUILDS.map((e) => [e.id]))('%s: Compare, the sheet, the editor, the board, estimate and check agree', async (exampleId) => {
    const created = await ok<{ id: number }>('builds:create', { exampleId });
    const cmp = await ok<CompareResult>('compare:run', {});
    const row = cmp.rows.find((r) => r.buildId === created.id);
    expect(row, 'Compare has a row for the example').toBeDefined();
    const cost = row!.cost;

    const sheet = await ok<SheetDocument>('sheet:get', { id: created.id });
    expect(sheet.bom.summary.total).toEqual(cost.total);
    expect(sheet.bom.summary.basis).toEqual(cost.basis);

    // The editor's bill of materials and the tags on the board, over the same market.
    const m = await ok<{ today: string; observations: PriceObservation[] }>('prices:market', {});
    const market = marketOfObservations(m.today, m.observations);
    const build = getBuild(db, created.id)!.build;
    const catalog = indexCatalog(catalogOf(db).parts);
    const lines = bomLines(build, catalog, new Map(), market);
    const editor = bomTotals(lines);
    expect(editor.planned.find((x) => x.currency === 'USD')?.amountMinor ?? 0).toBe(cost.total.knownMinor);
    expect(editor.plannedUnknown).toBe(
      bomOf(
        build,
        (id) => catalog.get(id),
        () => null,
        market,
      )
        .filter((l) => !l.amount)
        .reduce((s, l) => s + l.quantity, 0),
    );
    expect(countBasis(lines)).toEqual({ basis: cost.basis, staleLines: cost.staleLines });
    for (const l of bomOf(
      build,
      (id) => catalog.get(id),
      () => null,
      market,
    ))
      expect(pricePlacement(l, catalog.get(l.partId) ?? null, null, market).amount, `${l.location} tag`).toEqual(l.amount);

    // The command line on the example's file (no database: the built-in table alone, as here with no observations).
    const file = fileURLToPath(new URL(`../../../assets/examples/${exampleId}.json`, import.meta.url));
    const est = await cli(['estimate', '--build', file, '--model', 'llama-3-8b', '--quant', 'Q4_K_M', '--json']);
    expect(est.err).toBe('');
    const e = JSON.parse(est.out) as { cost: { total: { amountMinor: number }; unpricedLines: number; basis: unknown; staleLines: number } };
    expect(e.cost.total.amountMinor).toBe(cost.total.knownMinor);
    expect(e.cost.unpricedLines).toBe(cost.total.unpricedLines);
    expect(e.cost.basis).toEqual(cost.basis);
    expect(e.cost.staleLines).toBe(cost.staleLines);

    const chk = await cli(['check', file, '--json']);
    const c = JSON.parse(chk.out) as { cost: { total: unknown; basis: unknown; staleLines: number; unpriced: unknown } };
    expect(c.cost.total).toEqual(cost.total);
    expect(c.cost.basis).toEqual(cost.basis);
    expect(c.cost.staleLines).toBe(cost.staleLines);
    expect(c.cost.unpriced).toEqual(cost.unpriced);
  });
});

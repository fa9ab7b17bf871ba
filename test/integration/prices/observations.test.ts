// Price observations on a real SQLite file through the real handler table:
// the basis order, the 90-day median, staleness, the same total in Compare,
// the sheet and the editor's bill of materials, and bad input named by field
// with nothing half-written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { ApiResponse } from '#core/api/errors';
import type { CompareResult } from '#core/api/compare';
import type { PriceHistory } from '#core/api/prices';
import type { SheetDocument } from '#core/sheet/schema';
import type { PriceObservation } from '#core/prices/observation';
import { indexCatalog } from '#core/check/catalog';
import { catalogOf } from '#db/repositories/catalog';
import { getBuild } from '#db/repositories/builds';
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
const count = () => (db.prepare('SELECT count(*) AS n FROM price_observations').get() as { n: number }).n;

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

const P40 = 'gpu.nvidia.tesla-p40';

describe('price observations', () => {
  it('are listed newest first with the median of the last 90 days (price + shipping)', async () => {
    await ok('prices:add', { partId: P40, price: '150', shipping: '15', currency: 'usd', observedOn: '2026-11-20', listing: 'https://www.ebay.com/itm/1234' });
    await ok('prices:add', { partId: P40, price: 180, currency: 'USD', observedOn: '2026-10-01' });
    await ok('prices:add', { partId: P40, price: '1,999.00', currency: 'USD', observedOn: '2025-01-10', notes: 'too old to count' });
    const h = await ok<PriceHistory>('prices:list', { partId: P40 });
    expect(h.observations.map((o) => o.observedOn)).toEqual(['2026-11-20', '2026-10-01', '2025-01-10']);
    expect(h.observations[0]).toMatchObject({ amountMinor: 15000, shippingMinor: 1500, currency: 'USD', listing: 'https://www.ebay.com/itm/1234' });
    expect(h.recentCount).toBe(2);
    expect(h.median90).toEqual({ amountMinor: 17250, currency: 'USD' }); // (16500 + 18000) / 2
    expect(h.typical).toMatchObject({ amountMinor: 17000, asOf: '2026-02' });
  });

  it('bad input names the field and stores nothing', async () => {
    const bad = async (over: Record<string, unknown>, field: string, text: RegExp) => {
      const r = await call('prices:add', { partId: P40, price: '150', currency: 'USD', observedOn: '2026-11-01', ...over });
      expect(r.ok, field).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.issues?.map((i) => i.path)).toContain(field);
      expect(r.error.message).toMatch(text);
    };
    await bad({ price: '-5' }, 'price', /negative/);
    await bad({ price: 'cheap' }, 'price', /not a number/);
    await bad({ shipping: 'free-ish' }, 'shipping', /not a number/);
    await bad({ currency: 'UDS' }, 'currency', /not an ISO 4217 currency/);
    await bad({ observedOn: '2026-12-08' }, 'observedOn', /in the future/);
    await bad({ observedOn: '2026-02-30' }, 'observedOn', /not a date/);
    await bad({ partId: 'gpu.nobody.nothing' }, 'partId', /[Nn]o catalog part/);
    expect(count()).toBe(0);
  });

  it('a CSV import stores every row or, with one bad row (no part), none and names line and field', async () => {
    const good =
      'part,price,shipping,currency,date,listing\nTesla P40,160,12,USD,2026-11-02,https://www.ebay.com/itm/9\ngpu.nvidia.rtx-3090,700,,USD,2026-11-03,\n';
    expect(await ok('prices:importCsv', { text: good })).toEqual({ imported: 2 });
    const bad = 'part,price,currency,date\nTesla P40,160,USD,2026-11-02\n,170,USD,2026-11-03\nTesla P40,-1,USD,2026-11-04\n';
    const r = await call('prices:importCsv', { text: bad });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('IMPORT_INVALID');
    expect(r.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'line 3.part' }),
        expect.objectContaining({ path: 'line 4.price', message: expect.stringMatching(/negative/) }),
      ]),
    );
    expect(r.error.message).toMatch(/nothing imported/);
    expect(count()).toBe(2);
  });

  it('decide the basis after paid and before typical; Compare, the sheet and the editor show the same total', async () => {
    const created = await ok<{ id: number }>('builds:create', { exampleId: 'sys-4028gr-x10drg' });
    const total = async () => {
      const cmp = await ok<CompareResult>('compare:run', {});
      const row = cmp.rows.find((r) => r.buildId === created.id)!;
      const sheet = await ok<SheetDocument>('sheet:get', { id: created.id });
      const market = await ok<{ today: string; observations: PriceObservation[] }>('prices:market', {});
      const byPart = new Map<string, PriceObservation[]>();
      for (const o of market.observations) byPart.set(o.partId, [...(byPart.get(o.partId) ?? []), o]);
      const editor = bomTotals(
        bomLines(getBuild(db, created.id)!.build, indexCatalog(catalogOf(db).parts), new Map(), {
          today: market.today,
          observationsOf: (id) => byPart.get(id) ?? [],
        }),
      );
      expect(sheet.bom.summary.total).toEqual(row.cost.total);
      expect(editor.planned.find((m) => m.currency === 'USD')?.amountMinor).toBe(row.cost.total.knownMinor);
      return row.cost;
    };
    const before = await total();
    // 8 P40 at the typical 170 + the 1600 system + eight 32 GB DIMMs at 100 and the ConnectX-3 at 40.
    expect(before.total.knownMinor).toBe(8 * 17000 + 160000 + 8 * 10000 + 4000);
    expect(before.basis).toMatchObject({ paid: 0, observed: 0, typical: 18 });
    // The DIMM (2021-07) and ConnectX-3 (2020-02) figures are over a year old: marked stale, still counted.
    expect(before.staleLines).toBe(9);
    await ok('prices:add', { partId: P40, price: '140', shipping: '10', currency: 'USD', observedOn: '2026-11-30' });
    const after = await total();
    expect(after.total.knownMinor).toBe(8 * 15000 + 160000 + 8 * 10000 + 4000);
    expect(after.basis).toMatchObject({ observed: 8, typical: 10 });
    expect(after.basis.unknown).toBe(before.basis.unknown);
    expect(after.staleLines).toBe(9);
  });
});

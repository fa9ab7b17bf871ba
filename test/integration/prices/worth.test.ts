// "Is it worth it?" kept in the settings: what Compare saves is what the build
// sheet weighs, through the real handlers on a real database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import type { ApiResponse } from '#core/api/errors';
import type { CompareResult } from '#core/api/compare';
import type { SheetDocument } from '#core/sheet/schema';
import { worthOfRow } from '#core/prices/worth';
import { cleanupTempDirs, makeTempDir } from '../../helpers/db';

const NOW = new Date('2026-12-07T12:00:00Z');
let db: Database.Database;
let call: (channel: string, args: unknown) => Promise<ApiResponse<unknown>>;
const ok = async <T>(channel: string, args: unknown): Promise<T> => {
  const r = await call(channel, args);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as T;
};

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

describe('is it worth it, on the sheet', () => {
  it('carries the life, duty cycle and API price saved from Compare, and gives the same figures as Compare', async () => {
    const created = await ok<{ id: number }>('builds:create', { exampleId: 'sys-4028gr-x10drg' });
    const blank = await ok<SheetDocument>('sheet:get', { id: created.id });
    expect(blank.worth).toEqual({ lifeYears: 3, dutyPct: 50, apiPerMTokens: null, pricePerKwhMinor: 15 });

    await ok('settings:update', { worthLifeYears: '5', worthDutyPct: '20', worthApiPrice: '0.60' });
    const sheet = await ok<SheetDocument>('sheet:get', { id: created.id });
    expect(sheet.worth).toEqual({ lifeYears: 5, dutyPct: 20, apiPerMTokens: { amountMinor: 60, currency: 'USD' }, pricePerKwhMinor: 15 });

    const cmp = await ok<CompareResult>('compare:run', { workload: sheet.comparison!.workload });
    const fromCompare = worthOfRow(
      cmp.rows.find((r) => r.buildId === created.id)!,
      cmp.pricePerKwhMinor,
      cmp.currency,
      sheet.worth!,
    );
    const fromSheet = worthOfRow(
      sheet.comparison!.rows.find((r) => r.buildId === created.id)!,
      sheet.worth!.pricePerKwhMinor,
      sheet.currency,
      sheet.worth!,
    );
    expect(fromSheet).toEqual(fromCompare);
    expect(fromSheet.lifetimeMTokens).toBeGreaterThan(0);

    // A bad value is refused by name and changes nothing.
    const bad = await call('settings:update', { worthDutyPct: '0' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'worthDutyPct' }] } });
    expect((await ok<SheetDocument>('sheet:get', { id: created.id })).worth?.dutyPct).toBe(20);
  });
});

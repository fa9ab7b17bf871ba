// Settings: drafts as typed → settings or field messages; stored per key, read
// back with defaults, never failing on a value it cannot read.
import { afterEach, describe, expect, it } from 'vitest';
import { applySettingsDraft, DEFAULT_SETTINGS, formatPricePerKwh, parseTariff } from '#core/settings/settings';
import { getSettings, saveSettings } from '#db/repositories/settings';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import { cleanupTempDirs, openTestDb, steppingClock } from '../../helpers/db';

afterEach(cleanupTempDirs);

describe('settings drafts', () => {
  it('accepts text as typed and any mains voltage from 100 to 240', () => {
    const r = applySettingsDraft(DEFAULT_SETTINGS, { currency: 'eur', mainsVolts: '230 V', circuitAmps: 16, electricityPrice: '0,28', theme: 'dark' });
    expect(r).toEqual({
      ok: true,
      value: {
        currency: 'EUR',
        mainsVolts: 230,
        circuitAmps: 16,
        electricityPricePerKwh: { amountMinor: 28, currency: 'EUR' },
        theme: 'dark',
        worthIt: DEFAULT_SETTINGS.worthIt,
        checkForUpdates: true,
      },
    });
    expect(applySettingsDraft(DEFAULT_SETTINGS, { mainsVolts: '100' }).ok).toBe(true);
  });

  it('keeps the "Is it worth it?" inputs: life, duty cycle and an API price below the cent; each bad one named', () => {
    const r = applySettingsDraft(DEFAULT_SETTINGS, { worthLifeYears: '4.5', worthDutyPct: '25', worthApiPrice: '0.0375' });
    expect(r).toMatchObject({ ok: true, value: { worthIt: { lifeYears: 4.5, dutyPct: 25, apiPerMTokens: { amountMinor: 3.75, currency: 'USD' } } } });
    if (!r.ok) return;
    // An empty API price clears it; the rest stays.
    expect(applySettingsDraft(r.value, { worthApiPrice: '' })).toMatchObject({
      ok: true,
      value: { worthIt: { lifeYears: 4.5, dutyPct: 25, apiPerMTokens: null } },
    });
    const bad = applySettingsDraft(DEFAULT_SETTINGS, { worthLifeYears: '0', worthDutyPct: 'half', worthApiPrice: '-1' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).toEqual(['worthLifeYears', 'worthDutyPct', 'worthApiPrice']);
  });

  it('names each field at fault', () => {
    const r = applySettingsDraft(DEFAULT_SETTINGS, { currency: 'euro', mainsVolts: '400', circuitAmps: '15.5', electricityPrice: 'cheap', theme: 'blue' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['currency', 'mainsVolts', 'circuitAmps', 'electricityPrice', 'theme']);
    const negative = applySettingsDraft(DEFAULT_SETTINGS, { electricityPrice: '-0.10' });
    expect(negative.ok).toBe(false);
  });

  it('keeps a tariff quoted below the cent (0.2834 €/kWh) instead of refusing or rounding it', () => {
    const r = applySettingsDraft(DEFAULT_SETTINGS, { currency: 'EUR', electricityPrice: '0,2834' });
    expect(r).toMatchObject({ ok: true, value: { electricityPricePerKwh: { amountMinor: 28.34, currency: 'EUR' } } });
    if (r.ok) expect(formatPricePerKwh(r.value)).toBe('0.2834');
    expect(parseTariff('$0.15', 'USD')).toBe(15);
    expect(parseTariff('31', 'JPY')).toBe(31);
    expect(parseTariff('.099', 'USD')).toBe(9.9);
    expect(parseTariff('cheap', 'USD')).toBeNull();
    expect(formatPricePerKwh(DEFAULT_SETTINGS)).toBe('0.15');
  });
});

describe('settings storage and channels', () => {
  it('defaults, saves only what changed, survives an unreadable stored value, and answers VALIDATION with field paths', async () => {
    const { db, file, dir } = await openTestDb();
    expect(getSettings(db)).toEqual(DEFAULT_SETTINGS);
    saveSettings(db, { ...DEFAULT_SETTINGS, mainsVolts: 230 }, new Date('2024-06-01T00:00:00Z'));
    expect(db.prepare('SELECT key, value FROM settings').all()).toEqual([{ key: 'mainsVolts', value: '230' }]);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"purple\"', 'x'), ('fromTheFuture', '1', 'x')").run();
    expect(getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, mainsVolts: 230 });

    const handlers = createHandlers({ db, dataDir: dir, databasePath: file, host: 'http', now: steppingClock() });
    const bad = await dispatch(handlers, 'settings:update', { mainsVolts: '9000', circuitAmps: '20' }, { host: 'http' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'mainsVolts' }] } });
    expect(getSettings(db).circuitAmps).toBe(15); // nothing saved from a rejected draft
    const good = await dispatch(handlers, 'settings:update', { circuitAmps: '20', theme: 'light' }, { host: 'http' });
    expect(good).toMatchObject({ ok: true, value: { mainsVolts: 230, circuitAmps: 20, theme: 'light' } });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'fromTheFuture'").get()).toEqual({ value: '1' });
    expect(await dispatch(handlers, 'settings:update', { nope: 1 }, { host: 'http' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    db.close();
  });

  it('"Check for updates" defaults to on, is turned off through settings:update, and a non-boolean is a bad request', async () => {
    const { db, file, dir } = await openTestDb();
    expect(getSettings(db).checkForUpdates).toBe(true);
    const handlers = createHandlers({ db, dataDir: dir, databasePath: file, host: 'electron', now: steppingClock() });
    expect(await dispatch(handlers, 'settings:update', { checkForUpdates: false }, { host: 'electron' })).toMatchObject({
      ok: true,
      value: { checkForUpdates: false },
    });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'checkForUpdates'").get()).toEqual({ value: 'false' });
    expect(getSettings(db).checkForUpdates).toBe(false);
    expect(await dispatch(handlers, 'settings:update', { checkForUpdates: 'no' }, { host: 'electron' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    db.close();
  });
});

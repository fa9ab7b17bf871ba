// The person's own settings: the currency totals are shown in, the mains
// voltage and circuit their rack hangs off (PSU derating, the 80 % rule), what
// a kWh costs them, and the theme. Drafts arrive as typed text and are checked
// here, so the Settings form and the backend give the same field messages.
import { z } from 'zod';
import { CurrencyCode, formatAmountPlain, minorDigits } from '../money';
import type { FieldIssue } from '../issues';

export const THEMES = ['system', 'light', 'dark'] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

/** Mains voltages in use around the world: 100 V (Japan) to 240 V. */
export const MAINS_VOLTS_MIN = 100;
export const MAINS_VOLTS_MAX = 240;
/** Common choices offered by the form; any whole number in the range is accepted. */
export const COMMON_MAINS_VOLTS = [120, 230] as const;
export const CIRCUIT_AMPS_MIN = 1;
export const CIRCUIT_AMPS_MAX = 200;

export const WORTH_LIFE_MIN = 0.5;
export const WORTH_LIFE_MAX = 15;

export const Settings = z.object({
  /** Totals and estimates are shown in this currency (ISO 4217). */
  currency: CurrencyCode,
  /** Nominal mains voltage at the rack, volts. */
  mainsVolts: z.number().int().min(MAINS_VOLTS_MIN).max(MAINS_VOLTS_MAX),
  /** Breaker rating of the branch circuit, amps. */
  circuitAmps: z.number().int().min(CIRCUIT_AMPS_MIN).max(CIRCUIT_AMPS_MAX),
  /**
   * Price of one kWh in minor units (cents) of `currency`. A tariff is a rate,
   * not an amount held: utilities quote it to a tenth or hundredth of a cent
   * (0.2834 €/kWh = 28.34 cents), so fractions of a minor unit are kept, to
   * RATE_DECIMALS places.
   */
  electricityPricePerKwh: z.object({ amountMinor: z.number().nonnegative().max(1e9), currency: CurrencyCode }),
  theme: Theme,
  /**
   * "Is it worth it?" (Compare and the build sheet): the years the hardware
   * serves, the share of the time it serves, and a hosted API's price per
   * million output tokens (minor units, fractions kept as for the tariff;
   * null = not entered).
   */
  worthIt: z.object({
    lifeYears: z.number().min(WORTH_LIFE_MIN).max(WORTH_LIFE_MAX),
    dutyPct: z.number().min(1).max(100),
    apiPerMTokens: z.object({ amountMinor: z.number().nonnegative().max(1e9), currency: CurrencyCode }).nullable(),
  }),
  /** Desktop app: look for a new release on GitHub at most once a day (never in development). */
  checkForUpdates: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(Settings.shape) as SettingKey[];

export const DEFAULT_SETTINGS: Settings = {
  currency: 'USD',
  mainsVolts: 120,
  circuitAmps: 15,
  electricityPricePerKwh: { amountMinor: 15, currency: 'USD' },
  theme: 'system',
  worthIt: { lifeYears: 3, dutyPct: 50, apiPerMTokens: null },
  checkForUpdates: true,
};

const typed = z.union([z.string().max(100), z.number()]).optional();

/** A change as the form sends it: only the fields being changed, as typed. */
export const SettingsDraft = z
  .object({
    currency: z.string().max(100).optional(),
    mainsVolts: typed,
    circuitAmps: typed,
    /** The price of a kWh in major units as typed ("0.28"), in `electricityCurrency` (default: `currency`, then the stored one). */
    electricityPrice: typed,
    electricityCurrency: z.string().max(100).optional(),
    theme: z.string().max(100).optional(),
    checkForUpdates: z.boolean().optional(),
    /** "Is it worth it?" as typed: life in years, duty cycle in %, the API price per 1M output tokens in `currency` ("" clears it). */
    worthLifeYears: typed,
    worthDutyPct: typed,
    worthApiPrice: typed,
  })
  .strict();
export type SettingsDraft = z.infer<typeof SettingsDraft>;

function wholeNumber(value: string | number, min: number, max: number, unit: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(/\s*[a-z]+$/i, '');
  if (text === '') return { ok: false, message: `Enter a number of ${unit}` };
  if (!/^\d+$/.test(text)) return { ok: false, message: `Must be a whole number of ${unit}, from ${min} to ${max}` };
  const n = Number(text);
  if (n < min || n > max) return { ok: false, message: `Must be from ${min} to ${max} ${unit}` };
  return { ok: true, value: n };
}

/** Places kept below the minor unit for a tariff (0.2834 €/kWh → 28.34 cents). */
export const RATE_DECIMALS = 4;

/** A tariff as typed ("0.2834", "0,28", "$0.15", "31"): minor units per kWh, or null when it is not a plain non-negative number. */
export function parseTariff(text: string, currency: string): number | null {
  const t = text.trim().replace(/^[^\d.,]+|[^\d.,]+$/g, '');
  const m = /^(\d+)(?:[.,](\d{1,8}))?$/.exec(t) ?? /^()[.,](\d{1,8})$/.exec(t);
  if (!m) return null;
  const value = Number(`${m[1] || '0'}.${m[2] ?? '0'}`);
  const scale = 10 ** RATE_DECIMALS;
  return Math.round(value * 10 ** minorDigits(currency) * scale) / scale;
}

function currencyOf(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/** Applies a draft to the current settings: the new settings, or one message per field at fault. */
export function applySettingsDraft(current: Settings, draft: SettingsDraft): { ok: true; value: Settings } | { ok: false; issues: FieldIssue[] } {
  const next: Settings = { ...current, electricityPricePerKwh: { ...current.electricityPricePerKwh }, worthIt: { ...current.worthIt } };
  const issues: FieldIssue[] = [];
  if (draft.currency !== undefined) {
    const code = currencyOf(draft.currency);
    if (code) next.currency = code;
    else issues.push({ path: 'currency', message: 'Must be a 3-letter ISO currency code like USD or EUR' });
  }
  if (draft.mainsVolts !== undefined) {
    const r = wholeNumber(draft.mainsVolts, MAINS_VOLTS_MIN, MAINS_VOLTS_MAX, 'volts');
    if (r.ok) next.mainsVolts = r.value;
    else issues.push({ path: 'mainsVolts', message: r.message });
  }
  if (draft.circuitAmps !== undefined) {
    const r = wholeNumber(draft.circuitAmps, CIRCUIT_AMPS_MIN, CIRCUIT_AMPS_MAX, 'amps');
    if (r.ok) next.circuitAmps = r.value;
    else issues.push({ path: 'circuitAmps', message: r.message });
  }
  let priceCurrency = next.electricityPricePerKwh.currency;
  if (draft.electricityCurrency !== undefined) {
    const code = currencyOf(draft.electricityCurrency);
    if (code) priceCurrency = code;
    else issues.push({ path: 'electricityCurrency', message: 'Must be a 3-letter ISO currency code like USD or EUR' });
  } else if (draft.currency !== undefined && draft.electricityPrice !== undefined) {
    priceCurrency = next.currency;
  }
  if (draft.electricityPrice !== undefined) {
    const text = String(draft.electricityPrice).trim();
    if (text === '') issues.push({ path: 'electricityPrice', message: 'Enter the price of one kWh, e.g. 0.15' });
    else if (text.startsWith('-')) issues.push({ path: 'electricityPrice', message: 'Cannot be negative' });
    else {
      const minor = parseTariff(text, priceCurrency);
      if (minor === null) issues.push({ path: 'electricityPrice', message: `Not a price per kWh: ${text} (e.g. 0.15 or 0.2834)` });
      else next.electricityPricePerKwh = { amountMinor: minor, currency: priceCurrency };
    }
  } else if (draft.electricityCurrency !== undefined) {
    next.electricityPricePerKwh = { ...next.electricityPricePerKwh, currency: priceCurrency };
  }
  if (draft.theme !== undefined) {
    const theme = Theme.safeParse(draft.theme);
    if (theme.success) next.theme = theme.data;
    else issues.push({ path: 'theme', message: 'Must be system, light or dark' });
  }
  if (draft.checkForUpdates !== undefined) next.checkForUpdates = draft.checkForUpdates;
  applyWorthDraft(next, draft, issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: next };
}

function decimal(value: string | number, min: number, max: number, unit: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = String(value).trim().replace(',', '.');
  if (text === '') return { ok: false, message: `Enter a number of ${unit}` };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, message: `Must be a number of ${unit}, from ${min} to ${max}` };
  const n = Number(text);
  if (n < min || n > max) return { ok: false, message: `Must be from ${min} to ${max} ${unit}` };
  return { ok: true, value: n };
}

function applyWorthDraft(next: Settings, draft: SettingsDraft, issues: FieldIssue[]): void {
  const worth = { ...next.worthIt };
  if (draft.worthLifeYears !== undefined) {
    const r = decimal(draft.worthLifeYears, WORTH_LIFE_MIN, WORTH_LIFE_MAX, 'years');
    if (r.ok) worth.lifeYears = r.value;
    else issues.push({ path: 'worthLifeYears', message: r.message });
  }
  if (draft.worthDutyPct !== undefined) {
    const r = decimal(draft.worthDutyPct, 1, 100, '%');
    if (r.ok) worth.dutyPct = r.value;
    else issues.push({ path: 'worthDutyPct', message: r.message });
  }
  if (draft.worthApiPrice !== undefined) {
    const text = String(draft.worthApiPrice).trim();
    if (text === '') worth.apiPerMTokens = null;
    else if (text.startsWith('-')) issues.push({ path: 'worthApiPrice', message: 'Cannot be negative' });
    else {
      const minor = parseTariff(text, next.currency);
      if (minor === null) issues.push({ path: 'worthApiPrice', message: `Not a price per 1M tokens: ${text} (e.g. 0.60)` });
      else worth.apiPerMTokens = { amountMinor: minor, currency: next.currency };
    }
  }
  next.worthIt = worth;
}

/** "0.15" / "0.2834" for the form's price field: the currency's decimals, more only when the tariff has them. */
export function formatPricePerKwh(settings: Settings): string {
  const { amountMinor, currency } = settings.electricityPricePerKwh;
  if (Number.isInteger(amountMinor)) return formatAmountPlain(amountMinor, currency);
  const major = amountMinor / 10 ** minorDigits(currency);
  return major.toFixed(minorDigits(currency) + RATE_DECIMALS).replace(/0+$/, '');
}

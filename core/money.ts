// Money is integer minor units plus an ISO 4217 code; never a float. Prices from
// eBay come in several currencies, so every amount carries its own.
import { z } from 'zod';

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code like USD');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

export const Money = z.object({
  amountMinor: z.number().int('must be a whole number of minor units (cents)').safe(),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/**
 * Every ISO 4217 currency whose minor unit is not 2 digits (source: ISO 4217
 * List One, CcyMnrUnts column, as published by the maintenance agency at
 * https://www.six-group.com/dam/download/financial-information/data-center/iso-currrency/lists/list-one.xml;
 * read 2026-12). Every other code has 2. The one table for the app: amounts,
 * formatting and the SQL totals (db/repositories/inventory/totals.ts) read it.
 * Intl is not used for this: its CLDR data differs from ISO for a few codes
 * (IQD shows 0 digits there, ISO has 3).
 */
export const ISO_MINOR_DIGITS: Readonly<Record<string, number>> = Object.freeze({
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
});

/** Digits after the decimal point of a currency's minor unit (ISO 4217). */
export function minorDigits(currency: string): number {
  return ISO_MINOR_DIGITS[currency] ?? 2;
}

export function money(amountMinor: number, currency: string): Money {
  return { amountMinor, currency };
}

/** "1234.50" style, no grouping: for inputs and CSV. */
export function formatAmountPlain(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  if (digits === 0) return sign + String(abs);
  const whole = Math.floor(abs / 10 ** digits);
  const frac = String(abs % 10 ** digits).padStart(digits, '0');
  return `${sign}${whole}.${frac}`;
}

// One formatter per locale and currency: building an Intl.NumberFormat costs
// far more than formatting with it, and a bill of materials formats hundreds of lines.
const formatters = new Map<string, Intl.NumberFormat>();

/** Display form with the currency, e.g. "$1,234.50", using Intl. */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const digits = minorDigits(m.currency);
  const key = `${locale}|${m.currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f.format(m.amountMinor / 10 ** digits);
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`cannot add ${a.currency} to ${b.currency} without a rate`);
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

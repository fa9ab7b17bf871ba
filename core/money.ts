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

/** Digits after the decimal point per currency (ISO 4217); 2 unless listed. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, HUF: 2, CLP: 0, ISK: 0, TWD: 2, BHD: 3, KWD: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
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

/** Display form with the currency, e.g. "$1,234.50", using Intl. */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const digits = minorDigits(m.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    m.amountMinor / 10 ** digits,
  );
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`cannot add ${a.currency} to ${b.currency} without a rate`);
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

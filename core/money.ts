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

/**
 * Parses a user-typed amount ("1,234.56", "1234,56", "€ 99") into minor units.
 * Returns null when it is not a number. A lone comma followed by 1–2 digits is
 * a decimal comma (European exports); otherwise commas group thousands.
 */
export function parseAmount(text: string, currency: string): number | null {
  let s = text.trim().replace(/[\s\u00a0]/g, '').replace(/^[^\d\-+.,]+|[^\d.,]+$/g, '');
  if (s === '') return null;
  const digits = minorDigits(currency);
  if (/^[-+]?\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s) || /^[-+]?\d+,\d{1,2}$/.test(s)) {
    s = s.replace(/\./g, '').replace(',', '.');
  } else {
    s = s.replace(/,/g, '');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const [whole = '0', frac = ''] = s.replace(/^[-+]/, '').split('.');
  if (frac.length > digits && /[1-9]/.test(frac.slice(digits))) return null; // more precision than the currency has
  const minor = Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return s.startsWith('-') ? -minor : minor;
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

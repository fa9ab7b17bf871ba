// Converting a landed cost into the user's currency with the rate fixed at
// purchase. Amounts stay integer minor units; the conversion rounds half away
// from zero once, on the amount being shown.
import { minorDigits } from '../money';

/**
 * Rates count to this many decimal places (banks quote 4–6: "1.0843",
 * "0.006684"); amount × rate is then an exact integer product, small enough
 * for SQLite's 64-bit integers in the totals query.
 */
export const RATE_DECIMALS = 6;

/** The rate as an integer count of 10^-RATE_DECIMALS (0.7 → 70,000,000): what both core and SQL multiply by. */
export function rateUnits(rate: number): number {
  return Math.round(rate * 10 ** RATE_DECIMALS);
}

/**
 * `amountMinor` of `from` at `rate` (1 from = rate to) in minor units of `to`,
 * rounded half away from zero. Integer arithmetic throughout: in floating
 * point 45 × 0.7 is 31.4999…, and €0.45 would convert to 31 cents, not 32.
 */
export function convertMinor(amountMinor: number, from: string, rate: number, to: string): number {
  const shift = minorDigits(to) - minorDigits(from);
  let num = BigInt(Math.abs(amountMinor)) * BigInt(rateUnits(rate));
  let den = 10n ** BigInt(RATE_DECIMALS);
  if (shift > 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const magnitude = Number((num + den / 2n) / den);
  return amountMinor < 0 ? -magnitude : magnitude;
}

/**
 * The item's amount in `base`: itself when already in `base`, converted when
 * its stored rate converts to `base`, else null (no rate to that currency).
 */
export function inBaseCurrency(amountMinor: number, item: { currency: string; fxRate: number | null; fxCurrency: string | null }, base: string): number | null {
  if (item.currency === base) return amountMinor;
  if (item.fxRate !== null && item.fxCurrency === base) return convertMinor(amountMinor, item.currency, item.fxRate, base);
  return null;
}

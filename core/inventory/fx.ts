// Converting a landed cost into the user's currency with the rate fixed at
// purchase. Amounts stay integer minor units; the conversion rounds half away
// from zero once, on the amount being shown.
import { minorDigits } from '../money';

/** `amountMinor` of `from` at `rate` (1 from = rate to) in minor units of `to`. */
export function convertMinor(amountMinor: number, from: string, rate: number, to: string): number {
  const scaled = amountMinor * rate * 10 ** (minorDigits(to) - minorDigits(from));
  return Math.sign(scaled) * Math.round(Math.abs(scaled));
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

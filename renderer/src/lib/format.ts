// Display rules shared by every view: unknown is "unknown" (never 0), money
// always carries its currency, dates are ISO (YYYY-MM-DD) as engineers write them.
import { formatMoney } from '#core/money';

export const UNKNOWN = 'unknown';

export function moneyText(amountMinor: number | null | undefined, currency: string): string {
  if (amountMinor === null || amountMinor === undefined) return UNKNOWN;
  try {
    return formatMoney({ amountMinor, currency });
  } catch {
    return `${amountMinor} ${currency} (minor units)`;
  }
}

/** Today's date in the person's own time zone, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

// Plurals and lists agree with their numbers in one place for every view, the sheet and the CLI.
export { everyOne, listText, plural } from '#core/words';

// A row's money in SQL, for the totals query (totals.ts) and the triggers that
// keep the summary table (migration 0011) in step: one expression, two users.
// `r` is the row's alias: "i" in a query, "NEW" / "OLD" in a trigger.
import { RATE_DECIMALS } from '#core/inventory/fx';
import { ISO_MINOR_DIGITS } from '#core/money';

/** Landed cost of a row from its base columns (the same as the generated landed_cost_minor, but never NULL). */
export const landedSql = (
  r: string,
) => `((coalesce(${r}.price_minor, 0) + coalesce(${r}.shipping_minor, 0) + coalesce(${r}.tax_minor, 0) + coalesce(${r}.fees_minor, 0)) * ${r}.quantity
  + coalesce(${r}.order_shipping_minor, 0) + coalesce(${r}.order_tax_minor, 0))`;
/** What a row costs beyond its own price (shipping, tax, fees, order shares). */
export const extraSql = (r: string) => `((coalesce(${r}.shipping_minor, 0) + coalesce(${r}.tax_minor, 0) + coalesce(${r}.fees_minor, 0)) * ${r}.quantity
  + coalesce(${r}.order_shipping_minor, 0) + coalesce(${r}.order_tax_minor, 0))`;
/** Whether any amount of the row is known. */
export const knownSql = (
  r: string,
) => `(${r}.price_minor IS NOT NULL OR ${r}.shipping_minor IS NOT NULL OR ${r}.tax_minor IS NOT NULL OR ${r}.fees_minor IS NOT NULL
  OR ${r}.order_shipping_minor IS NOT NULL OR ${r}.order_tax_minor IS NOT NULL)`;

/**
 * SQL for the minor digits of a currency column, generated from the one ISO 4217
 * table (core/money.ts). instr() on a constant list, not IN (…): an IN list
 * builds a lookup table each time a trigger runs (milliseconds a row).
 */
function digitsSql(column: string): string {
  const byDigits = new Map<number, string[]>();
  for (const [code, d] of Object.entries(ISO_MINOR_DIGITS)) byDigits.set(d, [...(byDigits.get(d) ?? []), code]);
  const whens = [...byDigits.entries()].map(([d, codes]) => `WHEN instr('|${codes.join('|')}|', '|' || ${column} || '|') > 0 THEN ${d}`).join(' ');
  return `(CASE WHEN ${column} IS NULL THEN 2 ${whens} ELSE 2 END)`;
}

/**
 * The row's landed cost in its rate's currency (NULL without a rate), rounded
 * half away from zero per item, in integer arithmetic exactly as
 * core/inventory/fx.ts convertMinor does (a REAL product would round 45 × 0.7 down to 31).
 *
 * `shift` (digits of fx_currency − digits of currency) may be given when every
 * row the query reads shares it: the expression is then plain arithmetic on
 * constants instead of two currency lookups per use (3 µs a row, most of a
 * totals query's time).
 */
export function landedFxSql(r: string, shift?: number): string {
  const landed = landedSql(r);
  const scale = (s: number) => 10 ** Math.max(s, 0);
  // 10^max(shift, 0) and 10^RATE_DECIMALS × 10^max(−shift, 0), as integers.
  let num: string;
  let den: string;
  if (shift === undefined) {
    const s = `(${digitsSql(`${r}.fx_currency`)} - ${digitsSql(`${r}.currency`)})`;
    num = `(CASE ${s} WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 WHEN 4 THEN 10000 ELSE 1 END)`;
    den = `(CASE ${s} WHEN -1 THEN 10 WHEN -2 THEN 100 WHEN -3 THEN 1000 WHEN -4 THEN 10000 ELSE 1 END * ${10 ** RATE_DECIMALS})`;
  } else {
    num = String(scale(shift));
    den = String(scale(-shift) * 10 ** RATE_DECIMALS);
  }
  const rn = `(CAST(round(${r}.fx_rate * ${10 ** RATE_DECIMALS}) AS INTEGER) * ${num})`;
  // |landed| × RN / D, rounded half up, as |landed| × (RN div D) + (|landed| × (RN mod D) + D/2) div D:
  // every product stays far inside 64 bits, where |landed| × RN itself would not for large amounts.
  return `(CASE WHEN ${r}.fx_rate IS NULL THEN NULL ELSE
  (CASE WHEN ${landed} < 0 THEN -1 ELSE 1 END)
  * (abs(${landed}) * (${rn} / ${den}) + (abs(${landed}) * (${rn} % ${den}) + ${den} / 2) / ${den}) END)`;
}

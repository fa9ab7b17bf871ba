// The built-in typical used prices: assets/prices/used-prices.json, one
// reviewable file with every figure's source, what the source says and the
// month it was seen. Catalog files carry no prices of their own; the built-in
// catalog takes its `typicalUsedPrice` from here (core/catalog/builtin.ts).
import { z } from 'zod';
import table from '#assets/prices/used-prices.json' with { type: 'json' };
import { CurrencyCode } from '../money';

export const PRICE_CONDITIONS = ['used', 'refurbished', 'new-old-stock'] as const;
export const PriceCondition = z.enum(PRICE_CONDITIONS);
export type PriceCondition = z.infer<typeof PriceCondition>;

/** Months are enough for a market price, and are what staleness is counted in. */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-02');

export const UsedPrice = z.strictObject({
  amountMinor: z.number().int().positive().safe(),
  currency: CurrencyCode,
  /** A quoted range, when the source gives one (amountMinor is then its midpoint). */
  lowMinor: z.number().int().positive().safe().optional(),
  highMinor: z.number().int().positive().safe().optional(),
  condition: PriceCondition,
  asOf: YearMonth,
  /** A URL, or "seed analysis". */
  source: z.string().min(1),
  /** What the source says, quoted closely enough to check. */
  says: z.string().min(10),
  note: z.string().optional(),
});
export type UsedPrice = z.infer<typeof UsedPrice>;

export const UsedPriceEntry = z.union([
  z.strictObject({ partId: z.string().min(1), price: UsedPrice }),
  /** No public figure: stays unknown, and says why. */
  z.strictObject({ partId: z.string().min(1), price: z.null(), reason: z.string().min(10) }),
]);
export type UsedPriceEntry = z.infer<typeof UsedPriceEntry>;

/** A whole-build figure (the seed's octal A100): shown beside an example, never split into its lines. */
export const BuildPriceEntry = z.strictObject({ example: z.string().min(1), name: z.string().min(1), price: UsedPrice });
export type BuildPriceEntry = z.infer<typeof BuildPriceEntry>;

export const UsedPriceTable = z.strictObject({
  format: z.literal('rackhive.used-prices'),
  version: z.literal(1),
  about: z.string(),
  parts: z.array(UsedPriceEntry),
  builds: z.array(BuildPriceEntry),
});
export type UsedPriceTable = z.infer<typeof UsedPriceTable>;

export const usedPriceTable: UsedPriceTable = UsedPriceTable.parse(table);

const byPart = new Map(usedPriceTable.parts.map((e) => [e.partId, e]));

/** The table's entry for a part: a price, a reason it has none, or undefined (not listed). */
export function usedPriceEntry(partId: string): UsedPriceEntry | undefined {
  return byPart.get(partId);
}

/** Why a built-in part has no typical used price (for "unknown" with its reason). */
export function noPriceReason(partId: string): string {
  const e = byPart.get(partId);
  if (e && e.price === null) return e.reason;
  return 'no public used price recorded for this part yet';
}

/** The catalog's `typicalUsedPrice` shape (amountMinor, currency, asOf, source, note, condition). */
export function typicalUsedPriceOf(partId: string) {
  const e = byPart.get(partId);
  if (!e || e.price === null) return null;
  const p = e.price;
  return {
    amountMinor: p.amountMinor,
    currency: p.currency,
    asOf: p.asOf,
    source: p.source,
    condition: p.condition,
    note: `${p.says}.${p.note ? ` ${p.note}` : ''}`,
  };
}

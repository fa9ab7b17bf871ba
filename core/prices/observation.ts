// A price the user saw for a part: "I saw this at $X (+ shipping) on <date>,
// listing <URL / item number>". Stored in SQLite (db/repositories/priceObservations.ts);
// the 90-day median is what the price basis takes as "the user's recent observation".
import { z } from 'zod';
import { CurrencyCode } from '../money';
import { parseTypedAmount } from '../inventory/amount';
import { isKnownCurrency } from './currency';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day as YYYY-MM-DD in UTC (what "today" means for staleness and future dates). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function realDay(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDay(d) === s;
}

export const PriceObservation = z.strictObject({
  id: z.number().int().positive(),
  partId: z.string().min(1),
  /** Asking or sold price per unit, minor units. */
  amountMinor: z.number().int().nonnegative().safe(),
  /** Shipping per unit; null = not stated. */
  shippingMinor: z.number().int().nonnegative().safe().nullable(),
  currency: CurrencyCode,
  observedOn: z.string().regex(ISO_DATE),
  /** Listing URL or marketplace item number. */
  listing: z.string().nullable(),
  /** Where: "eBay", "r/homelabsales", a shop. */
  seller: z.string().nullable(),
  condition: z.enum(['used', 'refurbished', 'new-old-stock', 'new', 'for-parts']).nullable(),
  /** Inventory item (watching) it was recorded from, if any. */
  inventoryItemId: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type PriceObservation = z.infer<typeof PriceObservation>;

/** What the user enters; amounts are decimal text or numbers in major units. */
export const ObservationInput = z.strictObject({
  partId: z.string().trim().min(1, 'name the part this price is for'),
  price: z.union([z.string(), z.number()]),
  shipping: z.union([z.string(), z.number()]).nullable().optional(),
  currency: z.string().trim(),
  observedOn: z.string().trim(),
  listing: z.string().trim().max(2000).nullable().optional(),
  seller: z.string().trim().max(200).nullable().optional(),
  condition: PriceObservation.shape.condition.optional(),
  inventoryItemId: z.string().trim().min(1).nullable().optional(),
  notes: z.string().max(4000).nullable().optional(),
});
export type ObservationInput = z.input<typeof ObservationInput>;

export interface FieldProblem {
  field: string;
  message: string;
}

export type CheckedObservation = Omit<PriceObservation, 'id' | 'createdAt'>;

/**
 * Checks one observation and turns it into stored form; every problem names
 * its field (price, shipping, currency, observedOn, partId). `today` is
 * YYYY-MM-DD: a date after it is refused.
 */
export function checkObservation(raw: unknown, today: string): { ok: true; value: CheckedObservation } | { ok: false; problems: FieldProblem[] } {
  const parsed = ObservationInput.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'observation', message: i.message })) };
  const o = parsed.data;
  const problems: FieldProblem[] = [];
  const currency = o.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !isKnownCurrency(currency))
    problems.push({ field: 'currency', message: `'${o.currency}' is not an ISO 4217 currency code (USD, EUR, GBP …)` });
  const cur = problems.length ? 'USD' : currency;
  const amount = (v: string | number, field: string): number | null => {
    const text = typeof v === 'number' ? String(v) : v;
    const m = parseTypedAmount(text, cur);
    if (!m.ok) {
      const why =
        m.reason === 'ambiguous'
          ? 'could mean two amounts (write 1299 or 1.30)'
          : m.reason === 'too-precise'
            ? `has more decimals than ${cur} has`
            : 'is not a number (write it like 350 or 1234.50)';
      problems.push({ field, message: `${field} '${text}' ${why}` });
      return null;
    }
    if (m.minor < 0) {
      problems.push({ field, message: `${field} cannot be negative (got '${text}')` });
      return null;
    }
    return m.minor;
  };
  const amountMinor = amount(o.price, 'price');
  const shippingMinor = o.shipping === undefined || o.shipping === null || String(o.shipping).trim() === '' ? null : amount(o.shipping, 'shipping');
  if (!realDay(o.observedOn)) problems.push({ field: 'observedOn', message: `'${o.observedOn}' is not a date (YYYY-MM-DD)` });
  else if (o.observedOn > today) problems.push({ field: 'observedOn', message: `${o.observedOn} is in the future (today is ${today})` });
  if (problems.length > 0 || amountMinor === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      partId: o.partId,
      amountMinor,
      shippingMinor,
      currency,
      observedOn: o.observedOn,
      listing: o.listing || null,
      seller: o.seller || null,
      condition: o.condition ?? null,
      inventoryItemId: o.inventoryItemId ?? null,
      notes: o.notes || null,
    },
  };
}

// Where a fact comes from. Users check our numbers against their hardware, so
// every built-in part names its sources and which fields each one covers.
import { z } from 'zod';

export const PartSource = z.strictObject({
  /** A URL, or a document name when no URL is known. */
  url: z.string().min(1),
  /** Spec field names this source backs (e.g. ["memBandwidthGBps", "tdpW"]); absent = the whole entry. */
  covers: z.array(z.string().min(1)).optional(),
  note: z.string().optional(),
});
export type PartSource = z.infer<typeof PartSource>;

/** A typical used price is only stated with where and when it was seen. */
export const TypicalUsedPrice = z.strictObject({
  amountMinor: z.number().int().nonnegative().safe(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** ISO date (YYYY-MM or YYYY-MM-DD) the price was observed or published. */
  asOf: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  source: z.string().min(1),
  note: z.string().optional(),
  /** used / refurbished / new-old-stock (the built-in price table always says). */
  condition: z.enum(['used', 'refurbished', 'new-old-stock']).optional(),
});
export type TypicalUsedPrice = z.infer<typeof TypicalUsedPrice>;

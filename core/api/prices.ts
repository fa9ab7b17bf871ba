// Price observation channels: a part's observations with the 90-day median,
// add one, delete one, import a CSV file of them.
import { z } from 'zod';
import { endpoint } from './endpoint';
import { Money } from '../money';
import { ObservationInput, PriceObservation } from '../prices/observation';
import { TypicalUsedPrice } from '../catalog/source';

export const PriceHistory = z.object({
  partId: z.string(),
  observations: z.array(PriceObservation),
  /** Median (price + shipping) of the last 90 days in the latest observation's currency; null when none is recent. */
  median90: Money.nullable(),
  recentCount: z.number().int().min(0),
  typical: TypicalUsedPrice.nullable(),
  /** Why the part has no typical used price, when it has none. */
  noTypicalReason: z.string().nullable(),
  /** The day the median was counted to (YYYY-MM-DD). */
  today: z.string(),
});
export type PriceHistory = z.infer<typeof PriceHistory>;

export const pricesEndpoints = {
  'prices:list': endpoint(
    "A part's price observations, newest first, with the 90-day median and its typical used price.",
    z.strictObject({ partId: z.string().min(1) }),
    PriceHistory,
  ),
  'prices:add': endpoint(
    'Records a price seen for a part; a negative or non-numeric price, an unknown currency or a date in the future comes back as VALIDATION naming the field.',
    ObservationInput,
    PriceObservation,
  ),
  'prices:market': endpoint(
    "Every observation and today's date: what the editor's bill of materials needs to price a build as Compare and the sheet do.",
    z.strictObject({}),
    z.object({ today: z.string(), observations: z.array(PriceObservation) }),
  ),
  'prices:delete': endpoint('Deletes one observation.', z.strictObject({ id: z.number().int().positive() }), z.object({ deleted: z.boolean() })),
  'prices:importCsv': endpoint(
    'Imports observations from CSV text (part, price, shipping, currency, date, listing, seller, condition, notes); any bad row → IMPORT_INVALID naming line and field, nothing stored.',
    z.strictObject({ text: z.string().max(5_000_000) }),
    z.object({ imported: z.number().int().min(0) }),
  ),
};

// A light list of catalog parts for pickers (the inventory form's "part"
// field). The full catalog with specs has its own channels.
import { z } from 'zod';
import { endpoint } from './endpoint';
import { Money } from '../money';

export const PartSummary = z.object({
  id: z.string(),
  category: z.string(),
  vendor: z.string(),
  model: z.string(),
  /** Shipped with the app (true) or added by the user (false). */
  builtin: z.boolean(),
  /** Typical used price per unit, when the catalog has a sourced one; null = unknown. */
  typicalUsedPrice: Money.nullable(),
});
export type PartSummary = z.infer<typeof PartSummary>;

export const PartsQuery = z
  .object({
    /** Case-insensitive words matched against vendor, model and id. */
    search: z.string().max(200).default(''),
    category: z.string().max(50).optional(),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type PartsQuery = z.output<typeof PartsQuery>;

export const partsEndpoints = {
  'parts:list': endpoint(
    'Catalog parts for a picker: id, category, vendor, model, typical used price; sorted by category, vendor, model.',
    PartsQuery,
    z.object({ parts: z.array(PartSummary) }),
  ),
};

// Prices the user saw for a part ("$X + shipping on <date>, listing …"): the
// observed step of the price basis (core/prices/basis.ts). Amounts are per
// unit in minor units of their own currency; dates are YYYY-MM-DD.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 5,
  name: 'price_observations',
  sql: /* sql */ `
CREATE TABLE price_observations (
  id INTEGER PRIMARY KEY,
  part_id TEXT NOT NULL REFERENCES parts (id) ON UPDATE CASCADE ON DELETE CASCADE,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  shipping_minor INTEGER CHECK (shipping_minor IS NULL OR shipping_minor >= 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  observed_on TEXT NOT NULL CHECK (observed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  listing TEXT,
  seller TEXT,
  condition TEXT CHECK (condition IS NULL OR condition IN ('used', 'refurbished', 'new-old-stock', 'new', 'for-parts')),
  inventory_item_id TEXT REFERENCES inventory_items (id) ON UPDATE CASCADE ON DELETE SET NULL,
  notes TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX price_observations_by_part ON price_observations (part_id, observed_on);
`,
};

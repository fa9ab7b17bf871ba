// Inventory lifecycle and landed cost: per-unit fees, the exchange rate fixed at
// purchase, the seller's return period and the derived return deadline, the
// result of testing (passed/failed + note), and orders whose shipping and tax
// are entered once and spread across their items (the shares are written by
// the repository). Columns are added in place; the landed-cost column is
// re-created to include fees and order shares.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 3,
  name: 'inventory_lifecycle',
  sql: /* sql */ `
ALTER TABLE inventory_items ADD COLUMN fees_minor INTEGER CHECK (fees_minor IS NULL OR fees_minor >= 0);
-- 1 unit of currency = fx_rate units of fx_currency (the user's currency when the item was bought).
ALTER TABLE inventory_items ADD COLUMN fx_rate REAL CHECK (fx_rate IS NULL OR fx_rate > 0);
ALTER TABLE inventory_items ADD COLUMN fx_currency TEXT CHECK (fx_currency IS NULL OR (length(fx_currency) = 3 AND fx_currency = upper(fx_currency)));
-- This item's line share of its order's shipping and tax (not per unit); NULL = the order has none.
ALTER TABLE inventory_items ADD COLUMN order_shipping_minor INTEGER CHECK (order_shipping_minor IS NULL OR order_shipping_minor >= 0);
ALTER TABLE inventory_items ADD COLUMN order_tax_minor INTEGER CHECK (order_tax_minor IS NULL OR order_tax_minor >= 0);
-- The seller's return period in days; NULL = the default of 30 (eBay's common one).
ALTER TABLE inventory_items ADD COLUMN return_days INTEGER CHECK (return_days IS NULL OR return_days BETWEEN 0 AND 3650);
ALTER TABLE inventory_items ADD COLUMN test_result TEXT CHECK (test_result IS NULL OR test_result IN ('passed', 'failed'));
ALTER TABLE inventory_items ADD COLUMN test_note TEXT;
-- An explicit return-by date wins; else received date + return period.
ALTER TABLE inventory_items ADD COLUMN return_deadline TEXT GENERATED ALWAYS AS (coalesce(return_by,
  CASE WHEN received_on IS NOT NULL THEN date(received_on, '+' || coalesce(return_days, 30) || ' days') END)) VIRTUAL;
CREATE INDEX inventory_items_by_return_deadline ON inventory_items (return_deadline, id);

DROP INDEX inventory_items_by_landed_cost;
ALTER TABLE inventory_items DROP COLUMN landed_cost_minor;
-- (price + shipping + tax + fees) × quantity + the item's shares of its order's shipping and tax.
ALTER TABLE inventory_items ADD COLUMN landed_cost_minor INTEGER GENERATED ALWAYS AS (CASE
  WHEN price_minor IS NULL AND shipping_minor IS NULL AND tax_minor IS NULL AND fees_minor IS NULL
    AND order_shipping_minor IS NULL AND order_tax_minor IS NULL THEN NULL
  ELSE (coalesce(price_minor, 0) + coalesce(shipping_minor, 0) + coalesce(tax_minor, 0) + coalesce(fees_minor, 0)) * quantity
    + coalesce(order_shipping_minor, 0) + coalesce(order_tax_minor, 0) END) VIRTUAL;
CREATE INDEX inventory_items_by_landed_cost ON inventory_items (landed_cost_minor, id);

-- The totals query streams through this index (status, currency, part, rate target) without reading rows.
DROP INDEX inventory_items_for_totals;
CREATE INDEX inventory_items_for_totals ON inventory_items (status, currency, part_id, fx_currency, quantity, price_minor,
  shipping_minor, tax_minor, fees_minor, order_shipping_minor, order_tax_minor, fx_rate, return_deadline, search_text);

-- Shipping and tax paid once for a whole order, in the order's currency.
CREATE TABLE inventory_orders (
  order_number TEXT PRIMARY KEY NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  shipping_minor INTEGER CHECK (shipping_minor IS NULL OR shipping_minor >= 0),
  tax_minor INTEGER CHECK (tax_minor IS NULL OR tax_minor >= 0),
  updated_at TEXT NOT NULL
) STRICT;
`,
};

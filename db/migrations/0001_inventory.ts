// The first schema: catalog parts (built-in and the user's own), inventory
// items and their status history. Money is INTEGER minor units plus a
// currency; STRICT tables make SQLite refuse a float where an integer belongs.
import type { Migration } from './migration';

const STATUSES = "('wishlist', 'watching', 'ordered', 'shipped', 'received', 'tested', 'faulty', 'returned', 'sold')";

export const migration: Migration = {
  version: 1,
  name: 'inventory',
  sql: /* sql */ `
-- Catalog parts. Built-in ones are upgraded on start when their revision grows;
-- the user's own (builtin = 0) are never touched by that. data = the whole
-- catalog part as JSON; the columns beside it are copies for lists and sorting.
CREATE TABLE parts (
  id TEXT PRIMARY KEY NOT NULL,
  category TEXT NOT NULL,
  vendor TEXT NOT NULL,
  model TEXT NOT NULL,
  builtin INTEGER NOT NULL CHECK (builtin IN (0, 1)),
  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  typical_price_minor INTEGER CHECK (typical_price_minor IS NULL OR typical_price_minor >= 0),
  typical_price_currency TEXT CHECK (typical_price_currency IS NULL OR (length(typical_price_currency) = 3 AND typical_price_currency = upper(typical_price_currency))),
  data TEXT NOT NULL CHECK (json_valid(data)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((typical_price_minor IS NULL) = (typical_price_currency IS NULL))
) STRICT;
CREATE INDEX parts_by_category ON parts (category, vendor COLLATE NOCASE, model COLLATE NOCASE);

-- One physical thing (or several identical ones) of a part. Amounts are per unit.
CREATE TABLE inventory_items (
  id TEXT PRIMARY KEY NOT NULL,
  part_id TEXT NOT NULL REFERENCES parts (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  status TEXT NOT NULL CHECK (status IN ${STATUSES}),
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  price_minor INTEGER CHECK (price_minor IS NULL OR price_minor >= 0),
  shipping_minor INTEGER CHECK (shipping_minor IS NULL OR shipping_minor >= 0),
  tax_minor INTEGER CHECK (tax_minor IS NULL OR tax_minor >= 0),
  seller TEXT,
  listing_url TEXT,
  ebay_item_number TEXT,
  order_number TEXT,
  ordered_on TEXT CHECK (ordered_on IS NULL OR ordered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  received_on TEXT CHECK (received_on IS NULL OR received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  return_by TEXT CHECK (return_by IS NULL OR return_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  condition TEXT,
  serial_number TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Lifecycle order, so sorting by status reads wishlist → sold, not alphabetically.
  status_rank INTEGER GENERATED ALWAYS AS (CASE status
    WHEN 'wishlist' THEN 0 WHEN 'watching' THEN 1 WHEN 'ordered' THEN 2 WHEN 'shipped' THEN 3
    WHEN 'received' THEN 4 WHEN 'tested' THEN 5 WHEN 'faulty' THEN 6 WHEN 'returned' THEN 7 ELSE 8 END) VIRTUAL,
  -- (price + shipping + tax) × quantity; NULL when none of them is known.
  landed_cost_minor INTEGER GENERATED ALWAYS AS (CASE
    WHEN price_minor IS NULL AND shipping_minor IS NULL AND tax_minor IS NULL THEN NULL
    ELSE (coalesce(price_minor, 0) + coalesce(shipping_minor, 0) + coalesce(tax_minor, 0)) * quantity END) VIRTUAL,
  -- What the search box looks in, lower-cased: the part's vendor and model, seller, notes,
  -- serial, order and eBay numbers. Written with each insert/update by the repository
  -- (one expression, not a trigger: a trigger's extra UPDATE made inserts 5x slower)
  -- and refreshed by the trigger below when a part is renamed.
  search_text TEXT NOT NULL DEFAULT ''
) STRICT;
-- Sort indexes end in id: the list's tie-breaker, so a page is read straight off the index.
CREATE INDEX inventory_items_by_part ON inventory_items (part_id, id);
CREATE INDEX inventory_items_by_status ON inventory_items (status_rank, id);
CREATE INDEX inventory_items_by_updated ON inventory_items (updated_at, id);
CREATE INDEX inventory_items_by_created ON inventory_items (created_at, id);
CREATE INDEX inventory_items_by_landed_cost ON inventory_items (landed_cost_minor, id);
CREATE INDEX inventory_items_by_price ON inventory_items (price_minor, id);
CREATE INDEX inventory_items_by_ordered ON inventory_items (ordered_on, id);
CREATE INDEX inventory_items_by_received ON inventory_items (received_on, id);
CREATE INDEX inventory_items_by_return_by ON inventory_items (return_by, id);
CREATE INDEX inventory_items_by_ebay_item ON inventory_items (ebay_item_number);
CREATE INDEX inventory_items_by_order ON inventory_items (order_number);
-- Covers the count-and-totals query, search included, in its GROUP BY order (status,
-- currency, part), so it streams through this index without reading rows or sorting.
CREATE INDEX inventory_items_for_totals ON inventory_items (status, currency, part_id, quantity, price_minor, shipping_minor, tax_minor, search_text);

CREATE TRIGGER parts_search_on_rename AFTER UPDATE OF vendor, model ON parts BEGIN
  UPDATE inventory_items SET search_text = lower(concat_ws(char(10),
    NEW.vendor || ' ' || NEW.model, seller, notes, serial_number, order_number, ebay_item_number))
  WHERE part_id = NEW.id;
END;

-- Every status change of an item, dated, with an optional note (e.g. "memtest 4 passes").
CREATE TABLE inventory_status_history (
  id INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES inventory_items (id) ON DELETE CASCADE,
  from_status TEXT CHECK (from_status IS NULL OR from_status IN ${STATUSES}),
  to_status TEXT NOT NULL CHECK (to_status IN ${STATUSES}),
  at TEXT NOT NULL,
  note TEXT
) STRICT;
CREATE INDEX inventory_status_history_by_item ON inventory_status_history (item_id, at);
`,
};

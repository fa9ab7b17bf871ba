// What an import needs to find a purchase again and keep what the seller wrote:
// the listing title, and an external id ("ebay:<order>:<item>" or the
// template's external_id) that is unique, so importing the same purchase twice
// updates or skips it instead of adding a copy.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 6,
  name: 'inventory_import_identity',
  sql: /* sql */ `
ALTER TABLE inventory_items ADD COLUMN title TEXT CHECK (title IS NULL OR length(title) <= 500);
ALTER TABLE inventory_items ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) <= 200);
CREATE UNIQUE INDEX inventory_items_by_external_id ON inventory_items (external_id) WHERE external_id IS NOT NULL;
`,
};

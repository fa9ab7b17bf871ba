// The inventory at a million items: only the indexes a query uses, and search
// through an FTS5 trigram index instead of a LIKE scan of every row.
//
// Every index is written on every insert; an import of 100k rows paid for 15 of
// them, one a 14-column copy of the table (search_text included) for totals.
// Kept: the default sort (updated_at), the part sorts and the parts foreign key
// (part_id), export order (created_at, then rowid), orders (order_number) and
// the import identity (external_id). Other sorts read the table once with a
// top-N sort; totals are cached per filter against the data version
// (db/repositories/inventory/totals.ts), so the covering index goes.
//
// inventory_search indexes search_text (already lower-cased, ASCII as SQLite's
// lower() does) with trigrams, case-sensitive, so a phrase match is exactly what
// `search_text LIKE '%word%'` finds. External content: the text is stored once,
// in inventory_items. Rows are indexed up to a rowid watermark
// (inventory_search_state.indexed_through) by bounded background chunks, not
// by the import's transaction: indexing costs twice the insert itself. A search
// asks the index for rows at or below the watermark and LIKE-scans the few
// above it, so results are complete at every moment. The triggers keep indexed
// rows in step. (VACUUM may renumber rowids of this table: after one, the index
// needs INSERT INTO inventory_search (inventory_search) VALUES ('rebuild').)
import type { Migration } from './migration';

export const migration: Migration = {
  version: 8,
  name: 'inventory_at_scale',
  sql: /* sql */ `
DROP INDEX inventory_items_for_totals;
DROP INDEX inventory_items_by_status;
DROP INDEX inventory_items_by_landed_cost;
DROP INDEX inventory_items_by_price;
DROP INDEX inventory_items_by_ordered;
DROP INDEX inventory_items_by_received;
DROP INDEX inventory_items_by_return_by;
DROP INDEX inventory_items_by_return_deadline;
DROP INDEX inventory_items_by_ebay_item;
-- An index ends in rowid: (created_at) reads rows in export order (created_at, rowid) without a sort.
DROP INDEX inventory_items_by_created;
CREATE INDEX inventory_items_by_created ON inventory_items (created_at);

CREATE VIRTUAL TABLE inventory_search USING fts5(search_text, content = 'inventory_items', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1');
CREATE TABLE inventory_search_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through INTEGER NOT NULL CHECK (indexed_through >= 0)
) STRICT;
INSERT INTO inventory_search_state (id, indexed_through) VALUES (1, 0);

-- No insert trigger: a trigger that names a virtual table costs each insert a
-- visit to it (4x the insert), even when its WHEN is false. New rows get
-- rowids above the watermark, except after the highest row is deleted: then
-- the watermark comes down to the highest row left, so a reused rowid lands above it.
CREATE TRIGGER inventory_search_delete AFTER DELETE ON inventory_items
WHEN OLD.rowid <= (SELECT indexed_through FROM inventory_search_state) BEGIN
  INSERT INTO inventory_search (inventory_search, rowid, search_text) VALUES ('delete', OLD.rowid, OLD.search_text);
  UPDATE inventory_search_state SET indexed_through = min(indexed_through, coalesce((SELECT max(rowid) FROM inventory_items), 0));
END;
CREATE TRIGGER inventory_search_update AFTER UPDATE OF search_text ON inventory_items
WHEN OLD.search_text IS NOT NEW.search_text AND OLD.rowid <= (SELECT indexed_through FROM inventory_search_state) BEGIN
  INSERT INTO inventory_search (inventory_search, rowid, search_text) VALUES ('delete', OLD.rowid, OLD.search_text);
  INSERT INTO inventory_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
END;
`,
};

// Builds: the whole build as JSON (format rackhive.build v1) plus one row per
// placed part, so "which build and slot holds this item" and total / reserved /
// available per part are queries, not scans of JSON. The repository rewrites a
// build's placed-part rows in the same transaction as every write of its JSON.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 2,
  name: 'builds',
  sql: /* sql */ `
-- One build. name and notes are copies of the JSON's for lists; deleted_at set =
-- in the trash (soft delete, so a delete can be undone).
CREATE TABLE builds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  notes TEXT,
  data TEXT NOT NULL CHECK (json_valid(data)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX builds_live_by_updated ON builds (updated_at, id) WHERE deleted_at IS NULL;

-- Every placed part of a live build: rack, PDU, chassis, CPU, device, PSU, DIMM
-- or drive, keyed by chassis (or rack) id plus its own key. item_id set = owned
-- (bound to that inventory item), NULL = planned. A build in the trash has no
-- rows here: its items are free again; restoring it re-binds what is still free.
-- ON DELETE RESTRICT: deleting an inventory item that a build still holds is
-- refused rather than leaving the build's JSON pointing at nothing (SET NULL
-- would silently turn an owned part into a planned one behind the user's back).
-- part_id has no foreign key: an imported build may name parts this catalog lacks.
CREATE TABLE build_allocations (
  build_id INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  slot_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rack', 'pdu', 'chassis', 'cpu', 'device', 'psu', 'dimm', 'drive')),
  label TEXT NOT NULL,
  part_id TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  item_id TEXT REFERENCES inventory_items (id) ON DELETE RESTRICT,
  PRIMARY KEY (build_id, slot_key)
) STRICT;
CREATE INDEX build_allocations_by_item ON build_allocations (item_id, build_id) WHERE item_id IS NOT NULL;
CREATE INDEX build_allocations_by_part ON build_allocations (part_id, item_id, quantity);

-- The repository checks this first and names the build; this is the backstop:
-- one inventory item is placed in one build at most (it may fill several slots
-- of that build, up to its quantity).
CREATE TRIGGER build_allocations_one_build BEFORE INSERT ON build_allocations
WHEN NEW.item_id IS NOT NULL AND EXISTS (SELECT 1 FROM build_allocations WHERE item_id = NEW.item_id AND build_id <> NEW.build_id)
BEGIN
  SELECT RAISE(ABORT, 'an inventory item can be placed in one build only');
END;
`,
};

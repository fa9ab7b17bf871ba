// Notes on a part that come from the user's data rather than the catalog: a
// NetBox file's extra facts kept on the built-in it names. Keyed by part and
// source, so importing the same file again replaces its note instead of
// adding a second one; a built-in stays unchanged (its row is re-synced on start).
import type { Migration } from './migration';

export const migration: Migration = {
  version: 10,
  name: 'part_notes',
  sql: /* sql */ `
CREATE TABLE part_notes (
  id INTEGER PRIMARY KEY,
  part_id TEXT NOT NULL REFERENCES parts (id) ON UPDATE CASCADE ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 1000),
  source_url TEXT CHECK (source_url IS NULL OR length(source_url) <= 2000),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  created_at TEXT NOT NULL,
  UNIQUE (part_id, source)
) STRICT;
`,
};

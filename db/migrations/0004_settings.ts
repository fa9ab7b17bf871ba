// The person's settings as key/value rows with JSON values: a setting added
// later is a new key, not a schema change, and a key this build does not know
// (written by a newer Rackhive) is kept as it is.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 4,
  name: 'settings',
  sql: /* sql */ `
CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL
) STRICT;
`,
};

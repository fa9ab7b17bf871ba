// The user's own parts and part notes read from a data folder without taking
// it over: read-only, no migration, no lock, so `rackhive catalog show` works
// while the app has the folder open. A folder without a database reads as
// nothing of the user's; a newer or unreadable file is an error, untouched.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { CatalogPart } from '#core/catalog/part';
import type { PartNote } from '#core/catalog/partNote';
import { databasePathFor } from './app';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { withBinding } from './nativeBinding';
import { assertNotNewer, readSchemaVersion } from './open';
import { catalogOf } from './repositories/catalog';
import { allPartNotes } from './repositories/partNotes';

export interface UserCatalog {
  /** The folder's user parts (built-ins come from the app itself). */
  userParts: CatalogPart[];
  /** Notes on any part, by part id. */
  notes: Map<string, PartNote[]>;
  /** Stored parts this version cannot read. */
  unreadable: { id: string; message: string }[];
}

export function readUserCatalog(dataDir: string): UserCatalog {
  const file = databasePathFor(dataDir);
  const version = readSchemaVersion(file);
  if (version === null || !fs.existsSync(file)) return { userParts: [], notes: new Map(), unreadable: [] };
  assertNotNewer(file, version, LATEST_SCHEMA_VERSION);
  const db = new Database(file, withBinding({ readonly: true, fileMustExist: true }));
  try {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'parts'").get()) return { userParts: [], notes: new Map(), unreadable: [] };
    const catalog = catalogOf(db);
    const notes = allPartNotes(db);
    return { userParts: catalog.parts.filter((p) => !p.builtin), notes, unreadable: catalog.unreadable };
  } finally {
    db.close();
  }
}

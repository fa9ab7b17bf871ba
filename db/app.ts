// The app's database in its data folder, opened the same way by both hosts
// (Electron main and the HTTP host): open with the durability settings,
// back up and migrate, then bring the built-in catalog up to date.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from './open';
import { migrate, type MigrateResult } from './migrate';
import type { Migration } from './migrations/index';
import { syncBuiltinParts, type StorablePart, type SyncResult } from './repositories/parts';
import { BUILTIN_PARTS } from './builtinParts';
import { scheduleSearchIndexing } from './repositories/inventory/searchIndex';

export const DATABASE_FILE_NAME = 'rackhive.db';

export interface OpenAppDatabaseOptions {
  now?: () => Date;
  /** The built-in catalog to sync; defaults to the one shipped with the app. */
  builtinParts?: readonly StorablePart[];
  /** The migration chain; defaults to the app's own (tests pass a longer one). */
  migrations?: readonly Migration[];
}

export interface AppDatabase {
  db: Database.Database;
  path: string;
  migration: MigrateResult;
  catalogSync: SyncResult;
}

export function databasePathFor(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

/** Opens <dataDir>/rackhive.db, migrating it (after a backup, if it already existed) and syncing built-in parts. */
export async function openAppDatabase(dataDir: string, options: OpenAppDatabaseOptions = {}): Promise<AppDatabase> {
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(dataDir, { recursive: true });
  const file = databasePathFor(dataDir);
  const migrations = options.migrations;
  const db = openDatabase(file, migrations ? { latestSchemaVersion: migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version } : {});
  try {
    const migration = await migrate(db, migrations ? { now, migrations } : { now });
    const catalogSync = syncBuiltinParts(db, options.builtinParts ?? BUILTIN_PARTS, now());
    // Rows not yet in the search index (a file from before it, an import cut short) are indexed in the background.
    if (!migrations) scheduleSearchIndexing(db);
    return { db, path: file, migration, catalogSync };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Folds the WAL back into the main file and closes. Safe to call on a closed database. */
export function closeAppDatabase(db: Database.Database): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

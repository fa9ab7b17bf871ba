// Brings a database up to the latest schema: each migration in its own
// transaction with user_version bumped inside it, so a file is always at
// exactly one version. A failure stops the chain and is thrown, never logged
// and skipped. An existing file is backed up before its first migration.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import { MIGRATIONS, type Migration } from './migrations/index';
import { backupDatabase, backupDirFor, preMigrationBackupName } from './backup';
import { assertNotNewer } from './open';

/** A migration that failed; the database stays at `fromVersion`. */
export class MigrationError extends ApiFailure {
  readonly version: number;
  readonly fromVersion: number;
  readonly sqliteMessage: string;
  constructor(migration: Migration, fromVersion: number, cause: unknown) {
    const sqliteMessage = cause instanceof Error ? cause.message : String(cause);
    const label = `${String(migration.version).padStart(4, '0')}_${migration.name}`;
    super('INTERNAL', `Database migration ${label} failed: ${sqliteMessage}. The database was left at version ${fromVersion}.`);
    this.name = 'MigrationError';
    this.version = migration.version;
    this.fromVersion = fromVersion;
    this.sqliteMessage = sqliteMessage;
  }
}

export interface MigrateOptions {
  migrations?: readonly Migration[];
  /** Used for the backup's name. */
  now?: () => Date;
  /** Where the pre-migration backup goes; default <folder of the database>/backups. */
  backupDir?: string;
}

export interface MigrateResult {
  fromVersion: number;
  toVersion: number;
  /** The backup taken before migrating an existing database, or null (new file, or nothing to do). */
  backupPath: string | null;
}

/** Applies every migration newer than the file's user_version. */
export async function migrate(db: Database.Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  const fromVersion = Number(db.pragma('user_version', { simple: true }));
  assertNotNewer(db.name, fromVersion, latest);
  const pending = migrations.filter((m) => m.version > fromVersion);
  if (pending.length === 0) return { fromVersion, toVersion: fromVersion, backupPath: null };

  let backupPath: string | null = null;
  if (fromVersion > 0 && !db.memory) {
    const now = (options.now ?? (() => new Date()))();
    const dir = options.backupDir ?? backupDirFor(db.name);
    backupPath = await backupDatabase(db, path.join(dir, preMigrationBackupName(fromVersion, now)));
  }

  let version = fromVersion;
  for (const migration of pending) {
    // PRAGMA foreign_keys cannot change inside a transaction: a migration that
    // rebuilds a table turns it off around its transaction and checks the
    // references itself before committing.
    if (migration.disableForeignKeys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`${broken.length} rows would reference missing rows`);
        db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      }).immediate();
    } catch (err) {
      throw new MigrationError(migration, version, err);
    } finally {
      if (migration.disableForeignKeys) db.pragma('foreign_keys = ON');
    }
    version = migration.version;
  }
  return { fromVersion, toVersion: version, backupPath };
}

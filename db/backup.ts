// Backups with SQLite's online backup API (db.backup), never a file copy of a
// live database: a copy can catch the file between a write and its WAL.
// Each backup is checked with quick_check before it is trusted.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const BACKUP_DIR_NAME = 'backups';

/** <folder of the database>/backups: beside the live file's folder, apart from the file itself. */
export function backupDirFor(databasePath: string): string {
  return path.join(path.dirname(databasePath), BACKUP_DIR_NAME);
}

/** A file-name-safe UTC timestamp: 2024-05-31T12-00-00-000Z. */
export function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Name of the backup taken before migrating from `fromVersion`. */
export function preMigrationBackupName(fromVersion: number, now: Date): string {
  return `rackhive-v${fromVersion}-before-migration-${fileTimestamp(now)}.db`;
}

/** Runs quick_check on a database file; throws unless it says ok. */
export function assertHealthy(file: string): void {
  const check = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup ${file} failed quick_check: ${String(result)}`);
  } finally {
    check.close();
  }
}

/**
 * Copies `db` into `file` with the online backup API, written first under a
 * temporary name and renamed only once it passed quick_check, so a backup cut
 * short never takes the place of a good one.
 */
export async function backupDatabase(db: Database.Database, file: string): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    assertHealthy(partial);
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return file;
}

// Backups with SQLite's online backup API (db.backup), never a file copy of a
// live database: a copy can catch the file between a write and its WAL.
// Each backup is written under a temporary name, turned into a self-contained
// rollback-journal file (so opening it later never creates -wal/-shm files
// beside it), checked with quick_check, flushed to disk, and only then renamed
// to its real name: a backup cut short never takes the place of a good one.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { withBinding } from './nativeBinding';
import { fileTimestamp } from './backups/names';

export { fileTimestamp };

export const BACKUP_DIR_NAME = 'backups';
/** Suffix of a backup still being written; never listed, removed when found later. */
export const PARTIAL_SUFFIX = '.partial';

/** <folder of the database>/backups: beside the live file's folder, apart from the file itself. */
export function backupDirFor(databasePath: string): string {
  return path.join(path.dirname(databasePath), BACKUP_DIR_NAME);
}

/** Name of the backup taken before migrating from `fromVersion`. */
export function preMigrationBackupName(fromVersion: number, now: Date): string {
  return `rackhive-v${fromVersion}-before-migration-${fileTimestamp(now)}.db`;
}

/** Runs quick_check on a database file; throws unless it says ok. */
export function assertHealthy(file: string): void {
  const check = new Database(file, withBinding({ readonly: true, fileMustExist: true }));
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup ${file} failed quick_check: ${String(result)}`);
  } finally {
    check.close();
  }
}

/** fsync a file or a folder (a rename is durable only once its folder is synced; not possible on Windows). */
export function fsyncPath(p: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Makes a finished copy standalone (journal_mode=DELETE) and checks it; throws unless quick_check says ok. */
function finishCopy(file: string): void {
  const copy = new Database(file, withBinding({ fileMustExist: true }));
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup ${file} failed quick_check: ${String(result)}`);
  } finally {
    copy.close();
  }
}

/**
 * Writes a backup into `file` through `copy`, first under a temporary name
 * that is renamed only once the copy succeeded (and passed its check), so a
 * backup cut short never takes the place of a good one.
 */
export async function writeBackupAtomically(file: string, copy: (partial: string) => Promise<void>): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}${PARTIAL_SUFFIX}`;
  const removePartial = () => {
    for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  };
  removePartial();
  try {
    await copy(partial);
    fsyncPath(partial);
    fs.renameSync(partial, file);
    fsyncPath(path.dirname(file));
  } catch (err) {
    removePartial();
    throw err;
  }
  return file;
}

/** Copies `db` into `file` with the online backup API and checks the copy (quick_check) before it counts. */
export async function backupDatabase(db: Database.Database, file: string): Promise<string> {
  return writeBackupAtomically(file, async (partial) => {
    // After a first step that only counts pages, everything in one step: one
    // consistent read of the source, never restarted by another connection's commit.
    await db.backup(partial, { progress: () => 0x7fffffff });
    finishCopy(partial);
  });
}

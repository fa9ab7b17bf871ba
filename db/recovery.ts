// The start-up check of the database file, before anything opens it for
// writing. A file that fails it (not a database, an overwritten header, garbage
// in its pages, cut short, empty while backups exist, or a -wal beside it that
// does not belong to it) is never repaired in place and never written to: it is
// renamed aside unchanged, with its -wal and -shm, as rackhive.db.corrupt-<time>,
// and the newest good backup is offered. The notice is kept in the data folder
// until the person restores or dismisses it, so a restart does not lose it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { withBinding } from './nativeBinding';
import { BACKUP_DIR_NAME, fsyncPath } from './backup';
import { fileTimestamp } from './backups/names';
import { newestHealthyBackup, type BackupInfo } from './backups/store';

export const RECOVERY_NOTICE_FILE = 'recovery-notice.json';

export interface OfferedBackup {
  file: string;
  takenAt: string;
  schemaVersion: number | null;
  itemCount: number | null;
  buildCount: number | null;
}

export interface RecoveryNotice {
  /** damaged: the file failed its check and was moved aside; missing: no database file, but backups exist. */
  reason: 'damaged' | 'missing';
  /** What was wrong, in SQLite's or our words. */
  problem: string;
  /** Where the damaged file now is (absolute), or null. */
  movedTo: string | null;
  /** Every file moved (the database and its -wal/-shm), absolute. */
  movedFiles: string[];
  detectedAt: string;
  /** The newest backup that passed quick_check, or null when there is none. */
  offeredBackup: OfferedBackup | null;
}

export type FileCheck = { state: 'ok' } | { state: 'fresh' } | { state: 'damaged'; problem: string };

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function sizeOf(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/**
 * Pure with respect to the file: reads `file` (and its -wal) without writing to
 * either. A read-only SQLite connection reads the WAL's committed pages but can
 * neither checkpoint nor roll back, so the bytes of both stay as they are.
 * `hasBackups` decides what an empty file is: new if there is nothing to lose,
 * damaged otherwise (an empty file where a database was is a lost one).
 */
export function checkDatabaseFile(file: string, options: { hasBackups: boolean; latestSchemaVersion: number }): FileCheck {
  const size = sizeOf(file);
  const walSize = sizeOf(`${file}-wal`);
  if (size === null) {
    if (walSize !== null && walSize > 0) return { state: 'damaged', problem: 'a -wal file without its database' };
    return { state: 'fresh' };
  }
  if (size === 0 && (walSize === null || walSize === 0)) {
    return options.hasBackups ? { state: 'damaged', problem: 'the database file is empty (0 bytes) although backups exist' } : { state: 'fresh' };
  }
  if (size > 0) {
    const fd = fs.openSync(file, 'r');
    const header = Buffer.alloc(100);
    let read: number;
    try {
      read = fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (read < 100) return { state: 'damaged', problem: `the file is only ${read} bytes long` };
    if (!header.subarray(0, 16).equals(SQLITE_MAGIC)) return { state: 'damaged', problem: 'not an SQLite database (no SQLite header)' };
    const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
    // The page count in the header is valid only when its change counter matches (offset 92 vs 24).
    const pageCount = header.readUInt32BE(92) === header.readUInt32BE(24) ? header.readUInt32BE(28) : 0;
    // A file cut short: the header says it has more pages than the file holds.
    // (Pages may also sit in the WAL, so only judge this without one.)
    if ((walSize === null || walSize === 0) && pageCount > 0 && size < pageSize * pageCount) {
      return { state: 'damaged', problem: `the file is cut short: ${size} bytes, but its header counts ${pageCount} pages of ${pageSize} bytes` };
    }
    if (walSize !== null && walSize >= 32) {
      const wfd = fs.openSync(`${file}-wal`, 'r');
      const wal = Buffer.alloc(32);
      try {
        fs.readSync(wfd, wal, 0, 32, 0);
      } finally {
        fs.closeSync(wfd);
      }
      const magic = wal.readUInt32BE(0);
      const walPageSize = wal.readUInt32BE(8);
      if ((magic === 0x377f0682 || magic === 0x377f0683) && walPageSize !== pageSize) {
        return { state: 'damaged', problem: `the -wal file beside it belongs to another database (page size ${walPageSize}, the database's is ${pageSize})` };
      }
    }
  }
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, withBinding({ readonly: true, fileMustExist: true }));
    const version = Number(probe.pragma('user_version', { simple: true }));
    // Newer than this build: not ours to judge; opening refuses it untouched (DB_NEWER).
    if (version > options.latestSchemaVersion) return { state: 'ok' };
    const check = probe.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { state: 'damaged', problem: `quick_check: ${String(check)}` };
    const tables = new Set(
      probe
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((r) => r.name),
    );
    if (version === 0 && tables.size > 0) return { state: 'damaged', problem: `not a Rackhive database (tables ${[...tables].slice(0, 5).join(', ')})` };
    if (version >= 1 && !(tables.has('parts') && tables.has('inventory_items'))) {
      return { state: 'damaged', problem: `its schema is not Rackhive's (version ${version} without the inventory tables)` };
    }
    return { state: 'ok' };
  } catch (err) {
    const code = sqliteCode(err);
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR_SHORT_READ')) {
      return { state: 'damaged', problem: err instanceof Error ? err.message : String(err) };
    }
    throw err;
  } finally {
    probe?.close();
  }
}

/** Renames the database and its -wal/-shm aside unchanged; returns the new paths (the database's first). */
export function moveAside(file: string, now: Date): string[] {
  const base = `${file}.corrupt-${fileTimestamp(now)}`;
  let target = base;
  for (let n = 2; fs.existsSync(target); n++) target = `${base}-${n}`;
  const moved: string[] = [];
  // The database first: were we stopped after it, the -wal left behind is found
  // without its database next time and moved then. The other way round, the
  // database could be opened without the committed pages its -wal holds.
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const from = `${file}${suffix}`;
    try {
      fs.renameSync(from, `${target}${suffix}`);
      moved.push(`${target}${suffix}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  fsyncPath(path.dirname(file));
  return moved;
}

function offered(b: BackupInfo | null, latest: number): OfferedBackup | null {
  if (!b || (b.schemaVersion !== null && b.schemaVersion > latest)) return null;
  return { file: b.file, takenAt: b.takenAt.toISOString(), schemaVersion: b.schemaVersion, itemCount: b.itemCount, buildCount: b.buildCount };
}

export function readRecoveryNotice(dataDir: string): RecoveryNotice | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, RECOVERY_NOTICE_FILE), 'utf8')) as RecoveryNotice;
  } catch {
    return null;
  }
}

export function writeRecoveryNotice(dataDir: string, notice: RecoveryNotice): void {
  const file = path.join(dataDir, RECOVERY_NOTICE_FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(notice, null, 2) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

export function clearRecoveryNotice(dataDir: string): void {
  fs.rmSync(path.join(dataDir, RECOVERY_NOTICE_FILE), { force: true });
}

/**
 * Checks <dataDir>/<fileName> before it is opened. A damaged file is moved
 * aside and a notice written; a missing file with backups beside it gets a
 * notice too (nothing moved). Returns the notice in effect (a new one, or one
 * still pending from an earlier start), or null.
 */
export function recoverAtStartup(dataDir: string, fileName: string, options: { now: Date; latestSchemaVersion: number }): RecoveryNotice | null {
  const file = path.join(dataDir, fileName);
  const backupDir = path.join(dataDir, BACKUP_DIR_NAME);
  const newest = newestHealthyBackup(backupDir);
  const hasBackups = newest !== null || (fs.existsSync(backupDir) && fs.readdirSync(backupDir).some((f) => f.endsWith('.db')));
  const check = checkDatabaseFile(file, { hasBackups, latestSchemaVersion: options.latestSchemaVersion });
  if (check.state === 'damaged') {
    const movedFiles = moveAside(file, options.now);
    const notice: RecoveryNotice = {
      reason: 'damaged',
      problem: check.problem,
      movedTo: movedFiles.find((f) => /\.corrupt-[^/\\]*$/.test(f) && !/-(wal|shm|journal)$/.test(f)) ?? movedFiles[0] ?? null,
      movedFiles,
      detectedAt: options.now.toISOString(),
      offeredBackup: offered(newest, options.latestSchemaVersion),
    };
    writeRecoveryNotice(dataDir, notice);
    return notice;
  }
  if (check.state === 'fresh' && newest !== null && sizeOf(file) === null) {
    const notice: RecoveryNotice = {
      reason: 'missing',
      problem: `there was no ${fileName} in the data folder, but there are backups`,
      movedTo: null,
      movedFiles: [],
      detectedAt: options.now.toISOString(),
      offeredBackup: offered(newest, options.latestSchemaVersion),
    };
    writeRecoveryNotice(dataDir, notice);
    return notice;
  }
  return readRecoveryNotice(dataDir);
}

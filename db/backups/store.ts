// The backups folder: what is in it (each backup opened read-only and checked),
// taking a new backup, and rotation. A file that is not one of our names is
// neither listed nor touched.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { withBinding } from '../nativeBinding';
import { PARTIAL_SUFFIX } from '../backup';
import { backupDatabaseOffThread } from '../backupOffThread';
import { backupFileName, parseBackupName, type BackupKind, type BackupName } from './names';
import { backupsToDelete, DEFAULT_ROTATION, type RotationPolicy } from './rotation';

export interface BackupInfo {
  file: string;
  /** Absolute path. */
  path: string;
  takenAt: Date;
  kind: BackupKind;
  sizeBytes: number;
  /** PRAGMA user_version of the backup; null when it cannot be read. */
  schemaVersion: number | null;
  itemCount: number | null;
  buildCount: number | null;
  /** quick_check said ok. */
  healthy: boolean;
  /** Why it is not healthy. */
  problem: string | null;
}

interface Inspection {
  schemaVersion: number | null;
  itemCount: number | null;
  buildCount: number | null;
  healthy: boolean;
  problem: string | null;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function count(db: Database.Database, table: string): number | null {
  if (!tableExists(db, table)) return null;
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

/** Opens a backup read-only and checks it; never throws. */
export function inspectBackup(file: string): Inspection {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, withBinding({ readonly: true, fileMustExist: true }));
    const check = db.pragma('quick_check', { simple: true });
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    if (check !== 'ok') return { schemaVersion, itemCount: null, buildCount: null, healthy: false, problem: `quick_check: ${String(check)}` };
    return { schemaVersion, itemCount: count(db, 'inventory_items'), buildCount: count(db, 'builds'), healthy: true, problem: null };
  } catch (err) {
    return { schemaVersion: null, itemCount: null, buildCount: null, healthy: false, problem: err instanceof Error ? err.message : String(err) };
  } finally {
    db?.close();
  }
}

/** Checked backups are remembered by name, size and modification time: a list does not re-read unchanged files. */
const inspected = new Map<string, { key: string; result: Inspection }>();

function inspectCached(file: string, stat: fs.Stats): Inspection {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const hit = inspected.get(file);
  if (hit && hit.key === key) return hit.result;
  const result = inspectBackup(file);
  inspected.set(file, { key, result });
  return result;
}

/** Our backups in `dir` by name (not opened), newest first. */
export function backupNames(dir: string): BackupName[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return files
    .map(parseBackupName)
    .filter((b): b is BackupName => b !== null)
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.file.localeCompare(a.file));
}

/** Every backup in `dir`, opened read-only and checked, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  const result: BackupInfo[] = [];
  for (const b of backupNames(dir)) {
    const full = path.join(dir, b.file);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue; // removed meanwhile
    }
    if (!stat.isFile()) continue;
    result.push({ file: b.file, path: full, takenAt: b.takenAt, kind: b.kind, sizeBytes: stat.size, ...inspectCached(full, stat) });
  }
  return result;
}

/** The newest backup that passes quick_check, or null. */
export function newestHealthyBackup(dir: string): BackupInfo | null {
  for (const b of backupNames(dir)) {
    const full = path.join(dir, b.file);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue;
    }
    if (!stat.isFile() || stat.size === 0) continue;
    const inspection = inspectCached(full, stat);
    if (inspection.healthy) return { file: b.file, path: full, takenAt: b.takenAt, kind: b.kind, sizeBytes: stat.size, ...inspection };
  }
  return null;
}

/** A name for a new backup that does not exist yet. */
function freshName(dir: string, kind: BackupKind, now: Date): string {
  for (let seq = 0; ; seq++) {
    const name = backupFileName(kind, now, seq);
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

/** Removes leftovers of backups cut short (a killed process); they were never complete. */
export function removePartials(dir: string): void {
  let files: string[];
  try {
    files = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const f of files) {
    const base = f.replace(/-(journal|wal|shm)$/, '');
    if (base.endsWith(`.db${PARTIAL_SUFFIX}`) && parseBackupName(base.slice(0, -PARTIAL_SUFFIX.length))) fs.rmSync(path.join(dir, f), { force: true });
  }
}

/** Deletes what the rotation policy does not keep; returns the names removed. */
export function rotateBackups(dir: string, now: Date, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const doomed = backupsToDelete(backupNames(dir), now, policy);
  for (const f of doomed) {
    fs.rmSync(path.join(dir, f), { force: true });
    inspected.delete(path.join(dir, f));
  }
  return doomed;
}

/** Takes a backup of `db` into `dir` (checked before it gets its name), then rotates. */
export async function takeBackup(
  db: Database.Database,
  dir: string,
  kind: BackupKind,
  now: Date,
  policy: RotationPolicy = DEFAULT_ROTATION,
): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  removePartials(dir);
  const name = freshName(dir, kind, now);
  const full = await backupDatabaseOffThread(db, path.join(dir, name));
  rotateBackups(dir, now, policy);
  const stat = fs.statSync(full);
  return { file: name, path: full, takenAt: parseBackupName(name)!.takenAt, kind, sizeBytes: stat.size, ...inspectCached(full, stat) };
}

// The open database of a running app, with its safety machinery around it:
// the start-up check (recovery.ts), a backup at start-up and every 15 minutes
// while something changed, a backup before every migration (migrate.ts), and
// restore, which swaps the file under the running app. Hosts hold one of
// these and ask it for `db` each time (a restore replaces the connection).
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import { closeAppDatabase, DATABASE_FILE_NAME, openAppDatabase, type OpenAppDatabaseOptions } from '../app';
import { backupDirFor, fsyncPath, assertHealthy } from '../backup';
import { LATEST_SCHEMA_VERSION } from '../migrations/index';
import { clearRecoveryNotice, readRecoveryNotice, recoverAtStartup, type RecoveryNotice } from '../recovery';
import { clearLastGood, unchangedSinceLastGood, writeLastGood } from '../lastGood';
import { maintenanceChangesOf } from '../repositories/inventory/searchIndex';
import { isBackupFileName } from './names';
import { inspectBackup, listBackups, takeBackup, type BackupInfo } from './store';
import { DEFAULT_ROTATION, type RotationPolicy } from './rotation';
import { fileTimestamp, type BackupKind } from './names';

export const BACKUP_INTERVAL_MS = 15 * 60 * 1000;

export interface LiveDatabaseOptions extends OpenAppDatabaseOptions {
  rotation?: RotationPolicy;
  /** Skip the start-up backup (tests that count backups). */
  startupBackup?: boolean;
  /** Always run the read-only start-up check, even on a file unchanged since the last clean close. */
  alwaysCheck?: boolean;
}

export interface RestoreReport {
  restoredFrom: string;
  /** The backup of the database as it was just before the restore. */
  safetyBackup: string;
  /** Schema version of the backup, and of the database after migrating it (same when it was current). */
  fromSchemaVersion: number;
  schemaVersion: number;
  itemCount: number | null;
  buildCount: number | null;
}

/** Rows a person made: with none, there is nothing an automatic backup would protect. */
export function hasUserData(db: Database.Database): boolean {
  const tables = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name),
  );
  const any = (sql: string) => db.prepare(sql).get() !== undefined;
  if (tables.has('inventory_items') && any('SELECT 1 FROM inventory_items LIMIT 1')) return true;
  if (tables.has('parts') && any('SELECT 1 FROM parts WHERE builtin = 0 LIMIT 1')) return true;
  if (tables.has('builds') && any('SELECT 1 FROM builds LIMIT 1')) return true;
  if (tables.has('settings') && any('SELECT 1 FROM settings LIMIT 1')) return true;
  return false;
}

export class LiveDatabase {
  readonly dataDir: string;
  readonly path: string;
  readonly backupDir: string;
  #db: Database.Database;
  #recovery: RecoveryNotice | null;
  #options: LiveDatabaseOptions;
  #now: () => Date;
  #swapping = false;
  #busy: Promise<unknown> = Promise.resolve();
  #lastMark: string | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #listeners: ((db: Database.Database) => void)[] = [];
  /** The last automatic backup's failure (a full disk, say), for the Settings view; null after a success. */
  lastBackupError: string | null = null;
  /** What the start did: 'ran' the read-only check, or 'skipped' it (the file was as the last clean close left it). */
  startupCheck: 'ran' | 'skipped' = 'ran';
  /** The start-up backup, taken in the background (null: none was needed, or it failed; see lastBackupError). */
  startupBackupDone: Promise<BackupInfo | null> = Promise.resolve(null);

  private constructor(dataDir: string, file: string, db: Database.Database, recovery: RecoveryNotice | null, options: LiveDatabaseOptions) {
    this.dataDir = dataDir;
    this.path = file;
    this.backupDir = backupDirFor(file);
    this.#db = db;
    this.#recovery = recovery;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Checks the file (moving a damaged one aside), opens and migrates it, then
   * starts the start-up backup in the background (startupBackupDone). A file
   * exactly as the last clean close left it (lastGood.ts) skips the check, and
   * the backup too when one already held all of it.
   */
  static async open(dataDir: string, options: LiveDatabaseOptions = {}): Promise<LiveDatabase> {
    const now = options.now ?? (() => new Date());
    fs.mkdirSync(dataDir, { recursive: true });
    const latest = options.migrations ? (options.migrations.at(-1)?.version ?? 0) : LATEST_SCHEMA_VERSION;
    const last = options.alwaysCheck ? { unchanged: false, backedUp: false } : unchangedSinceLastGood(dataDir, DATABASE_FILE_NAME);
    // From here on the file is written: a record of its last good state must not outlive a crash.
    clearLastGood(dataDir);
    const recovery = last.unchanged ? readRecoveryNotice(dataDir) : recoverAtStartup(dataDir, DATABASE_FILE_NAME, { now: now(), latestSchemaVersion: latest });
    const opened = await openAppDatabase(dataDir, options);
    const live = new LiveDatabase(dataDir, opened.path, opened.db, recovery, options);
    live.startupCheck = last.unchanged ? 'skipped' : 'ran';
    if (last.backedUp && opened.migration.fromVersion === opened.migration.toVersion) live.#lastMark = live.#mark();
    if (options.startupBackup !== false) live.startupBackupDone = live.backupIfChanged('startup');
    return live;
  }

  get db(): Database.Database {
    return this.#db;
  }

  /** True while a restore has the database closed: calls must wait. */
  get swapping(): boolean {
    return this.#swapping;
  }

  get recovery(): RecoveryNotice | null {
    return this.#recovery;
  }

  dismissRecovery(): void {
    this.#recovery = null;
    clearRecoveryNotice(this.dataDir);
  }

  /** Called with the new connection after a restore. */
  onSwap(listener: (db: Database.Database) => void): void {
    this.#listeners.push(listener);
  }

  list(): BackupInfo[] {
    return listBackups(this.backupDir);
  }

  /** Something committed since the last backup, by this connection (total_changes, less search-index upkeep) or another (data_version). */
  #mark(): string {
    const changes = (this.#db.prepare('SELECT total_changes() AS n').get() as { n: number }).n - maintenanceChangesOf(this.#db);
    return `${changes}:${String(this.#db.pragma('data_version', { simple: true }))}`;
  }

  /** One backup or restore at a time. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#busy.then(work, work);
    this.#busy = run.catch(() => undefined);
    return run;
  }

  /** "Back up now" (and the other kinds): always writes one. */
  backupNow(kind: BackupKind = 'manual'): Promise<BackupInfo> {
    return this.#serial(async () => {
      const mark = this.#mark();
      const info = await takeBackup(this.#db, this.backupDir, kind, this.#now(), this.#options.rotation ?? DEFAULT_ROTATION);
      this.#lastMark = mark;
      this.lastBackupError = null;
      return info;
    });
  }

  /**
   * The automatic backups: only when something changed since the last one and
   * the database holds something of the person's (an empty database after a
   * recovery must not push real backups out of the rotation). Never throws:
   * a failure is kept in lastBackupError for the Settings view.
   */
  async backupIfChanged(kind: BackupKind): Promise<BackupInfo | null> {
    try {
      return await this.#serial(async () => {
        if (this.#swapping || !this.#db.open) return null;
        const mark = this.#mark();
        if (mark === this.#lastMark || !hasUserData(this.#db)) return null;
        const info = await takeBackup(this.#db, this.backupDir, kind, this.#now(), this.#options.rotation ?? DEFAULT_ROTATION);
        this.#lastMark = mark;
        this.lastBackupError = null;
        return info;
      });
    } catch (err) {
      this.lastBackupError = err instanceof Error ? err.message : String(err);
      return null;
    }
  }

  /** Every `intervalMs` (15 minutes), a backup when something changed. The timer does not keep the process alive. */
  startSchedule(intervalMs = BACKUP_INTERVAL_MS): void {
    this.stopSchedule();
    this.#timer = setInterval(() => void this.backupIfChanged('scheduled'), intervalMs);
    this.#timer.unref?.();
  }

  stopSchedule(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /**
   * Replaces the database with the backup `file` (a name in the backups folder,
   * nothing else): checks the backup, backs up the current database first,
   * copies the backup beside the live file and checks the copy, closes the live
   * connection (folding its WAL in), renames the copy over the live file,
   * reopens and migrates it when it is older.
   */
  restore(file: string): Promise<RestoreReport> {
    return this.#serial(async () => {
      if (!isBackupFileName(file))
        throw new ApiFailure('VALIDATION', `Not the name of a backup: ${JSON.stringify(file).slice(0, 80)}`, [
          { path: 'file', message: 'Must be the name of a backup in the backups folder' },
        ]);
      const source = path.join(this.backupDir, file);
      if (!fs.existsSync(source)) throw new ApiFailure('NOT_FOUND', `There is no backup named ${file} in ${this.backupDir}.`);
      const inspection = inspectBackup(source);
      if (!inspection.healthy)
        throw new ApiFailure(
          'VALIDATION',
          `The backup ${file} failed its check (${inspection.problem ?? 'unknown'}); it was not restored and nothing was changed.`,
        );
      const latest = this.#options.migrations ? (this.#options.migrations.at(-1)?.version ?? 0) : LATEST_SCHEMA_VERSION;
      if ((inspection.schemaVersion ?? 0) > latest)
        throw new ApiFailure(
          'DB_NEWER',
          `The backup ${file} was written by a newer Rackhive (database version ${inspection.schemaVersion}); update Rackhive to restore it.`,
        );

      const now = this.#now();
      const safety = await takeBackup(this.#db, this.backupDir, 'before-restore', now, this.#options.rotation ?? DEFAULT_ROTATION);

      // The copy goes beside the live file (same folder, so the rename is atomic) and is checked there.
      const staging = `${this.path}.restoring`;
      for (const f of [staging, `${staging}-wal`, `${staging}-shm`, `${staging}-journal`]) fs.rmSync(f, { force: true });
      fs.copyFileSync(source, staging);
      fsyncPath(staging);
      assertHealthy(staging);
      for (const f of [`${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });

      this.#swapping = true;
      try {
        closeAppDatabase(this.#db);
        // The connection folded its WAL in and removed it. Should one remain, it belongs to the
        // old file: it must not be read with the new one, and it is kept, not deleted.
        if (fs.existsSync(`${this.path}-wal`) && fs.statSync(`${this.path}-wal`).size > 0) {
          fs.renameSync(`${this.path}-wal`, `${this.path}-wal.before-restore-${fileTimestamp(now)}`);
        }
        fs.rmSync(`${this.path}-wal`, { force: true });
        fs.rmSync(`${this.path}-shm`, { force: true });
        fs.renameSync(staging, this.path);
        fsyncPath(path.dirname(this.path));
        let reopened;
        try {
          reopened = await openAppDatabase(this.dataDir, this.#options);
        } catch (err) {
          // Put the database as it was back (from the backup just taken) and reopen that.
          fs.copyFileSync(safety.path, this.path);
          fsyncPath(this.path);
          this.#db = (await openAppDatabase(this.dataDir, this.#options)).db;
          throw err;
        }
        this.#db = reopened.db;
        this.#lastMark = this.#mark();
        for (const listener of this.#listeners) listener(this.#db);
        this.#recovery = null;
        clearRecoveryNotice(this.dataDir);
        return {
          restoredFrom: file,
          safetyBackup: safety.file,
          fromSchemaVersion: inspection.schemaVersion ?? 0,
          schemaVersion: reopened.migration.toVersion,
          itemCount: inspection.itemCount,
          buildCount: inspection.buildCount,
        };
      } finally {
        this.#swapping = false;
      }
    });
  }

  /**
   * Stops the schedule and closes the database (folding the WAL back in), then
   * records the file's state as the last good one (lastGood.ts). Safe to call twice.
   */
  close(): void {
    this.stopSchedule();
    if (!this.#db.open) return;
    let backedUp = false;
    try {
      backedUp = this.#mark() === this.#lastMark || !hasUserData(this.#db);
    } catch {
      backedUp = false;
    }
    closeAppDatabase(this.#db);
    try {
      writeLastGood(this.dataDir, DATABASE_FILE_NAME, backedUp, this.#now());
    } catch {
      // Without the record the next start simply checks the file in full.
      clearLastGood(this.dataDir);
    }
  }
}

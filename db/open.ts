// Opening a Rackhive database file. The durability settings are set AND read
// back on every open: a pragma that silently did not apply (a read-only folder,
// a network drive without WAL) would otherwise turn "saved" into "maybe saved".
// Before anything writes to an existing file, its schema version is read without
// writing (from the header, or through a read-only connection when a WAL file
// is beside it): a file from a newer Rackhive is refused untouched, and one
// that is not a database is reported as DB_CORRUPT, also untouched.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { withBinding } from './nativeBinding';
import { ApiFailure } from '#core/api/errors';
import { LATEST_SCHEMA_VERSION } from './migrations/index';

export interface OpenOptions {
  /** The newest schema this build understands; newer files are refused. */
  latestSchemaVersion?: number;
  /** How long a write waits for another connection's lock. */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

function isSqliteError(err: unknown, ...codes: string[]): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = String((err as { code: unknown }).code);
  return codes.some((c) => code === c || code.startsWith(c + '_'));
}

function corrupt(file: string, err: unknown): ApiFailure {
  const why = err instanceof Error ? err.message : String(err);
  return new ApiFailure('DB_CORRUPT', `${file} is not a readable Rackhive database (${why}). The file was not changed.`);
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Byte offset of PRAGMA user_version in the database header (4 bytes, big-endian). */
const USER_VERSION_OFFSET = 60;

/**
 * The schema version (PRAGMA user_version) of an existing file, read without
 * writing anything: null when the file does not exist or is empty (a new
 * database). Throws ApiFailure('DB_CORRUPT') when the file is not an SQLite
 * database. Without a -wal file beside it the header is read straight from the
 * file (even a read-only SQLite connection would create -wal/-shm files for a
 * WAL database); with one, committed pages may sit in the WAL, so SQLite reads it.
 */
export function readSchemaVersion(file: string): number | null {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(100);
      const read = fs.readSync(fd, header, 0, 100, 0);
      if (read === 0) return null;
      if (read < 100) throw corrupt(file, new Error(`only ${read} bytes long`));
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (!header.subarray(0, 16).equals(SQLITE_MAGIC)) throw corrupt(file, new Error('no SQLite header'));
  if (!fs.existsSync(`${file}-wal`)) return header.readUInt32BE(USER_VERSION_OFFSET);

  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, withBinding({ readonly: true, fileMustExist: true }));
    // user_version alone reads only the header; schema_version makes SQLite parse the schema.
    probe.pragma('schema_version', { simple: true });
    return Number(probe.pragma('user_version', { simple: true }));
  } catch (err) {
    if (isSqliteError(err, 'SQLITE_NOTADB', 'SQLITE_CORRUPT')) throw corrupt(file, err);
    throw err;
  } finally {
    probe?.close();
  }
}

/** Refuses a file whose schema is newer than this build understands. */
export function assertNotNewer(file: string, version: number | null, latest: number): void {
  if (version !== null && version > latest) {
    throw new ApiFailure(
      'DB_NEWER',
      `${file} was written by a newer Rackhive (database version ${version}); this Rackhive reads up to version ${latest}. ` +
        'Update Rackhive to open it. The file was not changed.',
    );
  }
}

/** Sets the durability pragmas on `db` and throws if any did not take effect. */
export function applyConnectionSettings(db: Database.Database, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): void {
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  assertConnectionSettings(db, busyTimeoutMs);
}

/** Reads the pragmas back; a mismatch is an error, never a warning. */
export function assertConnectionSettings(db: Database.Database, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): void {
  const actual = {
    journal_mode: String(db.pragma('journal_mode', { simple: true })).toLowerCase(),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreign_keys: Number(db.pragma('foreign_keys', { simple: true })),
    busy_timeout: Number(db.pragma('busy_timeout', { simple: true })),
  };
  const expected = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: Math.trunc(busyTimeoutMs) };
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (actual[key] !== expected[key]) {
      throw new ApiFailure(
        'INTERNAL',
        `${db.name}: PRAGMA ${key} is ${actual[key]}, expected ${expected[key]}; refusing to use a database that may not keep what it is given.`,
      );
    }
  }
}

/**
 * Opens (or creates) `file` for reading and writing with WAL, synchronous=FULL,
 * foreign keys on and a busy timeout, after checking its version read-only.
 * Does not migrate (see migrate.ts).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const latest = options.latestSchemaVersion ?? LATEST_SCHEMA_VERSION;
  assertNotNewer(file, readSchemaVersion(file), latest);
  let db: Database.Database;
  try {
    db = new Database(file, withBinding());
  } catch (err) {
    if (isSqliteError(err, 'SQLITE_NOTADB', 'SQLITE_CORRUPT')) throw corrupt(file, err);
    throw err;
  }
  try {
    // Nothing has been written yet: make SQLite parse the schema (a damaged
    // file fails here, untouched), then check the version again on this
    // connection, since another process could have migrated the file since.
    db.pragma('schema_version', { simple: true });
    assertNotNewer(file, Number(db.pragma('user_version', { simple: true })), latest);
    applyConnectionSettings(db, options.busyTimeoutMs);
  } catch (err) {
    db.close();
    if (isSqliteError(err, 'SQLITE_NOTADB', 'SQLITE_CORRUPT')) throw corrupt(file, err);
    throw err;
  }
  return db;
}

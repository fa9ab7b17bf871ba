import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, readSchemaVersion, assertConnectionSettings } from '#db/open';
import { migrate } from '#db/migrate';
import { LATEST_SCHEMA_VERSION } from '#db/migrations/index';
import { ApiFailure } from '#core/api/errors';
import { cleanupTempDirs, makeTempDir, sha256File } from '../../helpers/db';

afterEach(cleanupTempDirs);

function failure(fn: () => unknown): ApiFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiFailure) return err;
    throw err;
  }
  throw new Error('expected an ApiFailure');
}

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign_keys=ON and a busy timeout, on a new and on a reopened file', () => {
    const file = path.join(makeTempDir(), 'a.db');
    for (let i = 0; i < 2; i++) {
      const db = openDatabase(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      db.close();
    }
  });

  it('assertConnectionSettings throws when a setting is not in effect', () => {
    const db = openDatabase(path.join(makeTempDir(), 'a.db'));
    db.pragma('synchronous = NORMAL');
    expect(() => assertConnectionSettings(db)).toThrow(/synchronous is 1, expected 2/);
    db.close();
  });

  it('refuses a file written by a newer Rackhive and leaves it byte-for-byte unchanged', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'rackhive.db');
    const db = openDatabase(file);
    await migrate(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha256File(file);
    const listing = fs.readdirSync(dir).sort();

    const err = failure(() => openDatabase(file));
    expect(err.code).toBe('DB_NEWER');
    expect(err.message).toContain(`database version ${LATEST_SCHEMA_VERSION + 7}`);
    expect(err.message).toContain(`reads up to version ${LATEST_SCHEMA_VERSION}`);
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  it('refuses a newer file even when it is still in rollback-journal mode', () => {
    const file = path.join(makeTempDir(), 'old-style.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha256File(file);
    expect(failure(() => openDatabase(file)).code).toBe('DB_NEWER');
    expect(sha256File(file)).toBe(before);
  });

  it('reports a file that is not a database as DB_CORRUPT and does not touch it', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'rackhive.db');
    fs.writeFileSync(file, 'this is a shopping list, not a database\n'.repeat(200));
    const before = sha256File(file);
    const err = failure(() => openDatabase(file));
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('not a readable Rackhive database');
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['rackhive.db']);
  });

  it('reports an overwritten header as DB_CORRUPT', async () => {
    const file = path.join(makeTempDir(), 'rackhive.db');
    const db = openDatabase(file);
    await migrate(db);
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 0, 100);
    fs.writeFileSync(file, bytes);
    const before = sha256File(file);
    expect(failure(() => openDatabase(file)).code).toBe('DB_CORRUPT');
    expect(sha256File(file)).toBe(before);
  });

  it('reports garbage in the schema page (valid header) as DB_CORRUPT, before writing anything', async () => {
    const file = path.join(makeTempDir(), 'rackhive.db');
    const db = openDatabase(file);
    await migrate(db);
    db.pragma('journal_mode = DELETE'); // no -wal beside it: the damage is all in the main file
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 100, 4096);
    fs.writeFileSync(file, bytes);
    const before = sha256File(file);
    expect(failure(() => openDatabase(file)).code).toBe('DB_CORRUPT');
    expect(sha256File(file)).toBe(before);
  });

  it('reads the version through SQLite while a -wal file holds committed pages', async () => {
    const file = path.join(makeTempDir(), 'rackhive.db');
    const writer = openDatabase(file);
    await migrate(writer);
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`); // lives only in the WAL so far
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(readSchemaVersion(file)).toBe(LATEST_SCHEMA_VERSION + 3);
    expect(failure(() => openDatabase(file)).code).toBe('DB_NEWER');
    writer.close();
  });

  it('readSchemaVersion: null for a missing or empty file, the version otherwise', async () => {
    const dir = makeTempDir();
    expect(readSchemaVersion(path.join(dir, 'none.db'))).toBeNull();
    fs.writeFileSync(path.join(dir, 'empty.db'), '');
    expect(readSchemaVersion(path.join(dir, 'empty.db'))).toBeNull();
    const db = openDatabase(path.join(dir, 'm.db'));
    await migrate(db);
    db.close();
    expect(readSchemaVersion(path.join(dir, 'm.db'))).toBe(LATEST_SCHEMA_VERSION);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '#db/migrations/index';
import { getPart } from '#db/repositories/parts';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, sha256File } from '../../helpers/db';

afterEach(cleanupTempDirs);

const now = () => new Date('2024-06-01T00:00:00Z');

describe('openAppDatabase', () => {
  it('creates the folder and <dataDir>/rackhive.db, migrated, with the built-in parts synced', async () => {
    const dataDir = path.join(makeTempDir(), 'nested', 'data');
    const app = await openAppDatabase(dataDir, { now, builtinParts: FIXTURE_PARTS });
    expect(app.path).toBe(path.join(dataDir, 'rackhive.db'));
    expect(app.migration).toEqual({ fromVersion: 0, toVersion: LATEST_SCHEMA_VERSION, backupPath: null });
    expect(app.catalogSync.inserted).toBe(FIXTURE_PARTS.length);
    expect(getPart(app.db, 'gpu.nvidia.rtx-3090')?.model).toBe('GeForce RTX 3090');
    closeAppDatabase(app.db);
    closeAppDatabase(app.db); // twice is harmless
    expect(fs.existsSync(`${app.path}-wal`)).toBe(false);

    const again = await openAppDatabase(dataDir, { now, builtinParts: FIXTURE_PARTS });
    expect(again.migration.backupPath).toBeNull();
    expect(again.catalogSync).toEqual({ inserted: 0, updated: 0, unchanged: FIXTURE_PARTS.length, skipped: [] });
    closeAppDatabase(again.db);
  });

  it('backs up an existing older database before migrating it, then migrates', async () => {
    const dataDir = makeTempDir();
    const first = await openAppDatabase(dataDir, { now, builtinParts: FIXTURE_PARTS });
    closeAppDatabase(first.db);
    const next: Migration = { version: LATEST_SCHEMA_VERSION + 1, name: 'add_thing', sql: 'CREATE TABLE thing (x INTEGER) STRICT;' };
    const app = await openAppDatabase(dataDir, { now, builtinParts: FIXTURE_PARTS, migrations: [...MIGRATIONS, next] });
    expect(app.migration.fromVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(app.migration.toVersion).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(path.dirname(app.migration.backupPath!)).toBe(path.join(dataDir, 'backups'));
    closeAppDatabase(app.db);
    const backup = new Database(app.migration.backupPath!, { readonly: true });
    expect(backup.pragma('quick_check', { simple: true })).toBe('ok');
    expect(backup.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.prepare('SELECT count(*) AS n FROM parts').get()).toEqual({ n: FIXTURE_PARTS.length });
    backup.close();
  });

  it('refuses a newer database without changing it and leaves no open handle', async () => {
    const dataDir = makeTempDir();
    const first = await openAppDatabase(dataDir, { now, builtinParts: FIXTURE_PARTS });
    first.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    closeAppDatabase(first.db);
    const before = sha256File(first.path);
    await expect(openAppDatabase(dataDir, { now, builtinParts: FIXTURE_PARTS })).rejects.toMatchObject({ code: 'DB_NEWER' });
    expect(sha256File(first.path)).toBe(before);
    expect(fs.readdirSync(dataDir)).toEqual(['rackhive.db']);
  });
});

describe('openAppDatabase with the shipped catalog', () => {
  it('syncs every built-in part, and a second start changes nothing', async () => {
    const { BUILTIN_PARTS } = await import('#db/builtinParts');
    const dataDir = makeTempDir();
    const app = await openAppDatabase(dataDir, { now });
    expect(BUILTIN_PARTS.length).toBeGreaterThan(10);
    expect(app.catalogSync).toEqual({ inserted: BUILTIN_PARTS.length, updated: 0, unchanged: 0, skipped: [] });
    expect(app.db.prepare('SELECT count(*) AS n FROM parts WHERE builtin = 1').get()).toEqual({ n: BUILTIN_PARTS.length });
    closeAppDatabase(app.db);
    const again = await openAppDatabase(dataDir, { now });
    expect(again.catalogSync).toEqual({ inserted: 0, updated: 0, unchanged: BUILTIN_PARTS.length, skipped: [] });
    closeAppDatabase(again.db);
  });
});

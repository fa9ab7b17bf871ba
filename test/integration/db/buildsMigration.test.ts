// Migration 0002 (builds) over a database that already holds an inventory at
// schema version 1: nothing of it is lost, and the new tables work with it.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open';
import { migrate } from '#db/migrate';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '#db/migrations/index';
import { syncBuiltinParts } from '#db/repositories/parts';
import { insertBuild } from '#db/repositories/builds';
import { inTransaction } from '#db/transaction';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir } from '../../helpers/db';

afterEach(cleanupTempDirs);

describe('migration 0002_builds', () => {
  it('an existing version-1 inventory survives, is backed up first, and can be placed in a build afterwards', async () => {
    const dir = makeTempDir();
    const db = openDatabase(path.join(dir, 'rackhive.db'), { latestSchemaVersion: 1 });
    await migrate(db, { migrations: MIGRATIONS.filter((m) => m.version <= 1) });
    syncBuiltinParts(db, FIXTURE_PARTS, new Date('2024-06-01T00:00:00Z'));
    const insert = db.prepare(
      "INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, seller, notes, created_at, updated_at) VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, 'x', 'x')",
    );
    insert.run('p40-lot', 'gpu.nvidia.tesla-p40', 8, 'received', 17000, 'gpu-reseller', 'two with bent fins');
    insert.run('cx3', 'nic.nvidia.connectx-3-fdr', 1, 'ordered', 2999, null, null);
    db.prepare("INSERT INTO inventory_status_history (item_id, from_status, to_status, at) VALUES ('p40-lot', NULL, 'received', 'x')").run();
    const before = db.prepare('SELECT id, part_id, quantity, status, price_minor, seller, notes FROM inventory_items ORDER BY id').all();
    const history = db.prepare('SELECT * FROM inventory_status_history').all();

    const result = await migrate(db, { now: () => new Date('2024-06-02T00:00:00Z') });
    expect(result).toMatchObject({ fromVersion: 1, toVersion: LATEST_SCHEMA_VERSION });
    expect(result.backupPath).not.toBeNull();
    expect(db.prepare('SELECT id, part_id, quantity, status, price_minor, seller, notes FROM inventory_items ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT * FROM inventory_status_history').all()).toEqual(history);
    expect(db.prepare('SELECT count(*) AS n FROM builds').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);

    const build = structuredClone(EXAMPLE_BUILDS.find((e) => e.id === 'sys-4028gr-x10drg')!.build);
    build.racks[0]!.chassis[0]!.devices[0]!.inventoryItemId = 'p40-lot';
    const id = inTransaction(db, () => insertBuild(db, build, new Date('2024-06-02T00:00:00Z')));
    expect(db.prepare('SELECT build_id, slot_key FROM build_allocations WHERE item_id = ?').all('p40-lot')).toEqual([
      { build_id: id, slot_key: 'srv-1/device/gpu-0' },
    ]);
    db.close();
  });

  it('the database refuses an item in two builds even if the repository were bypassed', async () => {
    const dir = makeTempDir();
    const db = openDatabase(path.join(dir, 'rackhive.db'));
    await migrate(db);
    syncBuiltinParts(db, FIXTURE_PARTS, new Date('2024-06-01T00:00:00Z'));
    db.prepare(
      "INSERT INTO inventory_items (id, part_id, quantity, status, currency, created_at, updated_at) VALUES ('g', 'gpu.nvidia.tesla-p40', 2, 'received', 'USD', 'x', 'x')",
    ).run();
    db.prepare("INSERT INTO builds (id, name, data, created_at, updated_at) VALUES (1, 'a', '{}', 'x', 'x'), (2, 'b', '{}', 'x', 'x')").run();
    const alloc = db.prepare(
      "INSERT INTO build_allocations (build_id, slot_key, kind, label, part_id, quantity, item_id) VALUES (?, ?, 'device', 'l', 'gpu.nvidia.tesla-p40', 1, 'g')",
    );
    alloc.run(1, 's1');
    alloc.run(1, 's2');
    expect(() => alloc.run(2, 's1')).toThrow(/one build only/);
    expect(() => db.prepare("INSERT INTO builds (name, data, created_at, updated_at) VALUES ('', '{}', 'x', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO builds (name, data, created_at, updated_at) VALUES ('n', 'not json', 'x', 'x')").run()).toThrow(/CHECK/);
    db.close();
  });
});

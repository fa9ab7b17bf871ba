// Catalog channels against a real migrated SQLite file holding the built-in catalog.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { catalogHandlers } from '#host/handlers/catalog';
import { dispatch } from '#host/dispatch';
import { createHandlers } from '#host/handlers/index';
import type { HandlerDeps } from '#host/handlers/deps';
import { cleanupTempDirs, openTestDb, steppingClock, type TestDb } from '../../helpers/db';

const GOOD_YAML = `---
manufacturer: Supermicro
model: SYS-4029GP-TRT2
slug: supermicro-sys-4029gp-trt2
part_number: SYS-4029GP-TRT2
u_height: 4
is_full_depth: true
airflow: front-to-rear
weight: 45.3
weight_unit: kg
power-ports:
  - name: PSU1
    type: iec-60320-c14
    maximum_draw: 2000
  - name: PSU2
    type: iec-60320-c14
    maximum_draw: 2000
module-bays:
  - name: GPU 1
  - name: GPU 2
`;

let t: TestDb;
let deps: HandlerDeps;
const ctx = { host: 'http' as const };

beforeEach(async () => {
  t = await openTestDb({ parts: builtinParts });
  deps = { db: t.db, dataDir: t.dir, databasePath: t.file, host: 'http', now: steppingClock() };
});
afterEach(() => {
  t.db.close();
  cleanupTempDirs();
});

async function call(channel: string, args: unknown) {
  return dispatch(createHandlers(deps), channel, args, ctx);
}

describe('catalog handlers', () => {
  it('lists with category, ranges and derived sort', async () => {
    const res = await call('catalog:list', { category: 'gpu', ranges: [{ field: 'vramGB', min: 24 }], sort: { field: 'gbpsPerDollar', direction: 'desc' } });
    expect(res.ok).toBe(true);
    const entries = (res as { value: { entries: { part: { id: string }; gbpsPerDollar: number | null }[] } }).value.entries;
    expect(entries[0]!.part.id).toBe('gpu.nvidia.tesla-m40-24gb'); // 288 GB/s for $80
    expect(entries.at(-1)!.gbpsPerDollar).toBeNull();
  });

  it('gets a part, NOT_FOUND otherwise', async () => {
    const ok = await call('catalog:get', { id: 'gpu.nvidia.rtx-3090' });
    expect(ok.ok && (ok.value as { part: { vendor: string } }).part.vendor).toBe('NVIDIA');
    const missing = await call('catalog:get', { id: 'gpu.nvidia.nope' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('creates, updates and deletes a user part; refuses to edit built-ins', async () => {
    const h = catalogHandlers(deps);
    const created = await h['catalog:createUserPart'](
      {
        part: {
          category: 'rack',
          vendor: 'Homemade',
          model: 'Lack rack 8U',
          aliases: [],
          specs: { heightU: 8, depthMm: 550, widthMm: 550, maxLoadKg: null, kind: 'open-frame-4post', railStandard: null },
          typicalUsedPrice: null,
          sources: [],
        },
      },
      ctx,
    );
    expect(created.part.id).toBe('user.rack.lack-rack-8u');
    expect(created.part.builtin).toBe(false);

    const bad = await call('catalog:createUserPart', { part: { category: 'rack', vendor: 'X', model: 'Y', specs: { heightU: -1 } } });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    expect(!bad.ok && bad.error.issues?.[0]?.path).toMatch(/^specs\./);

    const updated = await call('catalog:updateUserPart', { id: created.part.id, part: { category: 'rack', vendor: 'Homemade', model: 'Lack rack 8U', specs: { ...created.part.specs, heightU: 9 } } });
    expect(updated.ok && (updated.value as { part: { revision: number; specs: { heightU: number } } }).part.specs.heightU).toBe(9);

    const refused = await call('catalog:updateUserPart', { id: 'gpu.nvidia.rtx-3090', part: { category: 'gpu', vendor: 'NVIDIA', model: 'x', specs: {} } });
    expect(!refused.ok && refused.error.code).toBe('CONFLICT');

    expect((await call('catalog:deleteUserPart', { id: created.part.id })).ok).toBe(true);
    const builtinDelete = await call('catalog:deleteUserPart', { id: 'gpu.nvidia.rtx-3090' });
    expect(!builtinDelete.ok && builtinDelete.error.code).toBe('CONFLICT');
  });

  it('clones a built-in into an editable part and refuses to delete it while inventory uses it', async () => {
    const h = catalogHandlers(deps);
    const { part } = await h['catalog:cloneBuiltin']({ id: 'gpu.nvidia.tesla-p40' }, ctx);
    expect(part.id).toBe('user.gpu.tesla-p40-my-copy');
    expect(part.builtin).toBe(false);
    expect(part.specs).toEqual(builtinParts.find((p) => p.id === 'gpu.nvidia.tesla-p40')!.specs);
    t.db
      .prepare(`INSERT INTO inventory_items (id, part_id, quantity, status, currency, created_at, updated_at) VALUES ('item-1', ?, 1, 'wishlist', 'USD', 'x', 'x')`)
      .run(part.id);
    const res = await call('catalog:deleteUserPart', { id: part.id });
    expect(!res.ok && res.error.code).toBe('CONFLICT');
    expect(!res.ok && res.error.message).toMatch(/1 inventory item/);
  });

  it('imports a NetBox device type as a user chassis', async () => {
    const res = await call('catalog:importNetbox', { yaml: GOOD_YAML });
    expect(res.ok).toBe(true);
    const part = (res as { value: { part: { id: string; category: string; specs: { heightU: number; weightKg: number; psuBays: number; airflow: string; gpu: { maxCards: number } } } } }).value.part;
    expect(part.id).toBe('user.chassis.sys-4029gp-trt2');
    expect(part.category).toBe('chassis');
    expect(part.specs).toMatchObject({ heightU: 4, weightKg: 45.3, psuBays: 2, airflow: 'front-to-rear', gpu: { maxCards: 2 } });
    const again = await call('catalog:importNetbox', { yaml: GOOD_YAML });
    expect(again.ok && (again.value as { part: { id: string } }).part.id).toBe('user.chassis.sys-4029gp-trt2-2');
  });

  it.each([
    ['manufacturer: X\nu_height: 2\n', 'model'],
    ['manufacturer: X\nmodel: Y\nu_height: two\n', 'u_height'],
    ['manufacturer: X\nmodel: Y\nu_height: 0.5\n', 'u_height'],
    ['manufacturer: X\nmodel: Y\nweight: 20\n', 'weight_unit'],
    ['manufacturer: X\nmodel: Y\nweight: 20\nweight_unit: stone\n', 'weight_unit'],
    ['manufacturer: X\nmodel: Y\npower-ports: 3\n', 'power-ports'],
    ['manufacturer: X\nmodel: Y\nis_full_depth: maybe\n', 'is_full_depth'],
    ['manufacturer: [unclosed\n', ''],
  ])('bad NetBox file → IMPORT_INVALID naming %#', async (yaml, field) => {
    const res = await call('catalog:importNetbox', { yaml });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('IMPORT_INVALID');
    expect(res.error.issues?.[0]?.path).toBe(field);
    if (field) expect(res.error.message).toContain(field);
  });
});

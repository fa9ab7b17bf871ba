// Catalog channels against a real migrated SQLite file holding the built-in catalog.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { catalogHandlers } from '#host/handlers/catalog';
import { dispatch } from '#host/dispatch';
import { createHandlers } from '#host/handlers/index';
import type { HandlerDeps } from '#host/handlers/deps';
import { cleanupTempDirs, openTestDb, steppingClock, type TestDb } from '../../helpers/db';

/** A real devicetype-library file (test/fixtures/netbox/SOURCES.json names its upstream path and commit). */
const fixture = (file: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/netbox', file), 'utf8');
const GOOD_YAML = fixture('AS-8125GS-TNMR2.yml');

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

    const updated = await call('catalog:updateUserPart', {
      id: created.part.id,
      part: { category: 'rack', vendor: 'Homemade', model: 'Lack rack 8U', specs: { ...created.part.specs, heightU: 9 } },
    });
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
      .prepare(
        `INSERT INTO inventory_items (id, part_id, quantity, status, currency, created_at, updated_at) VALUES ('item-1', ?, 1, 'wishlist', 'USD', 'x', 'x')`,
      )
      .run(part.id);
    const res = await call('catalog:deleteUserPart', { id: part.id });
    expect(!res.ok && res.error.code).toBe('CONFLICT');
    expect(!res.ok && res.error.message).toMatch(/1 inventory item/);
  });

  it('imports a NetBox device type as a user chassis', async () => {
    const res = await call('catalog:importNetbox', { yaml: GOOD_YAML, fileName: 'devicetype-library/device-types/Supermicro/AS-8125GS-TNMR2.yml' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const { part, saved, builtin, issues } = res.value as {
      part: { id: string; category: string; specs: Record<string, unknown>; sources: { url: string }[] };
      saved: boolean;
      builtin: unknown;
      issues: { path: string; severity: string }[];
    };
    expect(saved).toBe(true);
    expect(builtin).toBeNull();
    expect(part.id).toBe('user.chassis.as-8125gs-tnmr2');
    expect(part.category).toBe('chassis');
    expect(part.specs).toMatchObject({ heightU: 8, weightKg: 75.3, psuBays: 8, airflow: 'front-to-rear', gpu: { maxCards: 8 }, maxDrawW: null });
    expect(part.sources[0]!.url).toBe('https://github.com/netbox-community/devicetype-library/blob/master/device-types/Supermicro/AS-8125GS-TNMR2.yml');
    expect(issues).toContainEqual(expect.objectContaining({ path: 'module-bays', severity: 'warning' }));
    const stored = await call('catalog:get', { id: part.id });
    expect(stored.ok && (stored.value as { part: { specs: unknown } }).part.specs).toEqual(part.specs);
    const again = await call('catalog:importNetbox', { yaml: GOOD_YAML });
    expect(again.ok && (again.value as { part: { id: string } }).part.id).toBe('user.chassis.as-8125gs-tnmr2-2');
    const dry = await call('catalog:importNetbox', { yaml: GOOD_YAML, dryRun: true });
    expect(dry.ok && (dry.value as { saved: boolean; part: { id: string } })).toMatchObject({ saved: false, part: { id: 'user.chassis.as-8125gs-tnmr2-3' } });
    expect((await call('catalog:get', { id: 'user.chassis.as-8125gs-tnmr2-3' })).ok).toBe(false);
  });

  it("a built-in model is offered, not saved; keep-builtin returns the built-in with the file's facts; import-copy saves a copy with its own name", async () => {
    const yaml = fixture('SYS-4029GP-TRT.yaml');
    const ask = await call('catalog:importNetbox', { yaml });
    expect(ask.ok && (ask.value as { saved: boolean; builtin: { id: string } | null })).toMatchObject({
      saved: false,
      builtin: { id: 'chassis.supermicro.sys-4029gp-trt' },
    });
    expect((await call('catalog:get', { id: 'user.chassis.sys-4029gp-trt-netbox' })).ok).toBe(false);
    const keep = await call('catalog:importNetbox', { yaml, onBuiltin: 'keep-builtin' });
    expect(keep.ok && (keep.value as { saved: boolean; part: { id: string; builtin: boolean } })).toMatchObject({
      saved: false,
      part: { id: 'chassis.supermicro.sys-4029gp-trt', builtin: true },
    });
    const copy = await call('catalog:importNetbox', { yaml, onBuiltin: 'import-copy' });
    expect(copy.ok && (copy.value as { saved: boolean; part: { id: string; model: string; aliases: string[] } })).toMatchObject({
      saved: true,
      part: { id: 'user.chassis.sys-4029gp-trt-netbox', model: 'SYS-4029GP-TRT (NetBox)', aliases: [] },
    });
  });

  it('imports a PDU file as a pdu part and refuses a node naming its role', async () => {
    const pdu = await call('catalog:importNetbox', { yaml: fixture('AP7900B.yaml'), onBuiltin: 'import-copy' });
    expect(pdu.ok && (pdu.value as { category: string; part: { id: string } })).toMatchObject({ category: 'pdu', part: { id: 'user.pdu.ap7900b-netbox' } });
    const node = await call('catalog:importNetbox', { yaml: fixture('PowerEdge-C6420.yaml') });
    expect(!node.ok && node.error).toMatchObject({ code: 'IMPORT_INVALID', issues: [{ path: 'subdevice_role' }] });
    expect(!node.ok && node.error.message).toMatch(/^NetBox file: subdevice_role: Dell PowerEdge C6420 is a node/);
  });

  it.each([
    ['manufacturer: X\nu_height: 2\n', 'model'],
    ['manufacturer: X\nmodel: Y\nu_height: two\n', 'u_height'],
    ['manufacturer: X\nmodel: Y\nu_height: 0.5\n', 'u_height'],
    ['manufacturer: X\nmodel: Y\nweight: 20\n', 'weight_unit'],
    ['manufacturer: X\nmodel: Y\nweight: 20\nweight_unit: stone\n', 'weight_unit'],
    ['manufacturer: X\nmodel: Y\npower-ports: 3\n', 'power-ports'],
    ['manufacturer: X\nmodel: Y\nis_full_depth: maybe\n', 'is_full_depth'],
    ['manufacturer: [unclosed\n', 'manufacturer'],
    ['- just\n- a list\n', ''],
    ['manufacturer: X\nmodel: Y\nu_height: 2\nweight: 3000\nweight_unit: lb\n', 'weight'],
  ])('bad NetBox file → IMPORT_INVALID naming %#', async (yaml, field) => {
    const res = await call('catalog:importNetbox', { yaml });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('IMPORT_INVALID');
    expect(res.error.issues?.[0]?.path).toBe(field);
    if (field) expect(res.error.message).toContain(field);
  });
});

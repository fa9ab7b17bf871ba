// The build channels end to end through the real dispatcher and handler table,
// against real database files opened the way the hosts open them.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BuildDetail,
  CheckResultSchema,
  ImportResult,
  type BuildListEntry,
  type DroppedBinding,
  type ItemAllocation,
  type PartAllocation,
} from '#core/api/builds';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { exportBuild, parseBuildText } from '#core/build/file';
import type { Build } from '#core/build/build';
import { cleanupTempDirs } from '../../helpers/db';
import { addItem, fingerprint, openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => {
  h.close();
  cleanupTempDirs();
});

const P40 = 'gpu.nvidia.tesla-p40';
const exampleText = (id: string) => fs.readFileSync(new URL(`../../../assets/examples/${id}.json`, import.meta.url), 'utf8');
const fromExample = async (exampleId: string) => BuildDetail.parse(await h.ok('builds:create', { exampleId }));

/** The x10drg example with its first `n` GPUs bound to `itemId`. */
function bindGpus(build: Build, itemId: string, n: number): Build {
  const copy = structuredClone(build);
  copy.racks[0]!.chassis[0]!.devices.slice(0, n).forEach((d) => (d.inventoryItemId = itemId));
  return copy;
}

describe('builds: examples, create, get, list', () => {
  it('lists the shipped examples with titles and one-line descriptions', async () => {
    const { examples } = await h.ok<{ examples: { id: string; title: string; description: string; counts: { gpus: number } }[] }>('builds:examples', {});
    expect(examples.map((e) => e.id).sort()).toEqual(
      fs
        .readdirSync(new URL('../../../assets/examples/', import.meta.url))
        .map((f) => f.replace(/\.json$/, ''))
        .sort(),
    );
    const x10 = examples.find((e) => e.id === 'sys-4028gr-x10drg')!;
    expect(x10.title).toContain('X10DRG');
    expect(x10.description).toMatch(/^A Supermicro SYS-4028GR with the X10DRG-O-PCIE board: .*\.$/);
    expect(x10.counts.gpus).toBe(8);
    expect(examples.find((e) => e.id === 'groq-8-racks')!.counts).toMatchObject({ racks: 8 });
    // Four K80 cards are eight GPUs to nvidia-smi (two per card), as "what runs" counts them.
    expect(examples.find((e) => e.id === 'k80-x4')!.counts).toMatchObject({ gpus: 8, gpuCards: 4 });
  });

  it('creates empty and example builds; lists them newest first with counts and the worst finding', async () => {
    const empty = BuildDetail.parse(await h.ok('builds:create', { name: 'Garage rack' }));
    expect(empty.build).toEqual({ format: 'rackhive.build', version: 1, name: 'Garage rack', racks: [], workloads: [] });
    const x10 = await fromExample('sys-4028gr-x10drg');
    const over = BuildDetail.parse(await h.ok('builds:create', { exampleId: 'over-budget', name: 'Mine' }));
    expect(over.build.name).toBe('Mine');
    expect((await h.call('builds:create', { exampleId: 'nope' })).ok).toBe(false);
    expect(await h.call('builds:create', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const { builds } = await h.ok<{ builds: BuildListEntry[] }>('builds:list', {});
    expect(builds.map((b) => b.id)).toEqual([over.id, x10.id, empty.id]);
    expect(builds.find((b) => b.id === x10.id)).toMatchObject({ counts: { racks: 1, chassis: 1, gpus: 8, gpuCards: 8 } });
    expect(builds.find((b) => b.id === empty.id)).toMatchObject({ counts: { racks: 0, chassis: 0, gpus: 0 }, worstSeverity: null });
    expect(builds.find((b) => b.id === over.id)!.worstSeverity).toBe('error');
    expect(BuildDetail.parse(await h.ok('builds:get', { id: x10.id }))).toEqual(x10);
    expect(await h.call('builds:get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('builds:check', () => {
  it('the x10drg example gives one hive of eight, 4:1 oversubscription and the NIC on the GPUs’ root complex', async () => {
    const x10 = await fromExample('sys-4028gr-x10drg');
    const result = CheckResultSchema.parse(await h.ok('builds:check', { id: x10.id }));
    expect(result.hives).toHaveLength(1);
    expect(result.hives[0]!.devices).toHaveLength(8);
    expect(Math.max(...result.lanes.rootComplexes.map((r) => r.oversubscription))).toBe(4);
    expect(result.nicAffinity[0]!.near).toHaveLength(8);
    expect(result.settings).toEqual({ mainsVolts: 230, circuitAmps: 16 });
  });

  it('checks an inline build with given settings; an invalid inline build is VALIDATION with the JSON path', async () => {
    const x9 = EXAMPLE_BUILDS.find((e) => e.id === 'sys-4028gr-x9drg')!.build;
    const result = CheckResultSchema.parse(await h.ok('builds:check', { build: x9, settings: { mainsVolts: 120, circuitAmps: 15 } }));
    expect(result.hives.map((hv) => hv.devices.length)).toEqual([4, 4]);
    expect(result.power.volts).toBe(120);
    const bad = structuredClone(x9) as unknown as { racks: { chassis: { positionU: unknown }[] }[] };
    bad.racks[0]!.chassis[0]!.positionU = 'one';
    const res = await h.call('builds:check', { build: bad });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'racks[0].chassis[0].positionU' }] } });
    expect(await h.call('builds:check', { id: 1, build: x9 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('uses the user’s own parts from the parts table', async () => {
    const x10 = EXAMPLE_BUILDS.find((e) => e.id === 'sys-4028gr-x10drg')!.build;
    const withUserGpu = structuredClone(x10);
    withUserGpu.racks[0]!.chassis[0]!.devices[0]!.partId = 'user.gpu.my-p40';
    const before = CheckResultSchema.parse(await h.ok('builds:check', { build: withUserGpu }));
    expect(before.hives[0]!.devices).toHaveLength(7);
    const p40 = h.db.prepare<[string], { data: string }>('SELECT data FROM parts WHERE id = ?').get(P40)!;
    const mine = { ...JSON.parse(p40.data), id: 'user.gpu.my-p40', builtin: false, model: 'My P40' };
    h.db
      .prepare(
        "INSERT INTO parts (id, category, vendor, model, builtin, revision, data, created_at, updated_at) VALUES (?, 'gpu', 'NVIDIA', 'My P40', 0, 1, ?, 'x', 'x')",
      )
      .run(mine.id, JSON.stringify(mine));
    const after = CheckResultSchema.parse(await h.ok('builds:check', { build: withUserGpu }));
    expect(after.hives[0]!.devices).toHaveLength(8);
  });
});

describe('builds:save, rename, duplicate, delete, restore', () => {
  it('saves a whole build strictly; bad builds are VALIDATION with JSON paths and change nothing', async () => {
    const x10 = await fromExample('sys-4028gr-x10drg');
    const edited = structuredClone(x10.build);
    edited.racks[0]!.chassis[0]!.devices.pop();
    edited.notes = 'NIC removed';
    const saved = BuildDetail.parse(await h.ok('builds:save', { id: x10.id, build: edited }));
    expect(saved.build.racks[0]!.chassis[0]!.devices).toHaveLength(8);
    expect(saved.updatedAt > x10.updatedAt).toBe(true);

    const before = fingerprint(h.db);
    const unknownKey = { ...edited, colour: 'red' };
    expect(await h.call('builds:save', { id: x10.id, build: unknownKey })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: '(top level)' }] },
    });
    const proto = JSON.parse(JSON.stringify(edited).replace('"id":"srv-1"', '"id":"srv-1","__proto__":{"x":1}'));
    expect(await h.call('builds:save', { id: x10.id, build: proto })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'racks[0].chassis[0].__proto__' }] },
    });
    const dup = structuredClone(edited);
    dup.racks[0]!.chassis[0]!.devices[1]!.id = 'gpu-0';
    expect(await h.call('builds:save', { id: x10.id, build: dup })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'racks[0].chassis[0].devices[1].id' }] },
    });
    expect(await h.call('builds:save', { id: 999, build: edited })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fingerprint(h.db)).toBe(before);
  });

  it('an item held by another build, a missing item, a wrong part or too many units are VALIDATION naming it', async () => {
    addItem(h.db, 'item-p40s', P40, 4);
    addItem(h.db, 'item-nic', 'nic.mellanox.connectx-3-vpi-fdr', 1);
    const a = await fromExample('sys-4028gr-x10drg');
    const b = await fromExample('sys-4028gr-x10drg');
    await h.ok('builds:save', { id: a.id, build: bindGpus(a.build, 'item-p40s', 4) });

    const held = await h.call('builds:save', { id: b.id, build: bindGpus(b.build, 'item-p40s', 1) });
    expect(held).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'racks[0].chassis[0].devices[0].inventoryItemId' }] } });
    if (!held.ok) expect(held.error.message).toContain(`item-p40s is already placed in build "${a.build.name}" (#${a.id})`);

    const tooMany = await h.call('builds:save', { id: a.id, build: bindGpus(a.build, 'item-p40s', 5) });
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'racks[0].chassis[0].devices[4].inventoryItemId', message: expect.stringContaining('has 4 units') }] },
    });
    const wrongPart = await h.call('builds:save', { id: b.id, build: bindGpus(b.build, 'item-nic', 1) });
    expect(wrongPart).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ message: expect.stringContaining('is a nic.mellanox.connectx-3-vpi-fdr') }] },
    });
    const missing = await h.call('builds:save', { id: b.id, build: bindGpus(b.build, 'no-such-item', 1) });
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ message: 'inventory item no-such-item does not exist' }] } });
  });

  it('renames and duplicates (the copy plans the parts the original holds)', async () => {
    addItem(h.db, 'item-p40s', P40, 8);
    const a = await fromExample('sys-4028gr-x10drg');
    await h.ok('builds:save', { id: a.id, build: bindGpus(a.build, 'item-p40s', 2) });
    const renamed = BuildDetail.parse(await h.ok('builds:rename', { id: a.id, name: 'Bench box' }));
    expect(renamed.build.name).toBe('Bench box');
    expect(await h.call('builds:rename', { id: a.id, name: '   ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const copy = await h.ok<BuildDetail & { droppedBindings: DroppedBinding[] }>('builds:duplicate', { id: a.id });
    expect(copy.id).not.toBe(a.id);
    expect(copy.build.name).toBe('Bench box (copy)');
    expect(copy.droppedBindings.map((d) => d.path)).toEqual(['racks[0].chassis[0].devices[0]', 'racks[0].chassis[0].devices[1]']);
    expect(copy.build.racks[0]!.chassis[0]!.devices.every((d) => d.inventoryItemId === undefined)).toBe(true);
    const original = BuildDetail.parse(await h.ok('builds:get', { id: a.id }));
    expect(original.build.racks[0]!.chassis[0]!.devices[0]!.inventoryItemId).toBe('item-p40s');
  });

  it('delete is soft and frees the items; restore brings the build back and re-binds what is still free', async () => {
    addItem(h.db, 'item-a', P40, 1);
    addItem(h.db, 'item-b', P40, 1);
    const a = await fromExample('sys-4028gr-x10drg');
    const bound = structuredClone(a.build);
    bound.racks[0]!.chassis[0]!.devices[0]!.inventoryItemId = 'item-a';
    bound.racks[0]!.chassis[0]!.devices[1]!.inventoryItemId = 'item-b';
    await h.ok('builds:save', { id: a.id, build: bound });

    const deleted = await h.ok<{ id: number; name: string; deletedAt: string }>('builds:delete', { id: a.id });
    expect(deleted).toMatchObject({ id: a.id, name: a.build.name });
    expect((await h.ok<{ builds: unknown[] }>('builds:list', {})).builds).toEqual([]);
    expect(await h.call('builds:get', { id: a.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(h.db.prepare('SELECT count(*) AS n FROM builds').get()).toEqual({ n: 1 });
    // Its items are free: another build takes item-b meanwhile.
    const other = await fromExample('sys-4028gr-x10drg');
    await h.ok('builds:save', { id: other.id, build: bindGpus(other.build, 'item-b', 1) });

    const restored = await h.ok<BuildDetail & { droppedBindings: DroppedBinding[] }>('builds:restore', { id: a.id });
    expect(restored.droppedBindings).toEqual([
      { path: 'racks[0].chassis[0].devices[1]', itemId: 'item-b', reason: expect.stringContaining('already placed in build') },
    ]);
    expect(restored.build.racks[0]!.chassis[0]!.devices[0]!.inventoryItemId).toBe('item-a');
    expect(restored.build.racks[0]!.chassis[0]!.devices[1]!.inventoryItemId).toBeUndefined();
    expect(await h.call('builds:restore', { id: a.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await h.ok<{ builds: unknown[] }>('builds:list', {})).builds).toHaveLength(2);
  });

  it('an inventory item a live build holds cannot be deleted out from under it (ON DELETE RESTRICT)', async () => {
    addItem(h.db, 'item-a', P40, 1);
    const a = await fromExample('sys-4028gr-x10drg');
    await h.ok('builds:save', { id: a.id, build: bindGpus(a.build, 'item-a', 1) });
    expect(() => h.db.prepare("DELETE FROM inventory_items WHERE id = 'item-a'").run()).toThrow(/FOREIGN KEY/);
    // Through the API the person is told which build holds it.
    const refused = await h.call('inventory:delete', { id: 'item-a' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('is placed in build') } });
    await h.ok('builds:delete', { id: a.id });
    expect(() => h.db.prepare("DELETE FROM inventory_items WHERE id = 'item-a'").run()).not.toThrow();
  });
});

describe('builds:allocations', () => {
  it('total / reserved / available / planned per part, and which build and slot holds each item', async () => {
    addItem(h.db, 'p40-lot', P40, 6, 'received');
    addItem(h.db, 'p40-single', P40, 1, 'shipped');
    addItem(h.db, 'p40-wish', P40, 2, 'wishlist');
    addItem(h.db, 'p40-sold', P40, 1, 'sold');
    const a = await fromExample('sys-4028gr-x10drg');
    const b = await fromExample('sys-4028gr-x9drg');
    await h.ok('builds:save', { id: a.id, build: bindGpus(a.build, 'p40-lot', 3) });
    await h.ok('builds:save', { id: b.id, build: bindGpus(b.build, 'p40-single', 1) });

    const all = await h.ok<{ parts: PartAllocation[]; items: ItemAllocation[] }>('builds:allocations', {});
    const p40 = all.parts.find((p) => p.partId === P40)!;
    // Owned: 6 + 1 (wishlist and sold are not owned). Placed: 3 + 1. Planned: 16 GPUs − 4 bound.
    expect(p40).toEqual({ partId: P40, totalQuantity: 7, reservedQuantity: 4, availableQuantity: 3, plannedQuantity: 12 });
    expect(all.items.map((i) => i.itemId)).toEqual(['p40-lot', 'p40-single']);
    const lot = all.items[0]!;
    expect(lot).toMatchObject({ quantity: 6, placedQuantity: 3, status: 'received' });
    expect(lot.placements.map((p) => [p.buildId, p.buildName, p.slotKey, p.label])).toEqual([
      [a.id, a.build.name, 'srv-1/device/gpu-0', 'srv-1 · slot gpu1 (gpu-0)'],
      [a.id, a.build.name, 'srv-1/device/gpu-1', 'srv-1 · slot gpu2 (gpu-1)'],
      [a.id, a.build.name, 'srv-1/device/gpu-2', 'srv-1 · slot gpu3 (gpu-2)'],
    ]);

    const some = await h.ok<{ parts: PartAllocation[]; items: ItemAllocation[] }>('builds:allocations', { partIds: [P40, 'gpu.none'], itemIds: ['p40-wish'] });
    expect(some.parts.map((p) => p.partId)).toEqual(['gpu.none', P40]);
    expect(some.parts[0]).toEqual({ partId: 'gpu.none', totalQuantity: 0, reservedQuantity: 0, availableQuantity: 0, plannedQuantity: 0 });
    expect(some.items).toEqual([{ itemId: 'p40-wish', partId: P40, status: 'wishlist', quantity: 2, placedQuantity: 0, placements: [] }]);

    // A deleted build reserves nothing.
    await h.ok('builds:delete', { id: a.id });
    const after = await h.ok<{ parts: PartAllocation[] }>('builds:allocations', { partIds: [P40] });
    expect(after.parts[0]).toMatchObject({ totalQuantity: 7, reservedQuantity: 1, availableQuantity: 6, plannedQuantity: 7 });
  });

  it('allocation rows follow the build JSON on every write (one row per placed part)', async () => {
    const a = await fromExample('sys-4028gr-x10drg');
    const rows = () =>
      h.db
        .prepare<[number], { slot_key: string }>('SELECT slot_key FROM build_allocations WHERE build_id = ? ORDER BY rowid')
        .all(a.id)
        .map((r) => r.slot_key);
    expect(rows()).toEqual([
      'rack-1',
      'srv-1',
      'srv-1/cpu/0',
      'srv-1/cpu/1',
      ...Array.from({ length: 8 }, (_, i) => `srv-1/device/gpu-${i}`),
      'srv-1/device/ib-0',
      ...Array.from({ length: 8 }, (_, i) => `srv-1/dimm/${i}`),
    ]);
    const edited = structuredClone(a.build);
    edited.racks[0]!.chassis[0]!.devices = [];
    edited.racks[0]!.chassis[0]!.dimms = [];
    await h.ok('builds:save', { id: a.id, build: edited });
    expect(rows()).toEqual(['rack-1', 'srv-1', 'srv-1/cpu/0', 'srv-1/cpu/1']);
  });
});

describe('builds:import and builds:export', () => {
  it.each(EXAMPLE_BUILDS.map((e) => e.id))('%s imports as a new build and round-trips', async (id) => {
    const text = exampleText(id);
    const preview = ImportResult.parse(await h.ok('builds:import', { text, dryRun: true }));
    expect(preview.id).toBeNull();
    expect(preview.preview.unknownPartIds).toEqual([]);
    expect(h.db.prepare('SELECT count(*) AS n FROM builds').get()).toEqual({ n: 0 });

    const first = ImportResult.parse(await h.ok('builds:import', { text }));
    const second = ImportResult.parse(await h.ok('builds:import', { text }));
    expect(second.id).not.toBe(first.id);
    const exported = await h.ok<{ fileName: string; text: string }>('builds:export', { id: first.id });
    expect(exported.fileName).toMatch(/^[a-z0-9-]+\.rackhive\.json$/);
    const normalised = parseBuildText(text);
    expect(normalised.ok).toBe(true);
    if (!normalised.ok) return;
    expect(JSON.parse(exported.text)).toEqual(normalised.build);
    expect(exported.text).toBe(exportBuild(normalised.build));
    // And once more: export(import(export(x))) is byte-identical.
    const again = ImportResult.parse(await h.ok('builds:import', { text: exported.text }));
    expect((await h.ok<{ text: string }>('builds:export', { id: again.id })).text).toBe(exported.text);
  });

  it('previews an import: counts, unknown parts, and bindings that will be dropped', async () => {
    addItem(h.db, 'item-free', P40, 1);
    addItem(h.db, 'item-held', P40, 1);
    const holder = await fromExample('sys-4028gr-x9drg');
    await h.ok('builds:save', { id: holder.id, build: bindGpus(holder.build, 'item-held', 1) });

    const file = structuredClone(EXAMPLE_BUILDS.find((e) => e.id === 'sys-4028gr-x10drg')!.build);
    const devices = file.racks[0]!.chassis[0]!.devices;
    devices[0]!.inventoryItemId = 'item-free';
    devices[1]!.inventoryItemId = 'item-held';
    devices[2]!.inventoryItemId = 'item-elsewhere';
    devices[3]!.partId = 'gpu.acme.unobtainium';
    const text = exportBuild(file);
    const before = fingerprint(h.db);
    const dry = ImportResult.parse(await h.ok('builds:import', { text, dryRun: true }));
    expect(fingerprint(h.db)).toBe(before);
    expect(dry.preview).toMatchObject({
      name: file.name,
      racks: 1,
      chassis: 1,
      devices: 9,
      gpus: 7,
      unknownPartIds: ['gpu.acme.unobtainium'],
      keptBindings: 1,
    });
    expect(dry.preview.droppedBindings.map((d) => [d.path, d.itemId])).toEqual([
      ['racks[0].chassis[0].devices[1]', 'item-held'],
      ['racks[0].chassis[0].devices[2]', 'item-elsewhere'],
    ]);
    const real = ImportResult.parse(await h.ok('builds:import', { text }));
    expect(real.preview).toEqual(dry.preview);
    const stored = BuildDetail.parse(await h.ok('builds:get', { id: real.id }));
    expect(stored.build.racks[0]!.chassis[0]!.devices.map((d) => d.inventoryItemId ?? null).slice(0, 3)).toEqual(['item-free', null, null]);
  });

  it.each([
    ['not JSON', '{"format":', '(file)'],
    ['unknown key', JSON.stringify({ format: 'rackhive.build', version: 1, name: 'x', racks: [], colour: 1 }), '(top level)'],
    [
      '__proto__ deep inside',
      exampleText('sys-4028gr-x10drg').replace('"socket": "cpu1",', '"socket": "cpu1", "__proto__": {"polluted": true},'),
      'racks[0].chassis[0].cpus[0].__proto__',
    ],
    ['constructor key', exampleText('sys-4028gr-x10drg').replace('"label": "Rack 1",', '"label": "Rack 1", "constructor": 1,'), 'racks[0].constructor'],
    ['wrong type', exampleText('sys-4028gr-x10drg').replace('"positionU": 1', '"positionU": "1"'), 'racks[0].chassis[0].positionU'],
    ['newer version', exampleText('sys-4028gr-x10drg').replace('"version": 1', '"version": 2'), 'version'],
    ['too deep', JSON.stringify({ format: 'rackhive.build', version: 1, name: 'x', racks: [], notes: JSON.parse('['.repeat(100) + ']'.repeat(100)) }), 'notes'],
    [
      'array too long',
      JSON.stringify({
        format: 'rackhive.build',
        version: 1,
        name: 'x',
        racks: Array.from({ length: 65 }, (_, i) => ({ id: `r${i}`, partId: 'rack.apc.ar3100' })),
      }),
      'racks',
    ],
    ['over 5 MiB', JSON.stringify({ format: 'rackhive.build', version: 1, name: 'x', racks: [], notes: 'x'.repeat(5 * 1024 * 1024) }), '(file)'],
    ['a million open brackets', '['.repeat(1_000_000), '(file)'],
    ['a million nested arrays', '['.repeat(1_000_000) + ']'.repeat(1_000_000), '[0][0][0]'],
  ])('refuses %s with IMPORT_INVALID naming the path, changing nothing', async (_what, text, path) => {
    const before = fingerprint(h.db);
    const res = await h.call('builds:import', { text });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('IMPORT_INVALID');
    expect(res.error.issues![0]!.path.startsWith(path)).toBe(true);
    expect(res.error.message).toContain(res.error.issues![0]!.path);
    expect(fingerprint(h.db)).toBe(before);
  });

  it('an import is all or nothing: a failing write leaves no build and no allocation rows', async () => {
    h.db.exec(
      "CREATE TEMP TRIGGER fail_allocations BEFORE INSERT ON build_allocations WHEN NEW.slot_key = 'srv-1/device/ib-0' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    const before = fingerprint(h.db);
    const res = await h.call('builds:import', { text: exampleText('sys-4028gr-x10drg') });
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(fingerprint(h.db)).toBe(before);
  });

  it('exports under a file name people recognise, and the data survives a restart', async () => {
    const a = await fromExample('sys-4028gr-x10drg');
    const exported = await h.ok<{ fileName: string }>('builds:export', { id: a.id });
    expect(exported.fileName).toBe('sys-4028gr-with-x10drg-o-pcie-8-tesla-p40-nic.rackhive.json');
    const dir = h.dataDir;
    h.close();
    h = await openHarness(dir);
    expect(BuildDetail.parse(await h.ok('builds:get', { id: a.id }))).toEqual(a);
  });
});

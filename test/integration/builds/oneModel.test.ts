// One model of the build: the builds list, the editor and the catalog service
// agree. The list's worst severity is what the editor computes (core's
// checkBuild at core's siteOf over the catalog the editor loads through
// catalog:list) for every example, at 120 V and at 230 V; a stored part this
// version cannot read is named by catalog:list, not dropped without a word.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { checkBuild } from '#core/check/checkBuild';
import { indexCatalog } from '#core/check/catalog';
import { siteOf } from '#core/build/site';
import type { CatalogPart } from '#core/catalog/part';
import { catalogOf } from '#db/repositories/catalog';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

interface ListRow {
  id: number;
  worstSeverity: string | null;
}

describe('the builds list and the editor', () => {
  it.each([
    { mainsVolts: 120, circuitAmps: 15 },
    { mainsVolts: 230, circuitAmps: 16 },
  ])('agree on every example at $mainsVolts V', async (site) => {
    await h.ok('settings:update', { mainsVolts: site.mainsVolts, circuitAmps: site.circuitAmps });
    const ids: number[] = [];
    for (const e of EXAMPLE_BUILDS) {
      const made = await h.ok<{ id: number }>('builds:create', { exampleId: e.id });
      ids.push(made.id);
      // The same build without its own site: checked at the app's settings everywhere.
      const bare = await h.ok<{ id: number }>('builds:create', { exampleId: e.id, name: `${e.title} (no site)` });
      const detail = await h.ok<{ build: { site?: unknown } }>('builds:get', { id: bare.id });
      const { site: _site, ...rest } = detail.build;
      await h.ok('builds:save', { id: bare.id, build: rest });
      ids.push(bare.id);
    }
    const { builds } = await h.ok<{ builds: ListRow[] }>('builds:list', {});
    const { entries } = await h.ok<{ entries: { part: CatalogPart }[] }>('catalog:list', {});
    const editorCatalog = indexCatalog(entries.map((e) => e.part));
    const settings = await h.ok<{ mainsVolts: number; circuitAmps: number }>('settings:get', {});
    expect(settings).toMatchObject(site);
    for (const id of ids) {
      const { build } = await h.ok<{ build: Parameters<typeof checkBuild>[0] }>('builds:get', { id });
      const editor = checkBuild(build, editorCatalog, siteOf(build, settings).site);
      const row = builds.find((b) => b.id === id)!;
      expect(row.worstSeverity, `build #${id} ${build.name}`).toBe(editor.findings[0]?.severity ?? null);
      const checked = await h.ok<{ settings: unknown; findings: unknown[] }>('builds:check', { id });
      expect(checked.settings).toEqual(siteOf(build, settings).site);
      expect(checked.findings).toEqual(editor.findings);
    }
  });
});

describe('the catalog service', () => {
  it('caches until a part changes and names rows it cannot read', async () => {
    const first = catalogOf(h.db);
    expect(catalogOf(h.db)).toBe(first);
    expect(first.unreadable).toEqual([]);
    h.db
      .prepare(
        "INSERT INTO parts (id, category, vendor, model, builtin, data, created_at, updated_at) VALUES ('user.gpu.broken', 'gpu', 'X', 'Broken', 0, '{\"id\":\"user.gpu.broken\"}', '2024-06-01T00:00:00Z', '2024-06-02T00:00:00Z')",
      )
      .run();
    const second = catalogOf(h.db);
    expect(second).not.toBe(first);
    expect(second.parts.length).toBe(first.parts.length);
    expect(second.unreadable).toEqual([{ id: 'user.gpu.broken', message: expect.any(String) }]);
    const listed = await h.ok<{ unreadable: { id: string }[] }>('catalog:list', {});
    expect(listed.unreadable.map((u) => u.id)).toEqual(['user.gpu.broken']);
  });
});

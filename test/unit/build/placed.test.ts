import { describe, expect, it } from 'vitest';
import { placedParts } from '#db/repositories/builds';
import { EXAMPLE_BUILDS, exampleBuild } from '#core/build/examples';
import { exportFileName } from '#host/handlers/builds';
import { siteOf } from '#core/build/site';
import type { Build } from '#core/build/build';

const x10 = exampleBuild('sys-4028gr-x10drg')!.build;

describe('placed parts', () => {
  it('gives every placed part a key unique in its build, a label, its JSON path and quantity', () => {
    for (const e of EXAMPLE_BUILDS) {
      const keys = placedParts(e.build).map((p) => p.key);
      expect(new Set(keys).size, e.id).toBe(keys.length);
    }
    const parts = placedParts(x10);
    expect(parts.find((p) => p.key === 'srv-1/device/ib-0')).toMatchObject({
      kind: 'device',
      path: ['racks', 0, 'chassis', 0, 'devices', 8],
      label: 'srv-1 · slot cpu1-x8 (ib-0)',
      itemId: null,
    });
    expect(parts.find((p) => p.key === 'srv-1/cpu/1')).toMatchObject({ kind: 'cpu', label: 'srv-1 · CPU socket cpu2' });
    expect(parts.find((p) => p.kind === 'rack')).toMatchObject({ key: 'rack-1', label: 'Rack Rack 1' });
  });

  it('counts PSUs, DIMMs and drives by their count', () => {
    const b: Build = structuredClone(x10);
    const c = b.racks[0]!.chassis[0]!;
    c.psus = [{ partId: 'psu.x', count: 4 }];
    c.drives = [{ partId: 'storage.y', count: 3, inventoryItemId: 'drv' }];
    const parts = placedParts(b);
    expect(parts.find((p) => p.kind === 'psu')).toMatchObject({ key: 'srv-1/psu/0', quantity: 4 });
    expect(parts.find((p) => p.kind === 'drive')).toMatchObject({ key: 'srv-1/drive/0', quantity: 3, itemId: 'drv' });
  });
});

describe('examples', () => {
  it('are the thirteen shipped files, each with a title and a one-sentence description', () => {
    expect(EXAMPLE_BUILDS).toHaveLength(13);
    for (const e of EXAMPLE_BUILDS) {
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.description).toMatch(/^[^\n]{10,200}\.$/);
    }
  });
});

describe('settings and file names', () => {
  it('site: an explicit override, else the build’s own site, else the app settings, else 120 V / 15 A', () => {
    const app = { mainsVolts: 230, circuitAmps: 10 };
    expect(siteOf(x10, app)).toEqual({ site: { mainsVolts: 230, circuitAmps: 16 }, from: 'build' });
    expect(siteOf(x10, app, { mainsVolts: 120, circuitAmps: 20 })).toEqual({ site: { mainsVolts: 120, circuitAmps: 20 }, from: 'override' });
    // A voltage asked for alone gets the usual circuit of that voltage, not the build's.
    expect(siteOf(x10, app, { mainsVolts: 120 })).toEqual({ site: { mainsVolts: 120, circuitAmps: 15 }, from: 'override' });
    const bare = { ...x10, site: undefined };
    expect(siteOf(bare, app)).toEqual({ site: app, from: 'settings' });
    expect(siteOf(bare, null)).toEqual({ site: { mainsVolts: 120, circuitAmps: 15 }, from: 'default' });
  });
  it('file names are plain and never empty', () => {
    expect(exportFileName('Groq: 512 GroqCards in 8 racks')).toBe('groq-512-groqcards-in-8-racks.rackhive.json');
    expect(exportFileName('../../etc/passwd')).toBe('etc-passwd.rackhive.json');
    expect(exportFileName('★★★')).toBe('build.rackhive.json');
    expect(exportFileName('x'.repeat(300))).toHaveLength(80 + '.rackhive.json'.length);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '../../helpers/db';
import { main } from '#cli/main';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('rackhive catalog', () => {
  it('lists a category as a table with units and "unknown"', async () => {
    const r = await run('catalog', 'list', '--category', 'gpu');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/gpu\.nvidia\.rtx-3090 +NVIDIA +GeForce RTX 3090 +VRAM 24 GB, bandwidth 936 GB\/s/);
    expect(r.out).toContain('TDP unknown');
    expect(r.out).not.toContain('cpu.intel');
  });

  it('list --json prints an array of parts', async () => {
    const r = await run('catalog', 'list', '--category', 'psu', '--json');
    const parts = JSON.parse(r.out) as { category: string; specs: { ratedOutputLowLineW: number | null } }[];
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts.every((p) => p.category === 'psu')).toBe(true);
  });

  it('show prints every spec with its unit, the price and the sources', async () => {
    const r = await run('catalog', 'show', 'Tesla', 'P40');
    expect(r.code).toBe(0);
    expect(r.out).toContain('memBandwidthGBps');
    expect(r.out).toContain('346 GB/s');
    expect(r.out).toContain('$170.00 as of 2026-02');
    expect(r.out).toContain('https://gpudojo.pages.dev/articles/tesla-p100-16gb-ai-review.html');
  });

  it('show --json resolves a usual name', async () => {
    const r = await run('catalog', 'show', 'A100 SXM4 80GB', '--json');
    expect(JSON.parse(r.out).specs.memBandwidthGBps).toBe(2039);
  });

  it('an ambiguous name exits 1 listing the candidates', async () => {
    const r = await run('catalog', 'show', 'A100');
    expect(r.code).toBe(1);
    expect(r.err).toContain('gpu.nvidia.a100-pcie-40gb');
    expect(r.err).toContain('gpu.nvidia.a100-sxm4-80gb');
  });

  it('an unknown name exits 1 with "no part matches"', async () => {
    const r = await run('catalog', 'show', 'Voodoo2');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no part matches');
  });

  it('a bad category is a usage error (exit 2)', async () => {
    expect((await run('catalog', 'list', '--category', 'toaster')).code).toBe(2);
  });
});

describe('rackhive catalog import-netbox', () => {
  const FIX = path.join(__dirname, '../../fixtures/netbox');
  afterEach(() => cleanupTempDirs());

  it('--json prints per file exactly { file, ok, category, part, issues: [{ path, message }] } and saves into the data folder', async () => {
    const dir = makeTempDir();
    const files = ['AS-8125GS-TNMR2.yml', 'PowerEdge-C6420.yaml', 'AP7900B.yaml'].map((f) => path.join(FIX, f));
    const r = await run('catalog', 'import-netbox', ...files, '--data-dir', dir, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as {
      file: string;
      ok: boolean;
      category: string | null;
      part: { id: string; specs: Record<string, unknown> } | null;
      issues: Record<string, unknown>[];
    }[];
    expect(out.map((o) => Object.keys(o))).toEqual([0, 1, 2].map(() => ['file', 'ok', 'category', 'part', 'issues']));
    expect(out.every((o) => o.issues.every((i) => Object.keys(i).join() === 'path,message'))).toBe(true);
    expect(out.map((o) => [o.file, o.ok, o.category, o.part?.id ?? null])).toEqual([
      [files[0], true, 'chassis', 'user.chassis.as-8125gs-tnmr2'],
      [files[1], false, null, null],
      [files[2], true, 'pdu', 'pdu.apc.ap7900b'],
    ]);
    expect(out[0]!.part!.specs).toMatchObject({ psuBays: 8, gpu: { maxCards: 8 }, weightKg: 75.3 });
    expect(out[1]!.issues[0]!.path).toBe('subdevice_role');
    expect(out[2]!.issues.at(-1)).toEqual({
      path: 'model',
      message:
        "not saved: the built-in pdu.apc.ap7900b is kept. The file's extra facts are kept as a note on it (source AP7900B.yaml): From the NetBox file AP7900B.yaml: inputPlug: NEMA L5-20P in the file (built-in: NEMA 5-15P).",
    });
    // Saved in a real database file, where the app will find it; the lock is gone.
    const db = new Database(path.join(dir, 'rackhive.db'), { readonly: true });
    const ids = db
      .prepare<[], { id: string }>("SELECT id FROM parts WHERE id LIKE 'user.%' ORDER BY id")
      .all()
      .map((x) => x.id);
    db.close();
    expect(ids).toEqual(['user.chassis.as-8125gs-tnmr2']);
    expect(fs.existsSync(path.join(dir, 'rackhive.lock'))).toBe(false);
  });

  it('--dry-run reports without creating anything; text output names each file and its issues', async () => {
    const dir = path.join(makeTempDir(), 'never');
    const r = await run('catalog', 'import-netbox', path.join(FIX, 'PowerEdge-C6400.yaml'), '--data-dir', dir, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('PowerEdge-C6400.yaml: would save System / chassis Dell PowerEdge C6400 (user.chassis.poweredge-c6400)');
    expect(r.out).toContain('  info device-bays: 4 node bays read from module-bays named sled/node');
    expect(r.out).toContain('1 of 1 file read (dry run: nothing saved).');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('a missing file is refused by name; no file is a usage error', async () => {
    const r = await run('catalog', 'import-netbox', '/nonexistent/x.yaml', '--dry-run', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)[0]).toMatchObject({ file: '/nonexistent/x.yaml', ok: false, category: null, part: null, issues: [{ path: '' }] });
    expect((await run('catalog', 'import-netbox')).code).toBe(2);
  });
});

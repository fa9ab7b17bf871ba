// The real build output: scripts/build-electron.mjs bundles main and preload
// into a temporary folder, and main.cjs is started under plain Node with a
// fake `electron` (fixtures/runMainBundle.mjs) against a temporary data folder.
// This proves the CommonJS bundle resolves the #core/#db imports, finds
// better-sqlite3 at run time and wires the shell as the unit tests expect.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '#core/api/contract';

vi.mock('electron', () => ({}));

const root = fileURLToPath(new URL('../..', import.meta.url));
let tmp: string;
let out: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-bundle-'));
  out = path.join(tmp, 'dist-electron');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs'), '--outdir', out], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  // The build validates the built-in catalog too (scripts/catalogPlugin.mjs): seconds on a busy machine.
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('dist-electron bundles', () => {
  it('the preload is one small CommonJS file that requires only electron (no zod)', () => {
    const preload = fs.readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    expect(preload.length).toBeLessThan(20_000);
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/zod/i);
    for (const channel of CHANNELS) expect(preload).toContain(JSON.stringify(channel));
  });

  it('main starts, serves every channel to the app page only, and closes cleanly', () => {
    const dataDir = path.join(tmp, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, FAKE_USER_DATA: dataDir };
    delete env.RACKHIVE_DATA_DIR;
    const run = spawnSync(process.execPath, [path.join(root, 'test', 'electron', 'fixtures', 'runMainBundle.mjs'), path.join(out, 'main.cjs'), root], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBeNull();
    expect([...r.channels].sort()).toEqual([...CHANNELS, 'app:open-external'].sort());
    expect(r.loaded).toEqual(['app://rackhive/']);
    expect(r.webPreferences).toMatchObject({ preload: path.join(out, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(r.menu).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(r.info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });
    expect(r.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(r.traversal.status).toBe(403);
    expect(r.traversal.csp).toContain("script-src 'self'");
    expect(fs.readdirSync(dataDir)).not.toContain('rackhive.lock');
  });
});

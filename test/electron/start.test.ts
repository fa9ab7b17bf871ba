// scripts/start.mjs (`npm start`): how it finds Electron's binary without
// triggering the package's download-on-require, and when it rebuilds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

interface StartModule {
  installedElectronBinary(pkgDir: string | null, env?: Record<string, string | undefined>): string | null;
  electronMirror(env?: Record<string, string | undefined>): string;
  hasDisplay(platform?: string, env?: Record<string, string | undefined>): boolean;
  isRendererStale(root: string): boolean;
  dataDirArg(args: string[]): string | null;
}

let start: StartModule;
const temps: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-start-'));
  temps.push(d);
  return d;
};
const modulePath = '../../scripts/start.mjs';

beforeAll(async () => {
  start = (await import(/* @vite-ignore */ modulePath)) as StartModule;
});
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('installedElectronBinary', () => {
  it('is null without the package, without path.txt, or when the binary is missing', () => {
    expect(start.installedElectronBinary(null)).toBeNull();
    const pkg = tmp();
    expect(start.installedElectronBinary(pkg, {})).toBeNull();
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(start.installedElectronBinary(pkg, {})).toBeNull();
  });
  it('finds dist/<path.txt>, or the override folder', () => {
    const pkg = tmp();
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(start.installedElectronBinary(pkg, {})).toBe(path.join(pkg, 'dist', 'electron'));
    const override = tmp();
    fs.writeFileSync(path.join(override, 'electron'), '');
    expect(start.installedElectronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(path.join(override, 'electron'));
  });
});

describe('environment', () => {
  it('uses the mirror settings @electron/get honours', () => {
    expect(start.electronMirror({})).toBe('https://github.com/electron/electron/releases/download/');
    expect(start.electronMirror({ ELECTRON_MIRROR: 'https://mirror.example/electron/' })).toBe('https://mirror.example/electron/');
  });
  it.each([
    ['linux', {}, false],
    ['linux', { DISPLAY: ':0' }, true],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, true],
    ['win32', {}, true],
    ['darwin', {}, true],
  ] as const)('hasDisplay(%s, %j) → %s', (platform, env, expected) => {
    expect(start.hasDisplay(platform, env)).toBe(expected);
  });
  it('reads --data-dir in both spellings', () => {
    expect(start.dataDirArg(['--data-dir', '/d'])).toBe('/d');
    expect(start.dataDirArg(['--data-dir=/e'])).toBe('/e');
    expect(start.dataDirArg(['--port', '1'])).toBeNull();
  });
});

describe('isRendererStale', () => {
  it('is stale without a build, fresh after one, stale again when a source changes', () => {
    const root = tmp();
    fs.mkdirSync(path.join(root, 'renderer'));
    fs.writeFileSync(path.join(root, 'renderer', 'App.svelte'), '<p>hi</p>');
    expect(start.isRendererStale(root)).toBe(true);
    fs.mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
    const index = path.join(root, 'dist', 'renderer', 'index.html');
    fs.writeFileSync(index, '');
    const t = Date.now() / 1000;
    fs.utimesSync(path.join(root, 'renderer', 'App.svelte'), t - 100, t - 100);
    fs.utimesSync(index, t - 50, t - 50);
    expect(start.isRendererStale(root)).toBe(false);
    fs.mkdirSync(path.join(root, 'core'));
    fs.writeFileSync(path.join(root, 'core', 'money.ts'), '');
    expect(start.isRendererStale(root)).toBe(true);
  });
});

describe('browser fallback', () => {
  it('is one line: the reason (with its fixing command) then what happens instead', async () => {
    const { browserFallbackLine } = (await import(/* @vite-ignore */ modulePath)) as { browserFallbackLine(reason: string): string };
    const reason =
      'better-sqlite3 could not be downloaded or compiled for Electron 45.4.1 (ABI 150): run `npm run native:electron` once online\n(compiling needs a C++ toolchain)';
    const line = browserFallbackLine(reason);
    expect(line).not.toContain('\n');
    expect(line).toMatch(/run `npm run native:electron` once online \(compiling needs a C\+\+ toolchain\); starting Rackhive in your browser instead\.$/);
  });
});

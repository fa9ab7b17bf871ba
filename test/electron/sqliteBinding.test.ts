// Which better-sqlite3 binary Electron loads (Node's ABI 115 build stays in
// node_modules; Electron 45's ABI 150 build sits beside it), and the one-line
// messages that name the fixing command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chooseSqliteBinding,
  describeAbiMismatch,
  ELECTRON_SQLITE_FIX,
  manifestProblem,
  nativeBuildKey,
  type NativeManifest,
} from '#electron/native/sqliteBinding';
import { applySqliteBinding } from '#electron/native/applyBinding';
import { describeStartupError } from '#electron/shell/startup';
import { withBinding } from '#db/nativeBinding';

const NODE_ABI = 115;
const ELECTRON_ABI = 150;
const manifest = (over: Partial<NativeManifest> = {}): NativeManifest => ({
  module: 'better-sqlite3',
  moduleVersion: '12.11.1',
  runtime: 'electron',
  runtimeVersion: '45.4.1',
  abi: ELECTRON_ABI,
  platform: 'linux',
  arch: 'x64',
  via: 'prebuilt',
  ...over,
});
const query = {
  runtimeAbi: ELECTRON_ABI,
  platform: 'linux',
  arch: 'x64',
  moduleVersion: '12.11.1',
  isPackaged: false,
  manifest: manifest() as unknown,
  binaryExists: true,
};

describe('chooseSqliteBinding', () => {
  it('a packaged app uses the module electron-builder rebuilt in place', () => {
    expect(chooseSqliteBinding({ ...query, isPackaged: true, manifest: null, binaryExists: false })).toEqual({ kind: 'default' });
  });
  it('development Electron uses the side-by-side build made for its ABI', () => {
    expect(chooseSqliteBinding(query)).toEqual({ kind: 'side-by-side' });
  });
  it.each([
    ['no build yet', { manifest: null, binaryExists: false }, 'no Electron build of better-sqlite3 for ABI 150 (linux-x64)'],
    ['a manifest without its binary', { binaryExists: false }, 'no Electron build'],
    ["a build for Node's ABI", { manifest: manifest({ abi: NODE_ABI }) }, 'is for ABI 115, this Electron needs ABI 150'],
    ['a build for another Electron after an upgrade', { runtimeAbi: 156 }, 'is for ABI 150, this Electron needs ABI 156'],
    ['another architecture', { manifest: manifest({ arch: 'arm64' }) }, 'is for linux-arm64, not linux-x64'],
    ['an older better-sqlite3', { manifest: manifest({ moduleVersion: '12.10.0' }) }, 'better-sqlite3 12.10.0, node_modules has 12.11.1'],
    ['a manifest that is not one', { manifest: { hello: 1 } }, 'unreadable manifest'],
  ])('%s → missing, one line naming the command', (_name, over, why) => {
    const choice = chooseSqliteBinding({ ...query, ...over });
    expect(choice.kind).toBe('missing');
    const message = choice.kind === 'missing' ? choice.message : '';
    expect(message).toContain(why);
    expect(message).toContain(`\`${ELECTRON_SQLITE_FIX}\``);
    expect(message).not.toContain('\n');
  });
  it('one folder per ABI, platform and arch', () => {
    expect(nativeBuildKey(ELECTRON_ABI, 'darwin', 'arm64')).toBe('electron-v150-darwin-arm64');
    expect(manifestProblem({ ...query, manifest: manifest({ platform: 'win32' }) })).toContain('win32-x64');
  });
});

describe('describeAbiMismatch', () => {
  const dlopen = `The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION ${NODE_ABI}. This version of Node.js requires\nNODE_MODULE_VERSION ${ELECTRON_ABI}. Please try re-compiling or re-installing\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).`;
  it("turns Node's dlopen error into one line with both ABIs and both commands", () => {
    const line = describeAbiMismatch(new Error(dlopen));
    expect(line).toBe(
      `better-sqlite3 was built for ABI 115 but this runtime needs ABI 150: run \`${ELECTRON_SQLITE_FIX}\` for the desktop app, or \`npm rebuild better-sqlite3\` for Node (tests, CLI, browser host).`,
    );
  });
  it('ignores other errors', () => {
    expect(describeAbiMismatch(new Error('SQLITE_BUSY'))).toBeNull();
    expect(describeAbiMismatch(undefined)).toBeNull();
  });
  it('is what the start-up error box says, also when db/ wrapped the error', () => {
    const box = describeStartupError(new Error(`/data/rackhive.db is not a readable Rackhive database (${dlopen}). The file was not changed.`));
    expect(box.title).toBe('Rackhive has no database engine for this Electron');
    expect(box.message).toContain(ELECTRON_SQLITE_FIX);
  });
});

describe('applySqliteBinding', () => {
  const temps: string[] = [];
  afterEach(() => {
    applySqliteBinding({ appPath: '/nonexistent', isPackaged: true });
    for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  it("hands the side-by-side binary to every connection's options, and nothing when there is none", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-native-'));
    temps.push(root);
    fs.mkdirSync(path.join(root, 'node_modules', 'better-sqlite3'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ version: '12.11.1' }));
    expect(applySqliteBinding({ appPath: root, isPackaged: false, runtimeAbi: ELECTRON_ABI }).kind).toBe('missing');
    expect(withBinding({ readonly: true })).toEqual({ readonly: true });
    const dir = path.join(root, 'node_modules', '.cache', 'rackhive-native', nativeBuildKey(ELECTRON_ABI, process.platform, process.arch));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), '');
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest({ platform: process.platform, arch: process.arch })));
    expect(applySqliteBinding({ appPath: root, isPackaged: false, runtimeAbi: ELECTRON_ABI })).toEqual({ kind: 'side-by-side' });
    expect(withBinding({ readonly: true })).toEqual({ readonly: true, nativeBinding: path.join(dir, 'better_sqlite3.node') });
    expect(applySqliteBinding({ appPath: root, isPackaged: true, runtimeAbi: ELECTRON_ABI })).toEqual({ kind: 'default' });
    expect(withBinding()).toEqual({});
  });
});

describe('scripts/electron-sqlite.mjs', () => {
  it("drops the npm settings that would aim the build at Node's headers, keeps the rest", async () => {
    const script = '../../scripts/electron-sqlite.mjs';
    const { nativeBuildEnv } = (await import(/* @vite-ignore */ script)) as { nativeBuildEnv(env: Record<string, string>): Record<string, string> };
    const env = nativeBuildEnv({
      NPM_CONFIG_NODEDIR: '/usr/include/node',
      npm_config_nodedir: '/usr/include/node',
      npm_config_target: '20.19.0',
      npm_config_runtime: 'node',
      ELECTRON_RUN_AS_NODE: '1',
      PATH: '/usr/bin',
      npm_config_cache: '/home/u/.npm',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/home/u/.npm' });
  });
});

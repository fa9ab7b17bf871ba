// electron-builder.yml cannot be exercised here (electron-builder downloads
// Electron), so its security-relevant settings are pinned by reading the file.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';

vi.mock('electron', () => ({}));

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: Target[] };
  win: { target: Target[] };
  mac: { target: Target[]; notarize: boolean };
  fileAssociations: Array<{ ext: string; name: string }>;
  publish: Array<{ provider: string }>;
  beforePack: string;
  afterSign: string;
}
interface Target {
  target: string;
  arch: string[];
}
const config = parse(fs.readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { main: string };

describe('electron-builder.yml', () => {
  it('flips the fuses that close RunAsNode, NODE_OPTIONS and the inspector', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar with better-sqlite3 unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
    expect(config.npmRebuild).toBe(true);
  });

  it('ships the built app and its main entry, not sources or tests', () => {
    const files = config.files;
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/renderer/**/*', 'dist-electron/**/*']));
    expect(pkg.main.startsWith('dist-electron/')).toBe(true);
    for (const source of ['electron/**', 'core/**', 'db/**', 'renderer/**', 'test/**', 'src/**']) expect(files).not.toContain(source);
  });

  it('targets AppImage and deb, nsis, and dmg, each on x64 and arm64', () => {
    const targets = (list: Target[]) => list.map((t) => `${t.target}:${[...t.arch].sort().join('+')}`);
    expect(targets(config.linux.target)).toEqual(['AppImage:arm64+x64', 'deb:arm64+x64']);
    expect(targets(config.win.target)).toEqual(['nsis:arm64+x64']);
    expect(targets(config.mac.target)).toEqual(['dmg:arm64+x64']);
    expect(config.productName).toBe('Rackhive');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
  });

  it('opens .rackhive.json build files, publishes to GitHub releases, and signs through the env-reading hooks', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'rackhive.json' })]);
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'github' })]);
    for (const hook of [config.beforePack, config.afterSign]) expect(fs.existsSync(new URL(`../../${hook}`, import.meta.url))).toBe(true);
    expect(config.mac.notarize).toBe(false); // after-sign.cjs notarises only with the Apple secrets
  });
});

describe('signing plan', () => {
  const require = createRequire(import.meta.url);
  const { signingPlan } = require('../../scripts/release/signing.cjs') as {
    signingPlan(platform: string, env: Record<string, string>): { sign: boolean; notarize: boolean; notes: string[] };
  };
  it('skips, with a note, what the environment has no secrets for', () => {
    expect(signingPlan('darwin', {})).toEqual({
      sign: false,
      notarize: false,
      notes: [expect.stringContaining('CSC_LINK'), expect.stringContaining('APPLE_ID')],
    });
    expect(signingPlan('win32', { WIN_CSC_LINK: 'x' })).toMatchObject({ sign: false, notes: [expect.stringContaining('WIN_CSC_KEY_PASSWORD')] });
    expect(signingPlan('linux', {}).sign).toBe(false);
  });
  it('signs and notarises when every secret is there (blank counts as absent)', () => {
    const mac = { CSC_LINK: 'cert', CSC_KEY_PASSWORD: 'pw', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' };
    expect(signingPlan('darwin', mac)).toEqual({ sign: true, notarize: true, notes: [] });
    expect(signingPlan('darwin', { ...mac, APPLE_TEAM_ID: ' ' })).toMatchObject({ sign: true, notarize: false });
    expect(signingPlan('win32', { WIN_CSC_LINK: 'c', WIN_CSC_KEY_PASSWORD: 'p' })).toEqual({ sign: true, notarize: false, notes: [] });
  });
});

describe('release workflow', () => {
  const workflow = parse(fs.readFileSync(new URL('../../.github/workflows/release.yml', import.meta.url), 'utf8')) as {
    jobs: { installers: { strategy: { matrix: { include: Array<{ os: string; target: string }> } } } };
  };
  it('builds all three platforms on their own runners', () => {
    expect(workflow.jobs.installers.strategy.matrix.include.map((m) => m.target).sort()).toEqual(['--linux', '--mac', '--win']);
  });
});

// electron-builder.yml cannot be exercised here (electron-builder downloads
// Electron), so its security-relevant settings are pinned by reading the file.
import fs from 'node:fs';
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
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
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

  it('targets AppImage and deb, nsis, and dmg', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.productName).toBe('Rackhive');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
  });
});

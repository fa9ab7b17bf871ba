// Where Rackhive keeps its data: the same folder Electron's
// app.getPath('userData') gives for productName "Rackhive", so the desktop app
// and the HTTP host (`npm run serve`) open one and the same inventory.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Rackhive';

/**
 * Pure: the data directory for a platform, environment and home directory.
 * Mirrors Chromium/Electron: on Linux a non-empty XDG_CONFIG_HOME is used as
 * given, else ~/.config; on Windows %APPDATA%, else the default roaming folder.
 */
export function dataDirFor(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', PRODUCT_NAME);
  const configHome = env.XDG_CONFIG_HOME || path.posix.join(homedir, '.config');
  return path.posix.join(configHome, PRODUCT_NAME);
}

/** Overrides the folder for both hosts (the Electron main process reads it too). */
export const DATA_DIR_ENV = 'RACKHIVE_DATA_DIR';

/** The data directory of this machine's user, unless RACKHIVE_DATA_DIR names another. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env[DATA_DIR_ENV] || dataDirFor(process.platform, env, os.homedir());
}

// Reads the side-by-side build's manifest and tells db/ which binary to load.
// Runs in Electron main before the first connection opens.
import fs from 'node:fs';
import path from 'node:path';
import { setSqliteBinding } from '#db/nativeBinding';
import { BINDING_FILE, chooseSqliteBinding, MANIFEST_FILE, NATIVE_CACHE_DIR, nativeBuildKey, type BindingChoice } from './sqliteBinding';

export interface ApplyBindingOptions {
  /** The project root in development (app.getAppPath()). */
  appPath: string;
  isPackaged: boolean;
  runtimeAbi?: number;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Sets the binding and returns the choice. On 'missing' nothing is set: the
 * default build is tried, and if it is Node's, opening the database fails with
 * the ABI mismatch that describeStartupError turns into the fixing command.
 */
export function applySqliteBinding(opts: ApplyBindingOptions): BindingChoice {
  const runtimeAbi = opts.runtimeAbi ?? Number(process.versions.modules);
  const dir = path.join(opts.appPath, ...NATIVE_CACHE_DIR, nativeBuildKey(runtimeAbi, process.platform, process.arch));
  const binary = path.join(dir, BINDING_FILE);
  const moduleVersion = (readJson(path.join(opts.appPath, 'node_modules', 'better-sqlite3', 'package.json')) as { version?: string } | null)?.version ?? '';
  const choice = chooseSqliteBinding({
    runtimeAbi,
    platform: process.platform,
    arch: process.arch,
    moduleVersion,
    isPackaged: opts.isPackaged,
    manifest: opts.isPackaged ? null : readJson(path.join(dir, MANIFEST_FILE)),
    binaryExists: !opts.isPackaged && fs.existsSync(binary),
  });
  setSqliteBinding(choice.kind === 'side-by-side' ? binary : undefined);
  return choice;
}

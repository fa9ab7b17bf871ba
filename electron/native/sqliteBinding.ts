// Which better-sqlite3 binary a runtime loads. node_modules holds the Node
// build (Node 20: ABI 115), which the tests, the CLI and the HTTP host use.
// Electron 45 needs ABI 150, so a development Electron loads its own copy,
// kept side by side in node_modules/.cache/rackhive-native/<key>/ with a
// manifest saying what it was built for, through better-sqlite3's
// `nativeBinding` option. A packaged app has no such copy: electron-builder
// rebuilt the module in place for Electron, so it uses the default.
// Pure: ABIs, platform and manifests are inputs; reading files is the caller's.

/** The one command that (re)makes the Electron copy; every message names it. */
export const ELECTRON_SQLITE_FIX = 'npm run native:electron';

/** Where the side-by-side builds live, relative to the project root. */
export const NATIVE_CACHE_DIR = ['node_modules', '.cache', 'rackhive-native'] as const;
export const BINDING_FILE = 'better_sqlite3.node';
export const MANIFEST_FILE = 'manifest.json';

/** What a side-by-side build was made for, written next to it once it loaded in that runtime. */
export interface NativeManifest {
  module: 'better-sqlite3';
  /** better-sqlite3's version: a new one needs a new build (its JS and C++ halves must match). */
  moduleVersion: string;
  runtime: 'electron';
  /** Electron's version and its NODE_MODULE_VERSION. */
  runtimeVersion: string;
  abi: number;
  platform: string;
  arch: string;
  /** 'prebuilt' (downloaded from better-sqlite3's releases) or 'source' (compiled against Electron's headers). */
  via: 'prebuilt' | 'source';
}

/** The folder name of one build: one per ABI, platform and architecture. */
export function nativeBuildKey(abi: number, platform: string, arch: string): string {
  return `electron-v${abi}-${platform}-${arch}`;
}

export interface BindingQuery {
  /** process.versions.modules of the runtime that will load it. */
  runtimeAbi: number;
  platform: string;
  arch: string;
  /** better-sqlite3's version in node_modules. */
  moduleVersion: string;
  /** A packaged app: the module in app.asar.unpacked was rebuilt for this Electron. */
  isPackaged: boolean;
  /** The manifest found at the side-by-side build for this key, or null (missing or unreadable). */
  manifest: unknown;
  /** Whether the binary next to that manifest exists. */
  binaryExists: boolean;
}

export type BindingChoice = { kind: 'default' } | { kind: 'side-by-side' } | { kind: 'missing'; message: string };

function isManifest(value: unknown): value is NativeManifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    m.module === 'better-sqlite3' &&
    typeof m.moduleVersion === 'string' &&
    m.runtime === 'electron' &&
    typeof m.abi === 'number' &&
    typeof m.platform === 'string' &&
    typeof m.arch === 'string'
  );
}

/** Why the side-by-side build cannot serve this query, or null when it can. */
export function manifestProblem(q: Omit<BindingQuery, 'isPackaged'>): string | null {
  if (!q.manifest || !q.binaryExists) return `there is no Electron build of better-sqlite3 for ABI ${q.runtimeAbi} (${q.platform}-${q.arch}) yet`;
  if (!isManifest(q.manifest)) return 'the Electron build of better-sqlite3 has an unreadable manifest';
  const m = q.manifest;
  if (m.abi !== q.runtimeAbi) return `the Electron build of better-sqlite3 is for ABI ${m.abi}, this Electron needs ABI ${q.runtimeAbi}`;
  if (m.platform !== q.platform || m.arch !== q.arch) return `the Electron build of better-sqlite3 is for ${m.platform}-${m.arch}, not ${q.platform}-${q.arch}`;
  if (m.moduleVersion !== q.moduleVersion) return `the Electron build is of better-sqlite3 ${m.moduleVersion}, node_modules has ${q.moduleVersion}`;
  return null;
}

/** The choice for an Electron main process. */
export function chooseSqliteBinding(q: BindingQuery): BindingChoice {
  if (q.isPackaged) return { kind: 'default' };
  const problem = manifestProblem(q);
  if (problem === null) return { kind: 'side-by-side' };
  return { kind: 'missing', message: `${problem}: run \`${ELECTRON_SQLITE_FIX}\` (it downloads or compiles one; needs the internet once).` };
}

/**
 * The NODE_MODULE_VERSION mismatch Node prints when a binary of the wrong ABI
 * is loaded ("…compiled against a different Node.js version using
 * NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150…"),
 * as one line naming the fix; null for any other error.
 */
export function describeAbiMismatch(err: unknown): string | null {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const m = /NODE_MODULE_VERSION (\d+)[\s\S]*?requires\s+NODE_MODULE_VERSION (\d+)/.exec(text);
  if (!m) return null;
  return `better-sqlite3 was built for ABI ${m[1]} but this runtime needs ABI ${m[2]}: run \`${ELECTRON_SQLITE_FIX}\` for the desktop app, or \`npm rebuild better-sqlite3\` for Node (tests, CLI, browser host).`;
}

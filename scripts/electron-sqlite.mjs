#!/usr/bin/env node
// The Electron copy of better-sqlite3, side by side with Node's (see
// electron/native/sqliteBinding.ts). `npm start` calls ensureElectronSqlite()
// before launching Electron; `npm run native:electron` runs it on its own
// (add `--force` to rebuild). node_modules/better-sqlite3 is never touched, so
// the tests, the CLI and the browser host keep Node's build.
//   1. a prebuilt binary for Electron's ABI from better-sqlite3's GitHub
//      releases, through the prebuild-install it ships with;
//   2. otherwise a compile against Electron's headers (node-gyp, a C++
//      toolchain), with any npm `nodedir` setting dropped: with it, node-gyp
//      silently compiles against Node's headers while labelling the result
//      as Electron's.
// Either result is loaded once in Electron itself (ELECTRON_RUN_AS_NODE)
// before it is kept, so a binary of the wrong ABI is never recorded as right.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const STEP_TIMEOUT_MS = 10 * 60_000;

const native = await tsImport('../electron/native/sqliteBinding.ts', import.meta.url);

/** npm settings that would aim the download or the compile at another runtime (nodedir: Node's headers). */
const AIMING_KEYS = new Set([
  'npm_config_nodedir',
  'npm_config_target',
  'npm_config_runtime',
  'npm_config_disturl',
  'npm_config_dist_url',
  'npm_config_build_from_source',
  'npm_config_arch',
  'npm_config_platform',
  'npm_package_from',
  'npm_package_resolved',
]);

/** The environment for the download and the compile: none of AIMING_KEYS, in any case. */
export function nativeBuildEnv(env = process.env) {
  const out = { ...env };
  for (const key of Object.keys(out)) if (AIMING_KEYS.has(key.toLowerCase())) delete out[key];
  delete out.ELECTRON_RUN_AS_NODE;
  return out;
}

function packageDir(name) {
  return path.dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] }));
}

/** Runs a script inside Electron as plain Node (the development binary has no fuses flipped). */
function inElectron(exe, args) {
  return spawnSync(exe, args, { env: { ...nativeBuildEnv(), ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 60_000 });
}

/** Electron's NODE_MODULE_VERSION, asked of the binary itself. */
export function electronAbi(exe) {
  const r = inElectron(exe, ['-p', 'process.versions.modules']);
  const abi = Number(String(r.stdout ?? '').trim());
  return Number.isInteger(abi) && abi > 0 ? abi : null;
}

/** The side-by-side build for this ABI, platform and arch: its folder, binary, manifest (or null) and what is wrong with it (null = usable). */
export function electronSqliteStatus({ root = ROOT, abi, platform = process.platform, arch = process.arch }) {
  const dir = path.join(root, ...native.NATIVE_CACHE_DIR, native.nativeBuildKey(abi, platform, arch));
  const binary = path.join(dir, native.BINDING_FILE);
  let manifest = null;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, native.MANIFEST_FILE), 'utf8'));
  } catch {
    manifest = null;
  }
  const moduleVersion = JSON.parse(fs.readFileSync(path.join(packageDir('better-sqlite3'), 'package.json'), 'utf8')).version;
  const problem = native.manifestProblem({ runtimeAbi: abi, platform, arch, moduleVersion, manifest, binaryExists: fs.existsSync(binary) });
  return { dir, binary, manifest, moduleVersion, problem };
}

function tryPrebuilt(staging, electronVersion, log) {
  const pkg = packageDir('better-sqlite3');
  fs.copyFileSync(path.join(pkg, 'package.json'), path.join(staging, 'package.json'));
  const bin = path.join(packageDir('prebuild-install'), 'bin.js');
  log(`Downloading better-sqlite3 for Electron ${electronVersion}…`);
  const r = spawnSync(process.execPath, [bin, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform], {
    cwd: staging,
    env: nativeBuildEnv(),
    stdio: 'inherit',
    timeout: STEP_TIMEOUT_MS,
  });
  const file = path.join(staging, 'build', 'Release', native.BINDING_FILE);
  return r.status === 0 && fs.existsSync(file) ? file : null;
}

function tryCompile(staging, electronVersion, log) {
  const pkg = packageDir('better-sqlite3');
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps']) fs.cpSync(path.join(pkg, part), path.join(staging, part), { recursive: true });
  const gyp = path.join(packageDir('node-gyp'), 'bin', 'node-gyp.js');
  log(`No prebuilt binary: compiling better-sqlite3 against Electron ${electronVersion}'s headers (a minute or two)…`);
  const args = [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
    `--arch=${process.arch}`,
  ];
  const r = spawnSync(process.execPath, args, { cwd: staging, env: nativeBuildEnv(), stdio: 'inherit', timeout: STEP_TIMEOUT_MS });
  const file = path.join(staging, 'build', 'Release', native.BINDING_FILE);
  return r.status === 0 && fs.existsSync(file) ? file : null;
}

/** Loads `binary` in Electron and runs one query: true only when it works there. */
function loadsInElectron(exe, binary) {
  const lib = packageDir('better-sqlite3');
  const script = `const D = require(${JSON.stringify(lib)}); const db = new D(':memory:', { nativeBinding: ${JSON.stringify(binary)} }); process.stdout.write(String(db.prepare('select 1 as one').get().one)); db.close();`;
  const r = inElectron(exe, ['-e', script]);
  return r.status === 0 && String(r.stdout).trim() === '1';
}

/**
 * Makes sure Electron has its build. Resolves to { ok: true, binary } or
 * { ok: false, reason } where reason is one line naming the fixing command.
 */
export async function ensureElectronSqlite({ exe, root = ROOT, force = false, log = (line) => console.log(line) }) {
  const electronVersion = JSON.parse(fs.readFileSync(path.join(packageDir('electron'), 'package.json'), 'utf8')).version;
  const abi = electronAbi(exe);
  if (abi === null)
    return { ok: false, reason: `Electron ${electronVersion} did not report its ABI (is its binary complete?): run \`${native.ELECTRON_SQLITE_FIX}\`` };
  const status = electronSqliteStatus({ root, abi });
  if (!force && status.problem === null) return { ok: true, binary: status.binary };
  const staging = `${status.dir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    let via = 'prebuilt';
    let built = tryPrebuilt(staging, electronVersion, log);
    if (built && !loadsInElectron(exe, built)) built = null;
    if (!built) {
      via = 'source';
      built = tryCompile(staging, electronVersion, log);
      if (built && !loadsInElectron(exe, built)) built = null;
    }
    if (!built) {
      return {
        ok: false,
        reason: `better-sqlite3 could not be downloaded or compiled for Electron ${electronVersion} (ABI ${abi}): run \`${native.ELECTRON_SQLITE_FIX}\` once online (compiling needs a C++ toolchain)`,
      };
    }
    fs.rmSync(status.dir, { recursive: true, force: true });
    fs.mkdirSync(status.dir, { recursive: true });
    fs.copyFileSync(built, status.binary);
    /** @type {import('../electron/native/sqliteBinding').NativeManifest} */
    const manifest = {
      module: 'better-sqlite3',
      moduleVersion: status.moduleVersion,
      runtime: 'electron',
      runtimeVersion: electronVersion,
      abi,
      platform: process.platform,
      arch: process.arch,
      via,
    };
    // The manifest last: a folder without one is never used.
    fs.writeFileSync(path.join(status.dir, native.MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    log(`better-sqlite3 for Electron ${electronVersion} (ABI ${abi}, ${via}) is in ${path.relative(root, status.dir)}`);
    return { ok: true, binary: status.binary };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { electronPackageDir, installedElectronBinary } = await import('./start.mjs');
  const exe = installedElectronBinary(electronPackageDir());
  if (!exe) {
    console.error('native:electron: the Electron binary is not installed yet: run `npm start` once online (it downloads it), then this again.');
    process.exit(1);
  }
  const result = await ensureElectronSqlite({ exe, force: process.argv.includes('--force') });
  if (!result.ok) {
    console.error(`native:electron: ${result.reason}`);
    process.exit(1);
  }
}

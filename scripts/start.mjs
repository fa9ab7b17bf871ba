#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run, the browser otherwise.
//
// The `electron` npm package (≥ 42) has no install script: its binary is
// fetched the first time it is needed. So this script
//   1. uses the binary when node_modules/electron already has it;
//   2. otherwise checks within a few seconds that the download host answers and,
//      if so, lets electron's own install.js fetch it (first run only);
//   3. makes sure Electron has its own build of better-sqlite3 (Electron's ABI
//      differs from Node's; scripts/electron-sqlite.mjs, first run only);
//   4. builds what is missing or stale (the renderer; the Electron bundles,
//      which take a second) and launches Electron;
//   5. when there is no binary or no SQLite build for it (offline, blocked) or
//      no display, says so in one line, with the command that fixes it, and
//      starts the HTTP host instead, opening a browser where one is found.
// `npm start -- --browser` goes straight to (5). Other arguments (e.g.
// `--data-dir <dir>`) are passed on to whichever host starts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const PROBE_TIMEOUT_MS = 5_000;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** Where node_modules/electron lives, or null when the package is not installed. */
export function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [ROOT] }));
  } catch {
    return null;
  }
}

/**
 * The Electron executable when it is installed, else null. Mirrors what the
 * package's index.js does, without its side effect: index.js starts a
 * download, with no timeout, the moment it is required.
 */
export function installedElectronBinary(pkgDir, env = process.env) {
  if (!pkgDir) return null;
  let relative;
  try {
    relative = fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const exe = env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(pkgDir, 'dist', relative);
  return fs.existsSync(exe) ? exe : null;
}

/** The base URL @electron/get downloads from (honouring the usual mirror settings). */
export function electronMirror(env = process.env) {
  return env.ELECTRON_MIRROR || env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.npm_package_config_electron_mirror || DEFAULT_MIRROR;
}

/** True when a window can be shown: always on Windows and macOS; on Linux, with X11 or Wayland. */
export function hasDisplay(platform = process.platform, env = process.env) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Newest modification time (ms) of any file under `dirs` (missing dirs count as 0). */
export function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) walk(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of dirs) walk(d);
  return newest;
}

/** The built renderer is stale when its index.html is missing or older than any of its sources. */
export function isRendererStale(root = ROOT) {
  let built;
  try {
    built = fs.statSync(path.join(root, 'dist', 'renderer', 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  const sources = ['renderer', 'core', 'vite.config.ts'].map((p) => path.join(root, p));
  return newestMtime(sources) > built;
}

/** Does the download host answer at all? A quick yes/no so an offline machine does not wait minutes. */
async function downloadHostAnswers(env) {
  // Node's fetch ignores HTTP(S)_PROXY; with a proxy configured, let @electron/get try (it can use one).
  if (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || env.ELECTRON_GET_USE_PROXY) return true;
  try {
    await fetch(electronMirror(env), { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true; // any HTTP answer, even a 404, means the host is reachable
  } catch {
    return false;
  }
}

/** Runs electron's own install.js (first run only); resolves to the binary or null. */
async function fetchElectron(pkgDir) {
  if (!pkgDir || process.env.RACKHIVE_NO_ELECTRON_DOWNLOAD) return null;
  if (!(await downloadHostAnswers(process.env))) return null;
  console.log('Downloading Electron for this machine (first run only)…');
  const result = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { stdio: 'inherit', timeout: DOWNLOAD_TIMEOUT_MS });
  if (result.status !== 0) return null;
  return installedElectronBinary(pkgDir);
}

function run(args, what) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal}).`);
}

function buildRendererIfStale() {
  if (!isRendererStale()) return;
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [ROOT] })), 'bin', 'vite.js');
  run([vite, 'build'], 'vite build');
}

/** `--data-dir <dir>` / `--data-dir=<dir>` for the Electron host, which reads RACKHIVE_DATA_DIR. */
export function dataDirArg(args) {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--data-dir') return args[i + 1] ?? null;
    if (a.startsWith('--data-dir=')) return a.slice('--data-dir='.length);
  }
  return null;
}

function launchElectron(exe, args) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the app into a plain Node.js process
  const dataDir = dataDirArg(args);
  if (dataDir) env.RACKHIVE_DATA_DIR = path.resolve(dataDir);
  const child = spawn(exe, [ROOT], { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

/** The one line printed before falling back to the browser host. */
export function browserFallbackLine(reason) {
  return `${String(reason).replace(/\s+/g, ' ').trim()}; starting Rackhive in your browser instead.`;
}

async function startInBrowser(reason, args) {
  console.log(browserFallbackLine(reason));
  const { register } = await import('tsx/esm/api');
  register();
  const { serveMain } = await import(pathToFileURL(path.join(ROOT, 'host', 'http', 'serveCli.ts')).href);
  // A browser is looked for only where one could show a window (xdg-open on a
  // headless box may start a text browser with no terminal); the URL is printed either way.
  const code = await serveMain([...(hasDisplay() ? ['--open'] : []), ...args]);
  // serveMain returns once the host has closed everything (SIGINT/SIGTERM).
  process.exit(typeof code === 'number' ? code : 0);
}

async function main(argv) {
  const browser = argv.includes('--browser');
  const args = argv.filter((a) => a !== '--browser');
  // Both hosts serve the built renderer: build it first when missing or older than its sources.
  buildRendererIfStale();
  if (browser) return startInBrowser('Browser mode requested (--browser)', args);
  const pkgDir = electronPackageDir();
  const installed = installedElectronBinary(pkgDir);
  if (!hasDisplay()) {
    // A headless machine: no window to show, so no point downloading Electron either.
    const why = installed
      ? 'No graphical display was found for the Electron window'
      : 'Electron is not installed on this machine (and there is no display for its window)';
    return startInBrowser(why, args);
  }
  const exe = installed ?? (await fetchElectron(pkgDir));
  if (!exe) return startInBrowser('Electron is not installed on this machine (its binary could not be downloaded; `npm start` tries again next time)', args);
  const { ensureElectronSqlite } = await import('./electron-sqlite.mjs');
  const sqlite = await ensureElectronSqlite({ exe });
  if (!sqlite.ok) return startInBrowser(sqlite.reason, args);
  run([path.join(ROOT, 'scripts', 'build-electron.mjs')], 'Electron bundle');
  launchElectron(exe, args);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}

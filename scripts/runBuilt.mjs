// The bin scripts' loader: the esbuild bundle in dist/node when it is there and
// no older than every project file it was made from; otherwise it is built
// first (the first run after a clone without `npm install`'s prepare step, or
// after an edit); and when it cannot be built (no esbuild: a production
// install), the TypeScript source runs through tsx, as before.
// RACKHIVE_FROM_SOURCE=1 skips the bundle (debugging with source positions).
//
// The bundle is CommonJS run through vm.Script with V8's code cache
// (dist/node/<name>.cjs.v8cache, written after the first run): Node 20 caches
// no compiled code for ES modules, and compiling the bundle was most of a start.
// V8 checks the cache against the source and its own version and ignores one
// that does not fit; a new one is then written.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, 'dist', 'node');

/** True when dist/node/<name>.cjs exists and none of its inputs changed after it was built. */
export function bundleIsFresh(name, root = ROOT) {
  const bundle = path.join(root, 'dist', 'node', `${name}.cjs`);
  let builtAt;
  let inputs;
  try {
    builtAt = fs.statSync(bundle).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'node', `${name}.inputs.json`), 'utf8')).inputs;
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  for (const f of inputs) {
    try {
      if (fs.statSync(path.join(root, f)).mtimeMs > builtAt) return false;
    } catch {
      return false; // a source file went away: rebuild
    }
  }
  return true;
}

/**
 * The module of bundle `name`, else of `source` (a path under the root) run through tsx.
 * @param {string} name
 * @param {string} source
 */
export async function loadBuilt(name, source) {
  if (!process.env.RACKHIVE_FROM_SOURCE) {
    let fresh = bundleIsFresh(name);
    if (!fresh) {
      try {
        const { buildNode } = await import('./build-node.mjs');
        await buildNode([name]);
        fresh = true;
      } catch (err) {
        // No esbuild (installed without dev dependencies) or a build error: run from source instead.
        if (process.env.RACKHIVE_DEBUG_BUILD)
          console.error(`rackhive: could not build ${name} (${err instanceof Error ? err.message : String(err)}); running from source`);
      }
    }
    if (fresh) return runCached(path.join(OUT_DIR, `${name}.cjs`));
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(ROOT, source)).href);
}

/** Runs a CommonJS bundle with V8's code cache beside it; returns its exports. */
function runCached(file) {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the first run's start-up, so the cache holds the functions a start compiled too.
    setImmediate(() => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only install: every start compiles, as without the cache.
      }
    }).unref();
  }
  return module.exports;
}

// The bin scripts' loader: the esbuild bundle in dist/node when it is there and
// no older than every project file it was made from; otherwise it is built
// first (the first run after a clone without `npm install`'s prepare step, or
// after an edit); and when it cannot be built (no esbuild: a production
// install), the TypeScript source runs through tsx, as before.
// RACKHIVE_FROM_SOURCE=1 skips the bundle (debugging with source positions).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, 'dist', 'node');

/** True when dist/node/<name>.mjs exists and none of its inputs changed after it was built. */
export function bundleIsFresh(name, root = ROOT) {
  const bundle = path.join(root, 'dist', 'node', `${name}.mjs`);
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
        if (process.env.RACKHIVE_DEBUG_BUILD) console.error(`rackhive: could not build ${name} (${err instanceof Error ? err.message : String(err)}); running from source`);
      }
    }
    if (fresh) return import(pathToFileURL(path.join(OUT_DIR, `${name}.mjs`)).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(path.join(ROOT, source)).href);
}

#!/usr/bin/env node
// Bundles the Node entry points with esbuild, so they run without compiling
// TypeScript at start:
//   cli/main.ts           → dist/node/rackhive.cjs (bin/rackhive.mjs)
//   host/http/serveCli.ts → dist/node/serve.cjs    (bin/serve.mjs, `npm run serve`)
// Run by `npm install` / `npm ci` (the prepare script) and, when a bundle is
// missing or older than its sources, by the bin scripts on first run
// (scripts/runBuilt.mjs). The built-in catalog is validated here, once
// (scripts/catalogPlugin.mjs). The bundles sit two folders below the root, as
// host/http/server.ts does, so its `../../dist/renderer` means the same folder.
// `node scripts/build-node.mjs [rackhive|serve]` builds only the named ones.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = path.join(ROOT, 'dist', 'node');

/** Each bundle: its name (dist/node/<name>.cjs) and its TypeScript entry. */
export const ENTRIES = {
  rackhive: 'cli/main.ts',
  serve: 'host/http/serveCli.ts',
};

/** Project files (not node_modules) a bundle was made from, kept beside it to tell when it is stale. */
export function inputsFile(name) {
  return path.join(OUT_DIR, `${name}.inputs.json`);
}

export async function buildNode(names = Object.keys(ENTRIES)) {
  const { build } = await import('esbuild');
  const { catalogPlugin } = await import('./catalogPlugin.mjs');
  const { zodEnglishOnly } = await import('./zodEnglishOnly.mjs');
  const plugin = await catalogPlugin();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // Built into a folder of its own, then renamed into place: a process starting
  // meanwhile loads the old bundle or the new one, never half of one.
  const tmp = fs.mkdtempSync(path.join(OUT_DIR, '.build-'));
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(names.map((n) => [n, ENTRIES[n]])),
      outdir: tmp,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      minify: true,
      // CommonJS, so scripts/runBuilt.mjs can load it through vm.Script with V8's
      // code cache (Node 20 has none for ES modules): compiling the bundle was most of a start.
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // import() becomes require() (playwright-core is CommonJS): a vm.Script has no module loader of its own.
      supported: { 'dynamic-import': false },
      // host/http/server.ts finds the renderer from import.meta.url.
      define: { 'import.meta.url': '__rhImportMetaUrl' },
      banner: { js: "const __rhImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      // Native and browser-driving packages stay real requires; playwright-core is loaded only for PDFs.
      external: ['better-sqlite3', 'playwright-core', 'electron'],
      legalComments: 'none',
      logLevel: 'warning',
      metafile: true,
      plugins: [plugin, zodEnglishOnly],
    });
    // The catalog's data files reach the bundle through the plugin, which esbuild does not list: add them.
    const catalog = fs
      .readdirSync(path.join(ROOT, 'assets', 'catalog'), { recursive: true })
      .filter((f) => String(f).endsWith('.json'))
      .map((f) => `assets/catalog/${String(f).split(path.sep).join('/')}`);
    for (const name of names) {
      const out = Object.values(result.metafile.outputs).find((o) => o.entryPoint === ENTRIES[name]);
      if (!out) throw new Error(`build-node: no output for ${name}`);
      const inputs = new Set(catalog);
      for (const f of Object.keys(out.inputs)) if (!f.includes('node_modules') && !f.includes(':')) inputs.add(f);
      fs.writeFileSync(path.join(tmp, `${name}.inputs.json`), JSON.stringify({ entry: ENTRIES[name], inputs: [...inputs].sort() }) + '\n');
      // The code cache belongs to the old bundle (V8 would reject it anyway).
      fs.rmSync(path.join(OUT_DIR, `${name}.cjs.v8cache`), { force: true });
      fs.renameSync(path.join(tmp, `${name}.cjs`), path.join(OUT_DIR, `${name}.cjs`));
      fs.renameSync(path.join(tmp, `${name}.inputs.json`), inputsFile(name));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return names.map((n) => path.relative(ROOT, path.join(OUT_DIR, `${n}.cjs`)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((n) => !(n in ENTRIES));
  if (unknown.length > 0) {
    console.error(`build-node: unknown entry ${unknown.join(', ')} (known: ${Object.keys(ENTRIES).join(', ')})`);
    process.exit(2);
  }
  const built = await buildNode(wanted.length > 0 ? wanted : undefined);
  console.log(`build-node: ${built.join(', ')}`);
}

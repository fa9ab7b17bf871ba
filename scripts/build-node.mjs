#!/usr/bin/env node
// Bundles the Node entry points with esbuild, so they run without compiling
// TypeScript at start:
//   cli/main.ts          → dist/node/rackhive.mjs  (bin/rackhive.mjs)
//   host/http/serveCli.ts → dist/node/serve.mjs    (bin/serve.mjs, `npm run serve`)
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

/** Each bundle: its name (dist/node/<name>.mjs) and its TypeScript entry. */
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
  // Built into a folder of its own, then moved in chunks first, entries last: a
  // process starting meanwhile loads the old entry (whose chunks are still there)
  // or the new one, never half of one.
  const tmp = fs.mkdtempSync(path.join(OUT_DIR, '.build-'));
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(names.map((n) => [n, ENTRIES[n]])),
      outdir: tmp,
      // Dynamic imports (the sheet command's host and Chromium code) become chunks loaded when used.
      splitting: true,
      // Chunks beside the entries: code from host/ keeps its `../../dist/renderer` meaning.
      chunkNames: 'chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Native and browser-driving packages stay real imports; playwright-core is loaded only for PDFs.
      external: ['better-sqlite3', 'playwright-core', 'electron'],
      // CommonJS dependencies bundled into ESM still call require() for Node's own modules.
      banner: { js: "import { createRequire as __rhCreateRequire } from 'node:module'; const require = __rhCreateRequire(import.meta.url);" },
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
    const outputs = Object.keys(result.metafile.outputs).map((o) => path.basename(o));
    const chunks = outputs.filter((o) => o.startsWith('chunk-'));
    for (const c of chunks) fs.renameSync(path.join(tmp, c), path.join(OUT_DIR, c));
    for (const name of names) {
      const out = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === ENTRIES[name]);
      const inputs = new Set(catalog);
      // Every project file in the entry and in the chunks it may load.
      for (const [, o] of Object.entries(result.metafile.outputs)) {
        if (o.entryPoint && o.entryPoint !== ENTRIES[name]) continue;
        for (const f of Object.keys(o.inputs)) if (!f.includes('node_modules') && !f.includes(':')) inputs.add(f);
      }
      if (!out) throw new Error(`build-node: no output for ${name}`);
      fs.writeFileSync(path.join(tmp, `${name}.inputs.json`), JSON.stringify({ entry: ENTRIES[name], inputs: [...inputs].sort() }) + '\n');
      fs.renameSync(path.join(tmp, `${name}.inputs.json`), inputsFile(name));
      fs.renameSync(path.join(tmp, `${name}.mjs`), path.join(OUT_DIR, `${name}.mjs`));
    }
    removeUnusedChunks();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return names.map((n) => path.relative(ROOT, path.join(OUT_DIR, `${n}.mjs`)));
}

/** Chunks no entry imports any more (left by earlier builds). */
function removeUnusedChunks() {
  const used = new Set();
  const visit = (file) => {
    if (used.has(file)) return;
    used.add(file);
    let text;
    try {
      text = fs.readFileSync(path.join(OUT_DIR, file), 'utf8');
    } catch {
      return;
    }
    for (const m of text.matchAll(/["'.]\/(chunk-[A-Za-z0-9_-]+\.mjs)["']/g)) visit(m[1]);
  };
  for (const name of Object.keys(ENTRIES)) visit(`${name}.mjs`);
  for (const f of fs.readdirSync(OUT_DIR)) if (f.startsWith('chunk-') && !used.has(f)) fs.rmSync(path.join(OUT_DIR, f), { force: true });
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

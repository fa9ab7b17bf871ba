#!/usr/bin/env node
// Bundles the Electron side with esbuild:
//   electron/main.ts    → dist-electron/main.cjs    (CommonJS; better-sqlite3 stays a real require)
//   electron/preload.ts → dist-electron/preload.cjs (one CommonJS file, as a sandboxed preload must be)
// `#core/*`, `#db/*`, … resolve through package.json "imports", which esbuild reads.
//
// The preload needs only the contract's channel names, not its zod schemas: the
// `#core/api/contract` import is replaced, in the preload bundle only, by the
// CHANNELS list read from the contract itself (keeps the preload a few KB, not ~700 KB).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { catalogPlugin } from './catalogPlugin.mjs';
import { zodEnglishOnly } from './zodEnglishOnly.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir <dir>`: build elsewhere (the bundle smoke test); default dist-electron/.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 && process.argv[outdirFlag + 1] ? path.resolve(process.argv[outdirFlag + 1]) : path.join(root, 'dist-electron');

const { CHANNELS } = await tsImport('../core/api/contract.ts', import.meta.url);
if (!Array.isArray(CHANNELS) || CHANNELS.length === 0) throw new Error('build-electron: no CHANNELS in core/api/contract.ts');

/** @type {import('esbuild').Plugin} */
const channelsOnly = {
  name: 'contract-channels-only',
  setup(b) {
    b.onResolve({ filter: /^#core\/api\/contract$/ }, () => ({ path: 'contract-channels', namespace: 'rackhive' }));
    b.onLoad({ filter: /.*/, namespace: 'rackhive' }, () => ({
      contents: `export const CHANNELS = ${JSON.stringify(CHANNELS)};`,
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked', // for readable stack traces while developing; electron-builder.yml leaves *.map out
  legalComments: 'none',
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: path.join(outdir, 'main.cjs'),
    external: ['electron', 'better-sqlite3'],
    // The catalog validated here, not at each start; zod without its translations.
    plugins: [await catalogPlugin(), zodEnglishOnly],
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
    plugins: [channelsOnly],
  }),
]);
console.log(`build-electron: ${path.relative(root, outdir) || '.'}/{main,preload}.cjs (${CHANNELS.length} channels)`);

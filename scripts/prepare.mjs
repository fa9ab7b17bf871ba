#!/usr/bin/env node
// `npm install` / `npm ci` (the prepare script): builds the Node bundles
// (scripts/build-node.mjs) and the Electron main/preload bundles
// (scripts/build-electron.mjs) once, so nothing compiles TypeScript at start.
// Offline-safe (esbuild is a local package). A failure here never fails the
// install: the bin scripts build on first run, or run from source.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const script of ['scripts/build-node.mjs', 'scripts/build-electron.mjs']) {
  const r = spawnSync(process.execPath, [script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.warn(`prepare: ${script} failed (exit ${r.status ?? r.signal}); it is built again on first run.`);
}

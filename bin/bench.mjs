#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn; each prints its own figures.
// Pass names to run a subset: `npm run bench -- check perf`.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const dir = fileURLToPath(new URL('../bench/', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) console.log('no benchmarks matched');
for (const f of files) {
  console.log(`\n== ${f.replace(/\.bench\.ts$/, '')} ==`);
  const mod = await import(join(dir, f));
  if (typeof mod.default === 'function') await mod.default();
}

#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn; each prints its lines
// (figure, same-run baseline, ratio, goal: bench/harness.ts), and all of them
// are written to bench-results.json. Pass names to run a subset:
// `npm run bench -- check startup`. Data sets are generated in a temporary folder.
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'bench');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) console.log('no benchmarks matched');
const { results } = await import(pathToFileURL(join(dir, 'harness.ts')).href);
const started = new Date();
for (const f of files) {
  console.log(`\n== ${f.replace(/\.bench\.ts$/, '')} ==`);
  const mod = await import(pathToFileURL(join(dir, f)).href);
  try {
    if (typeof mod.default === 'function') await mod.default();
  } catch (err) {
    console.log(`${f}: failed (${err instanceof Error ? (err.stack ?? err.message) : String(err)})`);
    results.skipped.push({ what: f, why: `failed: ${err instanceof Error ? err.message : String(err)}` });
  }
}
const out = join(root, 'bench-results.json');
const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, loadavg: os.loadavg(), node: process.version, platform: process.platform };
writeFileSync(
  out,
  JSON.stringify({ startedAt: started.toISOString(), finishedAt: new Date().toISOString(), machine, benches: files, ...results }, null, 2) + '\n',
);
const over = results.rows.filter((r) => r.met === false);
console.log(`\n${results.rows.length} rows, ${over.length} over their goal, ${results.skipped.length} skipped; written to bench-results.json`);

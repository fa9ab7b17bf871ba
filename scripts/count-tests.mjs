#!/usr/bin/env node
// Sums the vitest JSON reports in a folder and prints "N passed, N failed".
// A report that is missing (its step never ran) counts as nothing run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
// The exit status of the test command: a failure that no report counted (typecheck,
// lint, a crash before any report) still shows as one failure.
const status = Number(process.argv[3] ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of readdirSync(dir).filter((n) => /^vitest-.*\.json$/.test(n))) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);

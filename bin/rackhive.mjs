#!/usr/bin/env node
// The CLI: the esbuild bundle (dist/node/rackhive.cjs, built by `npm install`
// or on first run), or the TypeScript source through tsx when it cannot be built.
import { loadBuilt } from '../scripts/runBuilt.mjs';

// Output piped into `head` or a pager that closes early is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const { main } = await loadBuilt('rackhive', 'cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

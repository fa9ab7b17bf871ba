#!/usr/bin/env node
// `npm run serve`: the HTTP host, from its esbuild bundle (dist/node/serve.mjs)
// or, when that cannot be built, from the TypeScript source through tsx.
import { loadBuilt } from '../scripts/runBuilt.mjs';

const { serveMain } = await loadBuilt('serve', 'host/http/serveCli.ts');
const code = await serveMain(process.argv.slice(2));
// Everything is closed by now; exit explicitly so a stray handle cannot keep the terminal.
process.exit(code);

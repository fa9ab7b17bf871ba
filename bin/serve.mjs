#!/usr/bin/env node
// `npm run serve`: the HTTP host, run through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
const { serveMain } = await import('../host/http/serveCli.ts');
const code = await serveMain(process.argv.slice(2));
// Everything is closed by now; exit explicitly so a stray handle cannot keep the terminal.
process.exit(code);

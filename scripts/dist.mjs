#!/usr/bin/env node
// `npm run dist`: electron-builder with the native rebuild aimed at Electron.
// An npm config that sets `nodedir` (to Node's own headers) makes the rebuild of
// better-sqlite3 silently compile against Node's ABI while labelling it as
// Electron's; so that setting is dropped for this one child process. Extra
// arguments go to electron-builder (e.g. `npm run dist -- --linux`).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];

const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));

// `npm run serve -- [--port <n>] [--data-dir <dir>] [--static-dir <dir>] [--open|--no-open]`.
// Starts the HTTP host, prints the page URL (with its token) and the data
// folder, and runs until SIGINT/SIGTERM, closing the database and lock on the way out.
// `npm start` reuses serveMain when the Electron binary is missing.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiFailure } from '#core/api/errors';
import { defaultDataDir } from '../dataDir';
import { openBrowser } from './openBrowser';
import { startHttpHost, type HttpHost } from './server';

export interface ServeIO {
  out(line: string): void;
  err(line: string): void;
}

const stdio: ServeIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

export const SERVE_USAGE = [
  'Usage: npm run serve -- [--port <n>] [--data-dir <dir>] [--static-dir <dir>] [--open | --no-open]',
  '',
  '  --port <n>         port on 127.0.0.1 (default 0: a free port)',
  "  --data-dir <dir>   data folder (default: the desktop app's, so both show one inventory)",
  '  --static-dir <dir> built renderer to serve (default dist/renderer)',
  '  --open             open the page in a browser; --no-open (default) only prints the URL',
].join('\n');

export interface ServeOptions {
  port: number;
  dataDir: string;
  staticDir: string | undefined;
  open: boolean;
}

/** Pure: argv → options, or a usage error message. */
export function parseServeArgs(argv: string[]): { ok: true; options: ServeOptions } | { ok: false; help: boolean; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'static-dir': { type: 'string' },
        open: { type: 'boolean' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { ok: false, help: false, message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { ok: false, help: true, message: SERVE_USAGE };
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, help: false, message: `--port must be a whole number from 0 to 65535, not '${values.port}'` };
  }
  if (values['data-dir'] === '') return { ok: false, help: false, message: '--data-dir must not be empty' };
  return {
    ok: true,
    options: {
      port,
      dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
      staticDir: values['static-dir'] === undefined ? undefined : path.resolve(values['static-dir']),
      open: Boolean(values.open) && !values['no-open'],
    },
  };
}

/** Runs the host; resolves with the exit code once it has stopped (0 after SIGINT/SIGTERM). */
export async function serveMain(argv: string[], io: ServeIO = stdio): Promise<number> {
  const parsed = parseServeArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      io.out(parsed.message);
      return 0;
    }
    io.err(`rackhive serve: ${parsed.message}`);
    io.err(SERVE_USAGE);
    return 2;
  }
  const { options } = parsed;
  let host;
  try {
    host = await startHttpHost({ port: options.port, dataDir: options.dataDir, staticDir: options.staticDir });
  } catch (err) {
    io.err(`rackhive serve: ${startFailure(err, options.port)}`);
    return 1;
  }
  io.out(`Rackhive is running at ${host.pageUrl}`);
  io.out(`Data: ${host.dataDir}`);
  if (host.recovery) for (const line of recoveryLines(host.recovery)) io.err(line);
  if (!fs.existsSync(path.join(host.staticDir, 'index.html'))) {
    io.err(`Note: the renderer is not built (${host.staticDir} has no index.html). Run \`npm run build:renderer\`.`);
  }
  if (options.open) openBrowser(host.pageUrl);

  const running = host;
  return new Promise<number>((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const stop = () => {
      for (const s of signals) process.off(s, stop);
      // A second Ctrl+C while closing ends the process at once (the lock is released on exit).
      process.once('SIGINT', () => process.exit(130));
      running.close().then(
        () => resolve(0),
        (err: unknown) => {
          io.err(`rackhive serve: error while stopping: ${err instanceof Error ? err.message : String(err)}`);
          resolve(1);
        },
      );
    };
    for (const s of signals) process.on(s, stop);
  });
}

/** Pure: the start-up recovery notice as lines for the terminal. */
export function recoveryLines(notice: NonNullable<HttpHost['recovery']>): string[] {
  const lines =
    notice.reason === 'damaged'
      ? [`Warning: the database was damaged (${notice.problem}) and was moved aside, unchanged, to ${notice.movedTo ?? '(nothing to move)'}.`]
      : [`Warning: ${notice.problem}.`];
  const b = notice.offeredBackup;
  lines.push(
    b
      ? `The newest good backup is ${b.file} (taken ${b.takenAt}): restore it in Settings → Backups.`
      : 'No good backup was found; Rackhive started with an empty database.',
  );
  return lines;
}

/** Pure: a start-up failure → one line a person can act on. */
export function startFailure(err: unknown, port: number): string {
  if (err instanceof ApiFailure) return err.message;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'EADDRINUSE') return `port ${port} on 127.0.0.1 is already in use; pick another with --port, or --port 0 for any free one.`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}; use a port above 1023.`;
  return err instanceof Error ? err.message : String(err);
}

// Helpers for tests that run real child processes (tsx-loaded TypeScript or bin/*.mjs).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching `re` (rejects if the process ends first or after timeoutMs). */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startChild(args: string[], options: { tsx?: boolean } = {}): Child {
  const argv = options.tsx ? ['--import', 'tsx', ...args] : args;
  const proc = spawn(process.execPath, argv, { cwd: PROJECT_ROOT, env: { ...process.env, NODE_OPTIONS: '' } });
  let out = '';
  let err = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(re, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re);
          if (m) {
            cleanup();
            resolve(m);
          }
        };
        const onExit = () => {
          check();
          cleanup();
          reject(new Error(`process ended before printing ${re}\nstdout: ${out}\nstderr: ${err}`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${re}\nstdout: ${out}\nstderr: ${err}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          proc.stdout.off('data', check);
          proc.off('exit', onExit);
        };
        proc.stdout.on('data', check);
        proc.on('exit', onExit);
        check();
      });
    },
  };
}

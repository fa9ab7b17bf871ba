// Shared by the safety tests: child processes running plain .mjs fixtures
// (no TypeScript loader, so hundreds of starts stay quick), a seeded random
// source, and reading a database's user-visible state.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'safety');

export interface Proc {
  proc: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  /** Resolves once stdout holds a line matching `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves once stdout holds `count` lines starting with `prefix` (progress, not time: a busy machine only makes it later). */
  waitForLines(prefix: string, count: number, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node <fixture> …args`, or through `bash -c` when `shellPrefix` is given (e.g. "ulimit -f 200;"). */
/** `tsx`: load TypeScript in the same process (`--import tsx`, no grandchild to outlive a SIGKILL). */
export function runFixture(fixture: string, args: string[], options: { shellPrefix?: string; tsx?: boolean } = {}): Proc {
  const script = path.join(FIXTURES, fixture);
  const nodeArgs = [...(options.tsx ? ['--import', 'tsx'] : []), script, ...args];
  const env = { ...process.env, NODE_OPTIONS: '' };
  const proc = options.shellPrefix
    ? spawn('bash', ['-c', `${options.shellPrefix} exec "$0" "$@"`, process.execPath, ...nodeArgs], { cwd: PROJECT_ROOT, env })
    : spawn(process.execPath, nodeArgs, { cwd: PROJECT_ROOT, env });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  proc.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of [...waiters]) w();
  });
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    out: () => out,
    err: () => err,
    exited,
    waitFor(re, timeoutMs) {
      return until(() => out.match(re), String(re), timeoutMs);
    },
    waitForLines(prefix, count, timeoutMs) {
      const lines = () => out.split('\n').filter((l) => l.startsWith(prefix)).length;
      return until(() => (lines() >= count ? true : null), `${count} lines starting '${prefix}'`, timeoutMs).then(() => undefined);
    },
  };

  function until<T>(found: () => T | null, what: string, timeoutMs = 120_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\nstdout: ${out.slice(-2000)}\nstderr: ${err}`)), timeoutMs);
      const check = () => {
        const m = found();
        if (m) {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve(m);
        }
      };
      waiters.push(check);
      void exited.then(() => {
        if (waiters.includes(check)) {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          const m = found();
          if (m) resolve(m);
          else reject(new Error(`process ended before printing ${what}\nstdout: ${out.slice(-2000)}\nstderr: ${err}`));
        }
      });
      check();
    });
  }
}

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a person would see of a database: items, builds, settings (by key → value), plus the checks. */
export function readState(file: string): { state: Map<string, string>; integrity: string; foreignKeyProblems: unknown[] } {
  const db = new Database(file);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const foreignKeyProblems = db.pragma('foreign_key_check') as unknown[];
    const state = new Map<string, string>();
    for (const r of db.prepare<[], { id: string; notes: string }>('SELECT id, notes FROM inventory_items').all()) state.set(`item:${r.id}`, r.notes);
    for (const r of db.prepare<[], { id: number; name: string }>('SELECT id, name FROM builds').all()) state.set(`build:${r.id}`, r.name);
    for (const r of db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all()) state.set(`setting:${r.key}`, r.value);
    return { state, integrity, foreignKeyProblems };
  } finally {
    db.close();
  }
}

// One writer per data folder, with real processes holding the lock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '#core/api/errors';
import { acquireDataDirLock, LOCK_FILE_NAME, parseLockInfo, UNREADABLE_LOCK_GRACE_MS } from '#host/lock';
import { startChild, type Child } from './childProcess';

const FIXTURE = 'test/integration/http/fixtures/holdLock.ts';
let dataDir: string;
let lockPath: string;
const children: Child[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-lock-'));
  lockPath = path.join(dataDir, LOCK_FILE_NAME);
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function holdInChild(exitAfterMs?: number): Child {
  const child = startChild([FIXTURE, dataDir, ...(exitAfterMs ? [String(exitAfterMs)] : [])], { tsx: true });
  children.push(child);
  return child;
}

function lockedError(fn: () => unknown): ApiFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiFailure) return err;
    throw err;
  }
  throw new Error('expected LOCKED');
}

describe('data-folder lock', () => {
  it('refuses while a live process holds it, naming its pid and URL; takes it over once that process is killed', async () => {
    const child = holdInChild();
    const [, pid] = await child.waitForLine(/held (\d+)/);
    expect(Number(pid)).toBe(child.proc.pid);

    const err = lockedError(() => acquireDataDirLock(dataDir, { host: 'http' }));
    expect(err.code).toBe('LOCKED');
    expect(err.message).toContain(`pid ${child.proc.pid}`);
    expect(err.message).toContain('http://127.0.0.1:5999/#token=child-token');
    expect(parseLockInfo(fs.readFileSync(lockPath, 'utf8'))?.pid).toBe(child.proc.pid);

    child.proc.kill('SIGKILL');
    await child.exited;
    expect(fs.existsSync(lockPath)).toBe(true); // a killed process leaves its lock behind…

    const lock = acquireDataDirLock(dataDir, { host: 'electron' }); // …which is stale and taken over
    const info = parseLockInfo(fs.readFileSync(lockPath, 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, host: 'electron' });
    expect(fs.statSync(lockPath).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual([LOCK_FILE_NAME]); // nothing left aside
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
    lock.release(); // twice is harmless
  });

  it('a child stopped by SIGTERM releases its lock on the way out', async () => {
    const child = holdInChild();
    await child.waitForLine(/held/);
    child.proc.kill('SIGTERM');
    const { signal } = await child.exited;
    expect(signal).toBe('SIGTERM'); // the signal still ends the process as it would have
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('a child that exits normally releases its lock', async () => {
    const child = holdInChild(50);
    await child.waitForLine(/held/);
    expect((await child.exited).code).toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('one process cannot hold the same folder twice', () => {
    const lock = acquireDataDirLock(dataDir, { host: 'http' });
    expect(lockedError(() => acquireDataDirLock(dataDir, { host: 'http' })).code).toBe('LOCKED');
    lock.release();
    acquireDataDirLock(dataDir, { host: 'http' }).release();
  });

  it('respects a fresh unreadable lock (being written) and takes over an old one', () => {
    fs.writeFileSync(lockPath, '');
    expect(lockedError(() => acquireDataDirLock(dataDir, { host: 'http' })).message).toContain('starting');
    const old = new Date(Date.now() - UNREADABLE_LOCK_GRACE_MS - 1000);
    fs.utimesSync(lockPath, old, old);
    const lock = acquireDataDirLock(dataDir, { host: 'http' });
    expect(parseLockInfo(fs.readFileSync(lockPath, 'utf8'))?.pid).toBe(process.pid);
    lock.release();
  });

  it('release never removes a lock that is no longer ours', () => {
    const lock = acquireDataDirLock(dataDir, { host: 'http' });
    const foreign = JSON.stringify({ ...lock.info, nonce: 'someone-else' });
    fs.writeFileSync(lockPath, foreign);
    lock.release();
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(foreign);
  });

  it('creates the data folder when it does not exist', () => {
    const nested = path.join(dataDir, 'a', 'b');
    const lock = acquireDataDirLock(nested, { host: 'http' });
    expect(fs.existsSync(path.join(nested, LOCK_FILE_NAME))).toBe(true);
    lock.release();
  });
});

import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { isLockHeld, lockedMessage, parseLockInfo, UNREADABLE_LOCK_GRACE_MS, type LockInfo } from '#host/lock';

const here = os.hostname();
const httpLock: LockInfo = {
  pid: 4242,
  hostname: here,
  host: 'http',
  url: 'http://127.0.0.1:5000/#token=abc',
  startedAt: '2025-01-01T00:00:00.000Z',
  nonce: 'n1',
};

describe('parseLockInfo', () => {
  it('reads what acquire writes', () => {
    expect(parseLockInfo(JSON.stringify(httpLock))).toEqual(httpLock);
  });
  it.each([
    ['', 'empty (mid-write)'],
    ['{', 'truncated'],
    ['null', 'null'],
    ['[]', 'array'],
    [JSON.stringify({ ...httpLock, pid: '4242' }), 'pid as string'],
    [JSON.stringify({ ...httpLock, pid: 0 }), 'pid 0'],
    [JSON.stringify({ ...httpLock, pid: 1.5 }), 'fractional pid'],
    [JSON.stringify({ ...httpLock, host: 'toaster' }), 'unknown host kind'],
    [JSON.stringify({ ...httpLock, url: 5 }), 'url not a string'],
    [JSON.stringify({ ...httpLock, nonce: undefined }), 'no nonce'],
  ])('%j (%s) → null', (text) => {
    expect(parseLockInfo(text)).toBeNull();
  });
});

describe('isLockHeld', () => {
  const alive = (pid: number) => pid === 4242;
  it.each<[string, LockInfo | null, number, boolean]>([
    ['live pid on this machine', httpLock, 60_000, true],
    ['dead pid on this machine: stale', { ...httpLock, pid: 999 }, 1, false],
    ['pid on another machine cannot be checked: held', { ...httpLock, pid: 999, hostname: 'other-box' }, 60_000, true],
    ['unreadable and fresh: being written', null, 10, true],
    ['unreadable and old: stale', null, UNREADABLE_LOCK_GRACE_MS + 1, false],
  ])('%s', (_name, info, ageMs, expected) => {
    expect(isLockHeld(info, { hostname: here, ageMs, isAlive: alive })).toBe(expected);
  });
});

describe('lockedMessage', () => {
  it('names the pid and the URL of an HTTP host, on one line', () => {
    const msg = lockedMessage(httpLock, '/data/Rackhive', '/data/Rackhive/rackhive.lock');
    expect(msg).toContain('pid 4242');
    expect(msg).toContain('open http://127.0.0.1:5000/#token=abc instead');
    expect(msg).toContain('/data/Rackhive');
    expect(msg).not.toContain('\n');
  });
  it('names the desktop app and the other machine', () => {
    const msg = lockedMessage({ ...httpLock, host: 'electron', url: undefined, hostname: 'other-box' }, '/d', '/d/rackhive.lock');
    expect(msg).toContain('desktop app, pid 4242 on other-box');
    expect(msg).toContain('delete /d/rackhive.lock');
  });
  it('names a rackhive command that holds the folder for a moment', () => {
    const cli: LockInfo = { ...httpLock, host: 'cli', url: undefined };
    expect(parseLockInfo(JSON.stringify(cli))).toEqual(cli);
    const msg = lockedMessage(cli, '/d', '/d/rackhive.lock');
    expect(msg).toContain('A rackhive command (pid 4242) is using the data folder /d: wait for it to finish.');
    expect(msg).not.toContain('\n');
  });
  it('handles a lock that cannot be read yet', () => {
    expect(lockedMessage(null, '/d', '/d/rackhive.lock')).toContain('starting');
  });
});

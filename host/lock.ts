// One writer per data directory. Two processes writing one SQLite file through
// different caches is how inventories get lost, so whichever host opens a data
// folder first holds a lock file in it, and a second host is refused with a
// message saying who holds it (and, for an HTTP host, the URL to open instead).
// A lock left by a process that no longer exists (crash, SIGKILL, power loss)
// is taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiFailure } from '#core/api/errors';

export const LOCK_FILE_NAME = 'rackhive.lock';

export type HostKind = 'electron' | 'http' | 'cli';
/** Who holds a lock: a host, or a `rackhive` command writing for a moment. */
export type LockHolder = HostKind;

/** What the lock file holds (JSON). */
export interface LockInfo {
  pid: number;
  hostname: string;
  host: LockHolder;
  /** HTTP host only: the page URL with its token, so a second start can point the person at it. */
  url?: string;
  startedAt: string;
  /** Tells this acquisition's file apart from a later one with a reused pid. */
  nonce: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly info: LockInfo;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

export interface AcquireOptions {
  host: LockHolder;
  url?: string;
  now?: () => Date;
}

/** Pure: the lock file's text → its info, or null when it is not a lock we wrote. */
export function parseLockInfo(text: string): LockInfo | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.pid !== 'number' || !Number.isInteger(r.pid) || r.pid <= 0) return null;
  if (r.host !== 'electron' && r.host !== 'http' && r.host !== 'cli') return null;
  if (typeof r.hostname !== 'string' || typeof r.startedAt !== 'string' || typeof r.nonce !== 'string') return null;
  if (r.url !== undefined && typeof r.url !== 'string') return null;
  return { pid: r.pid, hostname: r.hostname, host: r.host, url: r.url as string | undefined, startedAt: r.startedAt, nonce: r.nonce };
}

/** A lock file being written right now may briefly be empty: respect it this long. */
export const UNREADABLE_LOCK_GRACE_MS = 5_000;

/**
 * Pure: is an existing lock still held? A pid on another machine (a shared
 * folder) cannot be checked, so it counts as held; an unreadable file counts as
 * held only while it is young enough to be mid-write.
 */
export function isLockHeld(info: LockInfo | null, facts: { hostname: string; ageMs: number; isAlive: (pid: number) => boolean }): boolean {
  if (info === null) return facts.ageMs < UNREADABLE_LOCK_GRACE_MS;
  if (info.hostname !== facts.hostname) return true;
  return facts.isAlive(info.pid);
}

/** Pure: the one-line LOCKED message. */
export function lockedMessage(info: LockInfo | null, dataDir: string, lockPath: string, thisHostname: string = os.hostname()): string {
  const ifNot = `If no Rackhive is running, delete ${lockPath}.`;
  if (info === null) return `Another Rackhive is starting on the data folder ${dataDir}. Try again in a few seconds. ${ifNot}`;
  const where = info.hostname === thisHostname ? `pid ${info.pid}` : `pid ${info.pid} on ${info.hostname}`;
  if (info.host === 'cli') return `A rackhive command (${where}) is using the data folder ${dataDir}: wait for it to finish. ${ifNot}`;
  if (info.host === 'http') {
    const open = info.url ? `open ${info.url} instead, or stop it first` : 'stop it first';
    return `Another Rackhive (HTTP host, ${where}) is using the data folder ${dataDir}: ${open}. ${ifNot}`;
  }
  return `Another Rackhive (desktop app, ${where}) is using the data folder ${dataDir}: switch to its window, or quit it first. ${ifNot}`;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string, options: AcquireOptions): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const info: LockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    host: options.host,
    ...(options.url ? { url: options.url } : {}),
    startedAt: (options.now ?? (() => new Date()))().toISOString(),
    nonce: randomBytes(12).toString('hex'),
  };
  // A few rounds: each lost race (someone else created or replaced the file) re-judges from scratch.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockPath, info)) return track(lockPath, info);
    const existing = readIfExists(lockPath);
    if (existing === null) continue; // vanished between our create and read: try again
    const held = isLockHeld(parseLockInfo(existing.text), { hostname: os.hostname(), ageMs: existing.ageMs, isAlive: isProcessAlive });
    if (held) throw new ApiFailure('LOCKED', lockedMessage(parseLockInfo(existing.text), dataDir, lockPath));
    takeOverStale(lockPath, existing.text);
  }
  throw new ApiFailure('LOCKED', lockedMessage(null, dataDir, lockPath));
}

function tryCreate(lockPath: string, info: LockInfo): boolean {
  let fd: number;
  try {
    // 'wx' = O_CREAT|O_EXCL: exactly one process can create the file. 0600: the URL in it carries the page token.
    fd = fs.openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeFileSync(fd, JSON.stringify(info) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readIfExists(lockPath: string): { text: string; ageMs: number } | null {
  try {
    const text = fs.readFileSync(lockPath, 'utf8');
    const ageMs = Date.now() - fs.statSync(lockPath).mtimeMs;
    return { text, ageMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Moves the stale file aside under a unique name (rename is atomic), then checks
 * that what was moved is the stale lock that was judged: if a competitor had
 * meanwhile replaced it with a live lock, that one is put back (link never overwrites).
 */
function takeOverStale(lockPath: string, staleText: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') !== staleText) {
      try {
        fs.linkSync(aside, lockPath);
      } catch {
        // Someone holds the path again already; the next round judges that one.
      }
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

// Locks this process holds, released on exit and on a fatal signal.
const held = new Map<string, LockInfo>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function track(lockPath: string, info: LockInfo): DataDirLock {
  held.set(lockPath, info);
  if (held.size === 1) installHooks();
  let released = false;
  return {
    path: lockPath,
    info,
    release() {
      if (released) return;
      released = true;
      removeIfOurs(lockPath, info);
      held.delete(lockPath);
      if (held.size === 0) removeHooks();
    },
  };
}

function removeIfOurs(lockPath: string, info: LockInfo): void {
  try {
    if (parseLockInfo(fs.readFileSync(lockPath, 'utf8'))?.nonce === info.nonce) fs.unlinkSync(lockPath);
  } catch {
    // Already gone, or the folder is unreadable: nothing of ours to remove.
  }
}

function releaseAll(): void {
  for (const [lockPath, info] of held) removeIfOurs(lockPath, info);
  held.clear();
}

/**
 * On a signal, a host that handles it itself (serve's graceful close) is left
 * alone; when nobody else listens, the lock is released and the signal re-raised
 * so the process still ends the way it would have.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  removeHooks();
  process.kill(process.pid, signal);
}

function installHooks(): void {
  process.on('exit', releaseAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function removeHooks(): void {
  process.off('exit', releaseAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}

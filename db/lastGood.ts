// The last good state of the database file: what it looked like (size, mtime,
// ctime, SQLite's change counter) when the app last closed it cleanly, after a
// start-up check had passed (or been rightly skipped), and whether a backup then
// held everything in it. A start that finds the file exactly so skips the
// read-only check (quick_check reads every page: 20 s at a million items) and,
// when nothing was left un-backed-up, the start-up backup. Anything else (a
// crash, a -wal with pages, the file touched by anything but Rackhive, a
// missing or unreadable record) means a full check, as before. The record is
// removed when the file is opened for writing, so a crash never leaves one that
// vouches for a file it no longer describes.
import fs from 'node:fs';
import path from 'node:path';

export const LAST_GOOD_FILE = 'last-good-check.json';

/** Byte offset of the file change counter in an SQLite header (4 bytes, big-endian). */
const CHANGE_COUNTER_OFFSET = 24;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Changes with any write or rename onto the path, and cannot be set back by a tool the way mtime can. */
  ctimeMs: number;
  ino: number;
  changeCounter: number;
}

export interface LastGood {
  file: string;
  stamp: FileStamp;
  /** True when a backup held all of the person's data at that close (or there was none to hold). */
  backedUp: boolean;
  closedAt: string;
}

/** The stamp of `file`, or null when it is missing, too short, or has a -wal with pages beside it (its state is not the file alone). */
export function stampOf(file: string): FileStamp | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
    const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
    if (wal && wal.size > 0) return null;
  } catch {
    return null;
  }
  if (st.size < 100) return null;
  const header = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, header, 0, 4, CHANGE_COUNTER_OFFSET) < 4) return null;
  } finally {
    fs.closeSync(fd);
  }
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, changeCounter: header.readUInt32BE(0) };
}

export function sameStamp(a: FileStamp, b: FileStamp | null): boolean {
  return b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.changeCounter === b.changeCounter;
}

export function readLastGood(dataDir: string): LastGood | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dataDir, LAST_GOOD_FILE), 'utf8')) as LastGood;
    return v && typeof v === 'object' && v.stamp && typeof v.stamp.size === 'number' && typeof v.file === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** What the start-up may skip for `file`: nothing unless it is exactly as last closed. */
export function unchangedSinceLastGood(dataDir: string, fileName: string): { unchanged: boolean; backedUp: boolean } {
  const last = readLastGood(dataDir);
  if (!last || last.file !== fileName) return { unchanged: false, backedUp: false };
  const unchanged = sameStamp(last.stamp, stampOf(path.join(dataDir, fileName)));
  return { unchanged, backedUp: unchanged && last.backedUp === true };
}

/** Written after a clean close (the WAL folded in), under a temporary name and renamed. */
export function writeLastGood(dataDir: string, fileName: string, backedUp: boolean, now: Date): void {
  const stamp = stampOf(path.join(dataDir, fileName));
  if (!stamp) return clearLastGood(dataDir);
  const file = path.join(dataDir, LAST_GOOD_FILE);
  const record: LastGood = { file: fileName, stamp, backedUp, closedAt: now.toISOString() };
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(record) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

export function clearLastGood(dataDir: string): void {
  fs.rmSync(path.join(dataDir, LAST_GOOD_FILE), { force: true });
}

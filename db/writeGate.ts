// A long write (an import) runs on a connection of its own and holds the
// file's write lock for its whole transaction. A write on the app's connection
// meanwhile would wait for the lock with the event loop blocked (SQLite's
// busy wait is synchronous), freezing every request: it is refused at once
// instead, saying what runs and how far it is.
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';

interface LongWrite {
  label: string;
  fraction: number;
}

const running = new Map<string, LongWrite>();

export interface LongWriteHandle {
  progress(fraction: number): void;
  end(): void;
}

/** Marks `db`'s file as being written by a long write until `end()`. */
export function beginLongWrite(db: Database.Database, label: string): LongWriteHandle {
  const key = db.name;
  if (running.has(key)) throw new ApiFailure('CONFLICT', `${running.get(key)!.label} is already being written; wait until it finishes.`);
  const state: LongWrite = { label, fraction: 0 };
  running.set(key, state);
  return {
    progress: (fraction) => (state.fraction = fraction),
    end: () => {
      if (running.get(key) === state) running.delete(key);
    },
  };
}

/** The long write running on `db`'s file, or null. */
export function longWrite(db: Database.Database): { label: string; fraction: number } | null {
  return running.get(db.name) ?? null;
}

/** Throws CONFLICT when a long write holds `db`'s file. */
export function assertNoLongWrite(db: Database.Database): void {
  const w = longWrite(db);
  if (w)
    throw new ApiFailure(
      'CONFLICT',
      `${w.label} is being written (${Math.round(w.fraction * 100)} %); this change was not saved. Try again when it has finished.`,
    );
}

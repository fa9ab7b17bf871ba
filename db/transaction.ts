// The one transaction helper: better-sqlite3's synchronous db.transaction,
// run IMMEDIATE so a writer takes the lock up front (no upgrade deadlock when
// two connections read then write).
import type Database from 'better-sqlite3';
import { assertNoLongWrite } from './writeGate';

export function inTransaction<T>(db: Database.Database, work: () => T): T {
  // Nested calls run inside the caller's transaction; only the outermost can meet another connection's lock.
  if (!db.inTransaction) assertNoLongWrite(db);
  return db.transaction(work).immediate();
}

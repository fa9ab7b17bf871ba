// The one transaction helper: better-sqlite3's synchronous db.transaction,
// run IMMEDIATE so a writer takes the lock up front (no upgrade deadlock when
// two connections read then write).
import type Database from 'better-sqlite3';

export function inTransaction<T>(db: Database.Database, work: () => T): T {
  return db.transaction(work).immediate();
}

// A backup made on a worker thread with a connection of its own, so the
// thread that answers requests (Electron's main process, the HTTP host) stays
// free while a large file is copied and checked. The worker reads one
// consistent snapshot of the committed database (VACUUM INTO: WAL readers
// never block the app's writer, and a commit meanwhile does not restart it),
// makes the copy a self-contained rollback-journal file and runs quick_check;
// this thread then flushes and renames it, exactly as backupDatabase does.
// If no worker can be started the backup is made on this thread instead.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { backupDatabase, writeBackupAtomically } from './backup';
import { withBinding } from './nativeBinding';

// Plain CommonJS, evaluated in the worker: no bundling or TypeScript needed there.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const options = workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {};
try {
  const source = new Database(workerData.source, { ...options, readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    source.prepare('VACUUM INTO ?').run(workerData.target);
  } finally {
    source.close();
  }
  const copy = new Database(workerData.target, { ...options, fileMustExist: true });
  let result;
  try {
    copy.pragma('journal_mode = DELETE');
    result = copy.pragma('quick_check', { simple: true });
  } finally {
    copy.close();
  }
  parentPort.postMessage(result === 'ok' ? { ok: true } : { ok: false, message: 'failed quick_check: ' + String(result) });
} catch (err) {
  parentPort.postMessage({ ok: false, message: err && err.message ? err.message : String(err) });
}
`;

function sqliteModulePath(): string | null {
  try {
    // CommonJS bundles (Electron main, dist/node) have require; ES modules (dev, tests) make one.
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    return req.resolve('better-sqlite3');
  } catch {
    return null;
  }
}

function runWorker(source: string, target: string, sqlite: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source, target, sqlite, nativeBinding: withBinding().nativeBinding ?? null } });
    let settled = false;
    worker.once('message', (m: { ok: boolean; message?: string }) => {
      settled = true;
      if (m.ok) resolve();
      else reject(new Error(`backup ${target} ${m.message ?? 'failed'}`));
    });
    worker.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the backup worker stopped (exit code ${code})`));
    });
  });
}

/** Like backupDatabase, with the copy and its check on a worker thread; falls back to this thread when no worker starts. */
export async function backupDatabaseOffThread(db: Database.Database, file: string): Promise<string> {
  const sqlite = sqliteModulePath();
  if (!sqlite || db.memory) return backupDatabase(db, file);
  return writeBackupAtomically(file, (partial) => runWorker(db.name, partial, sqlite));
}

// A start-up failure on the data folder, said so a person can act on it: which
// path, what is wrong with it and what to do. Without this a read-only folder
// surfaced as "not allowed to listen on port …" (the same EACCES code) and a
// directory where the database should be as a bare EISDIR.
import fs from 'node:fs';
import { ApiFailure } from '#core/api/errors';

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/** The failure as an ApiFailure naming the path and the fix, or null when it is not about the data folder. */
export function explainDataDirError(err: unknown, dataDir: string, databasePath: string): ApiFailure | null {
  if (err instanceof ApiFailure) return null;
  const code = codeOf(err);
  const where = typeof err === 'object' && err !== null && 'path' in err ? String((err as { path: unknown }).path) : null;
  const message = err instanceof Error ? err.message : String(err);
  let isDir = false;
  try {
    isDir = fs.statSync(databasePath).isDirectory();
  } catch {
    // missing: fine
  }
  if (isDir || code === 'EISDIR') {
    return new ApiFailure(
      'INTERNAL',
      `${databasePath} is a folder, but Rackhive keeps its database in a file of that name. Move or rename that folder, then start again.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EROFS') {
    const target = where ?? (code.startsWith('SQLITE') ? databasePath : dataDir);
    return new ApiFailure(
      'READ_ONLY',
      `Rackhive may not write to ${target} (${code}). Give your user write permission on ${dataDir} (or choose another data folder with --data-dir or RACKHIVE_DATA_DIR), then start again.`,
    );
  }
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || /database or disk is full/i.test(message)) {
    return new ApiFailure('DISK_FULL', `The disk holding ${dataDir} is full. Free some space there (old backups are in ${dataDir}/backups), then start again.`);
  }
  return null;
}

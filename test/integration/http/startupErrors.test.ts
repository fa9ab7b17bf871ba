// Start-up errors on the data folder name the path and what to do: a folder
// where the database file should be, a folder Rackhive may not write to, a
// full disk (as SQLite reports it).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppContext } from '#host/appContext';
import { explainDataDirError } from '#host/startupErrors';
import { cleanupTempDirs, makeTempDir } from '../../helpers/db';

afterEach(cleanupTempDirs);

describe('start-up errors say what is wrong and where', () => {
  it('a directory named like the database', async () => {
    const dir = makeTempDir();
    fs.mkdirSync(path.join(dir, 'rackhive.db'));
    const err = await openAppContext({ dataDir: dir, host: 'http' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `${path.join(dir, 'rackhive.db')} is a folder, but Rackhive keeps its database in a file of that name. Move or rename that folder, then start again.`,
    );
    expect(fs.existsSync(path.join(dir, 'rackhive.lock'))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)('a data folder Rackhive may not write to', async () => {
    const parent = makeTempDir();
    const dir = path.join(parent, 'data');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o500);
    try {
      const err = await openAppContext({ dataDir: dir, host: 'http' }).catch((e: unknown) => e);
      expect((err as { code?: string }).code).toBe('READ_ONLY');
      expect((err as Error).message).toMatch(new RegExp(`^Rackhive may not write to ${dir.replace(/[/\\]/g, '.')}.*Give your user write permission on`));
      expect((err as Error).message).not.toContain('port');
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });

  it('permission, full disk and folder cases map to READ_ONLY / DISK_FULL with the path', () => {
    const dir = '/data/rackhive';
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: `${dir}/rackhive.lock` });
    expect(explainDataDirError(eacces, dir, `${dir}/rackhive.db`)?.message).toBe(
      `Rackhive may not write to ${dir}/rackhive.lock (EACCES). Give your user write permission on ${dir} (or choose another data folder with --data-dir or RACKHIVE_DATA_DIR), then start again.`,
    );
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(explainDataDirError(full, dir, `${dir}/rackhive.db`)).toMatchObject({
      code: 'DISK_FULL',
      message: `The disk holding ${dir} is full. Free some space there (old backups are in ${dir}/backups), then start again.`,
    });
    expect(explainDataDirError(new Error('something else'), dir, `${dir}/rackhive.db`)).toBeNull();
  });
});

// Backup channels over the app's LiveDatabase (which can swap the connection
// on restore). Tests that build handlers over a bare connection get a
// stand-in that lists and takes backups but cannot restore.
import path from 'node:path';
import type { Handler } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import type { BackupEntry } from '#core/api/backups';
import { backupDirFor } from '#db/backup';
import { listBackups, takeBackup, type BackupInfo } from '#db/backups/store';
import type { RestoreReport } from '#db/backups/live';
import type { RecoveryNotice } from '#db/recovery';
import type { HandlerDeps } from './deps';

/** What the backup channels need of the running app (LiveDatabase provides it). */
export interface BackupControls {
  readonly backupDir: string;
  readonly recovery: RecoveryNotice | null;
  readonly lastBackupError: string | null;
  list(): BackupInfo[];
  backupNow(): Promise<BackupInfo>;
  restore(file: string): Promise<RestoreReport>;
  dismissRecovery(): void;
}

function bare(deps: HandlerDeps): BackupControls {
  const dir = backupDirFor(deps.databasePath);
  return {
    backupDir: dir,
    recovery: null,
    lastBackupError: null,
    list: () => listBackups(dir),
    backupNow: () => takeBackup(deps.db, dir, 'manual', deps.now()),
    restore: () => Promise.reject(new ApiFailure('INTERNAL', 'Restoring needs the running app (this handler table has no LiveDatabase).')),
    dismissRecovery: () => undefined,
  };
}

function entry(b: BackupInfo): BackupEntry {
  return {
    file: b.file,
    takenAt: b.takenAt.toISOString(),
    kind: b.kind,
    sizeBytes: b.sizeBytes,
    schemaVersion: b.schemaVersion,
    itemCount: b.itemCount,
    buildCount: b.buildCount,
    healthy: b.healthy,
    problem: b.problem,
  };
}

type BackupChannel = 'backups:list' | 'backups:create' | 'backups:restore' | 'backups:dismissRecovery';

export function backupsHandlers(deps: HandlerDeps, controls?: BackupControls): { [C in BackupChannel]: Handler<C> } {
  const backups = controls ?? bare(deps);
  return {
    'backups:list': () => ({
      dir: path.resolve(backups.backupDir),
      backups: backups.list().map(entry),
      recovery: backups.recovery,
      lastError: backups.lastBackupError,
    }),
    'backups:create': async () => entry(await backups.backupNow()),
    'backups:restore': ({ file }) => backups.restore(file),
    'backups:dismissRecovery': () => {
      backups.dismissRecovery();
      return { dismissed: true as const };
    },
  };
}

// Channels of the Backups section: what backups exist (checked), take one now,
// restore one (by its file name only), and the start-up recovery notice.
import { z } from 'zod';
import { endpoint } from './endpoint';

/** A backup's file name as the backups folder holds it: no folders, no "..". The backend checks it strictly again. */
export const BackupFileName = z
  .string()
  .max(200)
  .regex(/^rackhive-[A-Za-z0-9-]+\.db$/, 'must be the name of a backup in the backups folder');

export const BackupKind = z.enum(['startup', 'scheduled', 'manual', 'before-migration', 'before-restore']);

export const BackupEntry = z.object({
  file: z.string(),
  /** ISO 8601 (UTC). */
  takenAt: z.string(),
  kind: BackupKind,
  sizeBytes: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nullable(),
  /** null: the backup has no such table (older schema) or could not be read. */
  itemCount: z.number().int().nullable(),
  buildCount: z.number().int().nullable(),
  /** Passed quick_check. */
  healthy: z.boolean(),
  problem: z.string().nullable(),
});
export type BackupEntry = z.infer<typeof BackupEntry>;

export const RecoveryNotice = z.object({
  reason: z.enum(['damaged', 'missing']),
  problem: z.string(),
  movedTo: z.string().nullable(),
  movedFiles: z.array(z.string()),
  detectedAt: z.string(),
  offeredBackup: z
    .object({
      file: z.string(),
      takenAt: z.string(),
      schemaVersion: z.number().int().nullable(),
      itemCount: z.number().int().nullable(),
      buildCount: z.number().int().nullable(),
    })
    .nullable(),
});
export type RecoveryNotice = z.infer<typeof RecoveryNotice>;

export const BackupsState = z.object({
  /** Where the backups live (absolute). */
  dir: z.string(),
  /** Newest first. */
  backups: z.array(BackupEntry),
  /** Set when the database was damaged (or missing) at start-up and has not been restored or dismissed yet. */
  recovery: RecoveryNotice.nullable(),
  /** The last automatic backup's failure, if it failed. */
  lastError: z.string().nullable(),
});
export type BackupsState = z.infer<typeof BackupsState>;

export const RestoreReport = z.object({
  restoredFrom: z.string(),
  safetyBackup: z.string(),
  fromSchemaVersion: z.number().int(),
  schemaVersion: z.number().int(),
  itemCount: z.number().int().nullable(),
  buildCount: z.number().int().nullable(),
});
export type RestoreReport = z.infer<typeof RestoreReport>;

export const backupsEndpoints = {
  'backups:list': endpoint('The backups folder, every backup in it (checked), and any start-up recovery notice.', z.object({}).strict(), BackupsState),
  'backups:create': endpoint('Takes a backup now with the online backup API; returns it once it passed quick_check.', z.object({}).strict(), BackupEntry),
  'backups:restore': endpoint(
    'Replaces the database with a backup (named by file name only), after backing up the current one; migrates it when older.',
    z.object({ file: BackupFileName }).strict(),
    RestoreReport,
  ),
  'backups:dismissRecovery': endpoint(
    'Hides the start-up recovery notice (the moved-aside file and the backups stay).',
    z.object({}).strict(),
    z.object({ dismissed: z.literal(true) }),
  ),
};

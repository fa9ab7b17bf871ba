// Backup file names carry what a list needs without opening the file: when it
// was taken and why. Names are the only thing the API accepts to pick a backup,
// so they are checked here against one strict pattern (no paths, no dots
// beyond the extension).
export const BACKUP_KINDS = ['startup', 'scheduled', 'manual', 'before-migration', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** Kinds kept as restore points outside the daily rotation (see rotation.ts). */
export const SAFETY_POINT_KINDS: readonly BackupKind[] = ['before-migration', 'before-restore'];

export interface BackupName {
  file: string;
  takenAt: Date;
  kind: BackupKind;
  /** Schema version in the name (pre-migration backups only). */
  fromVersion: number | null;
}

/** A file-name-safe UTC timestamp: 2024-05-31T12-00-00-000Z. */
export function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

const TS = '(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)';
const REGULAR = new RegExp(`^rackhive-${TS}-(${BACKUP_KINDS.join('|')})(?:-(\\d+))?\\.db$`);
const PRE_MIGRATION = new RegExp(`^rackhive-v(\\d{1,6})-before-migration-${TS}\\.db$`);

function parseTimestamp(ts: string): Date {
  const [date, time] = ts.split('T') as [string, string];
  const [h, m, s, ms] = time.replace(/Z$/, '').split('-');
  return new Date(`${date}T${h}:${m}:${s}.${ms}Z`);
}

/** rackhive-2024-06-01T12-00-00-000Z-manual.db (a -2, -3… suffix when two land in one millisecond). */
export function backupFileName(kind: BackupKind, now: Date, seq = 0): string {
  return `rackhive-${fileTimestamp(now)}-${kind}${seq > 0 ? `-${seq}` : ''}.db`;
}

/** Pure: a file name in the backups folder → what it is, or null when it is not one of ours. */
export function parseBackupName(file: string): BackupName | null {
  let m = REGULAR.exec(file);
  if (m) {
    const takenAt = parseTimestamp(m[1]!);
    return Number.isNaN(takenAt.getTime()) ? null : { file, takenAt, kind: m[2] as BackupKind, fromVersion: null };
  }
  m = PRE_MIGRATION.exec(file);
  if (m) {
    const takenAt = parseTimestamp(m[2]!);
    return Number.isNaN(takenAt.getTime()) ? null : { file, takenAt, kind: 'before-migration', fromVersion: Number(m[1]) };
  }
  return null;
}

/** Pure: is this acceptable as a backup's name in an API call? Only our own names: no folders, no "..", no other files. */
export function isBackupFileName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 200 && parseBackupName(name) !== null;
}

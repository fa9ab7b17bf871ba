// Which backups to keep. Pure, over names and a clock, so it is tested with a
// fake one. Regular backups (start-up, scheduled, manual): the newest few of
// today, the newest of each of the previous days for two weeks, never more
// than a maximum in all. Restore points taken before a migration or a restore
// are kept for a month (the newest few always). The newest backup of all is
// never removed, and files that are not ours are never touched.
import { SAFETY_POINT_KINDS, type BackupName } from './names';

export interface RotationPolicy {
  /** Regular backups kept from today (the local day of `now`). */
  keepToday: number;
  /** Days before today that keep their newest regular backup. */
  keepDays: number;
  /** Regular backups kept at most. */
  maxRegular: number;
  /** Restore points (before migration / restore) younger than this are kept… */
  safetyPointDays: number;
  /** …and always at least this many of the newest. */
  keepSafetyPoints: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { keepToday: 5, keepDays: 14, maxRegular: 30, safetyPointDays: 30, keepSafetyPoints: 3 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The local calendar day of `d` as a number of days, so "yesterday" is day − 1 across month ends and DST. */
export function localDayNumber(d: Date): number {
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
}

/** Pure: the backups to delete (file names), oldest first. */
export function backupsToDelete(backups: readonly BackupName[], now: Date, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.file.localeCompare(a.file));
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].file);

  const regular = newestFirst.filter((b) => !SAFETY_POINT_KINDS.includes(b.kind));
  const today = localDayNumber(now);
  const keptRegular: string[] = [];
  const daysSeen = new Set<number>();
  let todayKept = 0;
  for (const b of regular) {
    const day = localDayNumber(b.takenAt);
    let kept = false;
    if (day >= today) {
      // Today (or a clock that moved back): the newest few.
      kept = todayKept < policy.keepToday;
      todayKept++;
    } else if (today - day <= policy.keepDays && !daysSeen.has(day)) {
      kept = true;
    }
    daysSeen.add(day);
    if (kept && keptRegular.length < policy.maxRegular) keptRegular.push(b.file);
  }
  for (const f of keptRegular) keep.add(f);

  const safety = newestFirst.filter((b) => SAFETY_POINT_KINDS.includes(b.kind));
  safety.forEach((b, i) => {
    if (i < policy.keepSafetyPoints || now.getTime() - b.takenAt.getTime() <= policy.safetyPointDays * DAY_MS) keep.add(b.file);
  });

  return newestFirst
    .filter((b) => !keep.has(b.file))
    .map((b) => b.file)
    .reverse();
}

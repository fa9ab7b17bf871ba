// Which backups rotation keeps, on a fake clock (local days).
import { describe, expect, it } from 'vitest';
import { backupFileName, isBackupFileName, parseBackupName, type BackupKind } from '#db/backups/names';
import { backupsToDelete, DEFAULT_ROTATION } from '#db/backups/rotation';
import { preMigrationBackupName } from '#db/backup';

const at = (day: number, hour: number, minute = 0) => new Date(2024, 5, day, hour, minute); // June 2024, local time
const b = (d: Date, kind: BackupKind = 'scheduled') => parseBackupName(backupFileName(kind, d))!;

describe('backup names', () => {
  it('round-trip, including the pre-migration ones, and refuse anything else', () => {
    const d = new Date('2024-06-01T12:34:56.789Z');
    expect(parseBackupName(backupFileName('manual', d))).toMatchObject({ kind: 'manual', takenAt: d });
    expect(parseBackupName(backupFileName('startup', d, 2))).toMatchObject({ kind: 'startup', takenAt: d });
    expect(parseBackupName(preMigrationBackupName(3, d))).toMatchObject({ kind: 'before-migration', takenAt: d, fromVersion: 3 });
    for (const bad of [
      '../rackhive.db',
      'rackhive.db',
      '/etc/passwd',
      'rackhive-2024-06-01T12-34-56-789Z-manual.db/..',
      'rackhive-2024-06-01T12-34-56-789Z-evil.db',
      'x\\rackhive-2024-06-01T12-34-56-789Z-manual.db',
      'rackhive-2024-06-01T12-34-56-789Z-manual.db.partial',
      '',
    ]) {
      expect(isBackupFileName(bad), bad).toBe(false);
    }
    expect(isBackupFileName(backupFileName('manual', d))).toBe(true);
  });
});

describe('rotation', () => {
  const now = at(20, 18);

  it('keeps the newest 5 of today', () => {
    const today = [9, 10, 11, 12, 13, 14, 15].map((h) => b(at(20, h)));
    expect(backupsToDelete(today, now)).toEqual([today[0]!.file, today[1]!.file]);
  });

  it('keeps the newest of each of the 14 days before today, and nothing older', () => {
    const list = [];
    for (let day = 1; day <= 19; day++) for (const h of [9, 13, 17]) list.push(b(at(day, h)));
    const kept = new Set(list.map((x) => x.file));
    for (const f of backupsToDelete(list, now)) kept.delete(f);
    const expected = [];
    for (let day = 6; day <= 19; day++) expected.push(b(at(day, 17)).file);
    expect([...kept].sort()).toEqual(expected.sort());
  });

  it('keeps at most 30 regular backups', () => {
    const list = [];
    for (let day = 1; day <= 19; day++) list.push(b(at(day, 12)));
    for (let h = 0; h < 20; h++) list.push(b(at(20, h % 18, h)));
    const policy = { ...DEFAULT_ROTATION, keepToday: 20, keepDays: 19 };
    expect(list.length - backupsToDelete(list, now, policy).length).toBe(30);
  });

  it('keeps restore points (before a migration or a restore) for 30 days and always the newest 3', () => {
    const old = [1, 2, 3, 4].map((m) => parseBackupName(preMigrationBackupName(m, new Date(2024, 3, m))));
    const recent = b(at(19, 12), 'before-restore');
    const deleted = backupsToDelete([...old.map((x) => x!), recent], now);
    expect(deleted).toEqual([old[0]!.file, old[1]!.file]);
  });

  it('never deletes the newest backup, even when the clock went back', () => {
    const future = b(new Date(2030, 0, 1));
    expect(backupsToDelete([future], now)).toEqual([]);
    const ancient = b(new Date(2001, 0, 1));
    expect(backupsToDelete([ancient], now)).toEqual([]);
  });

  it('counts days across a month end', () => {
    const july1 = new Date(2024, 6, 1, 9);
    const list = [b(new Date(2024, 5, 30, 9)), b(new Date(2024, 5, 17, 9)), b(new Date(2024, 5, 16, 9))];
    expect(backupsToDelete(list, july1)).toEqual([list[2]!.file]);
  });
});

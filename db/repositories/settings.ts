// Settings rows (key → JSON value). Reading never fails on what is stored: a
// missing or unreadable value falls back to its default (and is left in the
// table untouched); writing stores only the keys that changed, in one transaction.
import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, SETTING_KEYS, Settings, type SettingKey } from '#core/settings/settings';
import { inTransaction } from '../transaction';

interface SettingRow {
  key: string;
  value: string;
}

function hasSettingsTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;
}

export function getSettings(db: Database.Database): Settings {
  const result: Settings = { ...DEFAULT_SETTINGS };
  if (!hasSettingsTable(db)) return result;
  const rows = db.prepare<[], SettingRow>('SELECT key, value FROM settings').all();
  for (const row of rows) {
    if (!(SETTING_KEYS as string[]).includes(row.key)) continue;
    const key = row.key as SettingKey;
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      continue;
    }
    const parsed = Settings.shape[key].safeParse(raw);
    if (parsed.success) (result as Record<SettingKey, unknown>)[key] = parsed.data;
  }
  return result;
}

/** Writes the keys of `next` that differ from what is stored; returns the settings as stored afterwards. */
export function saveSettings(db: Database.Database, next: Settings, now: Date): Settings {
  return inTransaction(db, () => {
    const current = getSettings(db);
    const upsert = db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    for (const key of SETTING_KEYS) {
      const value = JSON.stringify(next[key]);
      if (value !== JSON.stringify(current[key])) upsert.run(key, value, now.toISOString());
    }
    return getSettings(db);
  });
}

// Notes on parts (migration 0010): one per part and source, replaced when the
// same source writes again.
import type Database from 'better-sqlite3';
import type { PartNote } from '#core/catalog/partNote';
import { ApiFailure } from '#core/api/errors';
import { inTransaction } from '../transaction';

interface Row {
  part_id: string;
  source: string;
  source_url: string | null;
  text: string;
  created_at: string;
}

const toNote = (r: Row): PartNote => ({ partId: r.part_id, source: r.source, sourceUrl: r.source_url, text: r.text, createdAt: r.created_at });

/** Writes the note of `source` on the part, replacing that source's earlier note. */
export function putPartNote(db: Database.Database, note: Omit<PartNote, 'createdAt'>, now: Date = new Date()): PartNote {
  return inTransaction(db, () => {
    if (!db.prepare('SELECT 1 FROM parts WHERE id = ?').get(note.partId)) throw new ApiFailure('NOT_FOUND', `No part with id ${note.partId}.`);
    db.prepare(
      `INSERT INTO part_notes (part_id, source, source_url, text, created_at) VALUES (@partId, @source, @sourceUrl, @text, @at)
       ON CONFLICT (part_id, source) DO UPDATE SET source_url = excluded.source_url, text = excluded.text, created_at = excluded.created_at`,
    ).run({ ...note, at: now.toISOString() });
    return toNote(db.prepare<[string, string], Row>('SELECT * FROM part_notes WHERE part_id = ? AND source = ?').get(note.partId, note.source)!);
  });
}

/** The part's notes, oldest first; none when the database predates part notes. */
export function partNotesOf(db: Database.Database, partId: string): PartNote[] {
  if (!hasPartNotes(db)) return [];
  return db.prepare<[string], Row>('SELECT * FROM part_notes WHERE part_id = ? ORDER BY created_at, id').all(partId).map(toNote);
}

/** Every note, by part id. */
export function allPartNotes(db: Database.Database): Map<string, PartNote[]> {
  const out = new Map<string, PartNote[]>();
  if (!hasPartNotes(db)) return out;
  for (const r of db.prepare<[], Row>('SELECT * FROM part_notes ORDER BY created_at, id').all()) out.set(r.part_id, [...(out.get(r.part_id) ?? []), toNote(r)]);
  return out;
}

/** False for a file opened read-only at a schema before 0010 (the CLI reads such files without migrating them). */
function hasPartNotes(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'part_notes'").get() !== undefined;
}

// Calendar dates as people type them and as SQLite sorts them: YYYY-MM-DD.
import { z } from 'zod';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (2024-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const m = SHAPE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const IsoDate = z.string().refine(isIsoDate, 'must be a date like 2024-05-31');
export type IsoDate = z.infer<typeof IsoDate>;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

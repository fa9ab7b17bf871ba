// Readers for the reference fact sheet copied into test/fixtures/reference
// (see its README). Every cell reader is strict: a cell it does not understand
// throws, so a new wording in the reference fails the audit instead of being
// silently read as "unknown".
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export type Row = Record<string, string>;

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/reference/${name}`, import.meta.url), 'utf8');
}

export function csvRows(name: string): Row[] {
  const parsed = Papa.parse<Row>(fixture(name), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${name}: ${JSON.stringify(parsed.errors[0])}`);
  return parsed.data;
}

const blank = (cell: string | undefined) => cell === undefined || cell.trim() === '';

/** A plain number; blank = null (not verified). Anything else throws. */
export function num(cell: string | undefined): number | null {
  if (blank(cell)) return null;
  const t = cell!.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) throw new Error(`not a plain number: "${t}"`);
  return Number(t);
}

/** The leading integer of a cell such as "128 (1P); 64 usable per socket in 2P"; blank = null. */
export function leadingInt(cell: string | undefined): number | null {
  if (blank(cell)) return null;
  const m = /^(\d+)/.exec(cell!.trim());
  if (!m) throw new Error(`no leading number: "${cell}"`);
  return Number(m[1]);
}

/** A count only when the cell is exactly one number, optionally followed by a parenthesis ("2 (QSFP112)"); "1 or 2" = null. */
export function exactCount(cell: string | undefined): number | null {
  if (blank(cell)) return null;
  const m = /^(\d+)(\s*\(.*\))?$/.exec(cell!.trim());
  return m ? Number(m[1]) : null;
}

export function yesNo(cell: string | undefined): boolean | null {
  if (blank(cell)) return null;
  const t = cell!.trim().toLowerCase();
  if (t === 'yes' || t.startsWith('yes ')) return true;
  if (t === 'no') return false;
  throw new Error(`not yes/no: "${cell}"`);
}

export function text(cell: string | undefined): string | null {
  return blank(cell) ? null : cell!.trim();
}

export function urls(cell: string | undefined): string[] {
  return blank(cell)
    ? []
    : cell!
        .split(';')
        .map((u) => u.trim())
        .filter(Boolean);
}

/** Rows of the first markdown table under `heading` (## level), as arrays of trimmed cells. */
export function markdownTable(md: string, heading: string): string[][] {
  const start = md.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const lines = md.slice(start).split('\n');
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith('|')) {
      inTable = true;
      const cells = line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split('|')
        .map((c) => c.trim());
      if (cells.every((c) => /^-+$/.test(c))) continue;
      rows.push(cells);
    } else if (inTable) break;
  }
  return rows.slice(1); // drop the header
}

export interface Band {
  minVolts: number;
  maxVolts: number;
  outputW: number;
}

/**
 * "2000 at 230-240 V; 1980 at 220-230 V" → bands; a range of watts ("1800-2090 at 200-240 V")
 * counts at its low end, because the planner must not promise more than the PSU gives.
 */
export function psuBands(cell: string): Band[] {
  const out: Band[] = [];
  for (const m of cell.matchAll(/(\d+)(?:-(\d+))? at (\d+)-(\d+) V/g)) out.push({ minVolts: Number(m[3]), maxVolts: Number(m[4]), outputW: Number(m[1]) });
  return out;
}

/** The headline high-line rating: the largest wattage in the cell ("2200 (maximum_draw)" → 2200). */
export function psuHeadline(cell: string): number | null {
  const watts = [...cell.matchAll(/(\d{3,4})(?:-(\d{3,4}))?(?= at| \(maximum_draw\))/g)].flatMap((m) => [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])]);
  return watts.length === 0 ? null : Math.max(...watts);
}

/** Low-line cell: a bold or plain number counts; "[U]", "none listed" or blank = null. */
export function psuLowLine(cell: string): number | null {
  if (cell.trim() === '' || /\[U\]/.test(cell) || /none listed/i.test(cell)) return null;
  const m = /^\**(\d+)\**/.exec(cell.trim());
  if (!m) throw new Error(`low-line cell not understood: "${cell}"`);
  return Number(m[1]);
}

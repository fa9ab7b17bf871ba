// Dates as purchase files write them → YYYY-MM-DD. eBay's reports and emails
// use "Mar-15-24", "15-Mar-24", "10-Dez-25", "Mar 15, 2024 at 3:42 PM";
// spreadsheets use ISO, "01.06.2024", "01/06/2024" or "06/01/2024". A numeric
// date's day/month order is one decision for the whole file, read from every
// date in it: a first part above 12 can only be a day, a second part above 12
// only a month's day in US order. When nothing tells, the person chooses.
import { isIsoDate } from '../inventory/dates';

export const DATE_ORDERS = ['dmy', 'mdy', 'ymd'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export const DATE_ORDER_LABELS: Record<DateOrder, string> = {
  dmy: 'day/month/year (31/12/2024)',
  mdy: 'month/day/year (12/31/2024)',
  ymd: 'year/month/day (2024/12/31)',
};

/** English and German month names and abbreviations (eBay.de writes "10-Dez-25", "1. März 2024"). */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['jan', 'january', 'januar', 'jän', 'jaen'],
  ['feb', 'february', 'februar'],
  ['mar', 'march', 'mär', 'mrz', 'märz', 'maerz'],
  ['apr', 'april'],
  ['may', 'mai'],
  ['jun', 'june', 'juni'],
  ['jul', 'july', 'juli'],
  ['aug', 'august'],
  ['sep', 'sept', 'september'],
  ['oct', 'october', 'okt', 'oktober'],
  ['nov', 'november'],
  ['dec', 'december', 'dez', 'dezember'],
];
const MONTH_BY_NAME = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => names.forEach((n) => MONTH_BY_NAME.set(n, i + 1)));

/** Month number of an English or German name ("Mar", "März", "Dez.", "sept"), or null. */
export function monthOfName(name: string): number | null {
  return MONTH_BY_NAME.get(name.toLowerCase().replace(/\.$/, '')) ?? null;
}

const year4 = (y: string) => (y.length === 2 ? `20${y}` : y);
function iso(y: string, m: number | string, d: number | string): string | null {
  const text = `${year4(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(text) ? text : null;
}

const NUMERIC = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]\.?M\.?)?)?$/i;
const MONTH = '([A-Za-zÄÖÜäöü]{3,9}\\.?)';
const NAMED: readonly { re: RegExp; parts: (m: RegExpExecArray) => [string, string, string] }[] = [
  // Mar-15-24, Mar-15-2024, Mar 15, 2024, Mar 15, 2024 at 3:42 PM, March 15 2024 10:22:01 PDT
  { re: new RegExp(`^${MONTH}[- ](\\d{1,2}),?[- ](\\d{4}|\\d{2})(?:,?\\s+(?:at\\s+|um\\s+)?\\d{1,2}:\\d{2}.*)?$`, 'i'), parts: (m) => [m[3]!, m[1]!, m[2]!] },
  // 15-Mar-24, 15 Mar 2024, 10-Dez-25, 1. März 2024, 15. Mär. 2024 um 14:02
  { re: new RegExp(`^(\\d{1,2})\\.?[- ]${MONTH}[- ](\\d{4}|\\d{2})(?:,?\\s+(?:at\\s+|um\\s+)?\\d{1,2}:\\d{2}.*)?$`, 'i'), parts: (m) => [m[3]!, m[2]!, m[1]!] },
];

interface NumericDate {
  a: number;
  b: number;
  c: number;
  sep: string;
  /** The text of the first and last part (their length says which is the year). */
  first: string;
  last: string;
}

function numericParts(text: string): NumericDate | null {
  const m = NUMERIC.exec(text.trim());
  if (!m) return null;
  return { a: Number(m[1]), b: Number(m[3]), c: Number(m[4]), sep: m[2]!, first: m[1]!, last: m[4]! };
}

/** Text already in ISO form (with a time after it, as exports write): YYYY-MM-DD, else null. */
function isoPrefix(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(text.trim());
  return m && isIsoDate(m[1]!) ? m[1]! : null;
}

/**
 * YYYY-MM-DD for `text`, or null when it is no date this reads. A numeric date
 * whose order the text does not fix (01/06/2024) needs `order`; without one it
 * gives null.
 */
export function parseDate(text: string, order: DateOrder | null): string | null {
  const t = text.trim();
  if (t === '') return null;
  const fromIso = isoPrefix(t);
  if (fromIso) return fromIso;
  for (const { re, parts } of NAMED) {
    const m = re.exec(t);
    if (!m) continue;
    const [y, monthName, d] = parts(m);
    const month = monthOfName(monthName);
    return month === null ? null : iso(y, month, d);
  }
  const n = numericParts(t);
  if (!n) return null;
  if (n.first.length === 4) return iso(n.first, n.b, n.c);
  if (n.last.length !== 4 && n.last.length !== 2) return null;
  const fixed = fixedOrder(n);
  const use = fixed ?? order;
  if (use === 'dmy') return iso(n.last, n.b, n.a);
  if (use === 'mdy') return iso(n.last, n.a, n.b);
  return null;
}

/** The order a single numeric date proves by itself (a part above 12), or null. */
function fixedOrder(n: NumericDate): DateOrder | null {
  if (n.first.length === 4) return 'ymd';
  if (n.a > 12 && n.b <= 12) return 'dmy';
  if (n.b > 12 && n.a <= 12) return 'mdy';
  return null;
}

export interface DateOrderDetection {
  /** What the dates prove: an order, 'ambiguous' (numeric dates, none telling), 'conflict' (both orders proven) or null (no numeric dates). */
  detected: DateOrder | 'ambiguous' | 'conflict' | null;
  /** Numeric dates read. */
  numeric: number;
  /** One date that proves the order, as evidence ("13/03/2024"). */
  evidence: string | null;
}

/**
 * The day/month order of a file's numeric dates, from all of them. Dotted
 * dates (01.06.2024) are day-first wherever they are written, so a file of
 * only dotted dates is dmy without asking.
 */
export function detectDateOrder(values: Iterable<string>): DateOrderDetection {
  let numeric = 0;
  let dotted = 0;
  const proven = new Map<DateOrder, string>();
  for (const value of values) {
    const t = value.trim();
    if (t === '' || isoPrefix(t)) continue;
    const n = numericParts(t);
    if (!n || n.first.length === 4) continue; // 2024/06/01 reads one way only
    numeric++;
    if (n.sep === '.') dotted++;
    const fixed = fixedOrder(n);
    if (fixed && !proven.has(fixed)) proven.set(fixed, t);
  }
  if (numeric === 0) return { detected: null, numeric, evidence: null };
  const orders = [...proven.keys()];
  if (orders.length > 1) return { detected: 'conflict', numeric, evidence: [...proven.values()].join(' and ') };
  if (orders.length === 1) return { detected: orders[0]!, numeric, evidence: proven.get(orders[0]!)! };
  if (dotted === numeric) return { detected: 'dmy', numeric, evidence: null };
  return { detected: 'ambiguous', numeric, evidence: null };
}

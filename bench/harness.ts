// One shape for every benchmark line: the figure, the baseline measured in the
// same run (the machine is shared, so ratios are the stable part), the ratio,
// the goal, and for rows with a size the sizes and the growth exponent. Lines
// print as they are measured; bin/bench.mjs writes them all to bench-results.json.

export interface BenchRow {
  /** What is measured, e.g. "rackhive check cold start". */
  what: string;
  figure: number;
  unit: string;
  /** The same-run baseline, or null when the row has none. */
  baseline: { what: string; figure: number } | null;
  /** figure / baseline.figure, or null without a baseline. */
  ratio: number | null;
  /** "ratio <= 3" or "<= 2000 ms". */
  goal: string;
  /** Whether the goal is met (null when it cannot be judged, e.g. skipped). */
  met: boolean | null;
  /** Rows with a size: the size and, over the sizes measured, the growth exponent (figure ∝ n^k). */
  size?: number;
  note?: string;
}

export interface ScalingRow {
  what: string;
  sizes: number[];
  figures: number[];
  unit: string;
  /** Least-squares slope of log(figure) over log(n). */
  exponent: number;
}

export const results: { rows: BenchRow[]; scaling: ScalingRow[]; skipped: { what: string; why: string }[] } = { rows: [], scaling: [], skipped: [] };

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** A row judged by its ratio to the same-run baseline. */
export function ratioRow(
  what: string,
  figure: number,
  unit: string,
  baseline: { what: string; figure: number },
  maxRatio: number,
  extra: Partial<BenchRow> = {},
): BenchRow {
  const ratio = figure / baseline.figure;
  return record({ what, figure, unit, baseline, ratio, goal: `ratio <= ${maxRatio}`, met: ratio <= maxRatio, ...extra });
}

/** A row judged by an absolute limit (optionally with a baseline shown for scale). */
export function limitRow(
  what: string,
  figure: number,
  unit: string,
  limit: number,
  baseline: { what: string; figure: number } | null = null,
  extra: Partial<BenchRow> = {},
): BenchRow {
  return record({
    what,
    figure,
    unit,
    baseline,
    ratio: baseline ? figure / baseline.figure : null,
    goal: `<= ${limit} ${unit}`,
    met: figure <= limit,
    ...extra,
  });
}

export function record(row: BenchRow): BenchRow {
  results.rows.push(row);
  const base = row.baseline ? `; baseline ${row.baseline.what}: ${fmt(row.baseline.figure)} ${row.unit}; ratio ${row.ratio!.toFixed(2)}` : '';
  const size = row.size !== undefined ? ` [n=${row.size.toLocaleString('en-US')}]` : '';
  const verdict = row.met === null ? '' : row.met ? ' ok' : ' OVER';
  console.log(`${row.what}${size}: ${fmt(row.figure)} ${row.unit}${base} (goal ${row.goal})${verdict}${row.note ? ` — ${row.note}` : ''}`);
  return row;
}

export function scaling(what: string, sizes: number[], figures: number[], unit: string): ScalingRow {
  const xs = sizes.map(Math.log);
  const ys = figures.map((f) => Math.log(Math.max(f, 1e-9)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  const row: ScalingRow = { what, sizes, figures, unit, exponent: den === 0 ? 0 : num / den };
  results.scaling.push(row);
  console.log(
    `scaling, ${what}: ${sizes.map((n, i) => `${n.toLocaleString('en-US')} → ${fmt(figures[i]!)} ${unit}`).join(', ')}; growth n^${row.exponent.toFixed(2)}`,
  );
  return row;
}

export function skip(what: string, why: string): void {
  results.skipped.push({ what, why });
  console.log(`${what}: skipped (${why})`);
}

/**
 * Item counts for the rows that have a size: 10k, 100k and 1M, or
 * RACKHIVE_BENCH_SIZES=10000,100000; `npm run bench -- --quick` leaves out the million.
 */
export function benchSizes(): number[] {
  const sizes = (process.env.RACKHIVE_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  return process.argv.includes('--quick') ? sizes.filter((n) => n < 1_000_000) : sizes;
}

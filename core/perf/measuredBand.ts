// An estimate calibrated on this build's own measurements. The model's band
// says how far unseen configurations fall from the model; once the user has
// measured this very configuration, the figure to trust is the measurement,
// and the band shrinks to how much repeated runs of it vary. Marked as such
// wherever it is shown, so a measured figure is never passed off as a model one.

/** One run's spread is not the spread of runs on other days (clocks, thermals, driver): never narrower than this. */
export const MIN_MEASURED_SPREAD_PCT = 3;
/** A run's ± (llama-bench's standard deviation) is widened to about 95 % of runs. */
const STDDEV_TO_BAND = 2;

export interface MeasuredRun {
  tps: number;
  stddev: number | null;
}

export interface MeasuredBand {
  /** The median of the runs. */
  tps: number;
  low: number;
  high: number;
  /** The larger side, % of tps. */
  pct: number;
  runs: number;
  /** (model − measured) ÷ measured × 100: how far the model's figure was off on this build. */
  modelErrorPct: number;
  /** The model's figure lay inside its own band. */
  modelBandHeld: boolean;
  basis: string;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The band narrowed around what was measured: the median run, ± the larger of
 * the runs' spread (half the range), twice the largest relative standard
 * deviation, and MIN_MEASURED_SPREAD_PCT. Null without runs.
 * A null high in the model band is unbounded (its measured error reaches −100 %).
 */
export function measuredBand(model: { tps: number; low: number; high: number | null }, runs: readonly MeasuredRun[], what: string): MeasuredBand | null {
  const ok = runs.filter((r) => Number.isFinite(r.tps) && r.tps > 0);
  if (ok.length === 0) return null;
  const tps = median(ok.map((r) => r.tps));
  const rangePct = ok.length > 1 ? ((Math.max(...ok.map((r) => r.tps)) - Math.min(...ok.map((r) => r.tps))) / 2 / tps) * 100 : 0;
  const sdPct = Math.max(0, ...ok.map((r) => (r.stddev !== null ? (STDDEV_TO_BAND * r.stddev * 100) / r.tps : 0)));
  const pct = Math.max(MIN_MEASURED_SPREAD_PCT, rangePct, sdPct);
  const why =
    pct === MIN_MEASURED_SPREAD_PCT
      ? `the ${MIN_MEASURED_SPREAD_PCT} % floor for run-to-run variation`
      : pct === rangePct
        ? 'half the range of the runs'
        : "twice the runs' standard deviation";
  return {
    tps,
    low: tps * (1 - pct / 100),
    high: tps * (1 + pct / 100),
    pct,
    runs: ok.length,
    modelErrorPct: ((model.tps - tps) / tps) * 100,
    modelBandHeld: tps >= model.low && (model.high === null || tps <= model.high),
    basis: `calibrated on ${ok.length} measurement${ok.length === 1 ? '' : 's'} of ${what} on this build: the median run ± ${pct.toFixed(1)} % (${why}), in place of the model's band`,
  };
}

// The error band shown with every speed. Sized from how the model did on
// configurations (source × GPU × count × runtime) it was not fitted on: the
// 5th–95th percentile of those residuals, widened until about 90 % of unseen
// configurations' rows fall inside (scripts/calibrate.ts checks it nested).
// A device family or runtime without measurements gets the leave-one-family-out
// spread instead: that is how the model does on a family it has never seen.
import type { BandBasis, CalibrationFile, ResidualStats } from './calibration';

/** A group needs this many rows before its own p90 is trusted; else the metric's pooled p90 is used (v1 files). */
export const MIN_GROUP_ROWS = 5;
/** Without any rows for the runtime, the band is widened: its factors are pooled guesses. */
export const UNCALIBRATED_WIDEN = 1.5;

export type BandMetric = 'tg_tps' | 'pp_tps' | 'agg_tps';

/** The residual set a band was sized from, carried in `--json` so a reader can check it. */
export interface BandResidualSet {
  scheme: 'configuration' | 'family' | 'row';
  metric: BandMetric;
  n: number;
  configurations: number | null;
  /** Signed percentiles of (predicted / measured − 1), % (after widening). */
  p05Pct: number;
  p95Pct: number;
  widen: number;
  /** Nested share of left-out configurations' rows inside; null when not measured. */
  coverage: number | null;
  residualsPct: number[];
}

export interface Band {
  low: number;
  high: number;
  /** The larger side of the band, % of the value. */
  pct: number;
  basis: string;
  residualSet: BandResidualSet | null;
}

const fromSides = (value: number, p05: number, p95: number) => {
  // error e = predicted / measured − 1, so measured = predicted / (1 + e).
  const low = value / (1 + p95 / 100);
  const high = p05 <= -100 ? Infinity : value / (1 + p05 / 100);
  return { low, high, pct: Math.max(high / value - 1, 1 - low / value) * 100 };
};

function symmetric(value: number, pct: number): Pick<Band, 'low' | 'high' | 'pct'> {
  return { low: value * Math.max(0, 1 - pct / 100), high: value * (1 + pct / 100), pct };
}

function familySet(cal: Pick<CalibrationFile, 'crossValidation'>, metric: BandMetric): ResidualStats | null {
  // Leave-one-family-out residuals: how the model does on a family it has never seen.
  const fam = cal.crossValidation?.find((c) => c.scheme === 'family');
  return fam?.residuals[`metric:${metric}`] ?? null;
}

/**
 * `calibrated`: the runtime and the device family both have calibration rows.
 * `runtimeKnown`: the runtime has rows (when only the family is new, the leave-one-family-out spread applies as is).
 */
export function bandFor(
  cal: Pick<CalibrationFile, 'residuals' | 'bands' | 'bandsUnmeasuredFamily' | 'crossValidation'>,
  value: number,
  metric: BandMetric,
  runtime: string,
  calibrated: boolean,
  runtimeKnown = calibrated,
): Band {
  const b: BandBasis | undefined = cal.bands?.[metric];
  if (b && calibrated) {
    return {
      ...fromSides(value, b.p05Pct, b.p95Pct),
      basis: `5–95 % of errors on ${b.configurations} left-out configurations (${b.n} rows, ${metric}), widened ×${b.widen}: ${(b.coverage * 100).toFixed(0)} % of unseen configurations' rows fell inside`,
      residualSet: {
        scheme: 'configuration',
        metric,
        n: b.n,
        configurations: b.configurations,
        p05Pct: b.p05Pct,
        p95Pct: b.p95Pct,
        widen: b.widen,
        coverage: b.coverage,
        residualsPct: b.residualsPct,
      },
    };
  }
  const fb = cal.bandsUnmeasuredFamily?.[metric];
  if (fb) {
    const w = runtimeKnown ? 1 : UNCALIBRATED_WIDEN;
    // Never narrower than the band of a measured family.
    const p05 = Math.min(fb.p05Pct, b?.p05Pct ?? 0) * w;
    const p95 = Math.max(fb.p95Pct, b?.p95Pct ?? 0) * w;
    return {
      ...fromSides(value, p05, p95),
      basis: `roofline × pooled fitted factors: errors when a whole device family was left out of the fit (${fb.n} rows, ${fb.families ?? '?'} families, ${metric}), widened ×${fb.widen} to cover ${(fb.coverage * 100).toFixed(0)} % of left-out families' rows${w > 1 ? `, ×${w} because the runtime has no calibration rows` : ''}`,
      residualSet: {
        scheme: 'family',
        metric,
        n: fb.n,
        configurations: fb.configurations,
        p05Pct: p05,
        p95Pct: p95,
        widen: fb.widen * w,
        coverage: fb.coverage,
        residualsPct: fb.residualsPct,
      },
    };
  }
  // A v1 calibration file: leave-one-row-out p90.
  const group = cal.residuals[`${runtime}/${metric}`];
  const pooled = cal.residuals[`metric:${metric}`] ?? cal.residuals['overall'];
  const base =
    group && group.n >= MIN_GROUP_ROWS
      ? { s: group, basis: `${runtime} ${metric}, n=${group.n}` }
      : { s: pooled!, basis: `all runtimes ${metric}, n=${pooled?.n ?? 0}` };
  const pct = base.s.p90AbsPct * (calibrated ? 1 : UNCALIBRATED_WIDEN);
  return {
    ...symmetric(value, pct),
    basis: `p90 leave-one-out error (${base.basis})${calibrated ? '' : `, ×${UNCALIBRATED_WIDEN} because the runtime or device family has no calibration rows`}`,
    residualSet: null,
  };
}

/** For a device kind with no calibration rows at all (on-chip SRAM): the widest spread we have, widened. */
export function uncalibratedBand(cal: Pick<CalibrationFile, 'residuals' | 'crossValidation'>, value: number): Band {
  const fam = familySet(cal, 'tg_tps');
  const o = cal.residuals['overall']!;
  const pct = Math.max(fam?.p90AbsPct ?? 0, o.p90AbsPct) * UNCALIBRATED_WIDEN;
  return {
    ...symmetric(value, pct),
    basis: `no measurements of this device kind: p90 error ${fam ? `with its family left out (n=${fam.n})` : `leave-one-out (n=${o.n})`} ×${UNCALIBRATED_WIDEN}`,
    residualSet: null,
  };
}

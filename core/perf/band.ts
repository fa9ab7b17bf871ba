// The error band shown with every speed: the leave-one-out 90th-percentile
// absolute error of the calibration rows most like this estimate.
import type { CalibrationFile } from './calibration';

/** A group needs this many rows before its own p90 is trusted; else the metric's pooled p90 is used. */
export const MIN_GROUP_ROWS = 5;
/** Without any rows for the runtime or device family, the band is widened: the factors are pooled guesses. */
export const UNCALIBRATED_WIDEN = 1.5;

export interface Band {
  low: number;
  high: number;
  /** ± this percentage (p90 absolute error). */
  pct: number;
  basis: string;
}

export function bandFor(cal: Pick<CalibrationFile, 'residuals'>, value: number, metric: 'tg_tps' | 'pp_tps' | 'agg_tps', runtime: string, calibrated: boolean): Band {
  const group = cal.residuals[`${runtime}/${metric}`];
  const pooled = cal.residuals[`metric:${metric}`] ?? cal.residuals['overall'];
  const base = group && group.n >= MIN_GROUP_ROWS ? { s: group, basis: `${runtime} ${metric}, n=${group.n}` } : { s: pooled!, basis: `all runtimes ${metric}, n=${pooled?.n ?? 0}` };
  const pct = base.s.p90AbsPct * (calibrated ? 1 : UNCALIBRATED_WIDEN);
  return {
    low: value * Math.max(0, 1 - pct / 100),
    high: value * (1 + pct / 100),
    pct,
    basis: `p90 leave-one-out error (${base.basis})${calibrated ? '' : `, ×${UNCALIBRATED_WIDEN} because the runtime or device family has no calibration rows`}`,
  };
}

/** For a device kind with no calibration rows at all (on-chip SRAM): the overall p90, widened. */
export function uncalibratedBand(cal: Pick<CalibrationFile, 'residuals'>, value: number): Band {
  const o = cal.residuals['overall']!;
  const pct = o.p90AbsPct * UNCALIBRATED_WIDEN;
  return {
    low: value * Math.max(0, 1 - pct / 100),
    high: value * (1 + pct / 100),
    pct,
    basis: `no measurements of this device kind: overall p90 leave-one-out error (n=${o.n}) ×${UNCALIBRATED_WIDEN}`,
  };
}

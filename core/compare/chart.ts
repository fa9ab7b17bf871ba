// From rows to what the Compare view draws: one point per build that has a
// cost and a speed, the builds that cannot be drawn (with the reason), the
// Pareto front (nothing cheaper is at least as fast), and the table's figures.
import { figureState } from './cost';
import { plural } from '../words';
import type { CompareRow, CostFigure, CostMode, Range, SpeedMode } from './types';

export interface ChartPoint {
  buildId: number;
  name: string;
  /** Cost in minor units of the comparison's currency. */
  x: number;
  /** Some parts have no price: x is a lower bound. */
  xPartial: boolean;
  /** Tokens/s for the speed mode. */
  y: number;
  band: Range | null;
}

export interface OffChart {
  buildId: number;
  name: string;
  reason: string;
}

export interface ChartData {
  points: ChartPoint[];
  offChart: OffChart[];
  /** Build ids on the Pareto front, cheapest first. */
  front: number[];
  /** Some front point rests on a partial (lower-bound) cost. */
  frontHasPartial: boolean;
}

export function costFigure(row: CompareRow, mode: CostMode): CostFigure {
  return row.cost[mode];
}

/** Tokens/s of a row for the mode, null when the build cannot run the workload. */
export function speedOf(row: CompareRow, mode: SpeedMode): { tps: number; band: Range | null } | null {
  const e = row.estimate;
  if (!e || !e.fits) return null;
  const tps = mode === 'perStream' ? e.decodeTps : e.aggregateTps;
  if (tps === null || !(tps > 0)) return null;
  return { tps, band: mode === 'perStream' ? e.decodeBand : e.aggregateBand };
}

/** Why a row has no speed: the estimate's reason or the problem that stopped it. */
export function noSpeedReason(row: CompareRow): string {
  if (row.problem) return row.problem;
  const e = row.estimate;
  if (!e) return 'no estimate';
  if (!e.fits) return e.reason ?? 'the model does not fit';
  return e.reason ?? 'no speed estimate';
}

/** Pareto front over (cost ↓, speed ↑): ids of the points nothing else beats on both, cheapest first. */
export function paretoFront(points: readonly Pick<ChartPoint, 'buildId' | 'x' | 'y'>[]): number[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || b.y - a.y || a.buildId - b.buildId);
  const front: number[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const p of sorted) {
    if (p.y > best) {
      front.push(p.buildId);
      best = p.y;
    }
  }
  return front;
}

export function chartData(rows: readonly CompareRow[], costMode: CostMode, speedMode: SpeedMode): ChartData {
  const points: ChartPoint[] = [];
  const offChart: OffChart[] = [];
  for (const row of rows) {
    const speed = speedOf(row, speedMode);
    if (!speed) {
      offChart.push({ buildId: row.buildId, name: row.name, reason: noSpeedReason(row) });
      continue;
    }
    const f = costFigure(row, costMode);
    const state = figureState(f);
    if (state === 'unknown') {
      offChart.push({ buildId: row.buildId, name: row.name, reason: `cost unknown: ${plural(f.unpricedLines, 'part')} without a price` });
      continue;
    }
    points.push({ buildId: row.buildId, name: row.name, x: f.knownMinor, xPartial: state === 'partial', y: speed.tps, band: speed.band });
  }
  const front = paretoFront(points);
  const partial = new Set(points.filter((p) => p.xPartial).map((p) => p.buildId));
  return { points, offChart, front, frontHasPartial: front.some((id) => partial.has(id)) };
}

export interface RowMetrics {
  cost: CostFigure;
  tps: number | null;
  /** Cost per token/s of the chosen speed, minor units; `partial` when the cost is a lower bound. */
  costPerTps: { minor: number; partial: boolean } | null;
  /** Aggregate tokens/s per watt at the wall. */
  tpsPerW: number | null;
  /** Electricity for a million generated tokens at aggregate throughput, minor units of the price's currency. */
  electricityPerMTokensMinor: number | null;
}

/**
 * The table's figures for one row. `pricePerKwhMinor`: minor units per kWh in
 * the comparison's currency (null when the price is not set or in another currency).
 */
export function rowMetrics(row: CompareRow, costMode: CostMode, speedMode: SpeedMode, pricePerKwhMinor: number | null): RowMetrics {
  const cost = costFigure(row, costMode);
  const speed = speedOf(row, speedMode);
  const state = figureState(cost);
  // A figure with no priced line (nothing spent yet, nothing left to buy) has no cost per tok/s: unknown, never "$0.00".
  const costPerTps = speed && state !== 'unknown' && cost.pricedLines > 0 ? { minor: cost.knownMinor / speed.tps, partial: state === 'partial' } : null;
  const agg = speedOf(row, 'aggregate')?.tps ?? null;
  const wallW = row.power.atLoadWallW;
  const tpsPerW = agg !== null && wallW !== null && wallW > 0 ? agg / wallW : null;
  const electricityPerMTokensMinor =
    agg !== null && wallW !== null && pricePerKwhMinor !== null ? (wallW / 1000) * (1e6 / agg / 3600) * pricePerKwhMinor : null;
  return { cost, tps: speed?.tps ?? null, costPerTps, tpsPerW, electricityPerMTokensMinor };
}

export const SORT_KEYS = ['name', 'cost', 'tps', 'costPerTps', 'tpsPerW', 'electricity', 'power', 'peak'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Sort value of a row; null (unknown) always sorts last whichever the direction. */
function sortValue(row: CompareRow, m: RowMetrics, key: SortKey): number | string | null {
  switch (key) {
    case 'name':
      return row.name.toLowerCase();
    case 'cost':
      return figureState(m.cost) === 'unknown' ? null : m.cost.knownMinor;
    case 'tps':
      return m.tps;
    case 'costPerTps':
      return m.costPerTps?.minor ?? null;
    case 'tpsPerW':
      return m.tpsPerW;
    case 'electricity':
      return m.electricityPerMTokensMinor;
    case 'peak':
      return row.power.peakW;
    case 'power':
      return row.power.atLoadWallW;
  }
}

export function sortRows<T extends { row: CompareRow; metrics: RowMetrics }>(items: readonly T[], key: SortKey, dir: 'asc' | 'desc'): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const va = sortValue(a.row, a.metrics, key);
    const vb = sortValue(b.row, b.metrics, key);
    if (va === null && vb === null) return a.row.buildId - b.row.buildId;
    if (va === null) return 1;
    if (vb === null) return -1;
    const c = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
    return c !== 0 ? sign * c : a.row.buildId - b.row.buildId;
  });
}

/** A value this many times the next one down is an outlier on a linear axis (Groq's $256k rack next to $5k boxes). */
export const OUTLIER_RATIO = 3;

export interface AxisFit {
  /** The largest value the axis has to show; the outliers are drawn at the edge past it. */
  max: number;
  /** Indexes (into the values given) of the values past `max`. */
  outliers: number[];
}

/**
 * The range of a linear axis fitted to the builds in view: everything above the
 * lowest gap where a value is more than OUTLIER_RATIO times the next one down
 * is set aside (a $256k Groq rack and a $120k A100 box over $2k–$5k servers),
 * keeping at least half of the values (and always one) in range.
 * `values[i]` may be several numbers for one point (a speed and its band): the
 * point is an outlier by its largest.
 */
export function fitLinearAxis(values: readonly (number | readonly number[])[]): AxisFit {
  const tops = values.map((v) => (typeof v === 'number' ? v : Math.max(0, ...v)));
  const order = tops
    .map((v, i) => ({ v, i }))
    .filter((e) => Number.isFinite(e.v) && e.v > 0)
    .sort((a, b) => b.v - a.v || a.i - b.i);
  const keep = Math.max(1, Math.ceil(order.length / 2));
  // The deepest qualifying gap: every value above it is an outlier.
  let cut = 0;
  for (let k = 0; order.length - (k + 1) >= keep; k++) if (order[k]!.v > OUTLIER_RATIO * order[k + 1]!.v) cut = k + 1;
  const outliers = order.slice(0, cut).map((e) => e.i);
  return { max: order[cut]?.v ?? 0, outliers: outliers.sort((a, b) => a - b) };
}

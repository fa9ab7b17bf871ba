// Efficiency factors fitted by scripts/calibrate.ts from published
// measurements, and how an estimate looks them up. Each factor is a base plus
// additive offsets for the runtime, the device family and the quantisation
// class, in a link space (logit for bandwidth efficiency, which cannot pass
// 100 % of spec; log for the others). A group without rows uses the "*"
// offset: the support-weighted mean of the fitted groups (the pooled value).
import type { QuantClass } from '#core/models/quant';

export type FactorLink = 'logit' | 'log';

export interface FactorTable {
  link: FactorLink;
  base: number;
  runtime: Record<string, number>;
  family: Record<string, number>;
  quant: Record<string, number>;
}

export interface ResidualStats {
  n: number;
  medianAbsPct: number;
  p90AbsPct: number;
}

export interface CalibrationFile {
  version: number;
  date: string;
  method: string;
  rows: { total: number; used: number; excluded: { row: number; reason: string }[] };
  /** Rows behind each group, so an estimate can say when it leans on pooled factors. */
  support: { runtime: Record<string, number>; family: Record<string, number>; quant: Record<string, number> };
  params: {
    /** Achieved share of spec memory bandwidth while streaming weights. */
    bwEff: FactorTable;
    /** Achieved share of the spec matmul rate in prefill and batched decode. */
    computeEff: FactorTable;
    /** Fixed cost per layer per forward pass (kernel launches, synchronisation), seconds. */
    layerOverheadS: FactorTable;
    /** Cost of one layer-split boundary per forward pass, seconds. */
    layerSplitHopS: number;
  };
  /** Cross-validated residuals per "runtime/metric" group plus "overall", "metric:<m>" and "runtime:<r>". */
  residuals: Record<string, ResidualStats>;
  /** The same computed in-sample, for comparison. */
  residualsInSample: Record<string, ResidualStats>;
  /** Resolved factors for every calibrated runtime × family pair, for people to read. */
  resolved?: Record<string, { bwEff: number; computeEff: number; layerOverheadUs: number }>;
}

export interface Factors {
  bwEff: number;
  computeEff: number;
  layerOverheadS: number;
  layerSplitHopS: number;
}

export interface FactorKey {
  runtime: string;
  family: string;
  quantClass: QuantClass;
}

/** Offset of a group that had no rows: the pooled value. */
export const POOLED = '*';

const inverse = (link: FactorLink, x: number) => (link === 'logit' ? 1 / (1 + Math.exp(-x)) : Math.exp(x));
const offset = (table: Record<string, number>, key: string) => table[key] ?? table[POOLED] ?? 0;

export function resolveFactor(t: FactorTable, k: FactorKey, useQuant = true): number {
  return inverse(t.link, t.base + offset(t.runtime, k.runtime) + offset(t.family, k.family) + (useQuant ? offset(t.quant, k.quantClass) : 0));
}

export function factorsFor(cal: Pick<CalibrationFile, 'params'>, k: FactorKey): Factors {
  return {
    bwEff: resolveFactor(cal.params.bwEff, k),
    computeEff: resolveFactor(cal.params.computeEff, k),
    layerOverheadS: resolveFactor(cal.params.layerOverheadS, k, false),
    layerSplitHopS: cal.params.layerSplitHopS,
  };
}

/** Rows behind each part of the key (0 = that part uses the pooled value). */
export function supportFor(cal: Pick<CalibrationFile, 'support'>, k: FactorKey): { runtime: number; family: number; quant: number } {
  return { runtime: cal.support.runtime[k.runtime] ?? 0, family: cal.support.family[k.family] ?? 0, quant: cal.support.quant[k.quantClass] ?? 0 };
}

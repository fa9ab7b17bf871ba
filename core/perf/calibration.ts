// Efficiency factors fitted by scripts/calibrate.ts from published
// measurements, and how an estimate looks them up. Each factor is a base plus
// additive offsets for the runtime, the device family and the quantisation
// class (and, for bandwidth, the family × format pair), in a link space
// (logit for shares that cannot pass 100 %, log for the others). A group
// without rows uses the "*" offset: the support-weighted mean of the fitted
// groups (the pooled value). Every offset has a prior centred on 0, so a group
// seen in few rows stays near the pool (shrinkage).
import type { QuantClass } from '#core/models/quant';

export type FactorLink = 'logit' | 'log';

export interface FactorTable {
  link: FactorLink;
  base: number;
  runtime: Record<string, number>;
  family: Record<string, number>;
  quant: Record<string, number>;
  /** "family|quantClass" interaction offsets (FP16 and quantised kernels behave differently per family). */
  familyQuant?: Record<string, number>;
}

export interface ResidualStats {
  n: number;
  medianAbsPct: number;
  p90AbsPct: number;
  /** Signed 5th / 95th percentiles of (predicted / measured − 1), % — the band's two sides. */
  p05Pct?: number;
  p95Pct?: number;
  /** Distinct configurations (source × GPU × count × runtime) behind the rows. */
  configurations?: number;
}

/** Interconnect classes a layer-split boundary can cross; the hop cost is fitted per class. */
export type HopClass = 'nvlink' | 'pcie-p2p' | 'pcie-host';

export interface HopTable {
  /** log seconds per boundary at 2 GPUs. */
  base: number;
  cls: Record<string, number>;
  /** Per-boundary cost scales as (gpus / 2)^−exponent: boundaries get cheaper as GPUs are added. */
  gpuExponent: number;
}

/** One cross-validation scheme's residuals (what a fold leaves out decides how honest it is). */
export interface CrossValidation {
  scheme: 'row' | 'configuration' | 'family';
  folds: number;
  residuals: Record<string, ResidualStats>;
}

/** A band source: the residual set the shown band is sized from, and how often it held on unseen configurations. */
export interface BandBasis {
  metric: 'tg_tps' | 'pp_tps' | 'agg_tps';
  /** configuration: unseen boxes of measured families; family: a device family with no measurements at all. */
  scheme: 'configuration' | 'family';
  n: number;
  configurations: number;
  families?: number;
  /** Signed percentiles of (predicted / measured − 1), %. */
  p05Pct: number;
  p95Pct: number;
  /** Factor the 5–95 % spread was widened by (log space, about its middle) to reach ~90 % nested coverage. */
  widen: number;
  /** Share of left-out configurations' rows inside a band sized without them (nested), 0–1, at `widen` and at 1. */
  coverage: number;
  coverageUnwidened: number;
  /** Every configuration-level residual (%), so a reader can check the band. */
  residualsPct: number[];
}

export interface CalibrationFile {
  version: number;
  date: string;
  method: string;
  rows: { total: number; used: number; excluded: { row: number; reason: string }[] };
  /** Rows behind each group, so an estimate can say when it leans on pooled factors. */
  support: { runtime: Record<string, number>; family: Record<string, number>; quant: Record<string, number>; hop?: Record<string, number> };
  params: {
    /** Achieved share of spec memory bandwidth while streaming weights. */
    bwEff: FactorTable;
    /** Achieved share of the spec matmul rate in prefill and batched decode. */
    computeEff: FactorTable;
    /** Fixed cost per layer per forward pass (kernel launches, synchronisation), seconds. */
    layerOverheadS: FactorTable;
    /** Achieved share of the spec fp16 rate while dequantising weights during decode (quantised formats only). */
    dequantEff?: FactorTable;
    /** Cost of one layer-split boundary per forward pass, seconds (v1: one constant). */
    layerSplitHopS: number;
    hop?: HopTable;
    /**
     * Layer-split prefill: share of the other stages' time a chunk still waits
     * for (0 = ideal pipelining of micro-batches, 1 = no overlap at all).
     */
    prefillStall?: number;
  };
  /** Cross-validated residuals per "runtime/metric" group plus "overall", "metric:<m>" and "runtime:<r>" (leave one row out). */
  residuals: Record<string, ResidualStats>;
  /** The same computed in-sample, for comparison. */
  residualsInSample: Record<string, ResidualStats>;
  /** Leave-one-configuration-out and leave-one-device-family-out residuals. */
  crossValidation?: CrossValidation[];
  /** What the shown bands are sized from, per metric. */
  bands?: Record<string, BandBasis>;
  /** The same, sized on leave-one-device-family-out residuals: the roofline fallback's band. */
  bandsUnmeasuredFamily?: Record<string, BandBasis>;
  /** Resolved factors for every calibrated runtime × family pair, for people to read. */
  resolved?: Record<string, { bwEff: number; computeEff: number; layerOverheadUs: number; dequantEff?: number }>;
}

export interface Factors {
  bwEff: number;
  computeEff: number;
  layerOverheadS: number;
  layerSplitHopS: number;
  /** null = no dequantisation term (float/fp8 weights, or a v1 calibration). */
  dequantEff: number | null;
  prefillStall: number;
}

export interface FactorKey {
  runtime: string;
  family: string;
  quantClass: QuantClass;
  /** The boundary's interconnect and the GPUs in the split (layer split only). */
  hopClass?: HopClass;
  gpus?: number;
}

/** Offset of a group that had no rows: the pooled value. */
export const POOLED = '*';

/** Formats whose kernels unpack weights before the multiply (the dequantisation term applies). */
export const DEQUANTISED: readonly QuantClass[] = ['gguf-legacy', 'gguf-k', 'gptq-awq', 'exl2', 'int8'];

const inverse = (link: FactorLink, x: number) => (link === 'logit' ? 1 / (1 + Math.exp(-x)) : Math.exp(x));
const offset = (table: Record<string, number>, key: string) => table[key] ?? table[POOLED] ?? 0;

export function resolveFactor(t: FactorTable, k: FactorKey, useQuant = true): number {
  const fq = useQuant && t.familyQuant ? (t.familyQuant[`${k.family}|${k.quantClass}`] ?? 0) : 0;
  return inverse(t.link, t.base + offset(t.runtime, k.runtime) + offset(t.family, k.family) + (useQuant ? offset(t.quant, k.quantClass) : 0) + fq);
}

/** Seconds per layer-split boundary for an interconnect class and a number of GPUs. */
export function hopSeconds(cal: Pick<CalibrationFile, 'params'>, hopClass: HopClass | undefined, gpus: number | undefined): number {
  const h = cal.params.hop;
  if (!h) return cal.params.layerSplitHopS;
  const n = Math.max(2, gpus ?? 2);
  return Math.exp(h.base + offset(h.cls, hopClass ?? 'pcie-p2p')) * Math.pow(n / 2, -h.gpuExponent);
}

export function factorsFor(cal: Pick<CalibrationFile, 'params'>, k: FactorKey): Factors {
  const dq = cal.params.dequantEff;
  return {
    bwEff: resolveFactor(cal.params.bwEff, k),
    computeEff: resolveFactor(cal.params.computeEff, k),
    layerOverheadS: resolveFactor(cal.params.layerOverheadS, k, false),
    layerSplitHopS: hopSeconds(cal, k.hopClass, k.gpus),
    dequantEff: dq && DEQUANTISED.includes(k.quantClass) ? resolveFactor(dq, k, false) : null,
    prefillStall: cal.params.prefillStall ?? 0,
  };
}

/** Rows behind each part of the key (0 = that part uses the pooled value). */
export function supportFor(cal: Pick<CalibrationFile, 'support'>, k: FactorKey): { runtime: number; family: number; quant: number } {
  return { runtime: cal.support.runtime[k.runtime] ?? 0, family: cal.support.family[k.family] ?? 0, quant: cal.support.quant[k.quantClass] ?? 0 };
}

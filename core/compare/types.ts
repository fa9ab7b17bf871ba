// The shapes of a comparison: one row per build for one workload, with what it
// costs (spent / still to buy / total, by category) and how fast the estimate
// says it runs. Schemas here are the API contract's result types as well, so
// the renderer parses exactly what core computes. Unknown is null, never 0.
import { z } from 'zod';
import { CurrencyCode } from '../money';

/** The workload every build is compared on. Runtime and split come from each build. */
export const CompareWorkload = z.strictObject({
  modelId: z.string().min(1).max(120),
  quant: z.string().min(1).max(40),
  contextTokens: z.number().int().min(1).max(10_000_000),
  batch: z.number().int().min(1).max(4096),
});
export type CompareWorkload = z.infer<typeof CompareWorkload>;

/** The seed analysis' comparison: a 70B Llama in int8 with 4K context, one stream. */
export const SEED_WORKLOAD: CompareWorkload = { modelId: 'llama-2-70b', quant: 'INT8', contextTokens: 4096, batch: 1 };

export const Range = z.object({ low: z.number(), high: z.number() });
export type Range = z.infer<typeof Range>;

/**
 * What the performance model said about one build on the workload. `fits`
 * false or `decodeTps` null means it cannot run it; `reason` says why.
 */
export const SpeedEstimate = z.object({
  fits: z.boolean(),
  reason: z.string().nullable(),
  /** Single-stream decode tokens/s (the slowest instance). */
  decodeTps: z.number().nullable(),
  decodeBand: Range.nullable(),
  /** Generated tokens/s of every instance at the workload's batch. */
  aggregateTps: z.number().nullable(),
  aggregateBand: Range.nullable(),
  /** ± percentage of the band and where it comes from. */
  bandPct: z.number().nullable(),
  bandBasis: z.string().nullable(),
  prefillTps: z.number().nullable(),
  ttftS: z.number().nullable(),
  bottleneck: z.string().nullable(),
  /** Accelerator draw while serving the workload (the model's figure). */
  powerW: z.number().nullable(),
  /** Why powerW is null: "the TDP of X is not known". */
  powerUnknown: z.string().nullable().optional(),
  runtime: z.string(),
  split: z.string(),
  instances: z.number().int(),
  assumptions: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type SpeedEstimate = z.infer<typeof SpeedEstimate>;

/**
 * A sum of money in one currency over some cost lines. `knownMinor` adds the
 * priced lines only; with `unpricedLines` > 0 the true figure is at least that
 * (shown as "≥"); with no priced line at all it is unknown.
 */
export const CostFigure = z.object({
  knownMinor: z.number().int(),
  pricedLines: z.number().int().min(0),
  unpricedLines: z.number().int().min(0),
});
export type CostFigure = z.infer<typeof CostFigure>;

export const CategoryCost = z.object({
  category: z.string(),
  knownMinor: z.number().int(),
  pricedLines: z.number().int().min(0),
  unpricedLines: z.number().int().min(0),
});
export type CategoryCost = z.infer<typeof CategoryCost>;

export const BuildCostSummary = z.object({
  currency: CurrencyCode,
  total: CostFigure,
  /** Owned parts: price paid + shipping + tax. */
  spent: CostFigure,
  /** Planned parts (and wishlist items): estimates. */
  toBuy: CostFigure,
  byCategory: z.array(CategoryCost),
  /** Lines per price basis (core/prices/basis.ts): paid, observed (the user's own figures), typical, unknown. */
  basis: z.object({ paid: z.number().int().min(0), observed: z.number().int().min(0), typical: z.number().int().min(0), unknown: z.number().int().min(0) }),
  /** Lines whose price is over a year old. */
  staleLines: z.number().int().min(0),
  /** Parts without a price in this currency (what is left to price before the total is known). */
  unpriced: z.array(z.object({ partId: z.string(), label: z.string(), quantity: z.number().int().min(0), reason: z.string() })).default([]),
});
export type BuildCostSummary = z.infer<typeof BuildCostSummary>;

/** Power of a build against what feeds it. */
export const PowerCapacity = z.object({
  /** DC draw at load: the estimate's accelerator draw plus the checker's typical draw of everything else; null without an estimate. */
  atLoadW: z.number().nullable(),
  /** atLoadW at the wall (through the PSUs' efficiency, as the checker assumes it). */
  atLoadWallW: z.number().nullable(),
  /** The checker's peak DC draw of every component. */
  peakW: z.number(),
  /** Models whose TDP is unknown: peakW leaves them out (a lower bound, shown "≥"). */
  unknownTdp: z.array(z.string()).optional(),
  /** What the PSUs deliver with redundancy kept at the site voltage; null when any chassis' PSU output is unknown. */
  psuUsableW: z.number().nullable(),
  /** Continuous capacity of the racks' branch circuits (80 % rule). */
  circuitW: z.number(),
});
export type PowerCapacity = z.infer<typeof PowerCapacity>;

export const CompareRow = z.object({
  buildId: z.number().int(),
  name: z.string(),
  /** The estimate; null when none could be made (see `problem`). */
  estimate: SpeedEstimate.nullable(),
  /** Why no estimate exists (no GPUs, unknown model, …). */
  problem: z.string().nullable(),
  cost: BuildCostSummary,
  power: PowerCapacity,
});
export type CompareRow = z.infer<typeof CompareRow>;

export const COST_MODES = ['total', 'toBuy', 'spent'] as const;
export type CostMode = (typeof COST_MODES)[number];
export const COST_MODE_LABEL: Record<CostMode, string> = { total: 'Total', toBuy: 'Still to buy', spent: 'Already spent' };

export const SPEED_MODES = ['perStream', 'aggregate'] as const;
export type SpeedMode = (typeof SPEED_MODES)[number];
export const SPEED_MODE_LABEL: Record<SpeedMode, string> = { perStream: 'Per stream', aggregate: 'Aggregate throughput' };

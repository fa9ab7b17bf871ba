// The estimate report as it crosses a boundary (the `estimate:run` result, the
// editor's own estimate, `rackhive estimate --json`): every field typed, none
// passed through loosely. JSON has no Infinity, so the two figures that can be
// unbounded (a band's upper side, the devices training needs) are null there.
import { z } from 'zod';
import { Money } from '#core/money';
import { BASIS_CLASSES } from '#core/prices/basis';
import type { EstimateReport } from './request';

const Bottleneck = z.enum(['memory-bandwidth', 'compute', 'interconnect', 'runtime-overhead', 'host-staging']);
const PathClass = z.enum(['NV', 'PIX', 'PXB', 'PHB', 'NODE', 'SYS', 'NET']);

const ResidualSet = z.strictObject({
  scheme: z.enum(['configuration', 'family', 'row']),
  metric: z.enum(['tg_tps', 'pp_tps', 'agg_tps']),
  n: z.number(),
  configurations: z.number().nullable(),
  p05Pct: z.number(),
  p95Pct: z.number(),
  widen: z.number(),
  coverage: z.number().nullable(),
  residualsPct: z.array(z.number()),
});

const Band = z.strictObject({
  low: z.number(),
  /** null = unbounded (the measured error reaches −100 %). */
  high: z.number().nullable(),
  pct: z.number().nullable(),
  basis: z.string(),
  residualSet: ResidualSet.nullable(),
});

const MemoryLine = z.strictObject({
  device: z.string(),
  layers: z.number(),
  weightsGB: z.number(),
  kvGB: z.number(),
  overheadGB: z.number(),
  usedGB: z.number(),
  capacityGB: z.number(),
  usedGiB: z.number(),
  capacityGiB: z.number(),
  overflowGB: z.number(),
});

const Instance = z.strictObject({
  devices: z.array(z.string()),
  deviceIndexes: z.array(z.number().int()),
  split: z.enum(['single', 'layer', 'tensor', 'sram-pipeline']),
  pathClass: PathClass.nullable(),
  fits: z.boolean(),
  memory: z.array(MemoryLine),
  decodeTps: z.number(),
  aggregateTps: z.number(),
  prefillTps: z.number().nullable(),
  ttftS: z.number().nullable(),
  bottleneck: Bottleneck,
  servingBatch: z.number(),
  servingMemoryLimited: z.boolean(),
});

const BasisCounts = z.strictObject(Object.fromEntries(BASIS_CLASSES.map((c) => [c, z.number().int()])) as Record<(typeof BASIS_CLASSES)[number], z.ZodNumber>);

export const EstimateResult = z.strictObject({
  fits: z.boolean(),
  instances: z.array(Instance),
  memoryPerDeviceGB: z.array(z.number().nullable()),
  overflow: z.array(z.strictObject({ device: z.string(), overflowGB: z.number() })),
  decodeTps: z.number(),
  aggregateTps: z.number(),
  /** Null when a device's compute rate is unknown. */
  prefillTps: z.number().nullable(),
  ttftS: z.number().nullable(),
  bottleneck: Bottleneck,
  powerW: z.number(),
  /** Why powerW is not the whole draw (a TDP no source gives); the views then say unknown with this reason. */
  powerUnknown: z.string().nullable(),
  energy: z.strictObject({
    powerW: z.number(),
    scope: z.enum(['accelerators', 'system-wall']),
    tokensPerKwh: z.number(),
    electricityPerMTokens: z.number().nullable(),
    tokensPerSecondPerWatt: z.number(),
  }),
  cost: z
    .strictObject({
      owned: Money,
      toBuy: Money,
      total: Money,
      perTpsMinor: z.number().nullable(),
      otherCurrencyLines: z.number().int(),
      unpricedLines: z.number().int(),
      basis: BasisCounts,
      staleLines: z.number().int(),
    })
    .nullable(),
  band: z.strictObject({ decodeTps: Band, aggregateTps: Band, prefillTps: Band.nullable() }),
  factors: z.strictObject({
    bwEff: z.number(),
    computeEff: z.number(),
    layerOverheadS: z.number(),
    layerSplitHopS: z.number(),
    dequantEff: z.number().nullable(),
    prefillStall: z.number(),
  }),
  calibrated: z.boolean(),
  basis: z.enum(['calibrated', 'roofline-fallback', 'uncalibrated-sram']),
  missing: z.array(z.string()),
  sram: z
    .strictObject({
      weightsGB: z.number(),
      contextGB: z.number(),
      totalGB: z.number(),
      chipsNeeded: z.number(),
      racks: z.number(),
      devices: z.number(),
      forwardPassGflop: z.number(),
    })
    .nullable(),
  /** The KV cache at the workload's context on the tightest instance (core/perf/contextFit); null when nothing to place. */
  context: z
    .strictObject({
      contextTokens: z.number(),
      batch: z.number(),
      kvGB: z.number(),
      kvGiB: z.number(),
      device: z.string(),
      weightsGiB: z.number(),
      usedGiB: z.number(),
      capacityGiB: z.number(),
      fits: z.boolean(),
      weightsFit: z.boolean(),
      maxContextTokens: z.number().nullable(),
      message: z.string(),
    })
    .nullable()
    .optional(),
  assumptions: z.array(z.string()),
  warnings: z.array(z.string()),
  workload: z.strictObject({
    model: z.string(),
    quant: z.string(),
    bitsPerWeight: z.number(),
    kv: z.string(),
    runtime: z.string(),
    contextTokens: z.number().int(),
    promptTokens: z.number().int(),
    batch: z.number().int(),
    batchMax: z.boolean(),
    flashAttention: z.boolean(),
    split: z.string(),
    instances: z.number().int(),
  }),
  hardware: z.array(z.strictObject({ name: z.string(), count: z.number().int() })),
  training: z
    .strictObject({
      stateGB: z.number(),
      activationsGB: z.number(),
      totalGB: z.number(),
      /** null = no number of these devices holds it (each one's memory is used up by activations). */
      devicesNeeded: z.number().nullable(),
      fits: z.boolean(),
    })
    .nullable(),
  calibration: z.strictObject({ version: z.number(), date: z.string(), rows: z.number().int() }),
});
export type EstimateResult = z.infer<typeof EstimateResult>;

/**
 * The report in its wire form, checked against the schema: what the handler
 * returns and what the editor shows, so the two are equal by construction.
 */
export function reportOnWire(report: EstimateReport): EstimateResult {
  return EstimateResult.parse(JSON.parse(JSON.stringify(report)));
}

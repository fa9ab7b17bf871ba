// The performance estimate for the renderer: same request and report as
// `rackhive estimate --json` (fits, memoryPerDeviceGB, decodeTps, prefillTps,
// ttftS, bottleneck, powerW, band, assumptions, …).
import { z } from 'zod';
import { endpoint } from './endpoint';
import { EstimateRequest } from '../perf/request';

const Band = z.object({ low: z.number(), high: z.number(), pct: z.number(), basis: z.string() });

/** The fields the UI relies on are typed; the rest of the report passes through. */
export const EstimateResult = z.looseObject({
  fits: z.boolean(),
  memoryPerDeviceGB: z.array(z.number().nullable()),
  decodeTps: z.number(),
  aggregateTps: z.number(),
  /** Null when a device's compute rate is unknown. */
  prefillTps: z.number().nullable(),
  ttftS: z.number().nullable(),
  bottleneck: z.enum(['memory-bandwidth', 'compute', 'interconnect', 'runtime-overhead', 'host-staging']),
  powerW: z.number(),
  band: z.object({ decodeTps: Band, aggregateTps: Band, prefillTps: Band.nullable() }),
  assumptions: z.array(z.string()),
  warnings: z.array(z.string()),
  overflow: z.array(z.object({ device: z.string(), overflowGB: z.number() })),
  /** 'roofline-fallback': a device family or runtime without measurements — spec roofline × pooled factors, wide band. */
  basis: z.enum(['calibrated', 'roofline-fallback', 'uncalibrated-sram']).optional(),
  /** The facts the estimate lacks, each naming its device. */
  missing: z.array(z.string()).optional(),
  /** The KV cache at the workload's context on the tightest instance (core/perf/contextFit). */
  context: z
    .object({ contextTokens: z.number(), batch: z.number(), kvGB: z.number(), kvGiB: z.number(), device: z.string(), weightsGiB: z.number(), usedGiB: z.number(), capacityGiB: z.number(), fits: z.boolean(), weightsFit: z.boolean(), maxContextTokens: z.number().nullable(), message: z.string() })
    .nullable()
    .optional(),
});
export type EstimateResult = z.infer<typeof EstimateResult>;

export const estimateEndpoints = {
  'estimate:run': endpoint('Estimate memory fit, tokens/s (with error bands), bottleneck, power and cost for GPUs × count or a build, and a model.', EstimateRequest, EstimateResult),
};

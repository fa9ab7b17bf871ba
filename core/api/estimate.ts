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
});
export type EstimateResult = z.infer<typeof EstimateResult>;

export const estimateEndpoints = {
  'estimate:run': endpoint('Estimate memory fit, tokens/s (with error bands), bottleneck, power and cost for GPUs × count or a build, and a model.', EstimateRequest, EstimateResult),
};

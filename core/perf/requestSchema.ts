// The estimate request's schema on its own, so the API contract (and the renderer
// that validates against it) does not load the estimator to know its shape.
import { z } from 'zod';

export const EstimateRequest = z.strictObject({
  gpu: z.string().min(1).max(120).optional(),
  count: z.number().int().min(1).max(4096).default(1),
  model: z.string().min(1).max(120).optional(),
  quant: z.string().min(1).max(40).optional(),
  kv: z.string().min(1).max(20).optional(),
  runtime: z.string().min(1).max(40).optional(),
  contextTokens: z.number().int().min(1).max(10_000_000).optional(),
  promptTokens: z.number().int().min(1).max(10_000_000).optional(),
  /** Concurrent sequences per instance, or 'max': as many as the scheduler and KV-cache memory allow. */
  batch: z.union([z.number().int().min(1).max(4096), z.literal('max')]).optional(),
  /** Flash attention on/off; default: the runtime's own default. */
  flashAttention: z.boolean().optional(),
  /**
   * A device the catalog does not have, described by its spec sheet: the
   * estimate then falls back to the roofline × pooled factors with a wide band.
   */
  device: z
    .strictObject({
      name: z.string().min(1).max(120),
      memoryGiB: z.number().positive().max(100_000),
      memBandwidthGBps: z.number().positive().max(1_000_000),
      fp16Tflops: z.number().positive().max(1_000_000).optional(),
    })
    .optional(),
  split: z.enum(['layer', 'tensor', 'replicas']).optional(),
  instances: z.number().int().min(1).max(4096).optional(),
  pricePerKwh: z.number().nonnegative().max(100).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  decodePowerFraction: z.number().gt(0).max(1).optional(),
  /** A build: its GPUs and PCIe topology replace gpu/count; its workload (the first, or `workload`) fills unset fields. */
  build: z.unknown().optional(),
  /** Which of the build's workloads to estimate, 0-based; default the first. */
  workload: z.number().int().min(0).max(63).optional(),
});
export type EstimateRequest = z.input<typeof EstimateRequest>;
/** A request after the schema has run (defaults filled): what the dispatch hands a handler. */
export type ParsedEstimateRequest = z.output<typeof EstimateRequest>;

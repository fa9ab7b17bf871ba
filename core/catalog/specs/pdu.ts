import { z } from 'zod';
import { count, qty, text } from '../fields';

// Power distribution: the plug decides the circuit, the outlets the PSU cords.
export const PduSpecs = z.strictObject({
  kind: z.enum(['basic', 'metered', 'monitored', 'switched']).nullable(),
  inputPlug: text(),
  inputVolts: qty(),
  inputAmps: qty(),
  /** Rated load; the continuous limit on a North American branch circuit is 80 % of the breaker. */
  maxLoadW: qty(),
  outlets: z.array(z.strictObject({ kind: z.string().min(1), count: z.number().int().positive() })).nullable(),
  heightU: count(),
});
export type PduSpecs = z.infer<typeof PduSpecs>;

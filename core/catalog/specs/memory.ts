import { z } from 'zod';
import { count, flag } from '../fields';

// One DIMM (module), not a kit.
export const MemorySpecs = z.strictObject({
  type: z.enum(['DDR3', 'DDR4', 'DDR5']).nullable(),
  sizeGB: count(),
  speedMTps: count(),
  registered: flag(),
  loadReduced: flag(),
  ecc: flag(),
  ranks: count(),
});
export type MemorySpecs = z.infer<typeof MemorySpecs>;

import { z } from 'zod';
import { qty, text } from '../fields';

// Cables: power cords (C13/C19), GPU power adapters, network and PCIe cables.
export const CableSpecs = z.strictObject({
  kind: z.enum(['power-cord', 'gpu-power-adapter', 'dac', 'aoc', 'fiber', 'ethernet', 'pcie', 'other']).nullable(),
  endA: text(),
  endB: text(),
  lengthM: qty(),
  ratedAmps: qty(),
  speedGbps: qty(),
});
export type CableSpecs = z.infer<typeof CableSpecs>;

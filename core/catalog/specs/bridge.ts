// NVLink bridges over the tops of two PCIe cards (RTX 3090, A-series, A100 PCIe).
// A bridge fits one card family and one spacing between the cards' slots.
import { z } from 'zod';
import { count, qty } from '../fields';

export const BridgeSpecs = z.strictObject({
  kind: z.enum(['nvlink-bridge']),
  /** NVLink links it carries: nvidia-smi shows the pair as NV<links>; null = not known. */
  links: count(),
  /** Slot positions from the first card's slot to the second's (3-slot bridge = 3); null = not known. */
  slotSpacing: count(),
  /** GPU part ids it bridges (both cards must be the same one). */
  fitsGpus: z.array(z.string().min(1)).min(1),
  bandwidthGBps: qty(),
  bandwidthDirection: z.enum(['per-direction', 'bidirectional']).nullable(),
});
export type BridgeSpecs = z.infer<typeof BridgeSpecs>;

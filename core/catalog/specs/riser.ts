// Risers, extenders and bifurcation cards: how one host link becomes slots.
import { z } from 'zod';
import { count, flag, pcieGen, pcieLanes, qty } from '../fields';

export const RiserSpecs = z.strictObject({
  kind: z.enum(['riser-cable', 'riser-card', 'bifurcation-card', 'switch-card', 'oculink-adapter', 'mcio-adapter']),
  hostLanes: pcieLanes(),
  /** Highest generation the part is rated for (signal integrity). */
  pcieGen: pcieGen(),
  /** Downstream slots or ports and their electrical width. */
  outputs: z.array(z.strictObject({ count: z.number().int().positive(), lanes: pcieLanes() })).nullable(),
  /** The host slot must be set to split (x4x4x4x4) in the BIOS. */
  needsBifurcation: flag(),
  /** Part id of the switch chip when the card carries one. */
  switchPartId: z.string().nullable(),
  cableLengthMm: qty(),
  slotsAvailable: count(),
});
export type RiserSpecs = z.infer<typeof RiserSpecs>;

export { riserSlots } from './riserSlots';

// CPU specs that decide a build's topology: lanes per socket, root complexes,
// memory channels and the inter-socket link.
import { z } from 'zod';
import { count, pcieGen, qty, text } from '../fields';

export const SocketInterconnect = z.strictObject({
  kind: z.enum(['qpi', 'upi', 'infinity-fabric']).nullable(),
  links: count(),
  speedGTps: qty(),
  note: z.string().optional(),
});
export type SocketInterconnect = z.infer<typeof SocketInterconnect>;

export const CpuSpecs = z.strictObject({
  family: text(),
  socket: text(),
  cores: count(),
  baseGHz: qty(),
  tdpW: qty(),
  pcieGen: pcieGen(),
  /** PCIe lanes of one socket in a single-socket system. */
  pcieLanes: count(),
  /** Lanes per socket left for devices in a 2-socket system (EPYC spends some on xGMI); null if unknown or 1-socket only. */
  pcieLanesPerSocketIn2P: count(),
  memoryChannels: count(),
  memType: z.enum(['DDR3', 'DDR4', 'DDR5']).nullable(),
  maxMemMTps: count(),
  interconnect: SocketInterconnect.nullable(),
  /** Host bridges per socket: GPUs under different ones do not share a P2P domain for free. */
  rootComplexes: count(),
});
export type CpuSpecs = z.infer<typeof CpuSpecs>;

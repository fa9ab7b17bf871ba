// GPU / accelerator specs. Throughput is dense (no 2:4 sparsity). On GeForce
// cards fp16Tflops is FP16 with FP32 accumulate (half rate); see the notes.
// vramGB and memBandwidthGBps are board totals: divide by devicesPerBoard
// (a K80 is two 12 GB GPUs, not one 24 GB pool).
import { z } from 'zod';
import { count, flag, pcieGen, pcieLanes, qty, text } from '../fields';

export const GpuFamily = z.enum([
  'geforce',
  'titan',
  'tesla',
  'datacenter',
  'workstation',
  'instinct',
  'radeon',
  'arc',
  'groq',
  'apple',
  'jetson',
  'gaudi',
  'other',
]);
export type GpuFamily = z.infer<typeof GpuFamily>;

export const GpuFormFactor = z.enum(['pcie', 'sxm2', 'sxm3', 'sxm4', 'sxm5', 'oam']);

export const PowerConnectorKind = z.enum([
  'eps-12v-8pin', // "CPU 8-pin": Tesla/A-series datacenter cards; not PCIe 8-pin
  'pcie-8pin',
  'pcie-6pin',
  '12pin-nvidia', // RTX 30 Founders Edition 12-pin
  '12vhpwr', // PCIe CEM 5.0 16-pin
  '12v-2x6', // revised 16-pin
  'baseboard', // SXM/OAM modules are powered through the baseboard
]);
export type PowerConnectorKind = z.infer<typeof PowerConnectorKind>;

export const PowerConnector = z.strictObject({ kind: PowerConnectorKind, count: z.number().int().positive() });
export type PowerConnector = z.infer<typeof PowerConnector>;

/** A direct GPU-to-GPU link (NVLink bridge or SXM fabric, AMD Infinity Fabric Link, Groq C2C). */
export const GpuLink = z.strictObject({
  kind: z.enum(['none', 'nvlink-bridge', 'nvlink-sxm', 'infinity-fabric-link', 'groq-c2c']),
  gen: count(),
  links: count(),
  /** How many cards one bridge joins (2-way, 4-way); null for fabrics or unknown. */
  bridgeWays: count(),
  bandwidthGBps: qty(),
  /** Vendors quote per direction or both directions summed; null when the source does not say. */
  bandwidthDirection: z.enum(['per-direction', 'bidirectional']).nullable(),
  note: z.string().optional(),
});
export type GpuLink = z.infer<typeof GpuLink>;

export const GpuSpecs = z.strictObject({
  family: GpuFamily.nullable(),
  architecture: text(),
  devicesPerBoard: z.number().int().positive(),
  vramGB: qty(),
  memType: text(),
  memBandwidthGBps: qty(),
  /** On-chip SRAM that holds the model (GroqChip); null for ordinary GPUs. */
  sramMB: qty(),
  fp16Tflops: qty(),
  bf16: flag(),
  int8Tops: qty(),
  tdpW: qty(),
  formFactor: GpuFormFactor.nullable(),
  pcieGen: pcieGen(),
  pcieLanes: pcieLanes(),
  /** Slots occupied (1, 2, 3); null for SXM/OAM or unknown. */
  slotWidth: qty(),
  lowProfile: flag(),
  lengthMm: qty(),
  /** null = unknown; [] = powered by the slot alone. */
  powerConnectors: z.array(PowerConnector).nullable(),
  cooling: z.enum(['passive', 'blower', 'open-air', 'active', 'liquid']).nullable(),
  /** null = unknown; { kind: 'none' } = no such link. */
  gpuLink: GpuLink.nullable(),
  /** GeForce: the stock driver reports PCIe P2P as unsupported. */
  p2pOverPcie: z.enum(['yes', 'driver-disabled', 'unknown', 'not-applicable']),
});
export type GpuSpecs = z.infer<typeof GpuSpecs>;

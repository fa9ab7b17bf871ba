// A chassis or barebone system: what the rack sees (height, depth, weight), the
// PSU bays and the PSUs a system ships with, the space for GPU cards, and for
// barebones the board that comes built in (SYS-4028GR-TRT ships with its board
// and GPU daughterboards). Unknown numbers are null, never 0.
import { z } from 'zod';
import { Provenance } from './board';

export const PsuRedundancy = z.enum(['none', 'N+1', 'N+N']);
export type PsuRedundancy = z.infer<typeof PsuRedundancy>;

export const Airflow = z.enum(['front-to-rear', 'rear-to-front', 'side-to-side', 'passive', 'unknown']);

export const FittedPsu = z.strictObject({
  /** PSU catalog part id. */
  partId: z.string().min(1),
  count: z.number().int().min(1).max(16),
  verified: z.boolean(),
  source: z.string().nullable().optional(),
});
export type FittedPsu = z.infer<typeof FittedPsu>;

export const FittedCpu = z.strictObject({
  /** CPU catalog part id. */
  partId: z.string().min(1),
  count: z.number().int().min(1).max(8),
  verified: z.boolean(),
  /** Where it says so (URL, or document + what it says). */
  source: z.string().min(1),
});
export type FittedCpu = z.infer<typeof FittedCpu>;

/** A group of alike PCIe slots as a system file lists them (not the board's wiring). */
export const PcieSlotGroup = z.strictObject({
  count: z.number().int().min(1),
  /** Width as written (x16); null = not said. */
  width: z.number().int().min(1).max(32).nullable(),
  gen: z.number().int().min(1).max(6).nullable(),
  height: z.enum(['full-height', 'low-profile']).nullable(),
});
export type PcieSlotGroup = z.infer<typeof PcieSlotGroup>;

/** "13× x16 PCIe 5.0 full-height": one line per group, in every view. */
export function pcieSlotGroupText(g: PcieSlotGroup): string {
  const bits = [g.width !== null ? `x${g.width}` : 'width not given', g.gen !== null ? `PCIe ${g.gen}.0` : null, g.height].filter(Boolean);
  return `${g.count}× ${bits.join(' ')}`;
}

/** Rackmount servers sit in racks; towers and open (mining) frames stand on their own. */
export const ChassisFormFactor = z.enum(['rackmount', 'tower', 'open-frame']);
export type ChassisFormFactor = z.infer<typeof ChassisFormFactor>;

export const ChassisSpec = z.strictObject({
  formFactor: ChassisFormFactor.default('rackmount'),
  /** Rack units; null for towers and desktop cases. */
  heightU: z.number().int().min(1).max(60).nullable(),
  depthMm: z.number().positive().max(2000).nullable(),
  weightKg: z.number().positive().max(500).nullable(),
  /** Board form factors the chassis takes ("E-ATX", "SSI-EEB"); proprietary boards go in compatibleBoards. */
  boardFormFactors: z.array(z.string().min(1)).default([]),
  /** Board part ids that fit (proprietary boards of barebone systems). */
  compatibleBoards: z.array(z.string().min(1)).default([]),
  /** The board a barebone system ships with; null for an empty chassis. */
  integratedBoard: z.string().min(1).nullable(),
  /** null = not known (an imported file that lists no PSUs): the checker then says "not checked". */
  psuBays: z.number().int().min(0).max(16).nullable(),
  /** What the system ships with; empty for a bare chassis. */
  psusFitted: z.array(FittedPsu).default([]),
  /**
   * CPUs the system is sold with, where a public source gives them (most
   * barebones ship without); placed as planned parts with the system. Absent or
   * empty = none listed (not known, or sold without).
   */
  cpusFitted: z.array(FittedCpu).optional(),
  /** How the fitted PSUs are run; null = not confirmed. */
  psuRedundancy: PsuRedundancy.nullable(),
  gpu: z.strictObject({
    /** Double-wide GPU positions; null = not known (the checker then says "not checked"). */
    maxCards: z.number().int().min(0).max(64).nullable(),
    maxCardLengthMm: z.number().positive().nullable(),
    /** Widest card in slot widths (2 = double-wide). */
    maxCardWidthSlots: z.number().int().min(1).max(4).nullable(),
    /** Tallest card: 'low-profile' chassis take only low-profile cards; null = not known. */
    maxCardHeight: z.enum(['full-height', 'low-profile']).nullable().default(null),
  }),
  airflow: Airflow,
  /** GPU power leads the chassis provides (e.g. 8× EPS-12V 8-pin); null = not known. */
  gpuPowerConnectors: z
    .array(z.strictObject({ kind: z.string().min(1), count: z.number().int().min(1) }))
    .nullable()
    .default(null),
  /** Bays for the nodes (child devices) of a multi-node chassis; null = not a multi-node chassis or not known. */
  nodeBays: z.number().int().min(0).max(64).nullable().default(null),
  /** The PCIe slots a system file lists, grouped (count, width, gen, height); null = not listed. Planning uses the board's slots. */
  pcieSlots: z.array(PcieSlotGroup).nullable().default(null),
  /** Watts one chassis may draw at most, from the vendor (for circuits); null = unknown. */
  maxDrawW: z.number().positive().nullable().default(null),
  provenance: Provenance,
});
export type ChassisSpec = z.infer<typeof ChassisSpec>;

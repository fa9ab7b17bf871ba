// A build as data: racks → chassis at U positions → the board's sockets, slots
// and bays → placed parts. Every placed part names a catalog part id and is
// either bound to an inventory item (owned) or planned (to buy, at an estimate).
import { z } from 'zod';
import { Money } from '../money';

export const BUILD_FORMAT = 'rackhive.build';
export const BUILD_VERSION = 1;

/** Ids inside a build (racks, chassis, devices): short, printable, stable. */
export const BuildId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'ids are 1–64 letters, digits, ".", "_" or "-"');
const PartRef = z.string().min(1).max(120);

/** What every placed part carries: which catalog part, and owned or planned. */
const placed = {
  partId: PartRef,
  /** Bound to this inventory item: owned (or on its way) at the price paid. */
  inventoryItemId: z.string().min(1).max(64).optional(),
  /** Planned part: what it is expected to cost. */
  plannedPrice: Money.strict().optional(),
};

export const PlacedCpu = z.strictObject({ socket: BuildId, ...placed });

/**
 * Where a device sits: a board slot id ("gpu1"), or a slot of a part that
 * holds parts (a riser, bifurcation or switch card) as "<hostDeviceId>/<slotId>".
 */
export const SlotRef = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,63})?$/,
    'a slot is a board slot id ("gpu1") or "<host device id>/<slot id>" ("riser-1/a")',
  );

/** The host device and its slot when a slot reference points into a part that holds parts. */
export function hostSlotOf(slot: string): { hostId: string; slotId: string } | null {
  const at = slot.indexOf('/');
  return at < 0 ? null : { hostId: slot.slice(0, at), slotId: slot.slice(at + 1) };
}

export const PlacedDevice = z.strictObject({
  id: BuildId,
  /** Board slot id, or "<hostDeviceId>/<slotId>" for a slot on a riser, bifurcation or switch card. */
  slot: SlotRef,
  ...placed,
});
export type PlacedDevice = z.infer<typeof PlacedDevice>;

/** An NVLink bridge over the tops of two PCIe cards of this chassis. */
export const PlacedBridge = z.strictObject({
  ...placed,
  /** The two devices it joins, by device id. */
  devices: z.array(BuildId).length(2, 'an NVLink bridge joins exactly two cards'),
});
export type PlacedBridge = z.infer<typeof PlacedBridge>;
export const PlacedPsu = z.strictObject({ count: z.number().int().min(1).max(16).default(1), ...placed });
export const PlacedDimm = z.strictObject({
  socket: BuildId,
  /** 0-based memory channel of that socket. */
  channel: z.number().int().min(0).max(15),
  /** DIMMs in this channel. */
  count: z.number().int().min(1).max(4).default(1),
  ...placed,
});
export const PlacedDrive = z.strictObject({ count: z.number().int().min(1).max(64).default(1), ...placed });

export const ChassisPlacement = z.strictObject({
  id: BuildId,
  label: z.string().min(1).max(80).optional(),
  ...placed,
  /** Lowest rack unit the chassis occupies (1 = bottom). */
  positionU: z.number().int().min(1).max(60),
  /** Board part id; absent = the chassis' integrated board. */
  boardPartId: PartRef.optional(),
  cpus: z.array(PlacedCpu).max(8).default([]),
  /** Cards in slots: GPUs, NICs, risers, NVMe adapters. */
  devices: z.array(PlacedDevice).max(64).default([]),
  /** NVLink bridges between pairs of PCIe cards; absent = none. */
  bridges: z.array(PlacedBridge).max(32).optional(),
  /** Absent = the PSUs the system ships with. */
  psus: z.array(PlacedPsu).max(16).optional(),
  /** Absent = the chassis' own redundancy mode. */
  psuRedundancy: z.enum(['none', 'N+1', 'N+N']).optional(),
  dimms: z.array(PlacedDimm).max(128).default([]),
  drives: z.array(PlacedDrive).max(64).default([]),
});
export type ChassisPlacement = z.infer<typeof ChassisPlacement>;

/** A tower or open frame standing outside any rack: a chassis without a rack unit. */
export const FreeStandingChassis = ChassisPlacement.omit({ positionU: true });
export type FreeStandingChassis = z.infer<typeof FreeStandingChassis>;

/** Chassis on the floor or a bench, and the circuit(s) they plug into. */
export const FreeStanding = z.strictObject({
  label: z.string().min(1).max(80).optional(),
  /** Branch circuits they share; absent = one circuit at the site's amps. */
  circuits: z.strictObject({ count: z.number().int().min(1).max(64), amps: z.number().positive().max(400).optional() }).optional(),
  chassis: z.array(FreeStandingChassis).min(1).max(64),
});
export type FreeStanding = z.infer<typeof FreeStanding>;

export const RackPlacement = z.strictObject({
  id: BuildId,
  label: z.string().min(1).max(80).optional(),
  ...placed,
  pdus: z
    .array(z.strictObject({ id: BuildId, ...placed }))
    .max(16)
    .default([]),
  /** Branch circuits feeding this rack; amps default to the app setting. */
  circuits: z.strictObject({ count: z.number().int().min(1).max(64), amps: z.number().positive().max(400).optional() }).optional(),
  chassis: z.array(ChassisPlacement).max(60).default([]),
});
export type RackPlacement = z.infer<typeof RackPlacement>;

/** What the performance engine should estimate for this build. */
export const BuildWorkload = z.strictObject({
  modelId: z.string().min(1).max(120),
  quant: z.string().min(1).max(40),
  runtime: z.string().min(1).max(40),
  split: z.enum(['single', 'layer', 'tensor', 'replica']),
  /** Copies of the model served side by side. */
  instances: z.number().int().min(1).max(4096).default(1),
  /** Device ids per instance set; absent = spread over all GPUs. */
  devices: z.array(BuildId).max(4096).optional(),
  contextTokens: z.number().int().min(1).max(10_000_000).optional(),
  batch: z.number().int().min(1).max(4096).optional(),
});
export type BuildWorkload = z.infer<typeof BuildWorkload>;

export const Build = z.strictObject({
  format: z.literal(BUILD_FORMAT),
  version: z.literal(BUILD_VERSION),
  name: z.string().min(1).max(200),
  notes: z.string().max(10_000).optional(),
  /** Where the build runs, used when the app's settings do not say otherwise. */
  site: z.strictObject({ mainsVolts: z.number().min(90).max(480), circuitAmps: z.number().positive().max(400) }).optional(),
  racks: z.array(RackPlacement).max(64),
  /** Towers and open frames outside any rack; absent = none. */
  freeStanding: FreeStanding.optional(),
  /**
   * GeForce PCIe P2P: the stock driver turns it off; "patched-open-module" is
   * the community-patched open kernel module that turns it on (not NVIDIA's).
   * Absent = stock.
   */
  geforceP2p: z.enum(['stock', 'patched-open-module']).optional(),
  workloads: z.array(BuildWorkload).max(64).default([]),
});
export type Build = z.infer<typeof Build>;
export type BuildInput = z.input<typeof Build>;

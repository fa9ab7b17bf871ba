// The checker's result as a schema: what builds:check returns across the API
// and what the build sheet embeds. Kept beside checkBuild so the two cannot
// drift: the compile-time check at the end fails when they differ.
import { z } from 'zod';
import type { CheckResult } from './checkBuild';

export const Severity = z.enum(['error', 'warning', 'info']);

// The checker's result. Shapes mirror core/check; the type check at the end of
// this file keeps the two in step.
const PathClass = z.string() as z.ZodType<CheckResult['p2pMatrix'][number]['cells'][number][number]>;
const Finding = z.object({ code: z.string(), severity: Severity, subjects: z.array(z.string()), message: z.string(), hint: z.string(), verified: z.boolean() });
const Hive = z.object({
  chassisId: z.string(),
  devices: z.array(z.string()),
  deviceIds: z.array(z.string()),
  rootComplexes: z.array(z.string()),
  sockets: z.array(z.string()),
  via: z.union([PathClass, z.literal('single')]),
  verified: z.boolean(),
});
const P2pMatrix = z.object({
  chassisId: z.string(),
  labels: z.array(z.string()),
  deviceIds: z.array(z.string()),
  cells: z.array(z.array(PathClass)),
  unverified: z.array(z.string()),
  uncertain: z.array(z.object({ a: z.string(), b: z.string(), classes: z.array(PathClass), reason: z.string() })).default([]),
});
const NicAffinity = z.object({
  chassisId: z.string(),
  nic: z.string(),
  nicId: z.string(),
  socket: z.string().nullable(),
  rootComplex: z.string().nullable(),
  near: z.array(z.string()),
  byGpu: z.record(z.string(), PathClass),
});
const ComponentPower = z.object({
  id: z.string(),
  what: z.string(),
  idleW: z.number(),
  typicalW: z.number(),
  peakW: z.number(),
  estimated: z.boolean(),
  tdpUnknown: z.boolean(),
});
const PsuCapacity = z.object({
  model: z.string().nullable(),
  count: z.number(),
  redundancy: z.enum(['none', 'N+1', 'N+N']),
  volts: z.number(),
  eachW: z.number().nullable(),
  usableW: z.number().nullable(),
});
const ChassisPower = z.object({
  chassisId: z.string(),
  rackId: z.string(),
  components: z.array(ComponentPower),
  idleW: z.number(),
  typicalW: z.number(),
  peakW: z.number(),
  psu: PsuCapacity.nullable(),
  wallPeakW: z.number(),
  heatBtuPerHour: z.number(),
  unknownTdp: z.array(z.string()),
});
const RackPower = z.object({
  rackId: z.string(),
  wallPeakW: z.number(),
  abFeeds: z.boolean(),
  circuitW: z.number(),
  pduW: z.number().nullable(),
  unknownTdp: z.array(z.string()),
});
const PowerReport = z.object({
  volts: z.number(),
  circuitAmps: z.number(),
  chassis: z.array(ChassisPower),
  racks: z.array(RackPower),
  idleW: z.number(),
  typicalW: z.number(),
  peakW: z.number(),
  wallPeakW: z.number(),
  heatBtuPerHour: z.number(),
  unknownTdp: z.array(z.string()),
});
const SwitchLanes = z.object({
  chassisId: z.string(),
  switchId: z.string(),
  chip: z.string().nullable(),
  uplinkWidth: z.number(),
  downstreamLanes: z.number(),
  devices: z.number(),
  oversubscription: z.number(),
  uplinkGBps: z.number(),
  verified: z.boolean(),
});
const RootComplexLanes = z.object({
  chassisId: z.string(),
  rootComplexId: z.string(),
  socket: z.string(),
  lanes: z.number(),
  lanesUsed: z.number(),
  deviceLanes: z.number(),
  oversubscription: z.number(),
  behindSwitchLanes: z.number(),
  uplinkLanes: z.number(),
});
const DeviceLink = z.object({
  chassisId: z.string(),
  deviceId: z.string(),
  label: z.string(),
  socket: z.string().nullable(),
  rootComplex: z.string().nullable(),
  switches: z.array(z.string()),
  width: z.number().nullable(),
  gen: z.number().nullable(),
  linkGBps: z.number().nullable(),
  hostGBpsShared: z.number().nullable(),
  verified: z.boolean(),
});
const PairRuntime = z.object({
  chassisId: z.string(),
  a: z.string(),
  b: z.string(),
  aId: z.string(),
  bId: z.string(),
  path: PathClass,
  cudaP2p: z.boolean(),
  nccl: z.enum(['NVLink', 'P2P', 'SHM']),
  why: z.string(),
  source: z.string(),
  patchedDriver: z.boolean(),
});
const CarrierReport = z.object({
  chassisId: z.string(),
  deviceId: z.string(),
  model: z.string(),
  hostSlotId: z.string(),
  hostSlotLabel: z.string(),
  slots: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      lanes: z.number(),
      wiredLanes: z.number(),
      gen: z.number(),
      deviceIds: z.array(z.string()),
      labels: z.array(z.string()),
    }),
  ),
});
const BridgeReport = z.object({
  chassisId: z.string(),
  partId: z.string(),
  model: z.string().nullable(),
  deviceIds: z.tuple([z.string(), z.string()]),
  labels: z.array(z.string()),
  pathClass: z.string().nullable(),
});
export const CheckResultSchema = z.object({
  carriers: z.array(CarrierReport),
  bridges: z.array(BridgeReport),
  p2pRuntime: z.array(PairRuntime),
  findings: z.array(Finding),
  hives: z.array(Hive),
  p2pMatrix: z.array(P2pMatrix),
  nicAffinity: z.array(NicAffinity),
  power: PowerReport,
  lanes: z.object({ rootComplexes: z.array(RootComplexLanes), switches: z.array(SwitchLanes), devices: z.array(DeviceLink) }),
  /** The site the check ran at (core/build/site). */
  settings: z.object({ mainsVolts: z.number(), circuitAmps: z.number() }),
});

// Compile-time: the result schema describes exactly what checkBuild returns.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checkResultMatches: Same<Omit<z.infer<typeof CheckResultSchema>, 'settings'>, CheckResult> = true;
void checkResultMatches;

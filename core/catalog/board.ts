// A board's PCIe topology as data: socket → root complex → [PCIe switch →]
// slot → device, plus the inter-socket link, onboard devices that take lanes,
// memory channels and GPU fabrics (NVLink/NVSwitch, chip-to-chip links).
// Every wiring fact carries `verified` and, where known, a source; the checker
// says "unverified" in any finding that depends on an unverified fact.
import { z } from 'zod';

/** A node id inside one board: sockets, root complexes, switches, slots and onboard devices share one namespace. */
export const NodeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'ids are letters, digits, ".", "_" or "-"');

export const PcieGen = z.number().int().min(1).max(6);
export type PcieGen = z.infer<typeof PcieGen>;

/** Link widths PCIe defines; x32 is in the spec but never seen on a slot. */
export const LinkWidth = z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16), z.literal(32)]);
export type LinkWidth = z.infer<typeof LinkWidth>;

/** Where a fact comes from and whether someone checked it against that source. */
export const Provenance = z.strictObject({
  verified: z.boolean(),
  /** URL or document name; null when the fact is the seed analysis' description or unknown. */
  source: z.string().nullable().optional(),
  note: z.string().optional(),
});

export const InterSocketLinkKind = z.enum(['QPI', 'UPI', 'InfinityFabric']);

export const InterSocketLink = Provenance.extend({
  kind: InterSocketLinkKind,
  /** Number of links between the two sockets; null = unknown. */
  links: z.number().int().min(1).max(8).nullable(),
  /** Per-link transfer rate (QPI/UPI); null = unknown. */
  speedGTps: z.number().positive().nullable(),
  /** Total one-direction bandwidth between the sockets; null = unknown. */
  bandwidthGBps: z.number().positive().nullable(),
});
export type InterSocketLink = z.infer<typeof InterSocketLink>;

export const BoardSocket = z.strictObject({
  id: NodeId,
  label: z.string().min(1),
  /** CPU socket type, e.g. "LGA2011-3", "LGA3647", "SP3", "sWRX8". */
  socketType: z.string().min(1),
});
export type BoardSocket = z.infer<typeof BoardSocket>;

/** A host bridge: the CPU's PCIe root. Intel E5 has one per socket; Skylake-SP three x16 stacks; EPYC four per socket. */
export const RootComplex = Provenance.extend({
  id: NodeId,
  socket: NodeId,
  label: z.string().optional(),
  /** Lanes this root complex offers to the board. */
  lanes: z.number().int().min(1).max(256),
  gen: PcieGen,
  /**
   * NUMA node, when a socket holds several (first-generation EPYC: each die is
   * its own node, so two dies of one socket are SYS, not NODE); absent = the socket's.
   */
  numaNode: z.number().int().min(0).max(63).optional(),
  /**
   * This entry stands for several host bridges whose slot map is not public
   * (an EPYC / Threadripper PRO IO die: one root complex per quadrant). Two
   * slots under it meet at PHB (same quadrant) or NODE (different ones); the
   * checker counts NODE (no shared host bridge is promised) and says it is
   * either. Absent = one host bridge.
   */
  hostBridges: z.number().int().min(2).max(8).optional(),
  /**
   * The host bridges behind `hostBridges` are separate NUMA nodes (first- and
   * second-generation Threadripper: each die brings its own PCIe lanes and
   * memory): two slots under it meet at PHB (same die) or SYS (different dies),
   * and the checker counts SYS. Absent = one NUMA node (PHB or NODE).
   */
  separateNumaNodes: z.boolean().optional(),
});
export type RootComplex = z.infer<typeof RootComplex>;

export const PcieSwitch = Provenance.extend({
  id: NodeId,
  /** Chip, e.g. "PEX8796"; null = not known (say so, do not guess). */
  chip: z.string().nullable(),
  /** Total lanes of the chip; null = unknown. */
  lanes: z.number().int().min(1).max(256).nullable(),
  gen: PcieGen,
  /** The uplink: a root complex id or, for a cascade, another switch id. */
  upstream: z.strictObject({ to: NodeId, width: LinkWidth }),
});
export type PcieSwitch = z.infer<typeof PcieSwitch>;

export const SlotKind = z.enum(['pcie', 'sxm', 'oam', 'mezzanine', 'm2', 'oculink']);

export const Slot = Provenance.extend({
  id: NodeId,
  label: z.string().min(1),
  kind: SlotKind.default('pcie'),
  /** Order along the board; a card wider than one slot covers the slot at position + 1. */
  position: z.number().int().min(0).max(64),
  physicalWidth: LinkWidth,
  electricalWidth: LinkWidth,
  gen: PcieGen,
  /** Root complex id or switch id. */
  feeds: NodeId,
  /** True when the slot is meant for a GPU (full-height, full-length, powered). */
  gpu: z.boolean().default(false),
  notes: z.string().optional(),
});
export type Slot = z.infer<typeof Slot>;

export const OnboardDeviceKind = z.enum(['nic', 'm2', 'oculink', 'storage', 'bmc', 'usb', 'other']);

/** A device soldered to the board that takes lanes (a 10GbE controller, an M.2 socket). */
export const OnboardDevice = Provenance.extend({
  id: NodeId,
  kind: OnboardDeviceKind,
  label: z.string().min(1),
  lanes: z.number().int().min(1).max(16),
  gen: PcieGen,
  feeds: NodeId,
  /** Catalog part id when the device matches one (e.g. an Intel X540 NIC). */
  partId: z.string().optional(),
});
export type OnboardDevice = z.infer<typeof OnboardDevice>;

export const MemoryBank = Provenance.extend({
  socket: NodeId,
  channels: z.number().int().min(1).max(16),
  dimmsPerChannel: z.number().int().min(1).max(4),
  /** "DDR3", "DDR4", "DDR5". */
  type: z.string().min(1),
});
export type MemoryBank = z.infer<typeof MemoryBank>;

export const FabricKind = z.enum(['nvlink', 'nvswitch', 'infinity-fabric-link', 'groq-c2c']);

/** A direct accelerator-to-accelerator fabric between slots (SXM baseboards, chip-to-chip cables). */
export const Fabric = Provenance.extend({
  id: NodeId,
  kind: FabricKind,
  /** The slots joined; with nvswitch every pair among them is joined. */
  slots: z.array(NodeId).min(2),
  /** Links between each pair (NV12 on HGX A100); null = unknown. */
  linksPerPair: z.number().int().min(1).max(32).nullable(),
  /** One-direction bandwidth per GPU over the fabric; null = unknown. */
  bandwidthGBps: z.number().positive().nullable(),
});
export type Fabric = z.infer<typeof Fabric>;

export const BoardSpec = z
  .object({
    /** "proprietary", "E-ATX", "SSI-EEB", "CEB", "ATX". */
    formFactor: z.string().min(1),
    sockets: z.array(BoardSocket).min(1).max(8),
    /** null for single-socket boards. */
    interSocketLink: InterSocketLink.nullable(),
    rootComplexes: z.array(RootComplex).min(1),
    pcieSwitches: z.array(PcieSwitch).default([]),
    slots: z.array(Slot),
    onboardDevices: z.array(OnboardDevice).default([]),
    memory: z.array(MemoryBank).default([]),
    fabrics: z.array(Fabric).default([]),
    /** The socket the board cannot POST without (dual-socket boards boot from CPU1); absent = not known. */
    postNeedsSocket: NodeId.optional(),
    /** Whole-topology provenance; the per-node flags refine it. */
    topology: Provenance,
  })
  .superRefine((b, ctx) => {
    for (const issue of boardTopologyIssues(b)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
export type BoardSpec = z.infer<typeof BoardSpec>;

/** Dangling references, duplicate ids and cycles in a board: returned, not thrown, so tests can table them. */
export function boardTopologyIssues(b: {
  sockets: { id: string }[];
  rootComplexes: { id: string; socket: string }[];
  pcieSwitches: { id: string; upstream: { to: string; width?: number }; lanes?: number | null }[];
  slots: { id: string; feeds: string; electricalWidth?: number }[];
  onboardDevices: { id: string; feeds: string; lanes?: number }[];
  memory: { socket: string }[];
  fabrics: { slots: string[] }[];
  interSocketLink?: unknown;
}): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  const all: [string, string, number][] = [
    ...b.sockets.map((s, i) => ['sockets', s.id, i] as [string, string, number]),
    ...b.rootComplexes.map((s, i) => ['rootComplexes', s.id, i] as [string, string, number]),
    ...b.pcieSwitches.map((s, i) => ['pcieSwitches', s.id, i] as [string, string, number]),
    ...b.slots.map((s, i) => ['slots', s.id, i] as [string, string, number]),
    ...b.onboardDevices.map((s, i) => ['onboardDevices', s.id, i] as [string, string, number]),
  ];
  for (const [list, id, i] of all) {
    if (seen.has(id)) out.push({ path: [list, i, 'id'], message: `id "${id}" is used twice on this board` });
    seen.add(id);
  }
  const sockets = new Set(b.sockets.map((s) => s.id));
  const rcs = new Set(b.rootComplexes.map((r) => r.id));
  const switches = new Map(b.pcieSwitches.map((s) => [s.id, s.upstream.to]));
  const slots = new Set(b.slots.map((s) => s.id));
  b.rootComplexes.forEach((r, i) => {
    if (!sockets.has(r.socket)) out.push({ path: ['rootComplexes', i, 'socket'], message: `socket "${r.socket}" is not on this board` });
  });
  b.memory.forEach((m, i) => {
    if (!sockets.has(m.socket)) out.push({ path: ['memory', i, 'socket'], message: `socket "${m.socket}" is not on this board` });
  });
  b.pcieSwitches.forEach((s, i) => {
    if (!rcs.has(s.upstream.to) && !switches.has(s.upstream.to))
      out.push({ path: ['pcieSwitches', i, 'upstream', 'to'], message: `"${s.upstream.to}" is neither a root complex nor a switch of this board` });
    // A cascade must end at a root complex.
    const visited = new Set<string>([s.id]);
    let at = s.upstream.to;
    while (switches.has(at)) {
      if (visited.has(at)) {
        out.push({ path: ['pcieSwitches', i, 'upstream', 'to'], message: `switch "${s.id}" is part of an upstream cycle` });
        break;
      }
      visited.add(at);
      at = switches.get(at) ?? '';
    }
  });
  const feedsOk = (id: string) => rcs.has(id) || switches.has(id);
  b.slots.forEach((s, i) => {
    if (!feedsOk(s.feeds)) out.push({ path: ['slots', i, 'feeds'], message: `"${s.feeds}" is neither a root complex nor a switch of this board` });
  });
  b.onboardDevices.forEach((d, i) => {
    if (!feedsOk(d.feeds)) out.push({ path: ['onboardDevices', i, 'feeds'], message: `"${d.feeds}" is neither a root complex nor a switch of this board` });
  });
  b.fabrics.forEach((f, i) => {
    f.slots.forEach((s, j) => {
      if (!slots.has(s)) out.push({ path: ['fabrics', i, 'slots', j], message: `slot "${s}" is not on this board` });
    });
  });
  // A switch cannot fan out more lanes than it has: uplink + every port below it.
  b.pcieSwitches.forEach((sw, i) => {
    if (sw.lanes == null || sw.upstream.width === undefined) return;
    const down =
      b.slots.filter((s) => s.feeds === sw.id).reduce((t, s) => t + (s.electricalWidth ?? 0), 0) +
      b.onboardDevices.filter((d) => d.feeds === sw.id).reduce((t, d) => t + (d.lanes ?? 0), 0) +
      b.pcieSwitches.filter((c) => c.upstream.to === sw.id).reduce((t, c) => t + (c.upstream.width ?? 0), 0);
    if (sw.upstream.width + down > sw.lanes)
      out.push({
        path: ['pcieSwitches', i, 'lanes'],
        message: `switch "${sw.id}" has ${sw.lanes} lanes but its x${sw.upstream.width} uplink and the ports below it need ${sw.upstream.width + down}`,
      });
  });
  if (b.sockets.length > 1 && b.interSocketLink === null)
    out.push({ path: ['interSocketLink'], message: 'a board with several sockets needs its inter-socket link (fields may be null when unknown)' });
  return out;
}

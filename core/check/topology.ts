// Topology resolution: each placed card's path socket → root complex →
// [switches] → slot, the link it negotiates (min of card, slot and the port
// feeding it) and its share of the host bandwidth through every uplink above it.
import type { BoardSpec, PcieSwitch, RootComplex, Slot } from '../catalog/board';
import type { CatalogPart, PartOf } from '../catalog/part';
import type { ChassisPlacement, RackPlacement } from '../build/build';
import { partOf, type CatalogIndex } from './catalog';
import { linkGBps } from './pcieRates';

export type DeviceKind = 'gpu' | 'nic' | 'other';

export interface NegotiatedLink {
  width: number;
  gen: number;
  /** One direction, after encoding. */
  gbps: number;
  /** What set the width or generation below the card's own ("slot x8", "switch gen 3"). */
  limitedBy: string[];
}

export interface ResolvedDevice {
  id: string;
  /** nvidia-smi style: GPU0, NIC0 (prefixed with the chassis when the build has several). */
  label: string;
  kind: DeviceKind;
  chassisId: string;
  slotId: string;
  slot: Slot | undefined;
  part: CatalogPart | undefined;
  socket: string | null;
  rootComplex: string | null;
  /** Switches from the slot upward, nearest first. */
  switches: string[];
  link: NegotiatedLink | null;
  /** Host bandwidth when every card under the same uplinks transfers at once. */
  hostGBpsShared: number | null;
  /** The slot's socket has no CPU: the slot is dead. */
  dead: boolean;
  /** Every wiring fact on the path is verified. */
  verified: boolean;
}

export interface ResolvedChassis {
  rackId: string;
  placement: ChassisPlacement;
  chassisPart: PartOf<'chassis'> | undefined;
  boardId: string | undefined;
  board: BoardSpec | undefined;
  populatedSockets: Set<string>;
  devices: ResolvedDevice[];
  rcById: Map<string, RootComplex>;
  switchById: Map<string, PcieSwitch>;
  slotById: Map<string, Slot>;
}

export function deviceKind(part: CatalogPart | undefined): DeviceKind {
  if (part?.category === 'gpu') return 'gpu';
  if (part?.category === 'nic') return 'nic';
  return 'other';
}

function cardLink(part: CatalogPart | undefined): { lanes: number | null; gen: number | null } {
  if (!part) return { lanes: null, gen: null };
  if (part.category === 'gpu' || part.category === 'nic' || part.category === 'storage') return { lanes: part.specs.pcieLanes, gen: part.specs.pcieGen };
  return { lanes: null, gen: null };
}

/** min(card, slot, feeding port) for width and generation, naming what limited it. */
export function negotiate(card: { lanes: number | null; gen: number | null }, slot: Slot, feeder: { label: string; gen: number } | null): NegotiatedLink {
  const limitedBy: string[] = [];
  let width = card.lanes ?? slot.electricalWidth;
  if (slot.electricalWidth < width) {
    width = slot.electricalWidth;
    limitedBy.push(`slot x${slot.electricalWidth}`);
  }
  let gen = card.gen ?? slot.gen;
  if (slot.gen < gen) {
    gen = slot.gen;
    limitedBy.push(`slot gen ${slot.gen}`);
  }
  if (feeder && feeder.gen < gen) {
    gen = feeder.gen;
    limitedBy.push(`${feeder.label} gen ${feeder.gen}`);
  }
  return { width, gen, gbps: linkGBps(gen, width), limitedBy };
}

/** Resolves every chassis of a rack list into devices with their paths. */
export function resolveChassis(racks: RackPlacement[], catalog: CatalogIndex): ResolvedChassis[] {
  const all = racks.flatMap((r) => r.chassis.map((c) => ({ rackId: r.id, c })));
  const prefix = all.length > 1;
  return all.map(({ rackId, c }) => resolveOne(rackId, c, catalog, prefix));
}

/** One chassis as resolveChassis resolves it; `prefix`: the build has more than one chassis (labels then name it). */
export function resolveOneChassis(rackId: string, c: ChassisPlacement, catalog: CatalogIndex, prefix: boolean): ResolvedChassis {
  return resolveOne(rackId, c, catalog, prefix);
}

function resolveOne(rackId: string, c: ChassisPlacement, catalog: CatalogIndex, prefix: boolean): ResolvedChassis {
  const chassisPart = partOf(catalog, c.partId, 'chassis');
  const boardId = c.boardPartId ?? chassisPart?.specs.integratedBoard ?? undefined;
  const board = partOf(catalog, boardId, 'board')?.specs;
  const rcById = new Map((board?.rootComplexes ?? []).map((r) => [r.id, r]));
  const switchById = new Map((board?.pcieSwitches ?? []).map((s) => [s.id, s]));
  const slotById = new Map((board?.slots ?? []).map((s) => [s.id, s]));
  const populatedSockets = new Set(c.cpus.filter((cpu) => catalog.has(cpu.partId)).map((cpu) => cpu.socket));
  const counters: Record<DeviceKind, number> = { gpu: 0, nic: 0, other: 0 };
  const name: Record<DeviceKind, string> = { gpu: 'GPU', nic: 'NIC', other: 'DEV' };
  const tag = c.label ?? c.id;

  const devices: ResolvedDevice[] = c.devices.map((d) => {
    const part = catalog.get(d.partId);
    const kind = deviceKind(part);
    const label = `${prefix ? `${tag}/` : ''}${name[kind]}${counters[kind]++}`;
    const slot = slotById.get(d.slot);
    const switches: string[] = [];
    let verified = true;
    let at = slot?.feeds;
    let feeder: { label: string; gen: number } | null = null;
    const guard = new Set<string>();
    while (at && switchById.has(at) && !guard.has(at)) {
      guard.add(at);
      const sw = switchById.get(at)!;
      if (!feeder) feeder = { label: `switch ${sw.id}`, gen: sw.gen };
      if (!sw.verified) verified = false;
      switches.push(at);
      at = sw.upstream.to;
    }
    const rc = at ? rcById.get(at) : undefined;
    if (rc && !feeder) feeder = { label: `root complex ${rc.id}`, gen: rc.gen };
    if (!slot?.verified || (rc && !rc.verified)) verified = false;
    const socket = rc?.socket ?? null;
    return {
      id: d.id,
      label,
      kind,
      chassisId: c.id,
      slotId: d.slot,
      slot,
      part,
      socket,
      rootComplex: rc?.id ?? null,
      switches,
      link: slot ? negotiate(cardLink(part), slot, feeder) : null,
      hostGBpsShared: null,
      dead: socket !== null && !populatedSockets.has(socket),
      verified,
    };
  });

  // Fair share of each uplink when every card below it transfers at once.
  // A card in a dead slot moves nothing: it has no share and takes none.
  for (const d of devices) {
    if (!d.link || d.dead) continue;
    let share = d.link.gbps;
    for (const swId of d.switches) {
      const sw = switchById.get(swId)!;
      const below = devices.filter((o) => o.link && !o.dead && o.switches.includes(swId)).length;
      share = Math.min(share, linkGBps(uplinkGen(sw, rcById, switchById), sw.upstream.width) / Math.max(1, below));
    }
    d.hostGBpsShared = share;
  }
  return { rackId, placement: c, chassisPart, boardId, board, populatedSockets, devices, rcById, switchById, slotById };
}

/** The generation a switch's uplink trains at: the lower of the switch and what it plugs into. */
export function uplinkGen(sw: PcieSwitch, rcById: ReadonlyMap<string, RootComplex>, switchById: ReadonlyMap<string, PcieSwitch>): number {
  const parentGen = rcById.get(sw.upstream.to)?.gen ?? switchById.get(sw.upstream.to)?.gen ?? sw.gen;
  return Math.min(sw.gen, parentGen);
}

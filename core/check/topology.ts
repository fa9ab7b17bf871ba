// Topology resolution: each placed card's path socket → root complex →
// [switches] → slot, the link it negotiates (min of card, slot and the port
// feeding it) and its share of the host bandwidth through every uplink above it.
import type { BoardSpec, PcieSwitch, RootComplex, Slot } from '../catalog/board';
import type { CatalogPart, PartOf } from '../catalog/part';
import { hostSlotOf, type ChassisPlacement, type PlacedDevice, type RackPlacement } from '../build/build';
import { riserSlots } from '../catalog/specs/riserSlots';
import { isFreeStandingPlace } from '../build/places';
import type { PathClass } from './pathClass';
import { partOf, type CatalogIndex } from './catalog';
import { linkGBps } from './pcieRates';
import { boardIdOf } from '../build/fit';

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
  /** The device id; a card with several GPUs (K80, A16) gives "<card id>:<n>" per GPU. */
  id: string;
  /** The placed card this device is on (equals id for single-GPU cards). */
  cardId: string;
  /** nvidia-smi style: GPU0, NIC0 (prefixed with the chassis when the build has several). */
  label: string;
  kind: DeviceKind;
  chassisId: string;
  slotId: string;
  slot: Slot | undefined;
  part: CatalogPart | undefined;
  socket: string | null;
  /** The NUMA node: the socket's, or a die's on first-generation EPYC ("cpu1:2"). */
  numaNode: string | null;
  rootComplex: string | null;
  /** Switches from the slot upward, nearest first (a switch card's or a dual-GPU card's own switch included). */
  switches: string[];
  link: NegotiatedLink | null;
  /** Host bandwidth when every card under the same uplinks transfers at once. */
  hostGBpsShared: number | null;
  /** The OS does not see it: its socket has no CPU, or its riser output has no lanes. */
  dead: boolean;
  /** Why it is dead beyond the socket: the riser output it sits on gets no lanes from the host slot. */
  unwired: string | null;
  /** Every wiring fact on the path is verified. */
  verified: boolean;
}

/** A slot on a part that holds parts (riser, bifurcation or switch card), under its host slot. */
export interface RiserSlot extends Slot {
  hostDeviceId: string;
  hostSlotId: string;
  /** Lanes the host slot gives this output (0 = none: a x4x4x4x4 card in a x8 slot leaves c and d unwired). */
  wiredLanes: number;
}

export interface ResolvedBridge {
  index: number;
  partId: string;
  part: PartOf<'bridge'> | undefined;
  deviceIds: [string, string];
  /** What is wrong with it; empty = the pair runs as NV<links>. */
  problems: string[];
  /** Findings that could not be checked (spacing of cards on riser cables). */
  unchecked: string[];
}

export interface ResolvedChassis {
  rackId: string;
  /** JSON path of the chassis entry in the build file ("racks[0].chassis[1]", "freeStanding.chassis[0]"). */
  path: string;
  placement: ChassisPlacement;
  chassisPart: PartOf<'chassis'> | undefined;
  boardId: string | undefined;
  board: BoardSpec | undefined;
  populatedSockets: Set<string>;
  devices: ResolvedDevice[];
  rcById: Map<string, RootComplex>;
  /** The board's switches plus those on switch cards and dual-GPU cards. */
  switchById: Map<string, PcieSwitch>;
  /** The board's slots plus the slots risers and cards expose ("riser-1/a"). */
  slotById: Map<string, Slot>;
  riserSlots: RiserSlot[];
  bridges: ResolvedBridge[];
  /** Device ids (either order) of each working bridge → the class nvidia-smi shows. */
  bridged: Map<string, PathClass>;
  /** The board cannot POST: the socket it boots from has no CPU. */
  noPost: string | null;
  /** Switches on a card with several GPUs (K80): part of the card, not of the board's lane plan. */
  cardSwitches: Set<string>;
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
    limitedBy.push(`${'hostDeviceId' in slot ? slot.label : 'slot'} gen ${slot.gen}`);
  }
  if (feeder && feeder.gen < gen) {
    gen = feeder.gen;
    limitedBy.push(`${feeder.label} gen ${feeder.gen}`);
  }
  return { width, gen, gbps: linkGBps(gen, width), limitedBy };
}

/** Every chassis of a rack list with its place and the JSON path of its entry in the build file. */
export function chassisSeats(racks: readonly RackPlacement[]): { rackId: string; c: ChassisPlacement; path: string }[] {
  let ri = 0;
  return racks.flatMap((r) => {
    const at = isFreeStandingPlace(r) ? 'freeStanding.chassis' : `racks[${ri++}].chassis`;
    return r.chassis.map((c, ci) => ({ rackId: r.id, c, path: `${at}[${ci}]` }));
  });
}

/** Resolves every chassis of a rack list into devices with their paths. */
export function resolveChassis(racks: RackPlacement[], catalog: CatalogIndex): ResolvedChassis[] {
  const all = chassisSeats(racks);
  const prefix = all.length > 1;
  return all.map(({ rackId, c, path }) => resolveOne(rackId, path, c, catalog, prefix));
}

/** One chassis as resolveChassis resolves it; `prefix`: the build has more than one chassis (labels then name it). */
export function resolveOneChassis(rackId: string, path: string, c: ChassisPlacement, catalog: CatalogIndex, prefix: boolean): ResolvedChassis {
  return resolveOne(rackId, path, c, catalog, prefix);
}

const LINK_WIDTHS = [32, 16, 8, 4, 2, 1] as const;
const widthAtMost = (lanes: number): Slot['electricalWidth'] => LINK_WIDTHS.find((w) => w <= lanes) ?? 1;

/** Hosts before the cards in their slots (a riser cable into a bifurcation card into a GPU). */
function hostsFirst(devices: PlacedDevice[]): PlacedDevice[] {
  // Only cards in a riser's slot ("riser-0/a") have a host: none, nothing to order.
  if (!devices.some((d) => d.slot.includes('/'))) return devices;
  const byId = new Map(devices.map((d) => [d.id, d]));
  const depth = (d: PlacedDevice): number => {
    let k = 0;
    let at: PlacedDevice | undefined = d;
    const seen = new Set<string>();
    while (at && !seen.has(at.id)) {
      seen.add(at.id);
      const ref = hostSlotOf(at.slot);
      at = ref ? byId.get(ref.hostId) : undefined;
      if (at) k++;
    }
    return k;
  };
  return devices
    .map((d, i) => ({ d, i, k: depth(d) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.d);
}

/** The slots a riser in `host` exposes, and the switch of a switch card. */
function exposeRiser(d: PlacedDevice, part: PartOf<'riser'>, host: Slot): { slots: RiserSlot[]; sw: PcieSwitch | null } {
  const spec = part.specs;
  const gen = Math.min(spec.pcieGen ?? host.gen, host.gen) as Slot['gen'];
  const isSwitch = spec.kind === 'switch-card';
  const sw: PcieSwitch | null = isSwitch
    ? {
        id: `${d.id}.switch`,
        chip: spec.switchPartId,
        lanes: null,
        gen,
        upstream: { to: host.feeds, width: widthAtMost(Math.min(spec.hostLanes ?? host.electricalWidth, host.electricalWidth)) },
        verified: host.verified,
        source: part.sources[0]?.url ?? null,
      }
    : null;
  // Bifurcation splits the host slot's lanes in order; outputs past them get none.
  let lanesLeft = host.electricalWidth;
  const outputs = riserSlots(spec);
  const many = outputs.length > 1;
  const slots = outputs.map((o): RiserSlot => {
    const lanes = o.lanes ?? host.electricalWidth;
    let wired: number;
    if (isSwitch) wired = lanes;
    else if (spec.kind === 'bifurcation-card') {
      wired = Math.min(lanes, lanesLeft);
      lanesLeft -= wired;
    } else wired = Math.min(lanes, host.electricalWidth);
    return {
      id: `${d.id}/${o.id}`,
      // A person's name for it: the host slot and, on a card with several outputs, which one (the id stays "riser-1/a").
      label: many ? `${host.label} output ${o.id}` : `${host.label} riser`,
      kind: spec.kind === 'oculink-adapter' ? 'oculink' : 'pcie',
      // Past every board position: a card on a riser covers no board slot.
      position: 64,
      physicalWidth: widthAtMost(lanes),
      electricalWidth: widthAtMost(Math.max(1, wired)),
      gen,
      feeds: sw ? sw.id : host.feeds,
      gpu: true,
      verified: host.verified,
      source: part.sources[0]?.url ?? null,
      hostDeviceId: d.id,
      hostSlotId: host.id,
      wiredLanes: wired,
      notes: `${part.model} in ${host.label}, output ${o.id}`,
    };
  });
  return { slots, sw };
}

function resolveOne(rackId: string, path: string, c: ChassisPlacement, catalog: CatalogIndex, prefix: boolean): ResolvedChassis {
  const chassisPart = partOf(catalog, c.partId, 'chassis');
  const boardId = boardIdOf(c, catalog);
  const board = partOf(catalog, boardId, 'board')?.specs;
  const rcById = new Map((board?.rootComplexes ?? []).map((r) => [r.id, r]));
  const switchById = new Map((board?.pcieSwitches ?? []).map((s) => [s.id, s]));
  const slotById = new Map<string, Slot>((board?.slots ?? []).map((s) => [s.id, s]));
  const riserSlotList: RiserSlot[] = [];
  const populatedSockets = new Set(c.cpus.filter((cpu) => catalog.has(cpu.partId)).map((cpu) => cpu.socket));
  const counters: Record<DeviceKind, number> = { gpu: 0, nic: 0, other: 0 };
  const name: Record<DeviceKind, string> = { gpu: 'GPU', nic: 'NIC', other: 'DEV' };
  const tag = c.label ?? c.id;
  const noPost = board?.postNeedsSocket && !populatedSockets.has(board.postNeedsSocket) ? board.postNeedsSocket : null;

  // Risers first, so the slots they expose exist when their cards are resolved.
  for (const d of hostsFirst(c.devices)) {
    const part = catalog.get(d.partId);
    const slot = slotById.get(d.slot);
    if (part?.category !== 'riser' || !slot) continue;
    const { slots, sw } = exposeRiser(d, part as PartOf<'riser'>, slot);
    if (sw) switchById.set(sw.id, sw);
    for (const s of slots) {
      slotById.set(s.id, s);
      riserSlotList.push(s);
    }
  }

  const pathOf = (slot: Slot | undefined) => {
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
    return { switches, verified, feeder, rc };
  };

  const devices: ResolvedDevice[] = [];
  const cardSwitches = new Set<string>();
  for (const d of c.devices) {
    const part = catalog.get(d.partId);
    const kind = deviceKind(part);
    const slot = slotById.get(d.slot);
    const { switches, verified, feeder, rc } = pathOf(slot);
    const socket = rc?.socket ?? null;
    const numaNode = socket === null ? null : rc?.numaNode !== undefined ? `${socket}:${rc.numaNode}` : socket;
    const riserSlot = slot && 'hostDeviceId' in slot ? (slot as RiserSlot) : undefined;
    const unwired =
      riserSlot && riserSlot.wiredLanes === 0 ? `${riserSlot.label} gets no lanes: the host slot's lanes are used up by the outputs before it` : null;
    const dead = (socket !== null && !populatedSockets.has(socket)) || unwired !== null;
    // A riser passes lanes on: it moves no data of its own and is not a PCIe device.
    const link = slot && part?.category !== 'riser' ? negotiate(cardLink(part), slot, feeder) : null;
    const gpusOnCard = part?.category === 'gpu' ? part.specs.devicesPerBoard : 1;
    if (gpusOnCard <= 1) {
      devices.push({
        id: d.id,
        cardId: d.id,
        label: `${prefix ? `${tag}/` : ''}${name[kind]}${counters[kind]++}`,
        kind,
        chassisId: c.id,
        slotId: d.slot,
        slot,
        part,
        socket,
        numaNode,
        rootComplex: rc?.id ?? null,
        switches,
        link,
        hostGBpsShared: null,
        dead,
        unwired,
        verified,
      });
      continue;
    }
    // Several GPUs on one card sit behind the card's own switch (nvidia-smi shows PIX between them).
    const cardSwitch: PcieSwitch = {
      id: `${d.id}.onboard`,
      chip: null,
      lanes: null,
      gen: (link?.gen ?? slot?.gen ?? 3) as PcieSwitch['gen'],
      upstream: { to: slot?.feeds ?? '', width: widthAtMost(link?.width ?? 16) },
      verified: true,
      source: null,
      note: `the on-card PCIe switch of the ${part?.model ?? 'card'}`,
    };
    if (slot) {
      switchById.set(cardSwitch.id, cardSwitch);
      cardSwitches.add(cardSwitch.id);
    }
    for (let g = 0; g < gpusOnCard; g++)
      devices.push({
        id: `${d.id}:${g}`,
        cardId: d.id,
        label: `${prefix ? `${tag}/` : ''}GPU${counters.gpu++}`,
        kind,
        chassisId: c.id,
        slotId: d.slot,
        slot,
        part,
        socket,
        numaNode,
        rootComplex: rc?.id ?? null,
        switches: slot ? [cardSwitch.id, ...switches] : switches,
        link,
        hostGBpsShared: null,
        dead,
        unwired,
        verified,
      });
  }

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
  const bridges = (c.bridges ?? []).map((b, index) => resolveBridge(index, b.partId, b.devices as [string, string], catalog, devices));
  const bridged = new Map<string, PathClass>();
  for (const b of bridges) {
    if (b.problems.length) continue;
    const cls: PathClass = b.part?.specs.links ? `NV${b.part.specs.links}` : 'NV#';
    bridged.set(`${b.deviceIds[0]}|${b.deviceIds[1]}`, cls);
    bridged.set(`${b.deviceIds[1]}|${b.deviceIds[0]}`, cls);
  }
  return {
    rackId,
    path,
    placement: c,
    chassisPart,
    boardId,
    board,
    populatedSockets,
    devices,
    rcById,
    switchById,
    slotById,
    riserSlots: riserSlotList,
    bridges,
    bridged,
    noPost,
    cardSwitches,
  };
}

/** A bridge works when both ends are the same bridgeable GPU model the bridge fits, at its slot spacing. */
function resolveBridge(index: number, partId: string, ids: [string, string], catalog: CatalogIndex, devices: ResolvedDevice[]): ResolvedBridge {
  const part = partOf(catalog, partId, 'bridge');
  const problems: string[] = [];
  const unchecked: string[] = [];
  if (!part) problems.push(catalog.has(partId) ? `part "${partId}" is not an NVLink bridge` : `part "${partId}" is not in the catalog`);
  const ends = ids.map((id) => devices.find((d) => d.cardId === id));
  ends.forEach((d) => {
    if (!d) problems.push('one end is not a card in this chassis');
    else if (d.part?.category !== 'gpu') problems.push(`${d.part?.model ?? 'one end'} is not a GPU`);
    else if (d.part.specs.gpuLink?.kind !== 'nvlink-bridge')
      problems.push(`the ${d.part.model} in ${d.slot?.label ?? 'its slot'} has no NVLink bridge connector`);
  });
  const [a, b] = ends;
  if (a && b && a.part && b.part && a.part.id !== b.part.id)
    problems.push(`the cards are different models (${a.part.model} and ${b.part.model}); a bridge joins two of the same`);
  if (part && a?.part && !part.specs.fitsGpus.includes(a.part.id)) problems.push(`${part.model} does not fit the ${a.part.model}`);
  if (part && a && b && !problems.length) {
    const onRiser = [a, b].filter((d) => d.slot && 'hostDeviceId' in d.slot);
    if (onRiser.length)
      unchecked.push(
        `the spacing is not checked: ${onRiser.length === 1 ? 'one card stands on a riser' : 'both cards stand on risers'}, placed where the frame holds them: line them up for the ${part.specs.slotSpacing ?? '?'}-slot bridge`,
      );
    else if (part.specs.slotSpacing !== null && a.slot && b.slot) {
      const gap = Math.abs(a.slot.position - b.slot.position);
      if (gap !== part.specs.slotSpacing)
        problems.push(
          `the cards are ${gap} slot position${gap === 1 ? '' : 's'} apart (${a.slot.label}, ${b.slot.label}); the ${part.model} spans ${part.specs.slotSpacing}`,
        );
    } else unchecked.push("the slot spacing is not checked: the bridge's spacing or a slot position is not known");
  }
  return { index, partId, part, deviceIds: ids, problems, unchecked };
}

/** The generation a switch's uplink trains at: the lower of the switch and what it plugs into. */
export function uplinkGen(sw: PcieSwitch, rcById: ReadonlyMap<string, RootComplex>, switchById: ReadonlyMap<string, PcieSwitch>): number {
  const parentGen = rcById.get(sw.upstream.to)?.gen ?? switchById.get(sw.upstream.to)?.gen ?? sw.gen;
  return Math.min(sw.gen, parentGen);
}

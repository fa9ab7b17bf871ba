// Putting a part somewhere: what can be carried (dragged with the mouse or
// picked up with the keyboard), where it can go, whether it may (`canPlace`,
// asked by the drag preview and the keyboard cursor) and the edit that puts it
// there (`place`, which asks canPlace first). Both read the predicates in
// core/build/fit, the ones the checker's rules read too.
import type { CatalogIndex } from '../check/catalog';
import type { PartCategory } from '../catalog/part';
import type { Money } from '../money';
import { resolveChassis, type ResolvedChassis, type RiserSlot } from '../check/topology';
import { socketOfSlot } from '../check/nicAffinity';
import * as E from './edits';
import {
  boardSpecOf,
  chassisHeightU,
  cpuFitsSocket,
  dimmsInChannel,
  goesInSlot,
  memoryBankOf,
  psuBaysOf,
  rackFit,
  riserMisfit,
  slotHolder,
  SLOT_CATEGORIES,
} from './fit';
import { hostSlotOf, type Build } from './build';

export type Carry =
  | { source: 'palette'; partId: string; category: PartCategory; label: string; inventoryItemId?: string; plannedPrice?: Money }
  | { source: 'chassis'; chassisId: string; label: string }
  | { source: 'device'; chassisId: string; deviceId: string; label: string }
  | { source: 'cpu'; chassisId: string; socket: string; label: string };

/** A rack id for the rack drawn when the build has none yet: a drop there adds it. */
export const NEW_RACK = '(new)';

export type DropTarget =
  | { kind: 'rackU'; rackId: string; u: number }
  | { kind: 'racks' }
  /** Outside the racks: towers, open frames, a server on a bench. */
  | { kind: 'freeStanding' }
  /** An NVLink bridge put on this card (its partner: bridgePartner). */
  | { kind: 'bridge'; chassisId: string; deviceId: string }
  | { kind: 'board'; chassisId: string }
  | { kind: 'socket'; chassisId: string; socket: string }
  | { kind: 'slot'; chassisId: string; slot: string }
  | { kind: 'psu'; chassisId: string }
  | { kind: 'dimm'; chassisId: string; socket: string; channel: number }
  | { kind: 'drives'; chassisId: string };

export type Verdict = { ok: true; note?: string } | { ok: false; reason: string };

/** One chassis as the checker resolves it (its riser slots, switch cards, bridges). */
export function resolvedChassis(build: Build, catalog: CatalogIndex, chassisId: string): ResolvedChassis | undefined {
  const at = E.findChassis(build, chassisId);
  return at ? resolveChassis([{ ...at.rack, chassis: [at.chassis] }], catalog)[0] : undefined;
}

/** The socket whose root complex feeds a slot (null when the board does not say). */
export function socketOfBoardSlot(build: Build, catalog: CatalogIndex, chassisId: string, slotId: string): string | null {
  const resolved = resolvedChassis(build, catalog, chassisId);
  return resolved ? socketOfSlot(resolved, slotId) : null;
}

/** The slots risers, bifurcation and switch cards of a chassis expose ("riser-0/a"), as drop targets. */
export function riserSlotsOf(build: Build, catalog: CatalogIndex, chassisId: string): RiserSlot[] {
  return resolvedChassis(build, catalog, chassisId)?.riserSlots ?? [];
}

/**
 * Whether that bridge can join those two cards: the checker's own bridge rule
 * (core/check/topology resolveBridge) run on the build with the bridge in
 * place, so the editor refuses exactly what the checker would flag.
 */
export function canBridge(build: Build, catalog: CatalogIndex, chassisId: string, partId: string, devices: [string, string]): Verdict {
  const added = E.addBridge(build, catalog, chassisId, partId, devices);
  if (!added.ok) return added;
  const resolved = resolvedChassis(added.build, catalog, chassisId);
  const b = resolved?.bridges.at(-1);
  if (!b) return { ok: false, reason: 'That chassis is gone.' };
  if (b.problems.length) return { ok: false, reason: `The ${b.part?.model ?? 'bridge'} cannot join ${devices.join(' and ')}: ${b.problems.join('; ')}.` };
  return b.unchecked.length ? { ok: true, note: `${b.unchecked.join('; ')}.` } : { ok: true };
}

/** NVLink bridges of the catalog that fit this card's model, the card's slot spacing first. */
export function bridgesFor(catalog: CatalogIndex, gpuPartId: string): string[] {
  const out: string[] = [];
  for (const p of catalog.values()) if (p.category === 'bridge' && p.specs.fitsGpus.includes(gpuPartId)) out.push(p.id);
  return out;
}

/**
 * The card a bridge dropped on `deviceId` joins: the first other card of the
 * chassis that canBridge accepts, else the refusal for the nearest candidate.
 */
export function bridgePartner(
  build: Build,
  catalog: CatalogIndex,
  chassisId: string,
  partId: string,
  deviceId: string,
): { ok: true; deviceId: string; note?: string } | { ok: false; reason: string } {
  const at = E.findChassis(build, chassisId);
  const card = at?.chassis.devices.find((d) => d.id === deviceId);
  if (!at || !card) return { ok: false, reason: 'That card is gone.' };
  const others = at.chassis.devices.filter((d) => d.id !== deviceId && catalog.get(d.partId)?.category === 'gpu');
  if (!others.length) return { ok: false, reason: `There is no other GPU in ${E.chassisName(at.chassis)} to bridge ${deviceId} to.` };
  let first: Verdict | null = null;
  for (const o of [...others].sort((a, b) => Number(b.partId === card.partId) - Number(a.partId === card.partId))) {
    const v = canBridge(build, catalog, chassisId, partId, [deviceId, o.id]);
    if (v.ok) return v.note ? { ok: true, deviceId: o.id, note: v.note } : { ok: true, deviceId: o.id };
    first ??= v;
  }
  return first && !first.ok ? first : { ok: false, reason: 'No card here takes that bridge.' };
}

/** For one card: each other GPU of its chassis, the bridge that would join them and canBridge's verdict. */
export function bridgeOptions(
  build: Build,
  catalog: CatalogIndex,
  chassisId: string,
  deviceId: string,
): { deviceId: string; partId: string | null; verdict: Verdict }[] {
  const at = E.findChassis(build, chassisId);
  const card = at?.chassis.devices.find((d) => d.id === deviceId);
  if (!at || !card) return [];
  const fits = bridgesFor(catalog, card.partId);
  return at.chassis.devices
    .filter((d) => d.id !== deviceId && catalog.get(d.partId)?.category === 'gpu')
    .map((o) => {
      if (!fits.length)
        return {
          deviceId: o.id,
          partId: null,
          verdict: { ok: false, reason: `The catalog has no NVLink bridge for the ${catalog.get(card.partId)?.model ?? card.partId}.` } as Verdict,
        };
      const tries = fits.map((partId) => ({ partId, verdict: canBridge(build, catalog, chassisId, partId, [deviceId, o.id]) }));
      return { deviceId: o.id, ...(tries.find((t) => t.verdict.ok) ?? tries[0]!) };
    });
}

/** Whether the carried thing may go to the target, and if not, why. */
export function canPlace(build: Build, catalog: CatalogIndex, carry: Carry, target: DropTarget): Verdict {
  const part = carry.source === 'palette' ? catalog.get(carry.partId) : undefined;
  const category = carry.source === 'palette' ? carry.category : carry.source;

  if (target.kind === 'rackU') {
    if (carry.source === 'chassis') {
      const at = E.findChassis(build, carry.chassisId);
      if (!at) return { ok: false, reason: 'That chassis is gone.' };
      if (target.rackId === at.rack.id && target.u === at.chassis.positionU) return { ok: true, note: 'Where it is now.' };
      return E.rackFitIn(build, catalog, target.rackId, chassisHeightU(at.chassis.partId, catalog), target.u, carry.chassisId);
    }
    if (category !== 'chassis') return { ok: false, reason: `${carry.label} does not go in a rack unit; drop chassis and systems here.` };
    const h = part?.category === 'chassis' ? part.specs.heightU : null;
    if (target.rackId === NEW_RACK) {
      const virtual = E.addRack(build, E.DEFAULT_RACK_PART, catalog);
      if (!virtual.ok) return virtual;
      return rackFit(virtual.build.racks.at(-1)!, catalog, h, target.u);
    }
    return E.rackFitIn(build, catalog, target.rackId, h, target.u);
  }
  if (target.kind === 'racks') return category === 'rack' ? { ok: true } : { ok: false, reason: 'Only racks go here.' };
  if (target.kind === 'freeStanding') {
    if (carry.source === 'chassis') {
      const at = E.findChassis(build, carry.chassisId);
      if (!at) return { ok: false, reason: 'That chassis is gone.' };
      return at.freeStanding
        ? { ok: true, note: 'Where it is now.' }
        : { ok: true, note: `Takes ${E.chassisName(at.chassis)} out of ${at.rack.label ?? at.rack.id}.` };
    }
    if (category !== 'chassis') return { ok: false, reason: `${carry.label} does not stand on its own; put towers, open frames and servers here.` };
    return { ok: true };
  }
  if (target.kind === 'bridge') {
    if (category !== 'bridge') return { ok: false, reason: `${carry.label} does not go on top of a card; NVLink bridges do.` };
    if (carry.source !== 'palette') return { ok: false, reason: 'Bridges come from the palette.' };
    const partner = bridgePartner(build, catalog, target.chassisId, carry.partId, target.deviceId);
    if (!partner.ok) return partner;
    const note = `Joins ${target.deviceId} and ${partner.deviceId}.${partner.note ? ` ${partner.note}` : ''}`;
    return { ok: true, note };
  }

  const at = E.findChassis(build, target.chassisId);
  if (!at) return { ok: false, reason: 'That chassis is gone.' };
  const board = boardSpecOf(at.chassis, catalog);

  switch (target.kind) {
    case 'board': {
      if (category !== 'board') return { ok: false, reason: 'Only a board goes here.' };
      const r = E.setBoard(build, catalog, target.chassisId, carry.source === 'palette' ? carry.partId : undefined);
      return r.ok ? { ok: true } : { ok: false, reason: r.reason };
    }
    case 'socket': {
      if (category !== 'cpu') return { ok: false, reason: `A socket takes a CPU, not ${carry.label}.` };
      const sock = board?.sockets.find((s) => s.id === target.socket);
      const held = at.chassis.cpus.find((c) => c.socket === target.socket);
      if (carry.source === 'cpu') {
        if (carry.chassisId !== target.chassisId) return { ok: false, reason: 'Move CPUs within one board.' };
        if (held && carry.socket !== target.socket) return { ok: false, reason: `${sock?.label ?? target.socket} already holds a CPU.` };
        return { ok: true };
      }
      if (part?.category === 'cpu' && sock && !cpuFitsSocket(part, sock.socketType))
        return { ok: false, reason: `${part.model} is an ${part.specs.socket} CPU; ${sock.label} is ${sock.socketType}.` };
      return held ? { ok: true, note: `Replaces the ${catalog.get(held.partId)?.model ?? held.partId}.` } : { ok: true };
    }
    case 'slot': {
      // A board slot, or a slot a riser, bifurcation or switch card exposes ("riser-0/a").
      const ref = hostSlotOf(target.slot);
      const resolved = ref ? resolveChassis([{ ...at.rack, chassis: [at.chassis] }], catalog)[0] : undefined;
      const slot = ref ? resolved?.slotById.get(target.slot) : board?.slots.find((s) => s.id === target.slot);
      if (!slot) {
        if (!ref) return { ok: false, reason: 'This board has no such slot.' };
        const host = at.chassis.devices.find((d) => d.id === ref.hostId);
        const hostPart = host ? catalog.get(host.partId) : undefined;
        return {
          ok: false,
          reason: !host
            ? `There is no ${ref.hostId} to hold a card.`
            : hostPart?.category === 'riser'
              ? `${hostPart.model} has no slot "${ref.slotId}".`
              : `${hostPart?.model ?? ref.hostId} holds no cards.`,
        };
      }
      if (carry.source === 'device' && ref) {
        // A riser cannot go into its own slots, or into a card that sits on it.
        let hostId: string | undefined = ref.hostId;
        const seen = new Set<string>();
        while (hostId && !seen.has(hostId)) {
          if (hostId === carry.deviceId) return { ok: false, reason: `${carry.label} cannot go into a slot it holds itself.` };
          seen.add(hostId);
          const h = at.chassis.devices.find((d) => d.id === hostId);
          hostId = h ? hostSlotOf(h.slot)?.hostId : undefined;
        }
      }
      const carried =
        carry.source === 'palette'
          ? part
          : catalog.get(at.chassis.devices.find((d) => d.id === (carry.source === 'device' ? carry.deviceId : ''))?.partId ?? '');
      if (carried?.category === 'riser') {
        const misfit = riserMisfit(carried, slot);
        if (misfit) return { ok: false, reason: misfit };
      }
      const isCard = carry.source === 'device' || (carry.source === 'palette' && (part ? goesInSlot(part) : SLOT_CATEGORIES.includes(carry.category)));
      if (!isCard) return { ok: false, reason: `${slot.label} takes a card (GPU, NIC, NVMe adapter), not ${carry.label}.` };
      const holder = slotHolder(at.chassis, target.slot, carry.source === 'device' ? carry.deviceId : undefined);
      if (holder) return { ok: false, reason: `${slot.label} holds the ${catalog.get(holder.partId)?.model ?? holder.id}; move or remove it first.` };
      if (carry.source === 'device' && !E.findChassis(build, carry.chassisId)) return { ok: false, reason: 'That card is gone.' };
      const socket = socketOfBoardSlot(build, catalog, target.chassisId, slot.id);
      if (socket && !at.chassis.cpus.some((c) => c.socket === socket)) {
        const label = board?.sockets.find((s) => s.id === socket)?.label ?? socket;
        return { ok: true, note: `${slot.label} is dead until ${label} has a CPU.` };
      }
      return { ok: true };
    }
    case 'psu': {
      if (category !== 'psu') return { ok: false, reason: 'PSU bays take PSUs.' };
      const bays = psuBaysOf(at.chassis, catalog);
      const used = (at.chassis.psus ?? []).reduce((s, p) => s + p.count, 0);
      if (bays !== null && at.chassis.psus && used >= bays) return { ok: false, reason: `All ${bays} PSU bays are taken; remove a PSU first.` };
      return at.chassis.psus ? { ok: true } : { ok: true, note: 'Replaces the PSUs the system ships with.' };
    }
    case 'dimm': {
      if (category !== 'memory') return { ok: false, reason: 'Memory channels take DIMMs.' };
      const bank = memoryBankOf(board, target.socket);
      // DDR generations are keyed differently: the stick does not go in (the checker's memory.type-mismatch, refused up front).
      if (bank && part?.category === 'memory' && part.specs.type && part.specs.type !== bank.type)
        return { ok: false, reason: `${part.model} is ${part.specs.type}; this board takes ${bank.type} DIMMs.` };
      if (bank && dimmsInChannel(at.chassis, target.socket, target.channel) >= bank.dimmsPerChannel)
        return { ok: false, reason: `Channel ${target.channel} is full (${bank.dimmsPerChannel} per channel).` };
      return { ok: true };
    }
    case 'drives':
      return category === 'storage' ? { ok: true } : { ok: false, reason: 'Drive bays take drives.' };
  }
}

export type PlaceResult = (E.EditResult & { ok: true; note?: string }) | { ok: false; reason: string };

/** Puts the carried thing at the target: the edit, or canPlace's refusal. */
export function place(build: Build, catalog: CatalogIndex, carry: Carry, target: DropTarget): PlaceResult {
  const v = canPlace(build, catalog, carry, target);
  if (!v.ok) return v;
  const binding: E.Binding = carry.source === 'palette' ? { inventoryItemId: carry.inventoryItemId, plannedPrice: carry.plannedPrice } : {};
  const result = edit(build, catalog, carry, target, binding);
  return result.ok && v.note ? { ...result, note: v.note } : result;
}

function edit(build: Build, catalog: CatalogIndex, carry: Carry, target: DropTarget, binding: E.Binding): E.EditResult {
  const refuse = (reason: string): E.EditResult => ({ ok: false, reason });
  switch (target.kind) {
    case 'rackU': {
      if (carry.source === 'chassis') return E.moveChassis(build, catalog, carry.chassisId, target.rackId, target.u);
      if (carry.source !== 'palette') return refuse('Only chassis go in rack units.');
      if (target.rackId !== NEW_RACK) return E.placeChassis(build, catalog, target.rackId, carry.partId, target.u, binding);
      const withRack = E.addRack(build, E.DEFAULT_RACK_PART, catalog);
      if (!withRack.ok) return withRack;
      const placed = E.placeChassis(withRack.build, catalog, withRack.build.racks.at(-1)!.id, carry.partId, target.u, binding);
      return placed.ok ? { ...placed, label: `${placed.label} in a new rack` } : placed;
    }
    case 'racks':
      return carry.source === 'palette' ? E.addRack(build, carry.partId, catalog, binding) : refuse('Only racks go here.');
    case 'freeStanding':
      if (carry.source === 'chassis') {
        const at = E.findChassis(build, carry.chassisId);
        return at?.freeStanding ? refuse(`${E.chassisName(at.chassis)} already stands outside the racks.`) : E.standChassis(build, carry.chassisId);
      }
      return carry.source === 'palette' ? E.placeFreeStanding(build, catalog, carry.partId, binding) : refuse('Only chassis stand here.');
    case 'bridge': {
      if (carry.source !== 'palette') return refuse('Bridges come from the palette.');
      const partner = bridgePartner(build, catalog, target.chassisId, carry.partId, target.deviceId);
      return partner.ok ? E.addBridge(build, catalog, target.chassisId, carry.partId, [target.deviceId, partner.deviceId], binding) : refuse(partner.reason);
    }
    case 'board':
      return carry.source === 'palette' ? E.setBoard(build, catalog, target.chassisId, carry.partId) : refuse('Only a board goes here.');
    case 'socket':
      if (carry.source === 'cpu') return E.moveCpu(build, target.chassisId, carry.socket, target.socket, catalog);
      return carry.source === 'palette' ? E.placeCpu(build, catalog, target.chassisId, target.socket, carry.partId, binding) : refuse('Sockets take CPUs.');
    case 'slot':
      if (carry.source === 'device') return E.moveDevice(build, catalog, carry.chassisId, carry.deviceId, target.chassisId, target.slot);
      return carry.source === 'palette' ? E.placeDevice(build, catalog, target.chassisId, target.slot, carry.partId, binding) : refuse('Slots take cards.');
    case 'psu':
      return carry.source === 'palette' ? E.addPsu(build, catalog, target.chassisId, carry.partId, binding) : refuse('PSU bays take PSUs.');
    case 'dimm':
      return carry.source === 'palette'
        ? E.placeDimm(build, catalog, target.chassisId, target.socket, target.channel, carry.partId, binding)
        : refuse('Memory channels take DIMMs.');
    case 'drives':
      return carry.source === 'palette' ? E.addDrive(build, catalog, target.chassisId, carry.partId, binding) : refuse('Drive bays take drives.');
  }
}

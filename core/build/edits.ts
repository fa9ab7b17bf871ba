// Edits of a build as pure functions: each takes a build and returns a new one
// (unchanged parts shared), or a refusal that says why. The editor keeps every
// version it produced, so undo is "show the previous build" and nothing else.
import type { Build, BuildWorkload, ChassisPlacement, FreeStandingChassis, PlacedBridge, RackPlacement } from './build';
import { BUILD_FORMAT, BUILD_VERSION, hostSlotOf } from './build';
import { FREE_STANDING_ID, placesOf } from './places';
import type { CatalogIndex } from '../check/catalog';
import type { CatalogPart } from '../catalog/part';
import type { Money } from '../money';
import {
  boardFitsChassis,
  boardPartOf,
  boardSpecOf,
  boardsTakenBy,
  chassisHeightU,
  chassisName,
  dimmsInChannel,
  effectivePsus,
  goesInSlot,
  memoryBankOf,
  psuBaysOf,
  rackFit,
  rackHeightU,
  rackName,
  slotHolder,
  type Fit,
} from './fit';

export { chassisName, dimmsInChannel, effectivePsus, rackHeightU, chassisHeightU, SLOT_CATEGORIES } from './fit';

export type EditResult = { ok: true; build: Build; label: string; select?: Selection } | { ok: false; reason: string };

/** How a placed part is paid for: bound to an inventory item, or planned at an estimate. */
export interface Binding {
  inventoryItemId?: string;
  plannedPrice?: Money;
}

/** A placed part of a build, addressed the way the editor selects it. */
export type PlacedRef =
  | { kind: 'rack'; rackId: string }
  | { kind: 'chassis'; chassisId: string }
  | { kind: 'cpu'; chassisId: string; socket: string }
  | { kind: 'device'; chassisId: string; deviceId: string }
  | { kind: 'psu'; chassisId: string; index: number }
  | { kind: 'dimm'; chassisId: string; index: number }
  | { kind: 'drive'; chassisId: string; index: number }
  | { kind: 'bridge'; chassisId: string; index: number };

export type Selection = PlacedRef | null;

export const DEFAULT_RACK_PART = 'rack.apc.ar3100';
/** The build format's limits (core/build/build.ts). */
const MAX_WORKLOADS = 64;
const MAX_FREE_STANDING = 64;
const MAX_BRIDGES = 32;

export function emptyBuild(name: string): Build {
  return { format: BUILD_FORMAT, version: BUILD_VERSION, name, racks: [], workloads: [] };
}

const ok = (build: Build, label: string, select?: Selection): EditResult =>
  select === undefined ? { ok: true, build, label } : { ok: true, build, label, select };
const no = (reason: string): EditResult => ({ ok: false, reason });

function bindingOf(b: Binding): Binding {
  const out: Binding = {};
  if (b.inventoryItemId) out.inventoryItemId = b.inventoryItemId;
  else if (b.plannedPrice) out.plannedPrice = b.plannedPrice;
  return out;
}

export function partName(part: CatalogPart | undefined, fallbackId = '?'): string {
  return part ? `${part.vendor} ${part.model}` : fallbackId;
}

/** Every id used in the build (racks, PDUs, chassis, devices, racked or free-standing): they are unique across it. */
function usedIds(build: Build): Set<string> {
  const ids = new Set<string>([FREE_STANDING_ID]);
  for (const r of placesOf(build)) {
    ids.add(r.id);
    for (const p of r.pdus) ids.add(p.id);
    for (const c of r.chassis) {
      ids.add(c.id);
      for (const d of c.devices) ids.add(d.id);
    }
  }
  return ids;
}

export function freshId(build: Build, prefix: string): string {
  const ids = usedIds(build);
  for (let i = 1; ; i++) if (!ids.has(`${prefix}-${i}`)) return `${prefix}-${i}`;
}

/**
 * Where a chassis is: its rack (or the free-standing place of core/build/places,
 * whose chassis read positionU 0), the chassis, and its index there. The one
 * lookup every edit, the placement rule and the editor use.
 */
export function findChassis(
  build: Build,
  chassisId: string,
): { rack: RackPlacement; chassis: ChassisPlacement; rackIndex: number; index: number; freeStanding: boolean } | undefined {
  for (let ri = 0; ri < build.racks.length; ri++) {
    const rack = build.racks[ri]!;
    const index = rack.chassis.findIndex((c) => c.id === chassisId);
    if (index >= 0) return { rack, chassis: rack.chassis[index]!, rackIndex: ri, index, freeStanding: false };
  }
  const index = build.freeStanding?.chassis.findIndex((c) => c.id === chassisId) ?? -1;
  if (index < 0) return undefined;
  const place = placesOf(build).at(-1)!;
  return { rack: place, chassis: place.chassis[index]!, rackIndex: -1, index, freeStanding: true };
}

/** Every chassis of the build, racked first, then free-standing (positionU 0). */
export function allChassis(build: Build): ChassisPlacement[] {
  return placesOf(build).flatMap((r) => r.chassis);
}

/** A free-standing entry has no rack unit: drop the placeholder positionU the lookup gave it. */
function standing(c: ChassisPlacement): FreeStandingChassis {
  const { positionU: _u, ...rest } = c;
  return rest;
}

function mapChassis(build: Build, chassisId: string, fn: (c: ChassisPlacement) => ChassisPlacement): Build {
  const fs = build.freeStanding;
  if (fs?.chassis.some((c) => c.id === chassisId))
    return { ...build, freeStanding: { ...fs, chassis: fs.chassis.map((c) => (c.id === chassisId ? standing(fn({ ...c, positionU: 0 })) : c)) } };
  return {
    ...build,
    racks: build.racks.map((r) => (r.chassis.some((c) => c.id === chassisId) ? { ...r, chassis: r.chassis.map((c) => (c.id === chassisId ? fn(c) : c)) } : r)),
  };
}

/** The build without that chassis, wherever it stood (an emptied free-standing group goes away). */
function withoutChassis(build: Build, chassisId: string): Build {
  const fs = build.freeStanding;
  if (fs?.chassis.some((c) => c.id === chassisId)) {
    const rest = fs.chassis.filter((c) => c.id !== chassisId);
    if (rest.length) return { ...build, freeStanding: { ...fs, chassis: rest } };
    const { freeStanding: _fs, ...without } = build;
    return without;
  }
  return {
    ...build,
    racks: build.racks.map((r) => (r.chassis.some((c) => c.id === chassisId) ? { ...r, chassis: r.chassis.filter((c) => c.id !== chassisId) } : r)),
  };
}

function withFreeStanding(build: Build, c: ChassisPlacement): Build {
  const fs = build.freeStanding;
  return { ...build, freeStanding: { ...(fs ?? {}), chassis: [...(fs?.chassis ?? []), standing(c)] } };
}

// ---------------------------------------------------------------- racks

/** rackFit (core/build/fit) for a rack of this build, by id. */
export function rackFitIn(build: Build, catalog: CatalogIndex, rackId: string, heightU: number | null, positionU: number, ignoreChassisId?: string): Fit {
  const rack = build.racks.find((r) => r.id === rackId);
  if (!rack) return { ok: false, reason: 'That rack is not in this build.' };
  return rackFit(rack, catalog, heightU, positionU, ignoreChassisId);
}

/** The lowest position where a chassis of that height fits, or null. */
export function firstFreeU(build: Build, catalog: CatalogIndex, rackId: string, heightU: number | null, ignoreChassisId?: string): number | null {
  const rack = build.racks.find((r) => r.id === rackId);
  if (!rack || heightU === null) return null;
  for (let u = 1; u + heightU - 1 <= rackHeightU(rack, catalog); u++) if (rackFit(rack, catalog, heightU, u, ignoreChassisId).ok) return u;
  return null;
}

export function addRack(build: Build, partId: string, catalog: CatalogIndex, binding: Binding = {}): EditResult {
  const part = catalog.get(partId);
  if (part && part.category !== 'rack') return no(`${partName(part)} is not a rack.`);
  const id = freshId(build, 'rack');
  const label = `Rack ${build.racks.length + 1}`;
  const rack: RackPlacement = { id, label, partId, ...bindingOf(binding), pdus: [], chassis: [] };
  return ok({ ...build, racks: [...build.racks, rack] }, `Added ${label}`, { kind: 'rack', rackId: id });
}

export function removeRack(build: Build, rackId: string): EditResult {
  const rack = build.racks.find((r) => r.id === rackId);
  if (!rack) return no('That rack is not in this build.');
  return ok(
    { ...build, racks: build.racks.filter((r) => r.id !== rackId) },
    `Removed ${rackName(rack)}${rack.chassis.length ? ` and its ${rack.chassis.length} chassis` : ''}`,
    null,
  );
}

// ---------------------------------------------------------------- chassis

export function placeChassis(build: Build, catalog: CatalogIndex, rackId: string, partId: string, positionU: number, binding: Binding = {}): EditResult {
  const part = catalog.get(partId);
  if (!part || part.category !== 'chassis') return no(`${partName(part, partId)} is not a chassis or system.`);
  const fit = rackFitIn(build, catalog, rackId, part.specs.heightU, positionU);
  if (!fit.ok) return no(fit.reason);
  const id = freshId(build, 'srv');
  const shipped = shippedWith(part, catalog);
  const chassis: ChassisPlacement = {
    id,
    label: id,
    partId,
    ...bindingOf(binding),
    positionU,
    cpus: shipped.cpus,
    devices: [],
    dimms: [],
    drives: [],
    ...(shipped.psus ? { psus: shipped.psus } : {}),
  };
  const next = { ...build, racks: build.racks.map((r) => (r.id === rackId ? { ...r, chassis: [...r.chassis, chassis] } : r)) };
  return ok(next, `Placed ${part.model} at U${positionU}${shipped.text ? ` with ${shipped.text}` : ''}`, { kind: 'chassis', chassisId: id });
}

/** A chassis (tower, open frame, or a server on a bench) standing outside the racks. */
export function placeFreeStanding(build: Build, catalog: CatalogIndex, partId: string, binding: Binding = {}): EditResult {
  const part = catalog.get(partId);
  if (!part || part.category !== 'chassis') return no(`${partName(part, partId)} is not a chassis or system.`);
  if ((build.freeStanding?.chassis.length ?? 0) >= MAX_FREE_STANDING)
    return no(`At most ${MAX_FREE_STANDING} chassis stand outside the racks; remove one first.`);
  const id = freshId(build, part.specs.formFactor === 'rackmount' ? 'srv' : part.specs.formFactor === 'tower' ? 'tower' : 'frame');
  const chassis: ChassisPlacement = { id, label: id, partId, ...bindingOf(binding), positionU: 0, cpus: [], devices: [], dimms: [], drives: [] };
  return ok(withFreeStanding(build, chassis), `Placed ${part.model} outside the racks`, { kind: 'chassis', chassisId: id });
}

/** Takes a racked chassis out of its rack to stand on its own (everything in it comes along). */
export function standChassis(build: Build, chassisId: string): EditResult {
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  if (at.freeStanding) return no(`${chassisName(at.chassis)} already stands outside the racks.`);
  if ((build.freeStanding?.chassis.length ?? 0) >= MAX_FREE_STANDING)
    return no(`At most ${MAX_FREE_STANDING} chassis stand outside the racks; remove one first.`);
  return ok(withFreeStanding(withoutChassis(build, chassisId), at.chassis), `Moved ${chassisName(at.chassis)} out of ${rackName(at.rack)}`, {
    kind: 'chassis',
    chassisId,
  });
}

/**
 * The PSUs and CPUs a system ships with (its catalog entry's psusFitted and
 * cpusFitted), as planned parts the user can remove. They come in the system's
 * price, so each is planned at 0 in the system's currency rather than at its
 * own used price (which would count it twice).
 */
export function shippedWith(
  part: CatalogPart & { category: 'chassis' },
  catalog: CatalogIndex,
): { psus?: PlacedPsuOf[]; cpus: ChassisPlacement['cpus']; text: string } {
  const currency = part.typicalUsedPrice?.currency ?? 'USD';
  const included = { amountMinor: 0, currency };
  const psus = part.specs.psusFitted.filter((p) => catalog.has(p.partId)).map((p) => ({ partId: p.partId, count: p.count, plannedPrice: included }));
  const board = boardSpecOf({ partId: part.id }, catalog);
  const sockets = board?.sockets ?? [];
  const cpus: ChassisPlacement['cpus'] = [];
  for (const f of part.specs.cpusFitted ?? []) {
    if (!catalog.has(f.partId)) continue;
    for (let i = 0; i < f.count; i++) {
      const socket = sockets[cpus.length];
      if (socket) cpus.push({ socket: socket.id, partId: f.partId, plannedPrice: included });
    }
  }
  const said = [
    ...part.specs.psusFitted.filter((p) => catalog.has(p.partId)).map((p) => `${p.count}× ${catalog.get(p.partId)!.model}`),
    ...(cpus.length ? [`${cpus.length}× ${catalog.get(cpus[0]!.partId)!.model}`] : []),
  ];
  return { ...(psus.length ? { psus } : {}), cpus, text: said.join(' and ') };
}
type PlacedPsuOf = NonNullable<ChassisPlacement['psus']>[number];

export function moveChassis(build: Build, catalog: CatalogIndex, chassisId: string, rackId: string, positionU: number): EditResult {
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  if (at.rack.id === rackId && at.chassis.positionU === positionU) return no(`${chassisName(at.chassis)} is already at U${positionU}.`);
  const fit = rackFitIn(build, catalog, rackId, chassisHeightU(at.chassis.partId, catalog), positionU, chassisId);
  if (!fit.ok) return no(fit.reason);
  const moved = { ...at.chassis, positionU };
  if (at.freeStanding) {
    const target = build.racks.find((r) => r.id === rackId)!;
    const next = withoutChassis(build, chassisId);
    return ok(
      { ...next, racks: next.racks.map((r) => (r.id === rackId ? { ...r, chassis: [...r.chassis, moved] } : r)) },
      `Moved ${chassisName(at.chassis)} into ${rackName(target)} at U${positionU}`,
      { kind: 'chassis', chassisId },
    );
  }
  const racks = build.racks.map((r) => {
    let chassis = r.chassis.filter((c) => c.id !== chassisId);
    if (r.id === rackId) chassis = [...chassis, moved];
    return chassis.length === r.chassis.length && r.id !== rackId && r.id !== at.rack.id ? r : { ...r, chassis };
  });
  const target = build.racks.find((r) => r.id === rackId)!;
  const where = rackId === at.rack.id ? `U${positionU}` : `${target.label ?? target.id} U${positionU}`;
  return ok({ ...build, racks }, `Moved ${chassisName(at.chassis)} to ${where}`, { kind: 'chassis', chassisId });
}

export function removeChassis(build: Build, chassisId: string, catalog?: CatalogIndex): EditResult {
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  const model = catalog?.get(at.chassis.partId)?.model;
  const name = model && model !== chassisName(at.chassis) ? `${model} ${chassisName(at.chassis)}` : chassisName(at.chassis);
  return ok(withoutChassis(build, chassisId), `Removed ${name}`, null);
}

/** Sets the board of a chassis (undefined = the one it ships with). Cards stay; slots the new board lacks are reported. */
export function setBoard(build: Build, catalog: CatalogIndex, chassisId: string, boardPartId: string | undefined): EditResult {
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  const chassisPart = catalog.get(at.chassis.partId);
  const integrated = chassisPart?.category === 'chassis' ? chassisPart.specs.integratedBoard : null;
  const board = boardPartId ? catalog.get(boardPartId) : undefined;
  if (boardPartId && board?.category !== 'board') return no(`${partName(board, boardPartId)} is not a board.`);
  if (boardPartId && chassisPart?.category === 'chassis' && !boardFitsChassis(chassisPart, boardPartId, board?.category === 'board' ? board.specs : undefined))
    return no(
      `The ${chassisPart.model} does not take the ${board?.category === 'board' ? board.model : boardPartId} (it takes ${boardsTakenBy(chassisPart, catalog)}).`,
    );
  const value = boardPartId && boardPartId !== integrated ? boardPartId : undefined;
  if (value === at.chassis.boardPartId) return no('That board is already fitted.');
  return ok(
    mapChassis(build, chassisId, (c) => {
      const { boardPartId: _old, ...rest } = c;
      return value ? { ...rest, boardPartId: value } : rest;
    }),
    `Fitted ${board?.category === 'board' ? board.model : 'the integrated board'} in ${chassisName(at.chassis)}`,
    { kind: 'chassis', chassisId },
  );
}

// ---------------------------------------------------------------- board contents

export function placeCpu(build: Build, catalog: CatalogIndex, chassisId: string, socket: string, partId: string, binding: Binding = {}): EditResult {
  const part = catalog.get(partId);
  if (!part || part.category !== 'cpu') return no(`${partName(part, partId)} is not a CPU.`);
  if (!findChassis(build, chassisId)) return no('That chassis is not in this build.');
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, cpus: [...c.cpus.filter((x) => x.socket !== socket), { socket, partId, ...bindingOf(binding) }] })),
    `Placed ${part.model} in ${socketName(findChassis(build, chassisId)!.chassis, catalog, socket)}`,
    { kind: 'cpu', chassisId, socket },
  );
}

export function removeCpu(build: Build, chassisId: string, socket: string, catalog?: CatalogIndex): EditResult {
  const at = findChassis(build, chassisId);
  const cpu = at?.chassis.cpus.find((c) => c.socket === socket);
  if (!at || !cpu) return no('That socket is empty.');
  const what = catalog?.get(cpu.partId)?.model ?? 'the CPU';
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, cpus: c.cpus.filter((x) => x.socket !== socket) })),
    `Removed ${what} from ${catalog ? socketName(at.chassis, catalog, socket) : socket}`,
    null,
  );
}

export function moveCpu(build: Build, chassisId: string, fromSocket: string, toSocket: string, catalog?: CatalogIndex): EditResult {
  const at = findChassis(build, chassisId);
  const cpu = at?.chassis.cpus.find((c) => c.socket === fromSocket);
  if (!at || !cpu) return no('That socket is empty.');
  if (fromSocket === toSocket) return no('The CPU is already there.');
  if (at.chassis.cpus.some((c) => c.socket === toSocket)) return no(`${toSocket} already holds a CPU; remove it first.`);
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, cpus: c.cpus.map((x) => (x.socket === fromSocket ? { ...x, socket: toSocket } : x)) })),
    `Moved ${catalog?.get(cpu.partId)?.model ?? 'the CPU'} to ${catalog ? socketName(at.chassis, catalog, toSocket) : toSocket}`,
    { kind: 'cpu', chassisId, socket: toSocket },
  );
}

function devicePrefix(part: CatalogPart): string {
  return part.category === 'gpu' ? 'gpu' : part.category === 'nic' ? 'nic' : 'dev';
}

export function placeDevice(build: Build, catalog: CatalogIndex, chassisId: string, slot: string, partId: string, binding: Binding = {}): EditResult {
  const part = catalog.get(partId);
  if (!part || !goesInSlot(part)) return no(`${partName(part, partId)} does not go in a PCIe slot.`);
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  const taken = slotHolder(at.chassis, slot);
  if (taken) return no(`${slotName(at.chassis, catalog, slot)} holds the ${deviceName(taken, catalog)}; move or remove it first.`);
  const id = freshId(build, devicePrefix(part));
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, devices: [...c.devices, { id, slot, partId, ...bindingOf(binding) }] })),
    `Placed ${part.model} in ${slotName(at.chassis, catalog, slot)}`,
    { kind: 'device', chassisId, deviceId: id },
  );
}

/** Moves a card to another slot (of this or another chassis). */
export function moveDevice(build: Build, catalog: CatalogIndex, deviceChassisId: string, deviceId: string, toChassisId: string, slot: string): EditResult {
  const from = findChassis(build, deviceChassisId);
  const device = from?.chassis.devices.find((d) => d.id === deviceId);
  if (!from || !device) return no('That card is not in this build.');
  const name = deviceName(device, catalog);
  if (toChassisId === deviceChassisId && device.slot === slot) return no(`The ${name} is already in that slot.`);
  const to = findChassis(build, toChassisId);
  if (!to) return no('That chassis is not in this build.');
  const moving = new Set([deviceId, ...guestsOf(from.chassis, deviceId)]);
  // A riser cannot go into its own slots, or into a card that sits on it (canPlace says the same to the editor).
  const host = hostSlotOf(slot)?.hostId;
  if (host !== undefined && moving.has(host)) return no(`The ${name} cannot go into a slot it holds itself.`);
  const taken = slotHolder(to.chassis, slot, deviceId);
  if (taken) return no(`${slotName(to.chassis, catalog, slot)} holds the ${deviceName(taken, catalog)}; move or remove it first.`);
  // A card that holds cards (a riser) takes them along; a bridge stays only within one chassis.
  let next = mapChassis(build, deviceChassisId, (c) => dropBridges({ ...c, devices: c.devices.filter((d) => !moving.has(d.id)) }, moving));
  // Keep the card's place in the list (it sets the GPU0… numbering) when it stays in its chassis.
  next =
    toChassisId === deviceChassisId
      ? mapChassis(build, deviceChassisId, (c) => ({ ...c, devices: c.devices.map((d) => (d.id === deviceId ? { ...d, slot } : d)) }))
      : mapChassis(next, toChassisId, (c) => ({
          ...c,
          devices: [...c.devices, ...from.chassis.devices.filter((d) => moving.has(d.id)).map((d) => (d.id === deviceId ? { ...d, slot } : d))],
        }));
  return ok(next, `Moved ${name} to ${slotName(to.chassis, catalog, slot)}`, { kind: 'device', chassisId: toChassisId, deviceId });
}

/** Removes a card; the cards on it (a riser's) and the bridges on any of them go with it. */
export function removeDevice(build: Build, catalog: CatalogIndex, chassisId: string, deviceId: string): EditResult {
  const at = findChassis(build, chassisId);
  const device = at?.chassis.devices.find((d) => d.id === deviceId);
  if (!at || !device) return no('That card is not in this build.');
  const guests = guestsOf(at.chassis, deviceId);
  const gone = new Set([deviceId, ...guests]);
  const also = guests.length ? ` and the ${guests.length === 1 ? 'card' : `${guests.length} cards`} on it` : '';
  return ok(
    mapChassis(build, chassisId, (c) => dropBridges({ ...c, devices: c.devices.filter((d) => !gone.has(d.id)) }, gone)),
    `Removed ${deviceName(device, catalog)}${also} from ${slotName(at.chassis, catalog, device.slot)}`,
    null,
  );
}

/** Devices sitting in slots of this device, and in theirs (a riser cable into a bifurcation card into GPUs). */
export function guestsOf(c: Pick<ChassisPlacement, 'devices'>, hostId: string): string[] {
  const out: string[] = [];
  const walk = (id: string) => {
    for (const d of c.devices)
      if (hostSlotOf(d.slot)?.hostId === id && !out.includes(d.id) && d.id !== hostId) {
        out.push(d.id);
        walk(d.id);
      }
  };
  walk(hostId);
  return out;
}

/** The chassis without the bridges that touch any of these devices (absent when none are left). */
function dropBridges(c: ChassisPlacement, gone: ReadonlySet<string>): ChassisPlacement {
  if (!c.bridges?.some((b) => b.devices.some((d) => gone.has(d)))) return c;
  const bridges = c.bridges.filter((b) => !b.devices.some((d) => gone.has(d)));
  const { bridges: _b, ...rest } = c;
  return bridges.length ? { ...rest, bridges } : rest;
}

// ---------------------------------------------------------------- NVLink bridges

/**
 * Puts an NVLink bridge over two cards of one chassis. Only the shape is
 * checked here (two cards of this chassis, not already bridged); whether the
 * pair can carry it is core/build/placement's canBridge, which asks the
 * checker's own bridge rule.
 */
export function addBridge(
  build: Build,
  catalog: CatalogIndex,
  chassisId: string,
  partId: string,
  devices: [string, string],
  binding: Binding = {},
): EditResult {
  const part = catalog.get(partId);
  if (!part || part.category !== 'bridge') return no(`${partName(part, partId)} is not an NVLink bridge.`);
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  if (devices[0] === devices[1]) return no('A bridge joins two different cards.');
  const cards = devices.map((id) => at.chassis.devices.find((d) => d.id === id));
  const missing = devices.filter((_, k) => !cards[k]);
  if (missing.length) return no(`${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not in ${chassisName(at.chassis)}.`);
  const bridges = at.chassis.bridges ?? [];
  if (bridges.length >= MAX_BRIDGES) return no(`A chassis holds at most ${MAX_BRIDGES} bridges; remove one first.`);
  const taken = devices.find((id) => bridges.some((b) => b.devices.includes(id)));
  if (taken) {
    const card = cards[devices.indexOf(taken)]!;
    return no(`The ${deviceName(card, catalog)} in ${slotName(at.chassis, catalog, card.slot)} already has a bridge; remove it first.`);
  }
  const bridge: PlacedBridge = { partId, ...bindingOf(binding), devices: [devices[0], devices[1]] };
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, bridges: [...bridges, bridge] })),
    `Bridged the cards in ${slotName(at.chassis, catalog, cards[0]!.slot)} and ${slotName(at.chassis, catalog, cards[1]!.slot)} with the ${part.model}`,
    { kind: 'bridge', chassisId, index: bridges.length },
  );
}

export function removeBridge(build: Build, catalog: CatalogIndex, chassisId: string, index: number): EditResult {
  const at = findChassis(build, chassisId);
  const b = at?.chassis.bridges?.[index];
  if (!at || !b) return no('No such bridge.');
  return ok(
    mapChassis(build, chassisId, (c) => {
      const rest = (c.bridges ?? []).filter((_, i) => i !== index);
      const { bridges: _b, ...without } = c;
      return rest.length ? { ...without, bridges: rest } : without;
    }),
    `Removed the ${catalog.get(b.partId)?.model ?? 'NVLink bridge'} between ${b.devices.map((id) => cardAt(at.chassis, catalog, id)).join(' and ')}`,
    null,
  );
}

/** "Tesla P40" (the part's model), else its id. */
function deviceName(d: { id: string; partId: string }, catalog: CatalogIndex): string {
  return catalog.get(d.partId)?.model ?? d.id;
}

/** The socket's label on the board ("CPU 1"), else its id. */
function socketName(c: ChassisPlacement, catalog: CatalogIndex, socketId: string): string {
  return boardSpecOf(c, catalog)?.sockets.find((s) => s.id === socketId)?.label ?? socketId;
}

/** "the Tesla P40 in GPU slot 2": a placed card by its model and its slot's label. */
function cardAt(c: ChassisPlacement, catalog: CatalogIndex, deviceId: string): string {
  const d = c.devices.find((x) => x.id === deviceId);
  return d ? `the ${deviceName(d, catalog)} in ${slotName(c, catalog, d.slot)}` : 'a card no longer placed';
}

/** The slot's label on the board ("PCIe slot 3"), a riser's slot by its card ("output a of the riser cable in PCIE1"), else its id. */
function slotName(c: ChassisPlacement, catalog: CatalogIndex, slotId: string, seen: ReadonlySet<string> = new Set()): string {
  const ref = hostSlotOf(slotId);
  if (ref) {
    const host = c.devices.find((d) => d.id === ref.hostId);
    // A host already on the way down would loop forever: name the output without its host's place.
    if (host && seen.has(host.id)) return `output ${ref.slotId} of the ${deviceName(host, catalog)}`;
    return host
      ? `output ${ref.slotId} of the ${deviceName(host, catalog)} in ${slotName(c, catalog, host.slot, new Set([...seen, host.id]))}`
      : `output ${ref.slotId} of a riser`;
  }
  return boardSpecOf(c, catalog)?.slots.find((s) => s.id === slotId)?.label ?? slotId;
}

export function addPsu(build: Build, catalog: CatalogIndex, chassisId: string, partId: string, binding: Binding = {}): EditResult {
  const part = catalog.get(partId);
  if (!part || part.category !== 'psu') return no(`${partName(part, partId)} is not a PSU.`);
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  const bays = psuBaysOf(at.chassis, catalog);
  const current = at.chassis.psus ?? [];
  const used = current.reduce((s, p) => s + p.count, 0);
  if (bays !== null && used >= bays) return no(`All ${bays} PSU bays are taken; remove a PSU first.`);
  const b = bindingOf(binding);
  // One entry per part and price: a PSU added to the set the system shipped with is not "included" too.
  const same = current.findIndex(
    (p) => p.partId === partId && !p.inventoryItemId && !b.inventoryItemId && JSON.stringify(p.plannedPrice ?? null) === JSON.stringify(b.plannedPrice ?? null),
  );
  const psus = same >= 0 ? current.map((p, i) => (i === same ? { ...p, count: p.count + 1 } : p)) : [...current, { partId, count: 1, ...b }];
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, psus })),
    `Added ${part.model}`,
    { kind: 'psu', chassisId, index: same >= 0 ? same : psus.length - 1 },
  );
}

/** Removes one PSU of the entry (the shipped set becomes an explicit list first). */
export function removePsu(build: Build, catalog: CatalogIndex, chassisId: string, index: number): EditResult {
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  const current = effectivePsus(at.chassis, catalog).map(({ fitted: _f, ...p }) => p);
  const entry = current[index];
  if (!entry) return no('No such PSU.');
  const psus = entry.count > 1 ? current.map((p, i) => (i === index ? { ...p, count: p.count - 1 } : p)) : current.filter((_, i) => i !== index);
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, psus })),
    `Removed a ${catalog.get(entry.partId)?.model ?? 'PSU'} PSU from ${chassisName(at.chassis)}`,
    null,
  );
}

export function placeDimm(
  build: Build,
  catalog: CatalogIndex,
  chassisId: string,
  socket: string,
  channel: number,
  partId: string,
  binding: Binding = {},
): EditResult {
  const part = catalog.get(partId);
  if (!part || part.category !== 'memory') return no(`${partName(part, partId)} is not a memory module.`);
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  const bank = memoryBankOf(boardSpecOf(at.chassis, catalog), socket);
  if (bank && dimmsInChannel(at.chassis, socket, channel) >= bank.dimmsPerChannel)
    return no(`Channel ${channel} of ${socketName(at.chassis, catalog, socket)} is full (${bank.dimmsPerChannel} DIMMs per channel).`);
  const b = bindingOf(binding);
  const same = at.chassis.dimms.findIndex(
    (d) => d.socket === socket && d.channel === channel && d.partId === partId && !d.inventoryItemId && !b.inventoryItemId,
  );
  const dimms =
    same >= 0
      ? at.chassis.dimms.map((d, i) => (i === same ? { ...d, count: d.count + 1 } : d))
      : [...at.chassis.dimms, { socket, channel, count: 1, partId, ...b }];
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, dimms })),
    `Added ${part.model} to ${socketName(at.chassis, catalog, socket)} channel ${channel}`,
    { kind: 'dimm', chassisId, index: same >= 0 ? same : dimms.length - 1 },
  );
}

export function removeDimm(build: Build, chassisId: string, index: number, catalog?: CatalogIndex): EditResult {
  const at = findChassis(build, chassisId);
  const entry = at?.chassis.dimms[index];
  if (!at || !entry) return no('No such DIMM.');
  const dimms =
    entry.count > 1 ? at.chassis.dimms.map((d, i) => (i === index ? { ...d, count: d.count - 1 } : d)) : at.chassis.dimms.filter((_, i) => i !== index);
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, dimms })),
    `Removed ${catalog?.get(entry.partId)?.model ?? 'a DIMM'} from ${catalog ? socketName(at.chassis, catalog, entry.socket) : entry.socket} channel ${entry.channel}`,
    null,
  );
}

export function addDrive(build: Build, catalog: CatalogIndex, chassisId: string, partId: string, binding: Binding = {}): EditResult {
  const part = catalog.get(partId);
  if (!part || part.category !== 'storage') return no(`${partName(part, partId)} is not a drive.`);
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  const b = bindingOf(binding);
  const same = at.chassis.drives.findIndex((d) => d.partId === partId && !d.inventoryItemId && !b.inventoryItemId);
  const drives =
    same >= 0 ? at.chassis.drives.map((d, i) => (i === same ? { ...d, count: d.count + 1 } : d)) : [...at.chassis.drives, { partId, count: 1, ...b }];
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, drives })),
    `Added ${part.model}`,
    { kind: 'drive', chassisId, index: same >= 0 ? same : drives.length - 1 },
  );
}

export function removeDrive(build: Build, chassisId: string, index: number, catalog?: CatalogIndex): EditResult {
  const at = findChassis(build, chassisId);
  const entry = at?.chassis.drives[index];
  if (!at || !entry) return no('No such drive.');
  const drives =
    entry.count > 1 ? at.chassis.drives.map((d, i) => (i === index ? { ...d, count: d.count - 1 } : d)) : at.chassis.drives.filter((_, i) => i !== index);
  const model = catalog?.get(entry.partId)?.model;
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, drives })),
    model ? `Removed ${model} from ${chassisName(at.chassis)}` : `Removed a drive from ${chassisName(at.chassis)}`,
    null,
  );
}

/** The board specs a chassis runs (see core/build/fit). @public (used through `* as E` in Svelte) */
export const boardOf = boardSpecOf;
export { boardPartOf };

// ---------------------------------------------------------------- any placed part

interface PlacedFields {
  partId: string;
  inventoryItemId?: string;
  plannedPrice?: Money;
}

export function placedPart(build: Build, ref: PlacedRef): PlacedFields | undefined {
  if (ref.kind === 'rack') return build.racks.find((r) => r.id === ref.rackId);
  const at = findChassis(build, ref.chassisId);
  if (!at) return undefined;
  switch (ref.kind) {
    case 'chassis':
      return at.chassis;
    case 'cpu':
      return at.chassis.cpus.find((c) => c.socket === ref.socket);
    case 'device':
      return at.chassis.devices.find((d) => d.id === ref.deviceId);
    case 'psu':
      return at.chassis.psus?.[ref.index];
    case 'dimm':
      return at.chassis.dimms[ref.index];
    case 'drive':
      return at.chassis.drives[ref.index];
    case 'bridge':
      return at.chassis.bridges?.[ref.index];
  }
}

/** The edit that removes a placed part, whatever kind it is (Delete on the selection). */
export function removePlaced(build: Build, catalog: CatalogIndex, ref: PlacedRef): EditResult {
  switch (ref.kind) {
    case 'rack':
      return removeRack(build, ref.rackId);
    case 'chassis':
      return removeChassis(build, ref.chassisId, catalog);
    case 'cpu':
      return removeCpu(build, ref.chassisId, ref.socket, catalog);
    case 'device':
      return removeDevice(build, catalog, ref.chassisId, ref.deviceId);
    case 'psu':
      return removePsu(build, catalog, ref.chassisId, ref.index);
    case 'dimm':
      return removeDimm(build, ref.chassisId, ref.index, catalog);
    case 'drive':
      return removeDrive(build, ref.chassisId, ref.index, catalog);
    case 'bridge':
      return removeBridge(build, catalog, ref.chassisId, ref.index);
  }
}

function mapPlaced(build: Build, ref: PlacedRef, fn: <T extends PlacedFields>(p: T) => T): Build {
  if (ref.kind === 'rack') return { ...build, racks: build.racks.map((r) => (r.id === ref.rackId ? fn(r) : r)) };
  return mapChassis(build, ref.chassisId, (c) => {
    switch (ref.kind) {
      case 'chassis':
        return fn(c);
      case 'cpu':
        return { ...c, cpus: c.cpus.map((x) => (x.socket === ref.socket ? fn(x) : x)) };
      case 'device':
        return { ...c, devices: c.devices.map((x) => (x.id === ref.deviceId ? fn(x) : x)) };
      case 'psu':
        return c.psus ? { ...c, psus: c.psus.map((x, i) => (i === ref.index ? fn(x) : x)) } : c;
      case 'dimm':
        return { ...c, dimms: c.dimms.map((x, i) => (i === ref.index ? fn(x) : x)) };
      case 'drive':
        return { ...c, drives: c.drives.map((x, i) => (i === ref.index ? fn(x) : x)) };
      case 'bridge':
        return c.bridges ? { ...c, bridges: c.bridges.map((x, i) => (i === ref.index ? fn(x) : x)) } : c;
    }
  });
}

/** Planned at this price (null = unknown); unbinds an inventory item. */
export function setPlannedPrice(build: Build, ref: PlacedRef, price: Money | null): EditResult {
  const p = placedPart(build, ref);
  if (!p) return no('That part is not in this build.');
  return ok(
    mapPlaced(build, ref, (x) => {
      const { plannedPrice: _p, inventoryItemId: _i, ...rest } = x;
      return (price ? { ...rest, plannedPrice: price } : rest) as typeof x;
    }),
    price ? 'Changed the planned price' : 'Cleared the planned price',
    ref,
  );
}

/** Bound to an owned inventory item. */
export function bindItem(build: Build, ref: PlacedRef, inventoryItemId: string): EditResult {
  const p = placedPart(build, ref);
  if (!p) return no('That part is not in this build.');
  return ok(
    mapPlaced(build, ref, (x) => {
      const { plannedPrice: _p, inventoryItemId: _i, ...rest } = x;
      return { ...rest, inventoryItemId } as typeof x;
    }),
    'Bound to an owned item',
    ref,
  );
}

export function renameChassis(build: Build, chassisId: string, label: string): EditResult {
  const at = findChassis(build, chassisId);
  if (!at) return no('That chassis is not in this build.');
  const trimmed = label.trim().slice(0, 80);
  if (!trimmed) return no('A chassis needs a name.');
  return ok(
    mapChassis(build, chassisId, (c) => ({ ...c, label: trimmed })),
    `Renamed ${chassisName(at.chassis)} to ${trimmed}`,
    { kind: 'chassis', chassisId },
  );
}

export { itemUse } from './walk';

// ---------------------------------------------------------------- workloads

/** "Llama 3.1 70B Q4_K_M on llama.cpp": how a workload is named in undo entries and lists. */
export function workloadName(w: BuildWorkload, modelName: string = w.modelId): string {
  return `${modelName} ${w.quant} on ${w.runtime}`;
}

/** @public (used through `* as E` in Svelte) */
export function addWorkload(build: Build, workload: BuildWorkload, modelName?: string): EditResult {
  if (build.workloads.length >= MAX_WORKLOADS) return no(`A build holds at most ${MAX_WORKLOADS} workloads; remove one first.`);
  return ok({ ...build, workloads: [...build.workloads, workload] }, `Added ${workloadName(workload, modelName)}`);
}

/** @public (used through `* as E` in Svelte) */
export function updateWorkload(build: Build, index: number, workload: BuildWorkload, modelName?: string): EditResult {
  if (!build.workloads[index]) return no('That workload is not in this build.');
  if (JSON.stringify(build.workloads[index]) === JSON.stringify(workload)) return no('Nothing changed.');
  return ok({ ...build, workloads: build.workloads.map((w, i) => (i === index ? workload : w)) }, `Changed ${workloadName(workload, modelName)}`);
}

/** @public (used through `* as E` in Svelte) */
export function removeWorkload(build: Build, index: number, modelName?: string): EditResult {
  const w = build.workloads[index];
  if (!w) return no('That workload is not in this build.');
  return ok({ ...build, workloads: build.workloads.filter((_, i) => i !== index) }, `Removed ${workloadName(w, modelName)}`);
}

// What fits where, as plain predicates over the build document: the rack units a
// chassis spans, which board a chassis runs, the PSU bays and memory channels it
// has, what holds a slot. The editor's drag preview and drop (core/build/placement)
// and the checker's rules (core/check/rules) read these, so they cannot disagree.
import type { BoardSpec, Slot } from '../catalog/board';
import type { CatalogPart, PartCategory, PartOf } from '../catalog/part';
import { partOf, type CatalogIndex } from '../check/catalog';
import type { ChassisPlacement, RackPlacement } from './build';

type PlacedDevice = ChassisPlacement['devices'][number];

/** Drawn and checked when a rack part gives no height (the common full-height rack). */
export const DEFAULT_RACK_HEIGHT_U = 42;

// ---------------------------------------------------------------- racks

export function rackHeightU(rack: Pick<RackPlacement, 'partId'>, catalog: CatalogIndex): number {
  return partOf(catalog, rack.partId, 'rack')?.specs.heightU ?? DEFAULT_RACK_HEIGHT_U;
}

/** Rack units of a chassis part; null for towers, open frames and unknown parts. */
export function chassisHeightU(partId: string, catalog: CatalogIndex): number | null {
  return partOf(catalog, partId, 'chassis')?.specs.heightU ?? null;
}

export interface RackSpan {
  chassis: ChassisPlacement;
  from: number;
  to: number;
}

/** The units a placed chassis occupies; an unknown height counts as 1 U so it still collides. */
export function rackSpan(c: ChassisPlacement, catalog: CatalogIndex): RackSpan {
  const h = chassisHeightU(c.partId, catalog) ?? 1;
  return { chassis: c, from: c.positionU, to: c.positionU + h - 1 };
}

export function spansOverlap(a: { from: number; to: number }, b: { from: number; to: number }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export function chassisName(c: Pick<ChassisPlacement, 'id' | 'label'>): string {
  return c.label ?? c.id;
}

export function rackName(r: Pick<RackPlacement, 'id' | 'label'>): string {
  return r.label ?? r.id;
}

export type Fit = { ok: true } | { ok: false; reason: string };

/**
 * Whether a chassis `heightU` tall fits with its bottom at `positionU` in the
 * rack, ignoring the chassis being moved. Says why when it does not.
 */
export function rackFit(rack: RackPlacement, catalog: CatalogIndex, heightU: number | null, positionU: number, ignoreChassisId?: string): Fit {
  if (heightU === null) return { ok: false, reason: 'This chassis has no rack height (a tower or open frame); it stands outside the racks.' };
  const rackU = rackHeightU(rack, catalog);
  const span = { from: positionU, to: positionU + heightU - 1 };
  const name = rackName(rack);
  if (positionU < 1) return { ok: false, reason: `U${positionU} is below the bottom of ${name}.` };
  if (span.to > rackU) return { ok: false, reason: `A ${heightU} U chassis at U${positionU} would reach U${span.to}; ${name} has ${rackU} U.` };
  for (const c of rack.chassis) {
    if (c.id === ignoreChassisId) continue;
    const other = rackSpan(c, catalog);
    if (spansOverlap(span, other)) return { ok: false, reason: `U${span.from}–U${span.to} collides with ${chassisName(c)} at U${other.from}–U${other.to}.` };
  }
  return { ok: true };
}

// ---------------------------------------------------------------- boards

/** The board a chassis runs: the one the build names, else the system's integrated board. */
export function boardIdOf(c: Pick<ChassisPlacement, 'partId' | 'boardPartId'>, catalog: CatalogIndex): string | undefined {
  return c.boardPartId ?? partOf(catalog, c.partId, 'chassis')?.specs.integratedBoard ?? undefined;
}

export function boardPartOf(c: Pick<ChassisPlacement, 'partId' | 'boardPartId'>, catalog: CatalogIndex): PartOf<'board'> | undefined {
  return partOf(catalog, boardIdOf(c, catalog), 'board');
}

export function boardSpecOf(c: Pick<ChassisPlacement, 'partId' | 'boardPartId'>, catalog: CatalogIndex): BoardSpec | undefined {
  return boardPartOf(c, catalog)?.specs;
}

/** Whether the chassis takes the board: its own, a listed compatible one, or one of its form factors. */
export function boardFitsChassis(chassis: PartOf<'chassis'>, boardId: string, board: BoardSpec | undefined): boolean {
  const spec = chassis.specs;
  return (
    boardId === spec.integratedBoard || spec.compatibleBoards.includes(boardId) || (board !== undefined && spec.boardFormFactors.includes(board.formFactor))
  );
}

/** What a chassis takes, for refusals: "E-ATX, SSI-EEB" or "only its own board". */
export function boardsTakenBy(chassis: PartOf<'chassis'>, catalog: CatalogIndex): string {
  const spec = chassis.specs;
  return [...spec.compatibleBoards.map((id) => catalog.get(id)?.model ?? id), ...spec.boardFormFactors].join(', ') || 'only its own board';
}

// ---------------------------------------------------------------- sockets, slots, bays

const normSocket = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** A CPU of unknown socket type is given the benefit of the doubt (the checker says so elsewhere). */
export function cpuFitsSocket(cpu: PartOf<'cpu'>, socketType: string): boolean {
  return !cpu.specs.socket || normSocket(cpu.specs.socket) === normSocket(socketType);
}

/** The card in a slot, if any (ignoring the card being moved). */
export function slotHolder(c: Pick<ChassisPlacement, 'devices'>, slotId: string, ignoreDeviceId?: string): PlacedDevice | undefined {
  return c.devices.find((d) => d.slot === slotId && d.id !== ignoreDeviceId);
}

/** Categories that go into a board slot as a card. */
export const SLOT_CATEGORIES: readonly PartCategory[] = ['gpu', 'nic', 'storage', 'riser', 'pcie-switch', 'other'];

export function goesInSlot(part: CatalogPart | undefined): boolean {
  return !!part && SLOT_CATEGORIES.includes(part.category);
}

/** The PSUs a chassis runs: the build's own list, else what the system ships with (`fitted`). */
export function effectivePsus(
  c: ChassisPlacement,
  catalog: CatalogIndex,
): { partId: string; count: number; fitted: boolean; inventoryItemId?: string; plannedPrice?: { amountMinor: number; currency: string } }[] {
  if (c.psus) return c.psus.map((p) => ({ ...p, fitted: false }));
  return (partOf(catalog, c.partId, 'chassis')?.specs.psusFitted ?? []).map((p) => ({ partId: p.partId, count: p.count, fitted: true }));
}

/** PSU bays of the chassis; null when the part is unknown or does not say. */
export function psuBaysOf(c: Pick<ChassisPlacement, 'partId'>, catalog: CatalogIndex): number | null {
  return partOf(catalog, c.partId, 'chassis')?.specs.psuBays ?? null;
}

/** DIMMs already in one channel of one socket. */
export function dimmsInChannel(c: Pick<ChassisPlacement, 'dimms'>, socket: string, channel: number): number {
  return c.dimms.filter((d) => d.socket === socket && d.channel === channel).reduce((s, d) => s + d.count, 0);
}

export function memoryBankOf(board: BoardSpec | undefined, socket: string) {
  return board?.memory.find((m) => m.socket === socket);
}

/**
 * Why a riser, bifurcation or switch card does not fit a slot, or null when it
 * does: it is a PCIe part (no SXM/OAM/mezzanine position) and its edge is no
 * wider than the slot (cable adapters plug into their own connector).
 */
export function riserMisfit(riser: PartOf<'riser'>, slot: Pick<Slot, 'kind' | 'physicalWidth' | 'label'>): string | null {
  if (slot.kind === 'sxm' || slot.kind === 'oam' || slot.kind === 'mezzanine')
    return `${riser.model} is a PCIe part; ${slot.label} is a ${slot.kind} position.`;
  const spec = riser.specs;
  if (spec.hostLanes !== null && spec.kind !== 'oculink-adapter' && spec.kind !== 'mcio-adapter' && spec.hostLanes > slot.physicalWidth)
    return `${riser.model} has a x${spec.hostLanes} edge; ${slot.label} is a x${slot.physicalWidth} slot, so it does not fit.`;
  return null;
}

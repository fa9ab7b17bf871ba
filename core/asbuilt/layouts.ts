// Every catalog board (and every system that ships one) as a set of slots with
// the path classes between them, computed by the checker itself: a probe build
// puts a card in every slot and asks core/check for the paths, so a board's
// "planned matrix" here is exactly the one the checker shows for it.
import type { Build, ChassisPlacement } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import type { BoardSpec } from '../catalog/board';
import { indexCatalog, type CatalogIndex } from '../check/catalog';
import { pathClass, unknownHostBridge, type PathClass } from '../check/pathClass';
import { resolveChassis, type ResolvedChassis, type ResolvedDevice } from '../check/topology';
import type { Candidate } from './assign';

const NIC_IN_GPU_SLOT = 0.1;

export interface BoardLayout {
  boardId: string;
  /** The system that ships this board, when the catalog has one. */
  chassisId: string | null;
  /** "SYS-4028GR-TRT2 (X10DRG-OT+-CPU …)" or the board's model. */
  name: string;
  aliases: string[];
  board: BoardSpec;
  verified: boolean;
  candidates: Candidate[];
  /** Slot id of each candidate. */
  slotOf: string[];
  /** Per candidate: the root complex it hangs from and the first lanes it takes there (its top switch's uplink, or its slot's width). */
  rootOf: (string | null)[];
  uplinkOf: { id: string; lanes: number | null }[];
  /** Lanes one root complex can carry: the board's figure, capped by what a CPU of its socket gives one root complex (Skylake-SP: 48 lanes in three x16 stacks). */
  rootLanes: Record<string, { lanes: number; cpuCapped: string | null }>;
  classBetween(a: number, b: number): PathClass;
  /** The other class the pair may show (PHB where classBetween counts NODE for an unmapped IO die), or null. */
  alsoBetween(a: number, b: number): PathClass | null;
}

/**
 * Lanes per root complex: the board's own figure, but never more than a CPU
 * that fits the socket gives one root complex (its lanes ÷ its root
 * complexes), so a board drawn as one 48-lane Skylake-SP root is read as the
 * three x16 stacks the CPU has.
 */
export function rootLanesOf(board: BoardSpec, catalog: CatalogIndex): Record<string, { lanes: number; cpuCapped: string | null }> {
  const out: Record<string, { lanes: number; cpuCapped: string | null }> = {};
  for (const rc of board.rootComplexes) {
    const socketType = board.sockets.find((s) => s.id === rc.socket)?.socketType;
    let cap: { lanes: number; family: string } | null = null;
    for (const p of catalog.values()) {
      if (p.category !== 'cpu' || p.specs.socket !== socketType || !p.specs.rootComplexes || !p.specs.pcieLanes) continue;
      const perRoot = Math.floor(p.specs.pcieLanes / p.specs.rootComplexes);
      if (!cap || perRoot > cap.lanes) cap = { lanes: perRoot, family: p.specs.family ?? p.model };
    }
    out[rc.id] =
      cap && cap.lanes < rc.lanes
        ? { lanes: cap.lanes, cpuCapped: `${cap.family}: ${cap.lanes} lanes per root complex` }
        : { lanes: rc.lanes, cpuCapped: null };
  }
  return out;
}

function pathKey(c: ResolvedChassis, d: ResolvedDevice, kind: string): string {
  const fabrics = (c.board?.fabrics ?? []).filter((f) => f.slots.includes(d.slotId)).map((f) => (f.kind === 'nvswitch' ? f.id : `${f.id}:${d.slotId}`));
  return [kind, d.socket, d.rootComplex, ...d.switches, '|', ...fabrics].join('/');
}

export function layoutOf(boardPart: CatalogPart, catalog: CatalogIndex, system: CatalogPart | null): BoardLayout | null {
  if (boardPart.category !== 'board') return null;
  const board = boardPart.specs;
  const anyCpu = [...catalog.values()].find((p) => p.category === 'cpu');
  const anyGpu = [...catalog.values()].find((p) => p.category === 'gpu' && p.specs.p2pOverPcie === 'yes' && p.specs.devicesPerBoard === 1);
  const anyNic = [...catalog.values()].find((p) => p.category === 'nic');
  if (!anyCpu || !anyGpu || !anyNic) return null;
  // One probe card per slot and kind: a GPU in every GPU slot, a NIC in every slot.
  const probes: { slot: string; kind: 'gpu' | 'nic' }[] = [];
  for (const s of board.slots) {
    if (s.gpu) probes.push({ slot: s.id, kind: 'gpu' });
    probes.push({ slot: s.id, kind: 'nic' });
  }
  const chassis: ChassisPlacement = {
    id: 'probe',
    partId: system?.id ?? 'probe',
    positionU: 1,
    boardPartId: boardPart.id,
    cpus: board.sockets.map((s) => ({ socket: s.id, partId: anyCpu.id })),
    devices: probes.map((p, i) => ({ id: `p${i}`, slot: p.slot, partId: p.kind === 'gpu' ? anyGpu.id : anyNic.id })),
    dimms: [],
    drives: [],
  };
  const build: Build = {
    format: 'rackhive.build',
    version: 1,
    name: 'probe',
    racks: [{ id: 'r', pdus: [], chassis: [chassis], partId: 'probe' }],
    workloads: [],
  };
  const resolved = resolveChassis(build.racks, catalog)[0]!;
  const devs = resolved.devices;
  // A NIC can sit in a GPU slot, but a board that needs it there explains the observation less well.
  // The resolver may order cards its own way (hosts before the cards on them): find each probe by its id.
  const probeOf = (d: ResolvedDevice) => probes[Number(d.cardId.slice(1))]!;
  const candidates: Candidate[] = devs.map((d, i) => ({
    id: d.slotId,
    kind: probeOf(d).kind,
    key: pathKey(resolved, d, probeOf(d).kind) + (probeOf(d).kind === 'nic' && d.slot?.gpu ? '/gpu-slot' : ''),
    order: i,
    penalty: probeOf(d).kind === 'nic' && d.slot?.gpu ? NIC_IN_GPU_SLOT : 0,
  }));
  const cache = new Map<number, PathClass>();
  const short = boardPart.aliases?.[0] ?? boardPart.model;
  const name = system ? (system.model === short ? short : `${system.model} (${short})`) : boardPart.model;
  return {
    boardId: boardPart.id,
    chassisId: system?.id ?? null,
    name,
    aliases: [boardPart.model, ...(boardPart.aliases ?? []), ...(system ? [system.model, ...(system.aliases ?? [])] : [])],
    board,
    verified: board.topology.verified,
    candidates,
    slotOf: devs.map((d) => d.slotId),
    rootOf: devs.map((d) => d.rootComplex),
    uplinkOf: devs.map((d) => {
      const top = d.switches[d.switches.length - 1];
      if (top) return { id: top, lanes: board.pcieSwitches.find((w) => w.id === top)?.upstream.width ?? null };
      return { id: d.slotId, lanes: d.slot?.electricalWidth ?? null };
    }),
    rootLanes: rootLanesOf(board, catalog),
    classBetween(a, b) {
      const k = a * 4096 + b;
      let c = cache.get(k);
      if (c === undefined) {
        // Two probes in one slot are never both used; the class of a slot with itself is X.
        c = devs[a]!.slotId === devs[b]!.slotId ? 'X' : pathClass(resolved, devs[a]!, devs[b]!);
        cache.set(k, c);
      }
      return c;
    },
    alsoBetween(a, b) {
      return devs[a]!.slotId !== devs[b]!.slotId && unknownHostBridge(resolved, devs[a]!, devs[b]!) ? 'PHB' : null;
    },
  };
}

/** Layouts of every board in the catalog, named by the system that ships it where there is one. */
export function boardLayouts(parts: readonly CatalogPart[] | CatalogIndex): BoardLayout[] {
  const catalog = indexCatalog(parts);
  const systems = new Map<string, CatalogPart>();
  for (const p of catalog.values())
    if (p.category === 'chassis' && p.specs.integratedBoard && !systems.has(p.specs.integratedBoard)) systems.set(p.specs.integratedBoard, p);
  const out: BoardLayout[] = [];
  for (const p of catalog.values()) {
    const l = p.category === 'board' ? layoutOf(p, catalog, systems.get(p.id) ?? null) : null;
    if (l) out.push(l);
  }
  return out;
}

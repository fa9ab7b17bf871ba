// Geometry of the board view: the slots in physical order (empty positions
// kept as thin spacers, so a double-wide card visibly reaches over its
// neighbour) and, beside them, the tree they hang from — root complexes and
// PCIe switches (cascades included) — placed at the middle of their children.
// A slot holding a riser, bifurcation or switch card grows by one row for each
// slot that card exposes, drawn nested under it.
import type { BoardSpec, Slot } from '#core/catalog/board';
import type { ChassisPlacement } from '#core/build/build';
import type { RiserSlot } from '#core/check/topology';

export const ROW_H = 36;
export const SPACER_H = 10;
export const NODE_W = 88;
export const NODE_H = 30;
export const COL_GAP = 14;

export interface SlotRow {
  slot: Slot;
  y: number;
  h: number;
}

export interface PositionRow {
  position: number;
  y: number;
  /** The whole row: the slot's own line plus its nested riser rows. */
  h: number;
  slot: Slot | null;
  /** Slots of the parts in this slot (and of parts in those), in order, with their nesting depth. */
  nested: NestedSlot[];
}

export interface NestedSlot {
  slot: RiserSlot;
  depth: number;
  y: number;
}

/** Max node label width in px; a longer label is cut and named in full in its tooltip. */
const NODE_W_MAX = 150;
/** Width of one character of the node font (11 px, semibold), measured in Chromium. */
const NODE_CHAR_PX = 6.6;

export interface TopoNode {
  id: string;
  kind: 'rootComplex' | 'switch';
  col: number;
  y: number;
  /** Children (switches or slots) centres, for the bus line. */
  childYs: number[];
  /** Uplink width to the parent (switches), for the label on the link. */
  uplinkWidth: number | null;
  parent: string | null;
}

export interface BoardLayout {
  positions: PositionRow[];
  slots: SlotRow[];
  nodes: TopoNode[];
  /** Root complexes with nothing below them (listed, not drawn). */
  idleRootComplexes: string[];
  columns: number;
  /** Width of a tree node: wide enough for the longest label, up to NODE_W_MAX. */
  nodeW: number;
  topoWidth: number;
  height: number;
  /** The socket each slot hangs from (null when the wiring does not say). */
  socketOfSlot: Map<string, string | null>;
}

/**
 * The riser slots under one board slot, depth first: a riser cable's output,
 * then the outputs of the bifurcation card plugged into it, and so on.
 */
export function nestedSlotsOf(
  chassis: Pick<ChassisPlacement, 'devices'>,
  riserSlots: readonly RiserSlot[],
  slotId: string,
  depth = 1,
  guard = new Set<string>(),
): Omit<NestedSlot, 'y'>[] {
  const host = chassis.devices.find((d) => d.slot === slotId);
  if (!host || guard.has(host.id)) return [];
  guard.add(host.id);
  return riserSlots
    .filter((s) => s.hostDeviceId === host.id)
    .flatMap((s) => [{ slot: s, depth }, ...nestedSlotsOf(chassis, riserSlots, s.id, depth + 1, guard)]);
}

export function layoutBoard(board: BoardSpec, nestedOf: (slotId: string) => Omit<NestedSlot, 'y'>[] = () => []): BoardLayout {
  const sorted = [...board.slots].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const positions: PositionRow[] = [];
  let y = 0;
  for (let i = 0; i < sorted.length; i++) {
    const slot = sorted[i]!;
    const prev = sorted[i - 1];
    if (prev && slot.position > prev.position + 1) {
      // One spacer per run of empty positions: enough to show a card reaching over it.
      positions.push({ position: prev.position + 1, y, h: SPACER_H, slot: null, nested: [] });
      y += SPACER_H;
    }
    const nested = nestedOf(slot.id).map((n, k) => ({ ...n, y: y + ROW_H * (k + 1) }));
    positions.push({ position: slot.position, y, h: ROW_H * (1 + nested.length), slot, nested });
    y += ROW_H * (1 + nested.length);
  }
  const slots = positions.filter((p): p is PositionRow & { slot: Slot } => p.slot !== null).map((p) => ({ slot: p.slot, y: p.y, h: p.h }));
  // The tree's bus meets the slot's own line, above its nested rows.
  const slotY = new Map(slots.map((s) => [s.slot.id, s.y + ROW_H / 2]));

  const switchById = new Map(board.pcieSwitches.map((s) => [s.id, s]));
  const rcIds = new Set(board.rootComplexes.map((r) => r.id));
  const depth = new Map<string, number>();
  const depthOf = (id: string, guard = new Set<string>()): number => {
    if (rcIds.has(id)) return 0;
    const known = depth.get(id);
    if (known !== undefined) return known;
    const sw = switchById.get(id);
    if (!sw || guard.has(id)) return 1;
    guard.add(id);
    const d = depthOf(sw.upstream.to, guard) + 1;
    depth.set(id, d);
    return d;
  };
  let maxDepth = 0;
  for (const sw of board.pcieSwitches) maxDepth = Math.max(maxDepth, depthOf(sw.id));

  // Children of each node (switches and slots), then centres bottom-up.
  const children = new Map<string, { kind: 'slot' | 'switch'; id: string }[]>();
  const add = (parent: string, child: { kind: 'slot' | 'switch'; id: string }) => children.set(parent, [...(children.get(parent) ?? []), child]);
  for (const s of board.slots) add(s.feeds, { kind: 'slot', id: s.id });
  for (const sw of board.pcieSwitches) add(sw.upstream.to, { kind: 'switch', id: sw.id });

  const centre = new Map<string, number>();
  const centreOf = (id: string, guard = new Set<string>()): number | null => {
    const known = centre.get(id);
    if (known !== undefined) return known;
    if (guard.has(id)) return null;
    guard.add(id);
    const ys = (children.get(id) ?? [])
      .map((c) => (c.kind === 'slot' ? (slotY.get(c.id) ?? null) : centreOf(c.id, guard)))
      .filter((v): v is number => v !== null);
    if (ys.length === 0) return null;
    const c = (Math.min(...ys) + Math.max(...ys)) / 2;
    centre.set(id, c);
    return c;
  };

  const nodes: TopoNode[] = [];
  const idleRootComplexes: string[] = [];
  for (const rc of board.rootComplexes) {
    const c = centreOf(rc.id);
    if (c === null) {
      idleRootComplexes.push(rc.id);
      continue;
    }
    nodes.push(node(rc.id, 'rootComplex', 0, c, null, null));
  }
  for (const sw of board.pcieSwitches) {
    const c = centreOf(sw.id);
    if (c === null) continue;
    nodes.push(node(sw.id, 'switch', depthOf(sw.id), c, sw.upstream.width, sw.upstream.to));
  }

  function node(id: string, kind: TopoNode['kind'], col: number, yc: number, uplinkWidth: number | null, parent: string | null): TopoNode {
    const childYs = (children.get(id) ?? [])
      .map((ch) => (ch.kind === 'slot' ? slotY.get(ch.id) : centre.get(ch.id)))
      .filter((v): v is number => v !== undefined);
    return { id, kind, col, y: yc, childYs, uplinkWidth, parent };
  }

  const socketOfSlot = new Map<string, string | null>();
  for (const s of board.slots) {
    let at: string | undefined = s.feeds;
    const guard = new Set<string>();
    while (at && switchById.has(at) && !guard.has(at)) {
      guard.add(at);
      at = switchById.get(at)!.upstream.to;
    }
    socketOfSlot.set(s.id, board.rootComplexes.find((r) => r.id === at)?.socket ?? null);
  }

  const labels = [...board.rootComplexes.map((r) => r.label ?? r.id), ...board.pcieSwitches.map((s) => (s.chip ? `${s.chip} switch` : 'PCIe switch'))];
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const nodeW = Math.max(NODE_W, Math.min(NODE_W_MAX, Math.ceil(longest * NODE_CHAR_PX) + 12));
  const columns = maxDepth + 1;
  return { positions, slots, nodes, idleRootComplexes, columns, nodeW, topoWidth: columns * (nodeW + COL_GAP) + 6, height: y, socketOfSlot };
}

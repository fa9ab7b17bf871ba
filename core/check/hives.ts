// Hives: the maximal groups of GPUs that can DMA each other directly — over
// NVLink or a chip-to-chip fabric, or over PCIe under one root complex (through
// a switch or the root complex itself), never across sockets, and not at all
// for cards whose driver disables PCIe P2P (GeForce).
import { canPeer, pathClass, type PathClass } from './pathClass';
import type { ResolvedChassis } from './topology';
import type { P2pMatrix } from './p2pMatrix';

export interface Hive {
  chassisId: string;
  /** Device labels (GPU0 …) in board order. */
  devices: string[];
  deviceIds: string[];
  rootComplexes: string[];
  sockets: string[];
  /** How its members reach each other: the slowest class inside the hive. */
  via: PathClass | 'single';
  /** False when membership rests on unverified wiring. */
  verified: boolean;
}

const RANK: Record<string, number> = { C2C: 0, PIX: 1, PXB: 2, PHB: 3 };

/** `matrix`: the chassis' p2pMatrixOf when the caller has it (its GPUs come first, in this order), so no class is worked out twice. */
export function hivesOf(chassis: ResolvedChassis, patchedGeforce = false, matrix?: P2pMatrix): Hive[] {
  const gpus = chassis.devices.filter((d) => d.kind === 'gpu' && d.slot && !d.dead);
  const peers: Set<number>[] = gpus.map(() => new Set<number>());
  // Each pair's class once: the peer graph and each hive's slowest link both read it.
  const classes: PathClass[][] = matrix ? matrix.cells : gpus.map(() => []);
  for (let i = 0; i < gpus.length; i++)
    for (let j = i + 1; j < gpus.length; j++) {
      const cls = matrix ? classes[i]![j]! : (classes[i]![j] = pathClass(chassis, gpus[i]!, gpus[j]!));
      if (canPeer(cls, gpus[i]!, gpus[j]!, patchedGeforce)) {
        peers[i]!.add(j);
        peers[j]!.add(i);
      }
    }
  // Direct DMA is not transitive (A–B over NVLink and A–C under one root
  // complex says nothing of B–C), so a hive is a maximal clique of the peer
  // graph, not a connected component; a GPU may then sit in two hives.
  return maximalCliques(peers)
    .sort((a, b) => a[0]! - b[0]!)
    .map((members) => {
      const ds = members.map((i) => gpus[i]!);
      let via: PathClass | 'single' = 'single';
      // Members are in ascending order, so classes[members[i]][members[j]] is filled.
      for (let i = 0; i < ds.length; i++)
        for (let j = i + 1; j < ds.length; j++) {
          const cls = classes[members[i]!]![members[j]!]!;
          if (via === 'single' || (RANK[cls] ?? -1) > (RANK[via] ?? -1)) via = cls;
        }
      return {
        chassisId: chassis.placement.id,
        devices: ds.map((d) => d.label),
        deviceIds: ds.map((d) => d.id),
        rootComplexes: [...new Set(ds.map((d) => d.rootComplex ?? '?'))],
        sockets: [...new Set(ds.map((d) => d.socket ?? '?'))],
        via,
        verified: ds.every((d) => d.verified),
      };
    });
}

/**
 * The usual case, answered without the search: every connected part of the
 * graph is complete (all GPUs of a switch or a fabric see each other), so the
 * parts are the maximal cliques, in the order the search would give them
 * (by their lowest member). Null when some part is not complete.
 */
function cliqueComponents(adjacency: ReadonlyArray<ReadonlySet<number>>): number[][] | null {
  const seen = new Uint8Array(adjacency.length);
  const out: number[][] = [];
  for (let start = 0; start < adjacency.length; start++) {
    if (seen[start]) continue;
    seen[start] = 1;
    const members = [start];
    for (let k = 0; k < members.length; k++)
      for (const v of adjacency[members[k]!]!)
        if (!seen[v]) {
          seen[v] = 1;
          members.push(v);
        }
    for (const u of members) if (adjacency[u]!.size !== members.length - 1) return null;
    out.push(members.sort((a, b) => a - b));
  }
  return out;
}

/** Bron–Kerbosch with pivoting; members of each clique in ascending order. */
export function maximalCliques(adjacency: ReadonlyArray<ReadonlySet<number>>): number[][] {
  return cliqueComponents(adjacency) ?? bronKerbosch(adjacency);
}

/** The search itself (exported so a test holds the shortcut to it). */
export function bronKerbosch(adjacency: ReadonlyArray<ReadonlySet<number>>): number[][] {
  const cliques: number[][] = [];
  if (adjacency.length === 0) return cliques;
  const expand = (r: number[], p: Set<number>, x: Set<number>): void => {
    if (p.size === 0 && x.size === 0) {
      cliques.push([...r].sort((a, b) => a - b));
      return;
    }
    let pivot = -1;
    let best = -1;
    for (const u of [...p, ...x]) {
      let n = 0;
      for (const v of p) if (adjacency[u]!.has(v)) n++;
      if (n > best) [best, pivot] = [n, u];
    }
    for (const v of [...p]) {
      if (adjacency[pivot]?.has(v)) continue;
      const nv = adjacency[v]!;
      expand([...r, v], new Set([...p].filter((w) => nv.has(w))), new Set([...x].filter((w) => nv.has(w))));
      p.delete(v);
      x.add(v);
    }
  };
  expand([], new Set(adjacency.map((_, i) => i)), new Set());
  return cliques;
}

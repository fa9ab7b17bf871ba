// Which observed device is which planned one (or which board slot)? The
// assignment that makes the fewest matrix cells differ: GPUs by branch and
// bound (interchangeable slots — same switches, root complex, socket and
// fabric — are tried once), then NICs one by one. A GPU left over costs every
// cell of its row; a NIC left over costs one.
import type { PathClass } from '../check/pathClass';
import type { ObservedKind } from './nvidiaTopo';

export interface Candidate {
  /** What the candidate occupies (a slot id, a planned device id): two devices never share one. */
  id: string;
  kind: ObservedKind;
  /** Candidates with the same key are interchangeable. */
  key: string;
  /** Extra cost of using this candidate (a NIC in a slot meant for a GPU). */
  penalty?: number;
  /** Preferred for this observed index (keeps GPU0 → the first planned GPU when nothing tells them apart). */
  order: number;
}

export interface Assignment {
  /** assignment[i]: candidate index for observed device i, or null. */
  assignment: (number | null)[];
  cost: number;
  /** Search stopped at its node budget: the result is the best found, not proven best. */
  truncated: boolean;
}

const P2P_PCIE = new Set(['PIX', 'PXB']);

/** How different two classes are: 0 same, 0.25 near (PIX/PXB, NV counts), 1 otherwise. */
export function cellCost(observed: PathClass, planned: PathClass): number {
  if (observed === planned) return 0;
  if (P2P_PCIE.has(observed) && P2P_PCIE.has(planned)) return 0.25;
  if (observed.startsWith('NV') && planned.startsWith('NV')) return 0.25;
  return 1;
}

const NODE_BUDGET = 200_000;

export function bestAssignment(
  kinds: readonly ObservedKind[],
  cells: readonly (readonly PathClass[])[],
  candidates: readonly Candidate[],
  classBetween: (a: number, b: number) => PathClass,
  /** The other class a pair may show when the board's documents cannot settle it (PHB for a NODE under an unmapped IO die). */
  alsoBetween?: (a: number, b: number) => PathClass | null,
): Assignment {
  const n = kinds.length;
  const gpuIdx = kinds.map((k, i) => (k === 'gpu' ? i : -1)).filter((i) => i >= 0);
  const nicIdx = kinds.map((k, i) => (k === 'nic' ? i : -1)).filter((i) => i >= 0);
  const assignment: (number | null)[] = kinds.map(() => null);
  const used = new Set<string>();
  let best: { a: (number | null)[]; cost: number } = { a: [...assignment], cost: Infinity };
  let nodes = 0;
  let truncated = false;

  const stepCost = (i: number, c: number | null, placed: number[]): number => {
    if (c === null) return n - 1;
    let cost = candidates[c]!.penalty ?? 0;
    for (const j of placed) {
      const cj = assignment[j];
      if (cj === null || cj === undefined) continue;
      const also = alsoBetween?.(c, cj) ?? null;
      cost += Math.min(cellCost(cells[i]![j]!, classBetween(c, cj)), also ? cellCost(cells[i]![j]!, also) : Infinity);
    }
    return cost;
  };
  // Candidates in preference order for each observed device, sorted once.
  const ranked = kinds.map((kind, i) =>
    candidates
      .map((c, k) => ({ c, k }))
      .filter(({ c }) => c.kind === kind)
      .sort((x, y) => Math.abs(x.c.order - i) - Math.abs(y.c.order - i) || x.c.order - y.c.order)
      .map(({ k }) => k),
  );
  const choices = (i: number): number[] => {
    const seen = new Set<string>();
    const out: number[] = [];
    for (const k of ranked[i]!) {
      const c = candidates[k]!;
      if (used.has(c.id) || seen.has(c.key)) continue;
      seen.add(c.key);
      out.push(k);
    }
    return out;
  };
  const search = (depth: number, cost: number, placed: number[]): void => {
    if (cost >= best.cost) return;
    if (++nodes > NODE_BUDGET) {
      truncated = true;
      return;
    }
    if (depth === gpuIdx.length) {
      best = { a: [...assignment], cost };
      return;
    }
    const i = gpuIdx[depth]!;
    const opts = choices(i);
    for (const c of opts.length ? opts : [null]) {
      assignment[i] = c;
      if (c !== null) used.add(candidates[c]!.id);
      const step = stepCost(i, c, placed);
      placed.push(i);
      search(depth + 1, cost + step, placed);
      placed.pop();
      if (c !== null) used.delete(candidates[c]!.id);
      assignment[i] = null;
    }
  };
  search(0, 0, []);
  if (best.cost === Infinity) best = { a: [...assignment], cost: 0 };
  best.a.forEach((c, i) => {
    assignment[i] = c;
    if (c !== null) used.add(candidates[c]!.id);
  });
  let cost = best.cost;
  const placed = [...gpuIdx];
  for (const i of nicIdx) {
    // The best free slot, however poor: a NIC elsewhere than planned is one difference, not a missing NIC.
    let pick: number | null = null;
    let pickCost = Infinity;
    for (const c of choices(i)) {
      const s = stepCost(i, c, placed);
      if (s < pickCost) {
        pick = c;
        pickCost = s;
      }
    }
    assignment[i] = pick;
    if (pick !== null) used.add(candidates[pick]!.id);
    placed.push(i);
    cost += pick === null ? 1 : Math.min(1, pickCost);
  }
  return { assignment: [...assignment], cost, truncated };
}

// Which board is this? Every catalog board is tried as an explanation of the
// observed matrix (core/asbuilt/assign.ts places the observed GPUs and NICs in
// its slots with the fewest differing cells); boards are ranked by that, then
// by what dmidecode calls the board, by verified wiring and by switch count.
// When several boards explain the matrix equally, it says so rather than pick.
import { maximalCliques } from '../check/hives';
import type { PathClass } from '../check/pathClass';
import { bestAssignment } from './assign';
import type { BoardLayout } from './layouts';
import type { ObservedTopology } from './observed';

export interface BoardFit {
  boardId: string;
  chassisId: string | null;
  name: string;
  /** Differing cells (near misses such as PIX for PXB count a quarter); 0 = explains the matrix exactly. */
  cost: number;
  exact: boolean;
  /** Observed label → the slot it would sit in on this board (null: no slot left for it). */
  slots: Record<string, string | null>;
  unplaced: string[];
  verified: boolean;
  /** dmidecode names this board or its system. */
  nameMatch: boolean;
  boardSwitches: number;
  /** CPU sockets on this board. */
  sockets: number;
  /**
   * dmidecode lists a different number of CPU sockets than this board has, so
   * it is not this board however well the matrix fits. NUMA nodes in the matrix
   * are not counted: one EPYC socket split into NUMA nodes prints NODE between
   * them, the same as one socket (see the A100 NVLink-pairs capture).
   */
  socketMismatch: boolean;
  /**
   * Root complexes this explanation loads past what they carry (the uplinks of
   * the switches and slots it uses, against lanes per root complex): such a
   * board would not show these devices under one host bridge.
   */
  rootOverload: { rootComplex: string; lanes: number; capacity: number; why: string }[];
  truncated: boolean;
}

/** Lanes the used slots take on each root complex (each switch uplink counted once), against what each carries. */
export function rootOverload(l: BoardLayout, used: readonly (number | null)[]): BoardFit['rootOverload'] {
  const taken = new Map<string, Map<string, number>>();
  for (const c of used) {
    if (c === null) continue;
    const rc = l.rootOf[c];
    const up = l.uplinkOf[c];
    if (!rc || !up || up.lanes === null) continue;
    const m = taken.get(rc) ?? new Map<string, number>();
    m.set(up.id, up.lanes);
    taken.set(rc, m);
  }
  const out: BoardFit['rootOverload'] = [];
  for (const [rc, m] of taken) {
    const lanes = [...m.values()].reduce((a, b) => a + b, 0);
    const cap = l.rootLanes[rc];
    if (cap && lanes > cap.lanes) out.push({ rootComplex: rc, lanes, capacity: cap.lanes, why: cap.cpuCapped ?? `the board gives it ${cap.lanes} lanes` });
  }
  return out;
}

export type Confidence = 'exact' | 'ambiguous' | 'close' | 'poor' | 'no-matrix';

export interface Identification {
  ranking: BoardFit[];
  best: BoardFit | null;
  /** Boards that explain the observation exactly as well as the best, by topology and name. */
  tiedWith: BoardFit[];
  confidence: Confidence;
  /** "two hives of four GPUs, across 2 sockets". */
  layout: string;
  summary: string;
}

const PEER = (c: PathClass) => c === 'PIX' || c === 'PXB' || c === 'PHB' || c.startsWith('NV') || c === 'C2C';
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
const word = (k: number) => WORDS[k] ?? String(k);

function norm(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Plain words for the observed layout: its hives (GPU groups that can DMA each other) and sockets. */
export function describeLayout(o: ObservedTopology): string {
  if (!o.cells) return 'no topology matrix';
  const gpus = o.devices.map((d, i) => ({ d, i })).filter((x) => x.d.kind === 'gpu');
  if (gpus.length === 0) return 'no GPUs';
  const adj = gpus.map(() => new Set<number>());
  gpus.forEach((a, x) => gpus.forEach((b, y) => x !== y && PEER(o.cells![a.i]![b.i]!) && adj[x]!.add(y)));
  const hives = maximalCliques(adj);
  const sizes = hives.map((h) => h.length).sort((a, b) => b - a);
  const sockets = new Set(gpus.map((g) => g.d.socketGroup)).size;
  const unit = o.groupsFrom === 'numa' ? 'NUMA node' : 'socket';
  const nv = gpus.some((a) => gpus.some((b) => o.cells![a.i]![b.i]!.startsWith('NV')));
  let hivesText: string;
  if (sizes.every((s) => s === 1)) hivesText = `${word(gpus.length)} GPU${gpus.length === 1 ? '' : 's'}, no two of them under one root complex`;
  else if (new Set(sizes).size === 1) hivesText = `${word(sizes.length)} hive${sizes.length === 1 ? '' : 's'} of ${word(sizes[0]!)}`;
  else hivesText = `hives of ${sizes.map(word).join(', ')}`;
  return `${hivesText}${nv ? ' (NVLink)' : ''}, ${sockets === 1 ? `on one ${unit}` : `across ${word(sockets)} ${unit}s`}`;
}

/** Why boards that explain the matrix as well were set aside: lanes per root complex, or the switch count lspci shows. */
function setAsideText(fits: readonly BoardFit[], o: ObservedTopology): string {
  const parts = fits.slice(0, 2).map((f) => {
    const r = f.rootOverload[0];
    if (r)
      return `not the ${f.name}: it would need ${r.lanes} lanes on one root complex, which carries ${r.capacity} (${r.why}), so its GPUs would not meet at one host bridge`;
    return `not the ${f.name}: it has ${f.boardSwitches} PCIe switch${f.boardSwitches === 1 ? '' : 'es'} where lspci shows ${o.switchCount}`;
  });
  return parts.map((p) => p[0]!.toUpperCase() + p.slice(1) + '.').join(' ');
}

export function identify(o: ObservedTopology, layouts: readonly BoardLayout[], planned?: { boardId: string; name: string }): Identification {
  const layout = describeLayout(o);
  if (!o.cells)
    return {
      ranking: [],
      best: null,
      tiedWith: [],
      confidence: 'no-matrix',
      layout,
      summary: 'Paste nvidia-smi topo -m (or rocm-smi --showtopo) output to identify the board.',
    };
  const kinds = o.devices.map((d) => d.kind);
  const dmiNames = [o.board?.product, o.system?.product].filter((s): s is string => !!s).map(norm);
  // dmidecode -t processor lists every socket of the board, populated or not.
  const socketsListed = o.cpus.length > 0 ? o.cpus.length : null;
  const ranking: BoardFit[] = layouts.map((l) => {
    const a = bestAssignment(kinds, o.cells!, l.candidates, l.classBetween, l.alsoBetween);
    const slots: Record<string, string | null> = {};
    o.devices.forEach((d, i) => (slots[d.label] = a.assignment[i] === null ? null : l.slotOf[a.assignment[i]!]!));
    const aliases = l.aliases.map(norm).filter((s) => s.length >= 5);
    return {
      boardId: l.boardId,
      chassisId: l.chassisId,
      name: l.name,
      cost: Math.round(a.cost * 100) / 100,
      exact: a.cost < 0.05,
      slots,
      unplaced: o.devices.filter((_, i) => a.assignment[i] === null && kinds[i] === 'gpu').map((d) => d.label),
      verified: l.verified,
      nameMatch: dmiNames.some((n) => aliases.some((al) => al === n || (n.length >= 5 && al.includes(n)) || n.includes(al))),
      boardSwitches: l.board.pcieSwitches.length,
      sockets: l.board.sockets.length,
      socketMismatch: socketsListed !== null && l.board.sockets.length !== socketsListed,
      rootOverload: o.hostBridgesSeen ? rootOverload(l, a.assignment) : [],
      truncated: a.truncated,
    };
  });
  const switchDelta = (f: BoardFit) => (o.switchCount === null ? 0 : Math.abs(f.boardSwitches - o.switchCount));
  const overloaded = (f: BoardFit) => Number(f.rootOverload.length > 0);
  ranking.sort(
    (x, y) =>
      Number(x.socketMismatch) - Number(y.socketMismatch) ||
      x.cost - y.cost ||
      Number(y.nameMatch) - Number(x.nameMatch) ||
      overloaded(x) - overloaded(y) ||
      switchDelta(x) - switchDelta(y) ||
      Number(y.verified) - Number(x.verified) ||
      x.name.localeCompare(y.name),
  );
  const best = ranking[0] ?? null;
  // A board is only as good an explanation as the best when it also carries the lanes and has the switches lspci shows.
  const tiedWith = best
    ? ranking
        .slice(1)
        .filter(
          (f) =>
            f.socketMismatch === best.socketMismatch &&
            f.cost === best.cost &&
            f.nameMatch === best.nameMatch &&
            overloaded(f) === overloaded(best) &&
            switchDelta(f) === switchDelta(best),
        )
    : [];
  const setAside = best && !best.nameMatch ? ranking.slice(1).filter((f) => f.cost === best.cost && !f.nameMatch && !tiedWith.includes(f)) : [];
  const n = o.devices.length;
  const pairs = (n * (n - 1)) / 2;
  const byMatrix: Confidence = !best
    ? 'poor'
    : best.exact
      ? tiedWith.length
        ? 'ambiguous'
        : 'exact'
      : best.cost <= Math.max(1, 0.3 * pairs)
        ? 'close'
        : 'poor';
  // A board with the wrong socket count is at best close, whatever the matrix says.
  const confidence: Confidence = best?.socketMismatch && (byMatrix === 'exact' || byMatrix === 'ambiguous') ? 'close' : byMatrix;
  const socketText =
    best?.socketMismatch && socketsListed !== null
      ? ` dmidecode lists ${word(socketsListed)} CPU socket${socketsListed === 1 ? '' : 's'}; no catalog board with that many explains the matrix better, and the ${best.name} has ${word(best.sockets)}.`
      : '';
  const plannedText =
    planned && best && planned.boardId !== best.boardId && !tiedWith.some((t) => t.boardId === planned.boardId) ? `, not the ${planned.name} you planned` : '';
  let summary: string;
  if (!best) summary = 'The catalog has no boards to compare with.';
  else if (confidence === 'exact')
    summary = `This is the ${best.name} layout (${layout})${plannedText}.${setAside.length ? ` ${setAsideText(setAside, o)}` : ''}`;
  else if (confidence === 'ambiguous') {
    const names = [best, ...tiedWith].slice(0, 3).map((f) => f.name);
    const lead =
      tiedWith.length >= 3
        ? `${tiedWith.length + 1} catalog boards explain this matrix equally, among them ${names.join(', ')}`
        : `This matches ${names.join(' or ')} equally`;
    summary = `${lead} (${layout})${plannedText}; the matrix alone cannot tell them apart — add dmidecode output to name the board.`;
  } else if (confidence === 'close')
    summary = `This looks most like the ${best.name} layout (${layout}), with ${best.cost} matrix cell${best.cost === 1 ? '' : 's'} different${plannedText}.`;
  else summary = `No catalog board explains this layout (${layout}); the closest is ${best.name} with ${best.cost} cells different.`;
  summary += socketText;
  return { ranking, best, tiedWith, confidence, layout, summary };
}

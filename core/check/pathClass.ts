// The path between two devices in `nvidia-smi topo -m` terms:
// NV# (NVLink, # bonded links), PIX (at most one PCIe bridge), PXB (several
// bridges, no host bridge), PHB (through the host bridge), NODE (same socket,
// different host bridges), SYS (across the inter-socket link). C2C marks a
// Groq chip-to-chip link, which nvidia-smi does not know.
import type { Fabric, RootComplex } from '../catalog/board';
import type { ResolvedChassis, ResolvedDevice } from './topology';

export type PathClass = 'X' | `NV${number}` | 'NV#' | 'C2C' | 'PIX' | 'PXB' | 'PHB' | 'NODE' | 'SYS';

/** The fabric joining two slots, if any. */
export function fabricBetween(fabrics: readonly Fabric[], a: string, b: string): Fabric | undefined {
  return fabrics.find((f) => f.slots.includes(a) && f.slots.includes(b));
}

/** PCIe-only class from two paths (switch lists nearest first, root complex, socket). */
export function pciePathClass(
  a: Pick<ResolvedDevice, 'switches' | 'rootComplex' | 'socket'> & { numaNode?: string | null },
  b: Pick<ResolvedDevice, 'switches' | 'rootComplex' | 'socket'> & { numaNode?: string | null },
): PathClass {
  if (a.socket === null || b.socket === null || a.socket !== b.socket) return 'SYS';
  // First-generation EPYC: each die is its own NUMA node, so two dies of one socket are SYS.
  if ((a.numaNode ?? a.socket) !== (b.numaNode ?? b.socket)) return 'SYS';
  if (a.rootComplex !== b.rootComplex) return 'NODE';
  const common = a.switches.find((s) => b.switches.includes(s));
  if (!common) return 'PHB';
  // PIX: both sit directly below the same switch; deeper cascades cross several bridges.
  return a.switches.indexOf(common) === 0 && b.switches.indexOf(common) === 0 ? 'PIX' : 'PXB';
}

/**
 * The root complex entry two devices share when it stands for several host
 * bridges with no public slot map (hostBridges) and no switch joins them: the
 * real machine shows PHB or NODE between them and nobody can say which.
 */
export function unknownHostBridge(chassis: ResolvedChassis, a: ResolvedDevice, b: ResolvedDevice): RootComplex | null {
  if (a.id === b.id || a.rootComplex === null || a.rootComplex !== b.rootComplex) return null;
  if (a.switches.some((s) => b.switches.includes(s))) return null;
  const rc = chassis.rcById.get(a.rootComplex);
  return rc?.hostBridges ? rc : null;
}

export function pathClass(chassis: ResolvedChassis, a: ResolvedDevice, b: ResolvedDevice): PathClass {
  if (a.id === b.id) return 'X';
  // Bridges and fabrics join GPUs only; the key string is built only when the chassis has a bridge.
  if (a.kind === 'gpu' && b.kind === 'gpu') {
    const bridged = chassis.bridged.size ? chassis.bridged.get(`${a.cardId}|${b.cardId}`) : undefined;
    if (bridged) return bridged;
    const fabric = chassis.board?.fabrics?.length ? fabricBetween(chassis.board.fabrics, a.slotId, b.slotId) : undefined;
    if (fabric) {
      if (fabric.kind === 'groq-c2c') return 'C2C';
      return fabric.linksPerPair ? `NV${fabric.linksPerPair}` : 'NV#';
    }
  }
  // PHB or NODE (PHB or SYS across Threadripper dies), unknown which: count the farther class,
  // so no hive rests on a host bridge nobody showed they share.
  const unmapped = unknownHostBridge(chassis, a, b);
  if (unmapped) return unmapped.separateNumaNodes ? 'SYS' : 'NODE';
  return pciePathClass(a, b);
}

const PEERS_STOCK: readonly string[] = ['yes', 'unknown'];
const PEERS_PATCHED: readonly string[] = ['yes', 'unknown', 'driver-disabled'];
const peers = (d: ResolvedDevice, allowed: readonly string[]) => d.part?.category === 'gpu' && allowed.includes(d.part.specs.p2pOverPcie);

/** Whether the two GPUs can DMA each other directly over this path. */
export function canPeer(cls: PathClass, a: ResolvedDevice, b: ResolvedDevice, patchedGeforce = false): boolean {
  if (cls.startsWith('NV') || cls === 'C2C') return true;
  if (cls !== 'PIX' && cls !== 'PXB' && cls !== 'PHB') return false;
  const allowed = patchedGeforce ? PEERS_PATCHED : PEERS_STOCK;
  return peers(a, allowed) && peers(b, allowed);
}

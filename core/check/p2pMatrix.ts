// The `nvidia-smi topo -m` matrix for one chassis: GPUs first, then NICs.
import { pathClass, unknownHostBridge, type PathClass } from './pathClass';
import type { ResolvedChassis } from './topology';

export interface P2pMatrix {
  chassisId: string;
  labels: string[];
  deviceIds: string[];
  /** cells[i][j]: path class from labels[i] to labels[j]. */
  cells: PathClass[][];
  /** Rows whose path rests on unverified wiring. */
  unverified: string[];
  /**
   * Cells the board's public documents cannot settle: the real machine shows
   * one of `classes`; the cell holds the one the checker counts (NODE). Each
   * pair once, row before column.
   */
  uncertain: { a: string; b: string; classes: PathClass[]; reason: string }[];
}

export function p2pMatrixOf(chassis: ResolvedChassis): P2pMatrix {
  // Devices in dead slots are left out: the OS would not see them.
  const ds = [...chassis.devices.filter((d) => d.kind === 'gpu'), ...chassis.devices.filter((d) => d.kind === 'nic')].filter((d) => d.slot && !d.dead);
  const cells = ds.map((a) => ds.map((b) => pathClass(chassis, a, b)));
  return {
    chassisId: chassis.placement.id,
    labels: ds.map((d) => d.label),
    deviceIds: ds.map((d) => d.id),
    cells,
    unverified: ds.filter((d) => !d.verified).map((d) => d.label),
    uncertain: ds.flatMap((a, i) =>
      ds.slice(i + 1).flatMap((b, k) => {
        const rc = unknownHostBridge(chassis, a, b);
        // A bridge or fabric settles the pair; only the PCIe path through the unmapped die is open.
        const far: PathClass = rc?.separateNumaNodes ? 'SYS' : 'NODE';
        if (!rc || cells[i]![i + 1 + k] !== far) return [];
        const reason = rc.separateNumaNodes
          ? `${a.slotId} and ${b.slotId} both hang off ${rc.label ?? rc.id}: ${rc.hostBridges} dies, each its own NUMA node, and which slot is on which is not public: PHB if the two slots are on one die, SYS if not (counted as SYS).`
          : `${a.slotId} and ${b.slotId} both hang off ${rc.label ?? rc.id}, ${rc.hostBridges} host bridges whose slot map is not public: PHB if the two slots share one, NODE if not (counted as NODE).`;
        return [{ a: a.label, b: b.label, classes: ['PHB', far], reason }];
      }),
    ),
  };
}

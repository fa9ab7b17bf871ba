// The `nvidia-smi topo -m` matrix for one chassis: GPUs first, then NICs.
import { pathClass, unknownHostBridge, type PathClass } from './pathClass';
import type { ResolvedChassis, ResolvedDevice } from './topology';

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
  // GPUs then NICs, each in board order; devices in dead slots are left out (the OS would not see them).
  // Plain loops: this runs for every chassis of every check.
  const ds: ResolvedDevice[] = [];
  for (const d of chassis.devices) if (d.kind === 'gpu' && d.slot && !d.dead) ds.push(d);
  for (const d of chassis.devices) if (d.kind === 'nic' && d.slot && !d.dead) ds.push(d);
  const cells: PathClass[][] = [];
  const labels: string[] = [];
  const deviceIds: string[] = [];
  const unverified: string[] = [];
  for (const a of ds) {
    const row: PathClass[] = [];
    for (const b of ds) row.push(pathClass(chassis, a, b));
    cells.push(row);
    labels.push(a.label);
    deviceIds.push(a.id);
    if (!a.verified) unverified.push(a.label);
  }
  const uncertain: P2pMatrix['uncertain'] = [];
  for (let i = 0; i < ds.length; i++)
    for (let j = i + 1; j < ds.length; j++) {
      const cell = cells[i]![j];
      if (cell !== 'NODE' && cell !== 'SYS') continue;
      const a = ds[i]!;
      const b = ds[j]!;
      const rc = unknownHostBridge(chassis, a, b);
      // A bridge or fabric settles the pair; only the PCIe path through the unmapped die is open.
      const far: PathClass = rc?.separateNumaNodes ? 'SYS' : 'NODE';
      if (!rc || cell !== far) continue;
      const reason = rc.separateNumaNodes
        ? `${a.slotId} and ${b.slotId} both hang off ${rc.label ?? rc.id}: ${rc.hostBridges} dies, each its own NUMA node, and which slot is on which is not public: PHB if the two slots are on one die, SYS if not (counted as SYS).`
        : `${a.slotId} and ${b.slotId} both hang off ${rc.label ?? rc.id}, ${rc.hostBridges} host bridges whose slot map is not public: PHB if the two slots share one, NODE if not (counted as NODE).`;
      uncertain.push({ a: a.label, b: b.label, classes: ['PHB', far], reason });
    }
  return { chassisId: chassis.placement.id, labels, deviceIds, cells, unverified, uncertain };
}

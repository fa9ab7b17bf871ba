// The `nvidia-smi topo -m` matrix for one chassis: GPUs first, then NICs.
import { pathClass, type PathClass } from './pathClass';
import type { ResolvedChassis } from './topology';

export interface P2pMatrix {
  chassisId: string;
  labels: string[];
  deviceIds: string[];
  /** cells[i][j]: path class from labels[i] to labels[j]. */
  cells: PathClass[][];
  /** Rows whose path rests on unverified wiring. */
  unverified: string[];
}

export function p2pMatrixOf(chassis: ResolvedChassis): P2pMatrix {
  // Devices in dead slots are left out: the OS would not see them.
  const ds = [...chassis.devices.filter((d) => d.kind === 'gpu'), ...chassis.devices.filter((d) => d.kind === 'nic')].filter((d) => d.slot && !d.dead);
  return {
    chassisId: chassis.placement.id,
    labels: ds.map((d) => d.label),
    deviceIds: ds.map((d) => d.id),
    cells: ds.map((a) => ds.map((b) => pathClass(chassis, a, b))),
    unverified: ds.filter((d) => !d.verified).map((d) => d.label),
  };
}

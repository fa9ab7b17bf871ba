// Hives: the maximal groups of GPUs that can DMA each other directly — over
// NVLink or a chip-to-chip fabric, or over PCIe under one root complex (through
// a switch or the root complex itself), never across sockets, and not at all
// for cards whose driver disables PCIe P2P (GeForce).
import { canPeer, pathClass, type PathClass } from './pathClass';
import type { ResolvedChassis } from './topology';

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

export function hivesOf(chassis: ResolvedChassis): Hive[] {
  const gpus = chassis.devices.filter((d) => d.kind === 'gpu' && d.slot && !d.dead);
  const parent = gpus.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < gpus.length; i++)
    for (let j = i + 1; j < gpus.length; j++) {
      const cls = pathClass(chassis, gpus[i]!, gpus[j]!);
      if (canPeer(cls, gpus[i]!, gpus[j]!)) parent[find(i)] = find(j);
    }
  const groups = new Map<number, number[]>();
  gpus.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups.values()].map((members) => {
    const ds = members.map((i) => gpus[i]!);
    let via: PathClass | 'single' = 'single';
    for (let i = 0; i < ds.length; i++)
      for (let j = i + 1; j < ds.length; j++) {
        const cls = pathClass(chassis, ds[i]!, ds[j]!);
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

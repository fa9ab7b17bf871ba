// NIC affinity: which GPUs each NIC is near (same root complex: PIX/PXB/PHB),
// a warning for each hive with no NIC under its root complexes, and for each
// socket that hosts GPUs but has no NIC and no slot left for one.
import { finding, type Finding } from './finding';
import { listText, plural } from '../words';
import type { Hive } from './hives';
import { pathClass, type PathClass } from './pathClass';
import type { ResolvedChassis } from './topology';

export interface NicAffinity {
  chassisId: string;
  nic: string;
  nicId: string;
  socket: string | null;
  rootComplex: string | null;
  /** GPUs under the same root complex. */
  near: string[];
  byGpu: Record<string, PathClass>;
}

const NEAR = new Set<PathClass>(['PIX', 'PXB', 'PHB']);

/** Where a NIC sits as seen from GPUs it is not near, in words (the class stays in --json's nicAffinity). */
const WHERE: Partial<Record<PathClass, string>> = {
  SYS: 'on the other socket',
  NODE: 'on another root complex of the same socket',
};

export function nicAffinityOf(chassis: ResolvedChassis): NicAffinity[] {
  const gpus = chassis.devices.filter((d) => d.kind === 'gpu' && d.slot);
  return chassis.devices
    .filter((d) => d.kind === 'nic' && d.slot)
    .map((nic) => {
      const byGpu: Record<string, PathClass> = {};
      for (const g of gpus) byGpu[g.label] = pathClass(chassis, nic, g);
      return {
        chassisId: chassis.placement.id,
        nic: nic.label,
        nicId: nic.id,
        socket: nic.socket,
        rootComplex: nic.rootComplex,
        near: gpus.filter((g) => NEAR.has(byGpu[g.label]!)).map((g) => g.label),
        byGpu,
      };
    });
}

/**
 * Accelerators that talk to each other over their own chip-to-chip fabric
 * (GroqCards: C2C links inside the node and out of it, 3 per card, reference
 * gpus.csv) do not send their traffic through a NIC: where the NIC sits does
 * not matter to them, so the NIC-placement notes do not apply.
 */
export function ownFabricChassis(chassis: ResolvedChassis): boolean {
  return (chassis.board?.fabrics ?? []).some((f) => f.kind === 'groq-c2c');
}

/** A hive whose root complexes hold no NIC sends its network traffic through the host. */
export function hiveNicFindings(chassis: ResolvedChassis, hives: Hive[]): Finding[] {
  if (ownFabricChassis(chassis)) return [];
  const nics = chassis.devices.filter((d) => d.kind === 'nic' && d.slot && !d.dead);
  if (nics.length === 0) return [];
  return hives
    .filter((h) => !nics.some((n) => n.rootComplex && h.rootComplexes.includes(n.rootComplex)))
    .map((h) => {
      const nearest = nics.map((n) => ({
        n,
        cls: pathClass(
          chassis,
          n,
          chassis.devices.find((d) => d.id === h.deviceIds[0])!,
        ),
      }));
      const desc = listText(nearest.map(({ n, cls }) => `${n.label} is ${WHERE[cls] ?? `${cls} from them`}`));
      return finding(
        'nic.hive-without-nic',
        'warning',
        [chassis.placement.id, ...h.deviceIds],
        `The hive of ${listText(h.devices)} has no NIC under its root complex (${desc}); its network traffic goes through host memory.`,
        'Put a NIC in a free slot on the same root complex as these GPUs if they do multi-node work.',
        h.verified && nics.every((n) => n.verified),
      );
    });
}

/** A socket with GPUs, no NIC and no free slot for one. */
export function socketNicFindings(chassis: ResolvedChassis): Finding[] {
  const board = chassis.board;
  if (!board || ownFabricChassis(chassis)) return [];
  const out: Finding[] = [];
  const used = new Set(chassis.placement.devices.map((d) => d.slot));
  // Slots under a double- or triple-wide card take nothing.
  const covered = new Set<number>();
  for (const d of chassis.devices)
    if (d.slot && d.part?.category === 'gpu' && d.part.specs.slotWidth !== null && !('hostDeviceId' in d.slot))
      for (let k = 1; k < Math.ceil(d.part.specs.slotWidth); k++) covered.add(d.slot.position + k);
  for (const socket of board.sockets) {
    const gpus = chassis.devices.filter((d) => d.kind === 'gpu' && d.socket === socket.id && !d.dead);
    if (gpus.length === 0) continue;
    if (chassis.devices.some((d) => d.kind === 'nic' && d.socket === socket.id)) continue;
    // On a one-socket workstation board every slot is a GPU slot, and any free one can take the NIC.
    const single = board.sockets.length === 1;
    const free = board.slots.filter(
      (s) => !used.has(s.id) && !covered.has(s.position) && (single || !s.gpu) && socketOfSlot(chassis, s.id) === socket.id && s.electricalWidth >= 8,
    );
    const verified = gpus.every((g) => g.verified);
    if (free.length === 0)
      out.push(
        finding(
          'nic.socket-no-slot',
          'warning',
          [chassis.placement.id, socket.id],
          `${socket.label} hosts ${plural(gpus.length, 'GPU')} but has no slot left for a NIC; ${single ? 'a NIC for multi-node work needs a slot freed (or a riser)' : 'their network traffic crosses the inter-socket link'}.`,
          'Fine for inference on one or two GPUs; for multi-node training prefer a board with a NIC slot on every GPU socket.',
          verified,
        ),
      );
    else
      out.push(
        finding(
          'nic.socket-free-slot',
          'info',
          [chassis.placement.id, socket.id, ...free.map((s) => s.id)],
          `${socket.label} hosts ${plural(gpus.length, 'GPU')} and no NIC; ${listText(
            free.map((s) => s.label),
            'or',
          )} could take one.`,
          'Only matters for multi-node work.',
          verified,
        ),
      );
  }
  return out;
}

export function socketOfSlot(chassis: ResolvedChassis, slotId: string): string | null {
  let at = chassis.slotById.get(slotId)?.feeds;
  const guard = new Set<string>();
  while (at && chassis.switchById.has(at) && !guard.has(at)) {
    guard.add(at);
    at = chassis.switchById.get(at)!.upstream.to;
  }
  return (at && chassis.rcById.get(at)?.socket) || null;
}

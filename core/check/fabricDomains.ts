// Accelerators that scale out over their own chip-to-chip fabric form one
// domain across nodes and racks, not one hive per node. GroqCards expose 3 of
// the chip's 16 chip-to-chip links; Groq cables them card to card inside a
// GroqNode and node to node and rack to rack (a Dragonfly topology, Groq's
// Hot Chips 34 talk, 2022; Linley Group, "Groq Gets Connected", 2020-11-10:
// https://www.linleygroup.com/newsletters/newsletter_detail.php?num=6233), and
// GroqWare compiles one model for the whole set. The build file does not list
// those cables, so the domain assumes every node of the build is cabled in,
// and says so.
import type { CheckResult } from './checkBuild';
import type { Hive } from './hives';

export interface FabricDomain {
  /** The path class its members show each other ("C2C"). */
  via: 'C2C';
  /** What the fabric is called, for a heading. */
  name: string;
  /** Accelerators in the domain (every chip of every node). */
  devices: number;
  chassisIds: string[];
  racks: number;
  /** The per-node hives it joins (each node's cards), in build order. */
  hives: Hive[];
  /** What the domain rests on: the part the build file cannot show. */
  assumption: string;
  source: string;
}

export const GROQ_FABRIC_SOURCE = 'https://www.linleygroup.com/newsletters/newsletter_detail.php?num=6233';

/** The fabric domains of a check, and the hives that are not part of one (shown as hives). */
export function fabricDomainsOf(check: Pick<CheckResult, 'hives' | 'power'>): { domains: FabricDomain[]; hives: Hive[] } {
  const c2c = check.hives.filter((h) => h.via === 'C2C');
  const hives = check.hives.filter((h) => h.via !== 'C2C');
  if (c2c.length === 0) return { domains: [], hives };
  const rackOf = new Map(check.power.chassis.map((c) => [c.chassisId, c.rackId]));
  const chassisIds = [...new Set(c2c.map((h) => h.chassisId))];
  const domain: FabricDomain = {
    via: 'C2C',
    name: 'Groq chip-to-chip fabric',
    devices: c2c.reduce((s, h) => s + h.devices.length, 0),
    chassisIds,
    racks: new Set(chassisIds.map((id) => rackOf.get(id) ?? id)).size,
    hives: c2c,
    assumption:
      chassisIds.length > 1
        ? 'assumes every node’s cards are cabled into the fabric (the build does not list the chip-to-chip cables between nodes)'
        : 'the cards of this node are joined chip to chip inside it',
    source: GROQ_FABRIC_SOURCE,
  };
  return { domains: [domain], hives };
}

// The placed-part walk: every part a build places, in file order, with its JSON
// path, a key unique within the build, owned or planned — the one walk that
// bindings, allocations, counts and "how many of this item are used" read.
import type { Build } from './build';
import { placesOf } from './places';
import type { CatalogIndex } from '../check/catalog';
import type { DeviceLink } from '../check/checkBuild';
import { gpusSeen } from './gpusSeen';

export type PlacedKind = 'rack' | 'pdu' | 'chassis' | 'cpu' | 'device' | 'psu' | 'dimm' | 'drive';

/** One placed part of a build: where it is (JSON path and slot key), what it is, and owned or planned. */
export interface PlacedPart {
  path: (string | number)[];
  /** Unique within the build: "rack-1", "rack-1/pdu/pdu-1", "srv-1", "srv-1/device/gpu-0", "srv-1/cpu/0", … */
  key: string;
  kind: PlacedKind;
  label: string;
  partId: string;
  quantity: number;
  itemId: string | null;
}

/** Every placed part of a build, in file order. */
export function placedParts(build: Build): PlacedPart[] {
  const out: PlacedPart[] = [];
  const add = (
    path: (string | number)[],
    key: string,
    kind: PlacedKind,
    label: string,
    p: { partId: string; inventoryItemId?: string | undefined },
    quantity = 1,
  ) => out.push({ path, key, kind, label, partId: p.partId, quantity, itemId: p.inventoryItemId ?? null });
  build.racks.forEach((r, ri) => {
    const rp = ['racks', ri];
    const rackName = r.label ?? r.id;
    add(rp, r.id, 'rack', `Rack ${rackName}`, r);
    r.pdus.forEach((p, pi) => add([...rp, 'pdus', pi], `${r.id}/pdu/${p.id}`, 'pdu', `${rackName} · PDU ${p.id}`, p));
    r.chassis.forEach((c, ci) => {
      const cp = [...rp, 'chassis', ci];
      const name = c.label ?? c.id;
      add(cp, c.id, 'chassis', `${name} at U${c.positionU}`, c);
      c.cpus.forEach((x, i) => add([...cp, 'cpus', i], `${c.id}/cpu/${i}`, 'cpu', `${name} · CPU socket ${x.socket}`, x));
      c.devices.forEach((d, i) => add([...cp, 'devices', i], `${c.id}/device/${d.id}`, 'device', `${name} · slot ${d.slot} (${d.id})`, d));
      (c.psus ?? []).forEach((x, i) => add([...cp, 'psus', i], `${c.id}/psu/${i}`, 'psu', `${name} · PSUs, entry ${i + 1}`, x, x.count));
      c.dimms.forEach((x, i) => add([...cp, 'dimms', i], `${c.id}/dimm/${i}`, 'dimm', `${name} · DIMMs, socket ${x.socket} channel ${x.channel}`, x, x.count));
      c.drives.forEach((x, i) => add([...cp, 'drives', i], `${c.id}/drive/${i}`, 'drive', `${name} · drives, entry ${i + 1}`, x, x.count));
      bridgesOf(c, cp, name);
    });
  });
  // NVLink bridges are stored as 'device' (the placement kinds are fixed by the database schema): a card-top part.
  function bridgesOf(
    c: { id: string; bridges?: { partId: string; devices: string[]; inventoryItemId?: string | undefined }[] | undefined },
    cp: (string | number)[],
    name: string,
  ) {
    (c.bridges ?? []).forEach((b, i) => add([...cp, 'bridges', i], `${c.id}/bridge/${i}`, 'device', `${name} · NVLink bridge ${b.devices.join(' + ')}`, b));
  }
  // Towers and open frames outside any rack.
  build.freeStanding?.chassis.forEach((c, ci) => {
    const cp = ['freeStanding', 'chassis', ci];
    const name = c.label ?? c.id;
    add(cp, c.id, 'chassis', `${name} (free-standing)`, c);
    c.cpus.forEach((x, i) => add([...cp, 'cpus', i], `${c.id}/cpu/${i}`, 'cpu', `${name} · CPU socket ${x.socket}`, x));
    c.devices.forEach((d, i) => add([...cp, 'devices', i], `${c.id}/device/${d.id}`, 'device', `${name} · slot ${d.slot} (${d.id})`, d));
    (c.psus ?? []).forEach((x, i) => add([...cp, 'psus', i], `${c.id}/psu/${i}`, 'psu', `${name} · PSUs, entry ${i + 1}`, x, x.count));
    c.dimms.forEach((x, i) => add([...cp, 'dimms', i], `${c.id}/dimm/${i}`, 'dimm', `${name} · DIMMs, socket ${x.socket} channel ${x.channel}`, x, x.count));
    c.drives.forEach((x, i) => add([...cp, 'drives', i], `${c.id}/drive/${i}`, 'drive', `${name} · drives, entry ${i + 1}`, x, x.count));
    bridgesOf(c, cp, name);
  });
  return out;
}

/** How many units of each inventory item this build holds (an item of quantity 8 fills 8 places). */
export function itemUse(build: Build): Map<string, number> {
  const use = new Map<string, number>();
  for (const p of placedParts(build)) if (p.itemId) use.set(p.itemId, (use.get(p.itemId) ?? 0) + p.quantity);
  return use;
}

export interface BuildCounts {
  racks: number;
  chassis: number;
  /** GPUs as nvidia-smi counts them (gpusSeen: a K80 card is two, a card in a dead slot none). */
  gpus: number;
  /** GPU cards placed (four K80s: 4 cards, 8 GPUs). */
  gpuCards: number;
}

/** Racks, chassis, GPUs and GPU cards, as the builds list shows them; `devices` is the check's lanes.devices. */
export function buildCounts(build: Build, catalog: CatalogIndex, devices: readonly DeviceLink[]): BuildCounts {
  let chassis = 0;
  let gpuCards = 0;
  for (const r of placesOf(build))
    for (const c of r.chassis) {
      chassis++;
      for (const d of c.devices) if (catalog.get(d.partId)?.category === 'gpu') gpuCards++;
    }
  return { racks: build.racks.length, chassis, gpus: gpusSeen(build, catalog, devices), gpuCards };
}

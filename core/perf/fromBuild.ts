// Reads a build: its GPUs (in board order), the path class between each pair
// from the checker's P2P matrix, and the cost lines (owned vs to buy).
import type { Build } from '#core/build/build';
import type { CatalogPart, PartOf } from '#core/catalog/part';
import { checkBuild, type CheckResult } from '#core/check/checkBuild';
import type { PathClass as CheckerPathClass } from '#core/check/pathClass';
import { money } from '#core/money';
import { bomOf, type BomItem, type BomMarket } from '#core/build/bom';
import { indexCatalog } from '#core/check/catalog';
import { placesOf } from '#core/build/places';
import { siteOf, type Site } from '#core/build/site';
import { deviceFromGpuPart } from './fromCatalog';
import type { DeviceSpec } from './device';
import type { PathClass } from './links';
import type { Topology } from './estimate';
import type { CostLine } from './cost';

export interface BuildDevices {
  devices: DeviceSpec[];
  /** Build device ids, parallel to `devices`. */
  deviceIds: string[];
  topology: Topology;
  problems: string[];
}

/** nvidia-smi classes → the model's classes. Groq C2C and NVLink are both direct chip links. */
export function mapPathClass(c: CheckerPathClass): PathClass {
  if (c === 'X') return 'NV';
  if (c === 'C2C' || c.startsWith('NV')) return 'NV';
  return c as PathClass;
}

/**
 * The site only feeds the checker's power rules; the paths the estimate reads
 * do not depend on it. `check`: the caller's own result for this build (the
 * editor's live check), so the checker does not run a second time.
 */
export function devicesOfBuild(build: Build, catalog: readonly CatalogPart[], appSite: Site | null = null, check?: CheckResult): BuildDevices {
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const result = check ?? checkBuild(build, catalog, siteOf(build, appSite).site);
  const devices: DeviceSpec[] = [];
  const deviceIds: string[] = [];
  const chassisOf: string[] = [];
  const problems: string[] = [];
  const partOf = new Map<string, string>();
  for (const r of placesOf(build)) for (const c of r.chassis) for (const d of c.devices) partOf.set(`${c.id}/${d.id}`, d.partId);
  // A card with several GPUs (K80) gives matrix rows "<card>:<n>", each one GPU of that card.
  for (const m of result.p2pMatrix)
    for (const id of m.deviceIds) if (id.includes(':')) partOf.set(`${m.chassisId}/${id}`, partOf.get(`${m.chassisId}/${id.slice(0, id.indexOf(':'))}`) ?? '');
  // A card in a slot wired to an empty socket is invisible to the OS: it runs nothing.
  const dead = new Set(result.findings.filter((f) => f.code === 'chassis.slot-dead').map((f) => `${f.subjects[0]}/${f.subjects[1]}`));
  // Dead cards are left out of the matrix (the OS would not see them); say which.
  for (const key of dead)
    if (byId.get(partOf.get(key) ?? '')?.category === 'gpu')
      problems.push(`${key.slice(key.indexOf('/') + 1)} is in a dead slot (its socket has no CPU): left out of the estimate`);
  for (const f of result.findings)
    if (f.code === 'chassis.no-post') problems.push(`${f.subjects[0]} cannot POST (no CPU in ${f.subjects[1]}): none of its GPUs run`);
  const cell = new Map<string, PathClass>();
  // NVLink bridges: one direction's rate per bridged card (vendors quote both directions summed).
  const bridgeOf = new Map<string, number>();
  for (const b of result.bridges) {
    const part = b.pathClass ? byId.get(b.partId) : undefined;
    if (part?.category !== 'bridge' || part.specs.bandwidthGBps === null) continue;
    const perDirection = part.specs.bandwidthDirection === 'per-direction' ? part.specs.bandwidthGBps : part.specs.bandwidthGBps / 2;
    for (const id of b.deviceIds) bridgeOf.set(`${b.chassisId}/${id}`, perDirection);
  }
  for (const m of result.p2pMatrix) {
    const gpuRows = m.deviceIds.map((id, i) => ({ id, i })).filter(({ id }) => byId.get(partOf.get(`${m.chassisId}/${id}`) ?? '')?.category === 'gpu');
    for (const { id, i } of gpuRows) {
      if (dead.has(`${m.chassisId}/${id}`)) {
        problems.push(`${id} is in a dead slot (its socket has no CPU): left out of the estimate`);
        continue;
      }
      const part = byId.get(partOf.get(`${m.chassisId}/${id}`)!) as PartOf<'gpu'>;
      const dev = deviceFromGpuPart(part);
      if (!dev.ok) {
        problems.push(dev.message);
        continue;
      }
      const key = `${m.chassisId}/${id}`;
      for (const { id: other, i: j } of gpuRows) cell.set(`${key}|${m.chassisId}/${other}`, mapPathClass(m.cells[i]![j]!));
      // A bridged pair talks at the bridge's NVLink rate (the card's own entry may not give one).
      const bridge = bridgeOf.get(key);
      devices.push(bridge && dev.device.nvlinkGBps === null ? { ...dev.device, nvlinkGBps: bridge } : dev.device);
      deviceIds.push(id);
      chassisOf.push(m.chassisId);
    }
  }
  const keys = deviceIds.map((id, i) => `${chassisOf[i]}/${id}`);
  // What NCCL really does per pair (SHM through host memory where it will not use P2P).
  const peer = new Map<string, boolean>();
  for (const p of result.p2pRuntime) {
    peer.set(`${p.chassisId}/${p.aId}|${p.chassisId}/${p.bId}`, p.nccl !== 'SHM');
    peer.set(`${p.chassisId}/${p.bId}|${p.chassisId}/${p.aId}`, p.nccl !== 'SHM');
  }
  const nicGbit = buildNicGbit(build, byId);
  const topology: Topology = {
    // Devices in different chassis talk over the network.
    pathClass: (a, b) => cell.get(`${keys[a]}|${keys[b]}`) ?? 'NET',
    p2p: (a, b) => peer.get(`${keys[a]}|${keys[b]}`) ?? false,
    nicGbit,
    source: `the build's PCIe topology (checker P2P matrix, ${result.p2pMatrix.length} chassis; NCCL's default transport per pair${nicGbit ? `; ${nicGbit} Gbit/s NICs between chassis` : ''})`,
  };
  return { devices, deviceIds, topology, problems };
}

/** The slowest chassis' fastest NIC port, when every chassis has one; null = none placed (the estimate says 10 GbE). */
function buildNicGbit(build: Build, byId: ReadonlyMap<string, CatalogPart>): number | null {
  const chassis = placesOf(build).flatMap((r) => r.chassis);
  if (chassis.length < 2) return null;
  let slowest: number | null = null;
  for (const c of chassis) {
    const speeds = c.devices
      .map((d) => byId.get(d.partId))
      .flatMap((p) => (p?.category === 'nic' && p.specs.portSpeedGbps !== null ? [p.specs.portSpeedGbps] : []));
    if (speeds.length === 0) return null;
    const best = Math.max(...speeds);
    slowest = slowest === null ? best : Math.min(slowest, best);
  }
  return slowest;
}

/**
 * Every placed part with a known price (core/build/bom.ts): owned at the landed
 * price paid (from the inventory lookup), to buy at its planned or typical used
 * price (core/prices/basis.ts); unknown lines stay, with no amount;
 * `unpriced` counts the units whose price is unknown.
 */
export function costLinesOfBuild(
  build: Build,
  catalog: readonly CatalogPart[] | ReadonlyMap<string, CatalogPart> = [],
  itemOf: (inventoryItemId: string) => BomItem | null = () => null,
  market: BomMarket = {},
): { lines: CostLine[]; unpriced: number } {
  const parts = indexCatalog(catalog);
  const lines: CostLine[] = [];
  let unpriced = 0;
  for (const l of bomOf(build, (id) => parts.get(id), itemOf, market)) {
    lines.push({
      label: l.partId,
      owned: l.source === 'owned',
      amount: l.amount ? money(l.amount.amountMinor, l.amount.currency) : null,
      basisClass: l.basisClass,
      stale: l.stale,
    });
    if (!l.amount) unpriced += l.quantity;
  }
  return { lines, unpriced };
}

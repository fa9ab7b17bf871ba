// Reads a build: its GPUs (in board order), the path class between each pair
// from the checker's P2P matrix, and the cost lines (owned vs to buy).
import type { Build } from '#core/build/build';
import type { CatalogPart, PartOf } from '#core/catalog/part';
import { checkBuild } from '#core/check/checkBuild';
import type { PathClass as CheckerPathClass } from '#core/check/pathClass';
import { money } from '#core/money';
import { bomOf, type BomItem, type BomMarket } from '#core/build/bom';
import { indexCatalog } from '#core/check/catalog';
import { deviceFromGpuPart } from './fromCatalog';
import type { DeviceSpec } from './device';
import type { PathClass } from './links';
import type { Topology } from './estimate';
import type { CostLine } from './cost';

/** Site defaults when a build names none (only used by the checker's power rules, not by the estimate). */
const DEFAULT_SITE = { mainsVolts: 230, circuitAmps: 16 };

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

export function devicesOfBuild(build: Build, catalog: readonly CatalogPart[]): BuildDevices {
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const result = checkBuild(build, catalog, build.site ?? DEFAULT_SITE);
  const devices: DeviceSpec[] = [];
  const deviceIds: string[] = [];
  const chassisOf: string[] = [];
  const problems: string[] = [];
  const partOf = new Map<string, string>();
  for (const r of build.racks) for (const c of r.chassis) for (const d of c.devices) partOf.set(`${c.id}/${d.id}`, d.partId);
  // A card in a slot wired to an empty socket is invisible to the OS: it runs nothing.
  const dead = new Set(result.findings.filter((f) => f.code === 'chassis.slot-dead').map((f) => `${f.subjects[0]}/${f.subjects[1]}`));
  const cell = new Map<string, PathClass>();
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
      devices.push(dev.device);
      deviceIds.push(id);
      chassisOf.push(m.chassisId);
    }
  }
  const keys = deviceIds.map((id, i) => `${chassisOf[i]}/${id}`);
  const topology: Topology = {
    // Devices in different chassis talk over the network.
    pathClass: (a, b) => cell.get(`${keys[a]}|${keys[b]}`) ?? 'NET',
    source: `the build's PCIe topology (checker P2P matrix, ${result.p2pMatrix.length} chassis)`,
  };
  return { devices, deviceIds, topology, problems };
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
    lines.push({ label: l.partId, owned: l.source === 'owned', amount: l.amount ? money(l.amount.amountMinor, l.amount.currency) : null, basisClass: l.basisClass, stale: l.stale });
    if (!l.amount) unpriced += l.quantity;
  }
  return { lines, unpriced };
}

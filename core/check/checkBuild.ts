// checkBuild: every rule over one build. Pure and fast — the editor calls it on
// every change; a 512-card, 8-rack build checks in a few milliseconds.
import type { Build } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import { indexCatalog, type CatalogIndex } from './catalog';
import { bySeverity, type Finding } from './finding';
import { hivesOf, type Hive } from './hives';
import { laneFindings, lanesOf, type LaneReport } from './lanes';
import { hiveNicFindings, nicAffinityOf, socketNicFindings, type NicAffinity } from './nicAffinity';
import { p2pMatrixOf, type P2pMatrix } from './p2pMatrix';
import { chassisPower, circuitFindings, connectorFindings, psuFindings, rackPower, type ChassisPower, type PowerReport } from './power';
import { boardFitFindings, coveredSlotFindings, slotFindings } from './rules/chassisFit';
import { cpuFindings, dimmFindings } from './rules/memory';
import { rackFindings } from './rules/rack';
import { bridgeFindings, riserFindings } from './rules/risers';
import { cpuVendorOf, pairRuntime, type PairRuntime } from './p2pRuntime';
import { resolveChassis, type ResolvedChassis, type ResolvedDevice } from './topology';
import { isFreeStandingPlace, placesOf } from '../build/places';

export interface CheckSettings {
  mainsVolts: number;
  circuitAmps: number;
}

export interface DeviceLink {
  chassisId: string;
  deviceId: string;
  label: string;
  socket: string | null;
  rootComplex: string | null;
  switches: string[];
  width: number | null;
  gen: number | null;
  linkGBps: number | null;
  hostGBpsShared: number | null;
  verified: boolean;
}

/** A part that holds parts, under its host slot, with the slots it exposes (for the board view and the CLI). */
export interface CarrierReport {
  chassisId: string;
  deviceId: string;
  model: string;
  /** The slot it sits in: a board slot or another carrier's ("riser-0/a"). */
  hostSlotId: string;
  slots: { id: string; lanes: number; wiredLanes: number; gen: number; deviceIds: string[]; labels: string[] }[];
}

/** An NVLink bridge between two cards, and what it does. */
export interface BridgeReport {
  chassisId: string;
  partId: string;
  model: string | null;
  deviceIds: [string, string];
  labels: string[];
  /** NV<links> when it works; null when refused (see the bridge.invalid finding). */
  pathClass: string | null;
}

export interface CheckResult {
  /** Risers, bifurcation and switch cards with their slots. */
  carriers: CarrierReport[];
  bridges: BridgeReport[];
  findings: Finding[];
  hives: Hive[];
  p2pMatrix: P2pMatrix[];
  /** Per GPU pair of a chassis: CUDA peer access and NCCL's default transport, with a source. */
  p2pRuntime: PairRuntime[];
  nicAffinity: NicAffinity[];
  power: PowerReport;
  lanes: LaneReport & { devices: DeviceLink[] };
}

function deviceLink(d: ResolvedDevice): DeviceLink {
  return {
    chassisId: d.chassisId, deviceId: d.id, label: d.label, socket: d.socket, rootComplex: d.rootComplex, switches: d.switches,
    width: d.link?.width ?? null, gen: d.link?.gen ?? null, linkGBps: d.link?.gbps ?? null, hostGBpsShared: d.hostGBpsShared, verified: d.verified,
  };
}

function carriersOf(c: ResolvedChassis): CarrierReport[] {
  const hosts = [...new Set(c.riserSlots.map((s) => s.hostDeviceId))];
  return hosts.map((hostId) => {
    const mine = c.riserSlots.filter((s) => s.hostDeviceId === hostId);
    const host = c.devices.find((d) => d.cardId === hostId);
    return {
      chassisId: c.placement.id,
      deviceId: hostId,
      model: host?.part?.model ?? hostId,
      hostSlotId: mine[0]!.hostSlotId,
      slots: mine.map((s) => {
        const on = c.devices.filter((d) => d.slotId === s.id);
        return { id: s.id, lanes: s.physicalWidth, wiredLanes: s.wiredLanes, gen: s.gen, deviceIds: [...new Set(on.map((d) => d.cardId))], labels: on.map((d) => d.label) };
      }),
    };
  });
}

export function checkBuild(build: Build, catalog: readonly CatalogPart[] | CatalogIndex, settings: CheckSettings): CheckResult {
  const idx = indexCatalog(catalog);
  const volts = settings.mainsVolts;
  const findings: Finding[] = [];
  const places = placesOf(build);
  const resolved = resolveChassis(places, idx);
  const hives: Hive[] = [];
  const p2pMatrix: P2pMatrix[] = [];
  const p2pRuntime: PairRuntime[] = [];
  const driver = build.geforceP2p ?? 'stock';
  const carriers: CarrierReport[] = [];
  const bridges: BridgeReport[] = [];
  const nicAffinity: NicAffinity[] = [];
  const lanes: CheckResult['lanes'] = { rootComplexes: [], switches: [], devices: [] };
  const chassisPowers: ChassisPower[] = [];
  for (const c of resolved) {
    findings.push(...boardFitFindings(c, idx), ...slotFindings(c), ...coveredSlotFindings(c), ...riserFindings(c), ...bridgeFindings(c), ...cpuFindings(c, idx), ...dimmFindings(c, idx));
    carriers.push(...carriersOf(c));
    for (const b of c.bridges) {
      const labels = b.deviceIds.map((id) => c.devices.find((d) => d.cardId === id)?.label ?? id);
      bridges.push({ chassisId: c.placement.id, partId: b.partId, model: b.part?.model ?? null, deviceIds: b.deviceIds, labels, pathClass: c.bridged.get(`${b.deviceIds[0]}|${b.deviceIds[1]}`) ?? null });
    }
    const hs = hivesOf(c, driver === 'patched-open-module');
    hives.push(...hs);
    const m = p2pMatrixOf(c);
    p2pMatrix.push(m);
    const vendor = cpuVendorOf(c, idx);
    const gpus = m.deviceIds.map((id, i) => ({ d: c.devices.find((x) => x.id === id)!, i })).filter(({ d }) => d.kind === 'gpu');
    for (let x = 0; x < gpus.length; x++)
      for (let y = x + 1; y < gpus.length; y++) p2pRuntime.push(pairRuntime(c, gpus[x]!.d, gpus[y]!.d, m.cells[gpus[x]!.i]![gpus[y]!.i]!, vendor, driver));
    nicAffinity.push(...nicAffinityOf(c));
    findings.push(...hiveNicFindings(c, hs), ...socketNicFindings(c));
    const lr = lanesOf(c);
    lanes.rootComplexes.push(...lr.rootComplexes);
    lanes.switches.push(...lr.switches);
    lanes.devices.push(...c.devices.filter((d) => d.part?.category !== 'riser').map(deviceLink));
    findings.push(...laneFindings(c, lr));
    const cp = chassisPower(c, idx, volts);
    chassisPowers.push(cp);
    findings.push(...psuFindings(c, cp), ...connectorFindings(c));
  }
  const racks = places.map((r) => rackPower(r, chassisPowers, idx, volts, settings.circuitAmps));
  places.forEach((r, i) => findings.push(...(isFreeStandingPlace(r) ? [] : rackFindings(r, idx)), ...circuitFindings(r, racks[i]!, volts, settings.circuitAmps, idx)));
  const sum = (k: 'idleW' | 'typicalW' | 'peakW' | 'wallPeakW' | 'heatBtuPerHour') => chassisPowers.reduce((s, c) => s + c[k], 0);
  const power: PowerReport = {
    volts, circuitAmps: settings.circuitAmps, chassis: chassisPowers, racks,
    idleW: sum('idleW'), typicalW: sum('typicalW'), peakW: sum('peakW'), wallPeakW: sum('wallPeakW'), heatBtuPerHour: sum('heatBtuPerHour'),
  };
  findings.sort(bySeverity);
  return { carriers, bridges, findings, hives, p2pMatrix, p2pRuntime, nicAffinity, power, lanes };
}

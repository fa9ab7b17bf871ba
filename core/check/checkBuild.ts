// checkBuild: every rule over one build. Pure and fast — the editor calls it on
// every change; a 512-card, 8-rack build checks in a few milliseconds.
import type { Build, RackPlacement } from '../build/build';
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
import { cpuVendorOf, pairRuntime, type GeforceP2p, type PairRuntime } from './p2pRuntime';
import { chassisSeats, resolveOneChassis, type ResolvedChassis, type ResolvedDevice } from './topology';
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
  /** What a person calls that slot ("PCIE2"). */
  hostSlotLabel: string;
  slots: { id: string; label: string; lanes: number; wiredLanes: number; gen: number; deviceIds: string[]; labels: string[] }[];
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
    chassisId: d.chassisId,
    deviceId: d.id,
    label: d.label,
    socket: d.socket,
    rootComplex: d.rootComplex,
    switches: d.switches,
    width: d.link?.width ?? null,
    gen: d.link?.gen ?? null,
    linkGBps: d.link?.gbps ?? null,
    hostGBpsShared: d.hostGBpsShared,
    verified: d.verified,
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
      hostSlotLabel: c.slotById.get(mine[0]!.hostSlotId)?.label ?? mine[0]!.hostSlotId,
      slots: mine.map((s) => {
        const on = c.devices.filter((d) => d.slotId === s.id);
        return {
          id: s.id,
          label: s.label,
          lanes: s.physicalWidth,
          wiredLanes: s.wiredLanes,
          gen: s.gen,
          deviceIds: [...new Set(on.map((d) => d.cardId))],
          labels: on.map((d) => d.label),
        };
      }),
    };
  });
}

/** What one chassis contributes to a check: everything but the rack and site power and the rack rules above it. */
export interface ChassisCheck {
  chassisId: string;
  findings: Finding[];
  carriers: CarrierReport[];
  bridges: BridgeReport[];
  hives: Hive[];
  p2pMatrix: P2pMatrix;
  p2pRuntime: PairRuntime[];
  nicAffinity: NicAffinity[];
  lanes: LaneReport & { devices: DeviceLink[] };
  power: ChassisPower;
}

function append<T>(out: T[], list: readonly T[]): void {
  for (let i = 0; i < list.length; i++) out.push(list[i]!);
}

/** Every per-chassis rule over one resolved chassis (`driver`: the build's geforceP2p). */
export function checkOneChassis(c: ResolvedChassis, idx: CatalogIndex, volts: number, driver: GeforceP2p): ChassisCheck {
  const findings: Finding[] = [];
  for (const list of [
    boardFitFindings(c, idx),
    slotFindings(c),
    coveredSlotFindings(c),
    riserFindings(c),
    bridgeFindings(c),
    cpuFindings(c, idx),
    dimmFindings(c, idx),
  ])
    append(findings, list);
  const bridges: BridgeReport[] = [];
  for (const b of c.bridges) {
    const labels = b.deviceIds.map((id) => c.devices.find((d) => d.cardId === id)?.label ?? id);
    bridges.push({
      chassisId: c.placement.id,
      partId: b.partId,
      model: b.part?.model ?? null,
      deviceIds: b.deviceIds,
      labels,
      pathClass: c.bridged.get(`${b.deviceIds[0]}|${b.deviceIds[1]}`) ?? null,
    });
  }
  const m = p2pMatrixOf(c);
  const hives = hivesOf(c, driver === 'patched-open-module', m);
  const vendor = cpuVendorOf(c, idx);
  const p2pRuntime: PairRuntime[] = [];
  // The matrix lists its GPUs first (then NICs): rows 0..gpus-1 are the GPUs, in order.
  const byId = new Map<string, ResolvedDevice>();
  for (const d of c.devices) if (!byId.has(d.id)) byId.set(d.id, d);
  const gpus: ResolvedDevice[] = [];
  for (const id of m.deviceIds) {
    const d = byId.get(id)!;
    if (d.kind === 'gpu') gpus.push(d);
  }
  for (let x = 0; x < gpus.length; x++)
    for (let y = x + 1; y < gpus.length; y++) p2pRuntime.push(pairRuntime(c, gpus[x]!, gpus[y]!, m.cells[x]![y]!, vendor, driver));
  append(findings, hiveNicFindings(c, hives));
  append(findings, socketNicFindings(c));
  const lr = lanesOf(c);
  append(findings, laneFindings(c, lr));
  const power = chassisPower(c, idx, volts);
  append(findings, psuFindings(c, power));
  append(findings, connectorFindings(c));
  return {
    chassisId: c.placement.id,
    findings,
    carriers: carriersOf(c),
    bridges,
    hives,
    p2pMatrix: m,
    p2pRuntime,
    nicAffinity: nicAffinityOf(c),
    lanes: { rootComplexes: lr.rootComplexes, switches: lr.switches, devices: c.devices.filter((d) => d.part?.category !== 'riser').map(deviceLink) },
    power,
  };
}

/** The whole result from each chassis' part (in the order of `places`), with the rack and site power and the rack rules on top. */
export function assembleCheck(places: readonly RackPlacement[], chassis: readonly ChassisCheck[], idx: CatalogIndex, settings: CheckSettings): CheckResult {
  const volts = settings.mainsVolts;
  const findings: Finding[] = [];
  const carriers: CarrierReport[] = [];
  const bridges: BridgeReport[] = [];
  const hives: Hive[] = [];
  const p2pMatrix: P2pMatrix[] = [];
  const p2pRuntime: PairRuntime[] = [];
  const nicAffinity: NicAffinity[] = [];
  const lanes: CheckResult['lanes'] = { rootComplexes: [], switches: [], devices: [] };
  const chassisPowers: ChassisPower[] = [];
  for (const c of chassis) {
    append(findings, c.findings);
    append(carriers, c.carriers);
    append(bridges, c.bridges);
    append(hives, c.hives);
    p2pMatrix.push(c.p2pMatrix);
    append(p2pRuntime, c.p2pRuntime);
    append(nicAffinity, c.nicAffinity);
    append(lanes.rootComplexes, c.lanes.rootComplexes);
    append(lanes.switches, c.lanes.switches);
    append(lanes.devices, c.lanes.devices);
    chassisPowers.push(c.power);
  }
  const racks = places.map((r) => rackPower(r, chassisPowers, idx, volts, settings.circuitAmps));
  places.forEach((r, i) => {
    if (!isFreeStandingPlace(r)) append(findings, rackFindings(r, idx));
    append(findings, circuitFindings(r, racks[i]!, volts, settings.circuitAmps, idx));
  });
  const sum = (k: 'idleW' | 'typicalW' | 'peakW' | 'wallPeakW' | 'heatBtuPerHour') => chassisPowers.reduce((s, c) => s + c[k], 0);
  const power: PowerReport = {
    volts,
    circuitAmps: settings.circuitAmps,
    chassis: chassisPowers,
    racks,
    idleW: sum('idleW'),
    typicalW: sum('typicalW'),
    peakW: sum('peakW'),
    wallPeakW: sum('wallPeakW'),
    heatBtuPerHour: sum('heatBtuPerHour'),
    unknownTdp: [...new Set(chassisPowers.flatMap((c) => c.unknownTdp))],
  };
  findings.sort(bySeverity);
  return { carriers, bridges, findings, hives, p2pMatrix, p2pRuntime, nicAffinity, power, lanes };
}

export function checkBuild(build: Build, catalog: readonly CatalogPart[] | CatalogIndex, settings: CheckSettings): CheckResult {
  const idx = indexCatalog(catalog);
  const places = placesOf(build);
  const driver = build.geforceP2p ?? 'stock';
  const seats = chassisSeats(places);
  const prefix = seats.length > 1;
  // Each chassis resolved and checked in turn: its resolved topology dies young
  // instead of every chassis' staying alive through the whole check (less GC).
  const parts: ChassisCheck[] = [];
  for (const { rackId, c, path } of seats) parts.push(checkOneChassis(resolveOneChassis(rackId, path, c, idx, prefix), idx, settings.mainsVolts, driver));
  return assembleCheck(places, parts, idx, settings);
}

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
import { resolveChassis, type ResolvedChassis, type ResolvedDevice } from './topology';

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

export interface CheckResult {
  findings: Finding[];
  hives: Hive[];
  p2pMatrix: P2pMatrix[];
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

/** Appends every item of each list: push(...list) copies each list onto the stack first (and throws past ~100k items). */
function append<T>(out: T[], ...lists: readonly T[][]): void {
  for (const list of lists) for (let i = 0; i < list.length; i++) out.push(list[i]!);
}

/** What one chassis contributes to a check: everything but the rack and site power above it. */
export interface ChassisCheck {
  chassisId: string;
  findings: Finding[];
  hives: Hive[];
  p2pMatrix: P2pMatrix;
  nicAffinity: NicAffinity[];
  lanes: LaneReport & { devices: DeviceLink[] };
  power: ChassisPower;
}

/** Every per-chassis rule over one resolved chassis. */
export function checkOneChassis(c: ResolvedChassis, idx: CatalogIndex, volts: number): ChassisCheck {
  const findings: Finding[] = [];
  append(findings, boardFitFindings(c), slotFindings(c), coveredSlotFindings(c), cpuFindings(c, idx), dimmFindings(c, idx));
  const hives = hivesOf(c);
  const p2pMatrix = p2pMatrixOf(c);
  const nicAffinity = nicAffinityOf(c);
  append(findings, hiveNicFindings(c, hives), socketNicFindings(c));
  const lr = lanesOf(c);
  append(findings, laneFindings(c, lr));
  const power = chassisPower(c, idx, volts);
  append(findings, psuFindings(c, power), connectorFindings(c));
  return { chassisId: c.placement.id, findings, hives, p2pMatrix, nicAffinity, lanes: { rootComplexes: lr.rootComplexes, switches: lr.switches, devices: c.devices.map(deviceLink) }, power };
}

/** The whole result from each chassis' part (in build order): the rack and site power and the rack rules on top. */
export function assembleCheck(build: Build, chassis: readonly ChassisCheck[], idx: CatalogIndex, settings: CheckSettings): CheckResult {
  const volts = settings.mainsVolts;
  const findings: Finding[] = [];
  const hives: Hive[] = [];
  const p2pMatrix: P2pMatrix[] = [];
  const nicAffinity: NicAffinity[] = [];
  const lanes: CheckResult['lanes'] = { rootComplexes: [], switches: [], devices: [] };
  const chassisPowers: ChassisPower[] = [];
  for (const c of chassis) {
    append(findings, c.findings);
    append(hives, c.hives);
    p2pMatrix.push(c.p2pMatrix);
    append(nicAffinity, c.nicAffinity);
    append(lanes.rootComplexes, c.lanes.rootComplexes);
    append(lanes.switches, c.lanes.switches);
    append(lanes.devices, c.lanes.devices);
    chassisPowers.push(c.power);
  }
  const racks = build.racks.map((r) => rackPower(r, chassisPowers, idx, volts, settings.circuitAmps));
  build.racks.forEach((r, i) => append(findings, rackFindings(r, idx), circuitFindings(r, racks[i]!, volts, settings.circuitAmps, idx)));
  const sum = (k: 'idleW' | 'typicalW' | 'peakW' | 'wallPeakW' | 'heatBtuPerHour') => chassisPowers.reduce((s, c) => s + c[k], 0);
  const power: PowerReport = {
    volts, circuitAmps: settings.circuitAmps, chassis: chassisPowers, racks,
    idleW: sum('idleW'), typicalW: sum('typicalW'), peakW: sum('peakW'), wallPeakW: sum('wallPeakW'), heatBtuPerHour: sum('heatBtuPerHour'),
  };
  findings.sort(bySeverity);
  return { findings, hives, p2pMatrix, nicAffinity, power, lanes };
}

export function checkBuild(build: Build, catalog: readonly CatalogPart[] | CatalogIndex, settings: CheckSettings): CheckResult {
  const idx = indexCatalog(catalog);
  return assembleCheck(build, resolveChassis(build.racks, idx).map((c) => checkOneChassis(c, idx, settings.mainsVolts)), idx, settings);
}

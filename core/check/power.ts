// Power: draw per component at idle / typical / peak, PSU capacity with the
// redundancy mode and the input voltage (low-line derating), GPU power leads,
// the branch circuit (volts × amps × 80 % continuous), PDUs, and heat.
import { connectorLabel, connectorsText } from '../words';
import { effectivePsus } from '../build/fit';
import type { CatalogPart, PartOf } from '../catalog/part';
import type { RackPlacement } from '../build/build';
import { partOf, type CatalogIndex } from './catalog';
import { finding, n, type Finding } from './finding';
import type { ResolvedChassis } from './topology';
import { cardsOf } from './rules/chassisFit';
import { tdpUnknownText } from './tdpUnknown';
import { capital } from './names';

/**
 * Draw as a fraction of TDP. Estimates, not measurements: single-stream decode
 * runs GPUs at about 0.3–0.6 of TDP (a Tesla P40 at ~70 W of 250 W while
 * generating; reference psus_power.md), so "typical" is 0.5.
 */
export const DRAW_FRACTIONS = {
  gpu: { idle: 0.1, typical: 0.5, peak: 1 },
  cpu: { idle: 0.3, typical: 0.7, peak: 1 },
} as const;
/** Watts assumed when a part does not state its draw (estimates, flagged as such). */
export const ASSUMED_W = { nic: 15, dimm: 5, drive: 8, other: 25, chassisIdle: 60, chassisTypical: 120, chassisPeak: 200 } as const;
/** NEC continuous-load rule: 80 % of the breaker rating. */
export const CONTINUOUS_FRACTION = 0.8;
export const BTU_PER_WATT_HOUR = 3.412;
/** Wall = DC / efficiency at ~50 % load (80 PLUS minimums; Titanium 96 %, Gold 90 %). */
export const PSU_EFFICIENCY: Record<string, number> = {
  '80plus': 0.85,
  '80plus-bronze': 0.88,
  '80plus-silver': 0.89,
  '80plus-gold': 0.9,
  '80plus-platinum': 0.92,
  '80plus-titanium': 0.96,
};
const DEFAULT_EFFICIENCY = 0.9;

export interface ComponentPower {
  id: string;
  what: string;
  idleW: number;
  typicalW: number;
  peakW: number;
  estimated: boolean;
  /** No source gives this part's TDP: its draw is left out of the sums (0 W here), which are then lower bounds. */
  tdpUnknown: boolean;
}

export interface PsuCapacity {
  model: string | null;
  count: number;
  redundancy: 'none' | 'N+1' | 'N+N';
  volts: number;
  /** Output of one PSU at this voltage; null = not known. */
  eachW: number | null;
  /** What the set delivers with the redundancy kept; null = not known. */
  usableW: number | null;
}

export interface ChassisPower {
  chassisId: string;
  rackId: string;
  components: ComponentPower[];
  idleW: number;
  typicalW: number;
  peakW: number;
  psu: PsuCapacity | null;
  wallPeakW: number;
  heatBtuPerHour: number;
  /** Models whose TDP is unknown (left out of the sums, so every figure here is a lower bound); empty when all are known. */
  unknownTdp: string[];
}

export interface RackPower {
  rackId: string;
  wallPeakW: number;
  /**
   * Every chassis runs N+N on two or more circuits: the circuits are A/B feeds,
   * and each feed (half of them) must carry the whole load alone.
   */
  abFeeds: boolean;
  /** Continuous limit of the rack's circuits; null when none is set. */
  circuitW: number;
  pduW: number | null;
  /** Models in this rack whose TDP is unknown: wallPeakW is then a lower bound and the circuit unchecked. */
  unknownTdp: string[];
}

export interface PowerReport {
  volts: number;
  circuitAmps: number;
  chassis: ChassisPower[];
  racks: RackPower[];
  idleW: number;
  typicalW: number;
  peakW: number;
  wallPeakW: number;
  heatBtuPerHour: number;
  /** Models whose TDP is unknown across the build (the sums are lower bounds). */
  unknownTdp: string[];
}

// A TDP no source gives counts 0 W and is flagged (tdpUnknown.ts): a guessed
// 300 W could call a circuit OK that trips.
function tdpComponent(id: string, what: string, tdp: number | null, f: { idle: number; typical: number; peak: number }): ComponentPower {
  const w = tdp ?? 0;
  return { id, what, idleW: w * f.idle, typicalW: w * f.typical, peakW: w * f.peak, estimated: true, tdpUnknown: tdp === null };
}

function flat(id: string, what: string, w: number, estimated: boolean): ComponentPower {
  return { id, what, idleW: w, typicalW: w, peakW: w, estimated, tdpUnknown: false };
}

function devicePower(id: string, part: CatalogPart | undefined): ComponentPower {
  if (part?.category === 'gpu') return tdpComponent(id, part.model, part.specs.tdpW, DRAW_FRACTIONS.gpu);
  if (part?.category === 'nic')
    return part.specs.typicalPowerW !== null ? flat(id, part.model, part.specs.typicalPowerW, false) : flat(id, part.model, ASSUMED_W.nic, true);
  if (part?.category === 'storage')
    return part.specs.powerW !== null ? flat(id, part.model, part.specs.powerW, false) : flat(id, part.model, ASSUMED_W.drive, true);
  return flat(id, part?.model ?? id, ASSUMED_W.other, true);
}

/** One PSU's output at `volts`: the datasheet band, else low line (≤ 127 V) or high line. */
export function psuOutputW(psu: PartOf<'psu'>['specs'], volts: number): number | null {
  // The narrowest band that holds this voltage: datasheets give a wide range
  // and narrower ones inside it (200–240 V: 1800 W, 220–240 V: 2000 W).
  const bands = (psu.outputByInput ?? []).filter((b) => volts >= b.minVolts && volts <= b.maxVolts);
  const band = bands.sort((a, b) => a.maxVolts - a.minVolts - (b.maxVolts - b.minVolts))[0];
  if (band) return band.outputW;
  return volts <= 127 ? psu.ratedOutputLowLineW : psu.ratedOutputHighLineW;
}

/** PSUs that may fail while the rest still carries the load. */
export function usablePsus(count: number, redundancy: 'none' | 'N+1' | 'N+N'): number {
  if (redundancy === 'N+N') return Math.floor(count / 2);
  if (redundancy === 'N+1') return Math.max(0, count - 1);
  return count;
}

export function chassisPower(c: ResolvedChassis, catalog: CatalogIndex, volts: number): ChassisPower {
  const p = c.placement;
  const components: ComponentPower[] = [
    {
      id: `${p.id}.base`,
      what: 'chassis (fans, board, BMC)',
      idleW: ASSUMED_W.chassisIdle,
      typicalW: ASSUMED_W.chassisTypical,
      peakW: ASSUMED_W.chassisPeak,
      estimated: true,
      tdpUnknown: false,
    },
  ];
  for (const cpu of p.cpus) {
    const part = partOf(catalog, cpu.partId, 'cpu');
    components.push(tdpComponent(`${p.id}.${cpu.socket}`, part?.model ?? cpu.partId, part?.specs.tdpW ?? null, DRAW_FRACTIONS.cpu));
  }
  // Per card: a K80 is two GPUs in the matrix but one 300 W board on the power rail.
  for (const d of cardsOf(c)) components.push(devicePower(d.cardId, d.part));
  for (const dimm of p.dimms) components.push(flat(`${p.id}.${dimm.socket}.ch${dimm.channel}`, `${dimm.count} DIMM`, ASSUMED_W.dimm * dimm.count, true));
  for (const drive of p.drives) {
    const part = partOf(catalog, drive.partId, 'storage');
    const each = part?.specs.powerW ?? ASSUMED_W.drive;
    components.push(flat(`${p.id}.drive.${drive.partId}`, `${drive.count}× ${part?.model ?? drive.partId}`, each * drive.count, part?.specs.powerW == null));
  }
  const sum = (k: 'idleW' | 'typicalW' | 'peakW') => components.reduce((s, x) => s + x[k], 0);
  const psuList = effectivePsus(p, catalog);
  const redundancy = p.psuRedundancy ?? c.chassisPart?.specs.psuRedundancy ?? 'none';
  let psu: PsuCapacity | null = null;
  let efficiency = DEFAULT_EFFICIENCY;
  if (psuList.length > 0) {
    const count = psuList.reduce((s, x) => s + x.count, 0);
    const parts = psuList.map((x) => partOf(catalog, x.partId, 'psu'));
    const outputs = parts.map((x) => (x ? psuOutputW(x.specs, volts) : null));
    const eachW = outputs.some((o) => o === null) ? null : Math.min(...(outputs as number[]));
    efficiency = PSU_EFFICIENCY[parts[0]?.specs.efficiency ?? ''] ?? DEFAULT_EFFICIENCY;
    psu = { model: parts[0]?.model ?? null, count, redundancy, volts, eachW, usableW: eachW === null ? null : eachW * usablePsus(count, redundancy) };
  }
  const peakW = sum('peakW');
  const wallPeakW = peakW / efficiency;
  return {
    chassisId: p.id,
    rackId: c.rackId,
    components,
    idleW: sum('idleW'),
    typicalW: sum('typicalW'),
    peakW,
    psu,
    wallPeakW,
    heatBtuPerHour: wallPeakW * BTU_PER_WATT_HOUR,
    unknownTdp: [...new Set(components.filter((x) => x.tdpUnknown).map((x) => x.what))],
  };
}

/** "≥ " before a sum that leaves out parts of unknown TDP. */
const atLeast = (unknownTdp: readonly string[]) => (unknownTdp.length ? '≥ ' : '');

export function psuFindings(c: ResolvedChassis, cp: ChassisPower): Finding[] {
  const id = c.placement.id;
  const name = c.placement.label ?? id;
  const psu = cp.psu;
  if (!psu) return [finding('power.no-psu', 'error', [id], `${name} has no PSUs.`, 'Add PSUs to the build or pick a system that ships with them.')];
  const out: Finding[] = [];
  const bays = c.chassisPart?.specs.psuBays;
  // An unknown bay count (an imported file that lists no PSUs) is said, not passed in silence or failed.
  if (bays === null)
    out.push(
      finding(
        'power.psu-bays-unknown',
        'info',
        [id],
        `${psu.count} PSUs placed; the number of PSU bays of the ${c.chassisPart?.model} is not known, so the PSU count is not checked.`,
        'Look up the PSU bays and set them on the chassis part.',
      ),
    );
  else if (bays !== undefined && psu.count > bays)
    out.push(finding('power.psu-bays', 'error', [id], `${psu.count} PSUs placed; the ${c.chassisPart?.model} has ${bays} PSU bays.`, 'Remove PSUs.'));
  const line = psu.volts <= 127 ? 'low line' : 'high line';
  if (psu.eachW === null) {
    out.push(
      finding(
        'power.psu-rating-unknown',
        'warning',
        [id],
        `The ${line} (${n(psu.volts)} V) output of ${psu.model ?? 'the PSUs'} is not known, so ${name}'s ${atLeast(cp.unknownTdp)}${n(cp.peakW)} W peak cannot be checked against it.`,
        'Find the PSU datasheet; do not assume the high-line rating on 120 V.',
      ),
    );
    return out;
  }
  if (psu.eachW === 0) {
    out.push(
      finding('power.psu-wrong-voltage', 'error', [id], `${psu.model} does not run on ${n(psu.volts)} V.`, 'Feed it 200–240 V or use PSUs rated for low line.'),
    );
    return out;
  }
  const usable = psu.usableW ?? 0;
  const kept = usablePsus(psu.count, psu.redundancy);
  if (cp.peakW > usable) {
    const over = cp.peakW - usable;
    const deratedNote = psu.volts <= 127 ? ' (low-line rating)' : '';
    out.push(
      finding(
        'power.psu-overload',
        'error',
        [id],
        `${name} peaks at ${atLeast(cp.unknownTdp)}${n(cp.peakW)} W but its ${psu.count} × ${psu.model} deliver ${n(usable)} W at ${n(psu.volts)} V${deratedNote} with ${psu.redundancy} redundancy (${kept} × ${n(psu.eachW)} W): ${atLeast(cp.unknownTdp)}${n(over)} W over${cp.unknownTdp.length ? ` (${tdpUnknownText(cp.unknownTdp)}, so the real peak is higher)` : ''}.`,
        psu.volts <= 127
          ? 'Run the PSUs on 200–240 V, add PSUs, drop redundancy knowingly, or power-limit the GPUs (nvidia-smi -pl).'
          : 'Add PSUs or power-limit the GPUs (nvidia-smi -pl).',
      ),
    );
  } else if (cp.unknownTdp.length)
    // Never "OK" on a guess: what is known is a lower bound, the rest is said.
    out.push(
      finding(
        'power.tdp-unknown',
        'warning',
        [id],
        `${capital(tdpUnknownText(cp.unknownTdp)!)}, so ${name}'s power budget is unchecked: the parts of known draw peak at ≥ ${n(cp.peakW)} W of the ${n(usable)} W its PSUs give at ${n(psu.volts)} V.`,
        'Find the TDP on the datasheet and set it on the part; until then, leave headroom or power-limit the card (nvidia-smi -pl).',
      ),
    );
  else if (cp.peakW > psu.eachW * psu.count * 0.9 && psu.redundancy === 'none')
    out.push(
      finding(
        'power.psu-tight',
        'warning',
        [id],
        `${name} peaks at ${n(cp.peakW)} W of the ${n(usable)} W its PSUs give at ${n(psu.volts)} V.`,
        'Leave 10 % headroom.',
      ),
    );
  return out;
}

export function connectorFindings(c: ResolvedChassis): Finding[] {
  const need = new Map<string, number>();
  let unknownCards = 0;
  for (const d of cardsOf(c)) {
    if (d.part?.category !== 'gpu') continue;
    const conns = d.part.specs.powerConnectors;
    if (conns === null) unknownCards++;
    else for (const k of conns) if (k.kind !== 'baseboard') need.set(k.kind, (need.get(k.kind) ?? 0) + k.count);
  }
  const id = c.placement.id;
  const have = c.chassisPart?.specs.gpuPowerConnectors ?? null;
  // Cards whose connectors are unknown are said to be unknown, never passed in silence.
  const unknown = unknownCards
    ? [
        finding(
          'power.gpu-connectors-unknown',
          'info',
          [id],
          `The power connectors of ${unknownCards} GPU${unknownCards > 1 ? 's are' : ' is'} not known, so their power leads are not checked.`,
          'Look the card up before buying cables; EPS-12V (CPU 8-pin) is not PCIe 8-pin.',
        ),
      ]
    : [];
  if (need.size === 0) return unknown;
  const needText = connectorsText([...need].map(([kind, count]) => ({ kind, count })));
  if (have === null)
    return [
      finding(
        'power.gpu-connectors-unknown',
        'info',
        [id],
        `The GPUs need ${needText}${unknownCards ? ` (plus ${unknownCards} card${unknownCards > 1 ? 's' : ''} of unknown connectors)` : ''}; the GPU power leads of the ${c.chassisPart?.model ?? 'chassis'} are not known.`,
        'Check the chassis power cables; EPS-12V (CPU 8-pin) is not PCIe 8-pin.',
      ),
    ];
  const out: Finding[] = [];
  for (const [kind, count] of need) {
    const avail = have.filter((h) => h.kind === kind).reduce((s, h) => s + h.count, 0);
    if (count > avail)
      out.push(
        finding(
          'power.gpu-connectors',
          'error',
          [id],
          `The GPUs need ${count}× ${connectorLabel(kind)} power leads; the chassis has ${avail} (${count - avail} short).`,
          'Add the right cables or adapters (EPS-12V and PCIe 8-pin are keyed differently).',
        ),
      );
  }
  return [...out, ...unknown];
}

export function rackPower(rack: RackPlacement, chassis: ChassisPower[], catalog: CatalogIndex, volts: number, circuitAmps: number): RackPower {
  const mine = chassis.filter((c) => c.rackId === rack.id);
  const wallPeakW = mine.reduce((s, c) => s + c.wallPeakW, 0);
  const circuits = rack.circuits?.count ?? 1;
  const amps = rack.circuits?.amps ?? circuitAmps;
  const abFeeds = circuits >= 2 && mine.length > 0 && mine.every((c) => c.psu?.redundancy === 'N+N');
  const carrying = abFeeds ? Math.floor(circuits / 2) : circuits;
  const pdus = rack.pdus.map((p) => partOf(catalog, p.partId, 'pdu'));
  const pduW = pdus.length === 0 ? null : pdus.reduce((s, p) => s + (p?.specs.maxLoadW ?? (p?.specs.inputVolts ?? 0) * (p?.specs.inputAmps ?? 0)), 0);
  const unknownTdp = [...new Set(mine.flatMap((c) => c.unknownTdp))];
  return { rackId: rack.id, wallPeakW, abFeeds, circuitW: carrying * volts * amps * CONTINUOUS_FRACTION, pduW, unknownTdp };
}

export function circuitFindings(rack: RackPlacement, rp: RackPower, volts: number, circuitAmps: number, catalog: CatalogIndex): Finding[] {
  const out: Finding[] = [];
  const name = rack.label ?? rack.id;
  const circuits = rack.circuits?.count ?? 1;
  const amps = rack.circuits?.amps ?? circuitAmps;
  const carrying = rp.abFeeds ? Math.floor(circuits / 2) : circuits;
  const ge = atLeast(rp.unknownTdp);
  if (rp.wallPeakW > rp.circuitW && rp.abFeeds)
    out.push(
      finding(
        'power.circuit-overload',
        'error',
        [rack.id],
        `${name} draws up to ${ge}${n(rp.wallPeakW)} W from the wall. Its PSUs run N+N on A/B feeds, so each feed (${carrying} × ${n(amps)} A at ${n(volts)} V = ${n(rp.circuitW)} W continuous, 80 % of ${n(carrying * volts * amps)} W) must carry the whole load alone when the other fails: ${n(rp.wallPeakW - rp.circuitW)} W over. The ${circuits} circuits are not summed.`,
        `Give each feed about ${Math.ceil(rp.wallPeakW / (volts * amps * CONTINUOUS_FRACTION))} circuits of ${n(amps)} A, move to 200–240 V, or power-limit the GPUs.`,
      ),
    );
  else if (rp.wallPeakW > rp.circuitW)
    out.push(
      finding(
        'power.circuit-overload',
        'error',
        [rack.id],
        `${name} draws up to ${ge}${n(rp.wallPeakW)} W from the wall; ${circuits === 1 ? `one ${n(amps)} A circuit at ${n(volts)} V carries` : `${circuits} × ${n(amps)} A circuits at ${n(volts)} V carry`} ${n(rp.circuitW)} W continuous (80 % of ${n(circuits * volts * amps)} W): ${n(rp.wallPeakW - rp.circuitW)} W over.${circuits === 1 && volts <= 127 && amps <= 15 ? ' That is one ordinary household circuit: the breaker will trip under full load.' : ''}`,
        `Add circuits (about ${Math.ceil(rp.wallPeakW / (volts * amps * CONTINUOUS_FRACTION))} of ${n(amps)} A), move to 200–240 V, or power-limit the GPUs.`,
      ),
    );
  else if (rp.unknownTdp.length)
    out.push(
      finding(
        'power.circuit-unchecked',
        'warning',
        [rack.id],
        `${capital(tdpUnknownText(rp.unknownTdp)!)}, so ${name}'s circuit is unchecked: the parts of known draw take ≥ ${n(rp.wallPeakW)} W from the wall of the ${n(rp.circuitW)} W its circuits carry continuously (80 % rule).`,
        'Find the TDP on the datasheet and set it on the part before trusting this circuit.',
      ),
    );
  if (rp.pduW !== null && rp.wallPeakW > rp.pduW)
    out.push(
      finding(
        'power.pdu-overload',
        'error',
        [rack.id],
        `${name} draws up to ${ge}${n(rp.wallPeakW)} W; its PDUs are rated ${n(rp.pduW)} W together (${n(rp.wallPeakW - rp.pduW)} W over).`,
        'Add PDUs or use higher-rated ones.',
      ),
    );
  for (const p of rack.pdus) {
    const part = partOf(catalog, p.partId, 'pdu');
    if (part?.specs.inputVolts && Math.abs(part.specs.inputVolts - volts) > 30)
      out.push(
        finding(
          'power.pdu-voltage',
          'warning',
          [rack.id, p.id],
          `PDU ${p.id} (${part.model}) is built for ${n(part.specs.inputVolts)} V; the site runs ${n(volts)} V.`,
          'Pick a PDU for the site voltage.',
        ),
      );
  }
  return out;
}

// Mechanical audit: every GPU, CPU, NIC, PCIe switch and PSU fact in the
// built-in catalog against the sourced reference sheet (a copy lives in
// test/fixtures/reference; see its README). Rules:
// - a value the reference gives must be in the catalog, unchanged (units as in
//   the reference: GB, GB/s, W, mm, TFLOPS dense);
// - a value the reference leaves blank ("not verified") must be null in the
//   catalog, unless the part cites its own source for that field
//   (`sources[].covers`) or the exception list below explains the derivation.
// Each test collects every mismatch and prints them all.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import type { CatalogPart, PartOf } from '#core/catalog/part';
import {
  csvRows,
  exactCount,
  fixture,
  leadingInt,
  markdownTable,
  num,
  psuBands,
  psuHeadline,
  psuLowLine,
  text,
  urls,
  yesNo,
  type Band,
  type Row,
} from './reference';

type Problems = string[];

/** Values the reference leaves blank but the catalog may hold, with why (part id → field → reason). */
const DERIVED: Record<string, Record<string, string>> = {
  'cpu.amd.epyc-7551': {
    pcieLanesPerSocketIn2P:
      'EPYC 7001 family fact (64 lanes per socket go to xGMI in 2P), stated in the 7251/7601 rows from the same three sources this row cites',
  },
  'nic.mellanox.connectx-5-vpi-edr': {
    portSpeedGbps: 'EDR (ibRate, sourced) is 100 Gb/s by definition: 4 lanes × 25.78125 Gb/s 64b/66b (reference, ConnectX-4 EDR row)',
  },
};

const covered = (part: CatalogPart, field: string) => part.sources.some((s) => s.covers?.includes(field)) || DERIVED[part.id]?.[field] !== undefined;

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Compares one field: reference value (null = blank) against the catalog's. */
function check(problems: Problems, part: CatalogPart, field: string, ref: unknown, actual: unknown) {
  if (ref === null || ref === undefined) {
    if (actual !== null && actual !== undefined && !covered(part, field))
      problems.push(`${part.id}.${field}: catalog ${JSON.stringify(actual)}, reference blank and no source covers it (should be null)`);
    return;
  }
  if (!same(ref, actual)) problems.push(`${part.id}.${field}: catalog ${JSON.stringify(actual)}, reference ${JSON.stringify(ref)}`);
}

function byCategory<C extends CatalogPart['category']>(category: C): PartOf<C>[] {
  return builtinParts.filter((p): p is PartOf<C> => p.category === category);
}

/**
 * Parts added after the reference sheet (GPU coverage from datasheets) have no
 * row: each of their figures must then name the source that backs it.
 */
const BEYOND_REFERENCE_FIELDS = ['vramGB', 'memBandwidthGBps', 'fp16Tflops', 'int8Tops', 'tdpW', 'pcieGen', 'pcieLanes', 'lengthMm', 'slotWidth'] as const;
function beyondReference(problems: Problems, part: PartOf<'gpu'>) {
  if (part.sources.length === 0) problems.push(`${part.id}: no reference row and no source`);
  for (const f of BEYOND_REFERENCE_FIELDS)
    if (part.specs[f] !== null && !covered(part, f)) problems.push(`${part.id}.${f}: no reference row and no source covers it`);
}

/** CPUs the reference sheet does not list (the workstation and desktop platforms): every figure names the source that backs it. */
const CPU_BEYOND_REFERENCE_FIELDS = [
  'cores',
  'baseGHz',
  'tdpW',
  'pcieGen',
  'pcieLanes',
  'pcieLanesPerSocketIn2P',
  'memoryChannels',
  'memType',
  'maxMemMTps',
  'rootComplexes',
] as const;
function cpuBeyondReference(problems: Problems, part: PartOf<'cpu'>) {
  if (part.sources.length === 0) problems.push(`${part.id}: no reference row and no source`);
  for (const f of CPU_BEYOND_REFERENCE_FIELDS)
    if (part.specs[f] !== null && !covered(part, f)) problems.push(`${part.id}.${f}: no reference row and no source covers it`);
}

function mapRows<P extends CatalogPart>(
  problems: Problems,
  rows: Row[],
  parts: P[],
  idsFor: (row: Row) => string[],
  unmatched?: (part: P) => void,
): [Row, P][] {
  const pairs: [Row, P][] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const id of idsFor(row)) {
      const part = parts.find((p) => p.id === id);
      if (!part) problems.push(`reference row "${row.name}" has no catalog part ${id}`);
      else {
        pairs.push([row, part]);
        seen.add(id);
      }
    }
  }
  for (const p of parts) {
    if (seen.has(p.id)) continue;
    if (unmatched) unmatched(p);
    else problems.push(`catalog part ${p.id} has no reference row`);
  }
  return pairs;
}

// ---------------------------------------------------------------- GPUs

const GPU_CONNECTORS: Record<string, PartOf<'gpu'>['specs']['powerConnectors']> = {
  '1x 8-pin CPU (EPS-12V)': [{ kind: 'eps-12v-8pin', count: 1 }],
  'none (slot powered)': [],
  'SXM2 board power': [{ kind: 'baseboard', count: 1 }],
  'SXM4 board power': [{ kind: 'baseboard', count: 1 }],
  'SXM5 board power': [{ kind: 'baseboard', count: 1 }],
  '1x PCIe CEM5 16-pin': [{ kind: '12vhpwr', count: 1 }],
  '1x 6-pin PCIe': [{ kind: 'pcie-6pin', count: 1 }],
  '1x 8-pin (typical partner card; varies)': [{ kind: 'pcie-8pin', count: 1 }],
  '1x 12-pin (Founders Ed.); partner cards 2-3x 8-pin': [{ kind: '12pin-nvidia', count: 1 }],
  '1x 16-pin (12VHPWR)': [{ kind: '12vhpwr', count: 1 }],
  '1x 16-pin (12V-2x6)': [{ kind: '12v-2x6', count: 1 }],
  '2x 8-pin PCIe': [{ kind: 'pcie-8pin', count: 2 }],
  '1x 6-pin + 1x 8-pin (TechPowerUp)': [
    { kind: 'pcie-6pin', count: 1 },
    { kind: 'pcie-8pin', count: 1 },
  ],
  '2x 8-pin (reference)': [{ kind: 'pcie-8pin', count: 2 }],
};

function gpuCooling(cell: string | null): string[] | null {
  if (cell === null) return null;
  if (cell === 'open-air (blower)') return ['open-air', 'blower']; // TITAN V: the reference names both
  const m = /^(passive|blower|open-air|active)\b/.exec(cell);
  if (!m) throw new Error(`cooling not understood: "${cell}"`);
  return [m[1]!];
}

function gpuLinkKind(cell: string | null, vendor: string): string | null {
  if (cell === null) return null;
  if (cell === 'none') return 'none';
  if (cell.startsWith('SXM (NVLink')) return 'nvlink-sxm';
  if (cell.startsWith('bridge')) return vendor === 'AMD' ? 'infinity-fabric-link' : 'nvlink-bridge';
  if (cell.startsWith('proprietary C2C')) return 'groq-c2c';
  throw new Error(`nvlink cell not understood: "${cell}"`);
}

function checkGpuLink(problems: Problems, part: PartOf<'gpu'>, row: Row) {
  const cell = text(row.nvlink);
  const link = part.specs.gpuLink;
  check(problems, part, 'gpuLink.kind', gpuLinkKind(cell, row.vendor!), link?.kind ?? null);
  if (!link || cell === null) return;
  const numbers = [...cell.matchAll(/(\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
  const perLink = /(\d+) links x (\d+(?:\.\d+)?) GB\/s/.exec(cell);
  if (link.bandwidthGBps !== null) {
    const ok =
      [...cell.matchAll(/(\d+(?:\.\d+)?) GB\/s/g)].some((m) => Number(m[1]) === link.bandwidthGBps) ||
      (perLink !== null && Number(perLink[1]) * Number(perLink[2]) === link.bandwidthGBps);
    if (!ok) problems.push(`${part.id}.gpuLink.bandwidthGBps: catalog ${link.bandwidthGBps}, reference "${cell}"`);
    const dir = /bidir/.test(cell) ? 'bidirectional' : /\buni\b/.test(cell) ? 'per-direction' : null;
    check(problems, part, 'gpuLink.bandwidthDirection', dir, link.bandwidthDirection);
  }
  const gen = /NVLink (\d)/.exec(cell);
  check(problems, part, 'gpuLink.gen', gen ? Number(gen[1]) : null, link.gen);
  if (link.links !== null && !numbers.includes(link.links)) problems.push(`${part.id}.gpuLink.links: catalog ${link.links}, reference "${cell}"`);
  const ways = /(\d)-way/.exec(cell);
  check(problems, part, 'gpuLink.bridgeWays', ways ? Number(ways[1]) : null, link.bridgeWays);
}

describe('catalog GPUs against reference gpus.csv', () => {
  const problems: Problems = [];
  const rows = csvRows('gpus.csv');
  const gpus = byCategory('gpu');
  const pairs = mapRows(
    problems,
    rows,
    gpus,
    (row) => {
      const hit = gpus.find((g) => g.model === row.name) ?? gpus.find((g) => row.name!.startsWith(`${g.model} (`));
      return [hit?.id ?? `<no model "${row.name}">`];
    },
    (part) => beyondReference(problems, part),
  );

  it('has one catalog entry per reference row', () => {
    expect(rows.length).toBe(47);
    expect(pairs.length).toBe(rows.length);
  });

  it('every GPU fact matches or is null where the reference is blank', () => {
    for (const [row, part] of pairs) {
      const s = part.specs;
      check(problems, part, 'vendor', row.vendor, part.vendor);
      check(problems, part, 'architecture', text(row.architecture), s.architecture);
      check(problems, part, 'vramGB', num(row.vram_GB), s.vramGB);
      check(problems, part, 'memType', text(row.mem_type), s.memType);
      check(problems, part, 'memBandwidthGBps', num(row.mem_bandwidth_GBps), s.memBandwidthGBps);
      check(problems, part, 'fp16Tflops', num(row.fp16_tflops), s.fp16Tflops);
      check(problems, part, 'bf16', yesNo(row.bf16), s.bf16);
      check(problems, part, 'int8Tops', num(row.int8_tops), s.int8Tops);
      check(problems, part, 'tdpW', num(row.tdp_W), s.tdpW);
      check(problems, part, 'pcieGen', num(row.pcie_gen), s.pcieGen);
      check(problems, part, 'pcieLanes', num(row.pcie_lanes), s.pcieLanes);
      const slot = text(row.slot_width);
      if (slot !== null && /^SXM\d$/.test(slot)) {
        check(problems, part, 'formFactor', slot.toLowerCase(), s.formFactor);
        check(problems, part, 'slotWidth', null, s.slotWidth);
      } else {
        check(problems, part, 'formFactor', 'pcie', s.formFactor);
        check(problems, part, 'slotWidth', num(row.slot_width), s.slotWidth);
      }
      check(problems, part, 'lengthMm', num(row.length_mm), s.lengthMm);
      const conn = text(row.power_connectors);
      if (conn !== null && !(conn in GPU_CONNECTORS)) problems.push(`${part.id}: power connector cell not mapped: "${conn}"`);
      else check(problems, part, 'powerConnectors', conn === null ? null : GPU_CONNECTORS[conn], s.powerConnectors);
      const cooling = gpuCooling(text(row.cooling));
      if (cooling === null) check(problems, part, 'cooling', null, s.cooling);
      else if (!cooling.includes(s.cooling ?? '')) problems.push(`${part.id}.cooling: catalog ${s.cooling}, reference "${row.cooling}"`);
      checkGpuLink(problems, part, row);
      const p2p = { yes: 'yes', 'driver-disabled': 'driver-disabled', 'n/a': 'not-applicable', '': 'unknown' }[row.p2p_over_pcie!.trim()];
      check(problems, part, 'p2pOverPcie', p2p ?? `<unmapped "${row.p2p_over_pcie}">`, s.p2pOverPcie);
      // Multi-GPU boards: the reference notes give the split.
      const devices = /Dual-GPU board/.test(row.notes ?? '') ? 2 : /Four GPUs on one board/.test(row.notes ?? '') ? 4 : 1;
      check(problems, part, 'devicesPerBoard', devices, s.devicesPerBoard);
      // On-die SRAM (GroqCard): the reference's VRAM column holds it in GB.
      check(problems, part, 'sramMB', /SRAM/i.test(row.mem_type ?? '') ? num(row.vram_GB)! * 1000 : null, s.sramMB);
      // Prices come from the used-price table, which carries and checks its own sources (test/unit/prices).
      // The catalog cites every URL the reference row cites.
      for (const u of urls(row.source_urls))
        if (/^https?:/.test(u) && !part.sources.some((s) => s.url === u)) problems.push(`${part.id}: reference source missing: ${u}`);
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------- CPUs

function interconnectKind(cell: string | null): 'qpi' | 'upi' | 'infinity-fabric' | null {
  if (cell === null) return null;
  if (cell.startsWith('QPI')) return 'qpi';
  if (cell.startsWith('UPI')) return 'upi';
  if (cell.startsWith('Infinity Fabric')) return 'infinity-fabric';
  throw new Error(`interconnect not understood: "${cell}"`);
}

describe('catalog CPUs against reference cpus.csv', () => {
  const problems: Problems = [];
  const rows = csvRows('cpus.csv');
  const cpus = byCategory('cpu');
  const pairs = mapRows(
    problems,
    rows,
    cpus,
    (row) => [cpus.find((c) => c.model === row.name!.replace(/ \(v1\)$/, ''))?.id ?? `<no model "${row.name}">`],
    (part) => cpuBeyondReference(problems, part),
  );

  it('has one catalog entry per reference row', () => {
    expect(rows.length).toBe(28);
    expect(pairs.length).toBe(rows.length);
  });

  it('every CPU fact matches or is null where the reference is blank', () => {
    for (const [row, part] of pairs) {
      const s = part.specs;
      check(problems, part, 'family', text(row.family), s.family);
      check(problems, part, 'socket', text(row.socket), s.socket);
      check(problems, part, 'cores', num(row.cores), s.cores);
      check(problems, part, 'baseGHz', num(row.base_GHz), s.baseGHz);
      check(problems, part, 'tdpW', num(row.tdp_W), s.tdpW);
      check(problems, part, 'pcieGen', num(row.pcie_gen), s.pcieGen);
      check(problems, part, 'pcieLanes', leadingInt(row.pcie_lanes_per_socket), s.pcieLanes);
      const lanes = text(row.pcie_lanes_per_socket);
      const in2p = lanes === null ? null : /(\d+) usable per socket in 2P/.exec(lanes);
      const kind = interconnectKind(text(row.socket_interconnect));
      // Intel QPI/UPI are not PCIe lanes, so a 2-socket Xeon keeps its per-socket lanes.
      const expected2p = in2p ? Number(in2p[1]) : lanes !== null && /^\d+$/.test(lanes) && (kind === 'qpi' || kind === 'upi') ? Number(lanes) : null;
      check(problems, part, 'pcieLanesPerSocketIn2P', expected2p, s.pcieLanesPerSocketIn2P);
      check(problems, part, 'memoryChannels', num(row.memory_channels), s.memoryChannels);
      const mem = text(row.max_mem_speed);
      const memM = mem === null ? null : /^(DDR\d)(?:-(\d+))?/.exec(mem);
      if (mem !== null && !memM) problems.push(`${part.id}: max_mem_speed not understood: "${mem}"`);
      check(problems, part, 'memType', memM ? memM[1] : null, s.memType);
      check(problems, part, 'maxMemMTps', memM?.[2] ? Number(memM[2]) : null, s.maxMemMTps);
      check(problems, part, 'interconnect.kind', kind, s.interconnect?.kind ?? null);
      const links = text(row.interconnect_links_bandwidth);
      const linksM = links === null ? null : /^(\d+) (?:x16 )?links?\b/.exec(links);
      check(problems, part, 'interconnect.links', linksM ? Number(linksM[1]) : null, s.interconnect?.links ?? null);
      const speed = links === null ? null : /@ (\d+(?:\.\d+)?) GT\/s/.exec(links);
      check(problems, part, 'interconnect.speedGTps', speed ? Number(speed[1]) : null, s.interconnect?.speedGTps ?? null);
      check(problems, part, 'rootComplexes', leadingInt(row.root_complexes_per_socket), s.rootComplexes);
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------- NICs and PCIe switches

const NIC_IDS: Record<string, string> = {
  'ConnectX-3 VPI (e.g. MCX354A-FCBT)': 'nic.mellanox.connectx-3-vpi-fdr',
  'ConnectX-4 VPI FDR (MCX453A/MCX454A-FCAT)': 'nic.mellanox.connectx-4-vpi-fdr-x8',
  'ConnectX-4 VPI FDR (MCX455A/MCX456A-FCAT)': 'nic.mellanox.connectx-4-vpi-fdr-x16',
  'ConnectX-4 VPI EDR (MCX455A/MCX456A-ECAT)': 'nic.mellanox.connectx-4-vpi-edr',
  'ConnectX-4 EN 50GbE (MCX413A/414A-GCAT x8; MCX415A/416A-GCAT x16)': 'nic.mellanox.connectx-4-en-50g',
  'ConnectX-4 EN 100GbE (MCX415A/416A-CCAT)': 'nic.mellanox.connectx-4-en-100g',
  'ConnectX-5 VPI Socket Direct (MCX556M-ECAT-S25)': 'nic.mellanox.connectx-5-vpi-socket-direct',
  'ConnectX-5 (standard)': 'nic.mellanox.connectx-5-vpi-edr',
  'ConnectX-6': 'nic.mellanox.connectx-6-vpi-hdr',
  'ConnectX-7': 'nic.nvidia.connectx-7',
  'BlueField-3 B3220 (integrated ConnectX-7)': 'nic.nvidia.bluefield-3-b3220',
  'Intel X540-T2': 'nic.intel.x540-t2',
  'Intel X520-DA2': 'nic.intel.x520-da2',
  'Intel X710-DA2/DA4': 'nic.intel.x710-da2',
  'Intel Omni-Path 100 HFI (100HFA016)': 'nic.intel.omni-path-100-hfi',
};

const SWITCH_IDS: Record<string, string[]> = {
  'PLX/Broadcom PEX8747': ['pcie-switch.broadcom.pex8747'],
  'PLX/Broadcom PEX8749': ['pcie-switch.broadcom.pex8749'],
  'PLX/Broadcom PEX8796': ['pcie-switch.broadcom.pex8796'],
  'Broadcom PEX9797 (PEX9700 family)': ['pcie-switch.broadcom.pex9797'],
  'Broadcom PEX88096 (PEX88000 family)': ['pcie-switch.broadcom.pex88096'],
  'Broadcom PEX89104 / PEX89048 (PEX89000 family)': ['pcie-switch.broadcom.pex89104', 'pcie-switch.broadcom.pex89048'],
};

describe('catalog NICs and PCIe switches against reference nics_switches.csv', () => {
  const rows = csvRows('nics_switches.csv');
  const nicRows = rows.filter((r) => r.kind !== 'PCIe switch');
  const switchRows = rows.filter((r) => r.kind === 'PCIe switch');

  it('every NIC fact matches or is null where the reference is blank', () => {
    const problems: Problems = [];
    const pairs = mapRows(problems, nicRows, byCategory('nic'), (row) => [NIC_IDS[row.name!] ?? `<unmapped "${row.name}">`]);
    for (const [row, part] of pairs) {
      const s = part.specs;
      const speed = text(row.port_speed);
      check(problems, part, 'kind', { NIC: row.name!.includes('Omni-Path') ? 'hfi' : 'nic', DPU: 'dpu' }[row.kind!], s.kind);
      check(problems, part, 'ports', exactCount(row.ports), s.ports);
      const speeds = speed === null ? [] : [...speed.matchAll(/(\d+)/g)].map((m) => Number(m[1]));
      check(problems, part, 'portSpeedGbps', speeds.length ? Math.max(...speeds) : null, s.portSpeedGbps);
      const protocols =
        speed === null
          ? null
          : [
              ...(/\bIB\b|FDR|EDR|HDR|NDR/.test(speed) ? ['infiniband'] : []),
              ...(/Eth|GbE|GBASE/.test(speed) ? ['ethernet'] : []),
              ...(/OPA/.test(speed) ? ['omni-path'] : []),
            ];
      // The reference names the protocols it saw; the catalog may list more only with a source for them.
      if (protocols === null) check(problems, part, 'protocols', null, s.protocols);
      else if (!protocols.every((x) => s.protocols?.includes(x as 'infiniband')) || (s.protocols!.length > protocols.length && !covered(part, 'protocols')))
        problems.push(`${part.id}.protocols: catalog ${JSON.stringify(s.protocols)}, reference ${JSON.stringify(protocols)} and no source covers the rest`);
      const ib = speed === null ? null : /(NDR200|FDR|EDR|HDR|NDR)/.exec(speed);
      check(problems, part, 'ibRate', ib ? ib[1] : null, s.ibRate);
      const conn = /\((QSFP\d*\+?|SFP\+)\)/.exec(row.ports ?? '') ?? /(SFP\+)/.exec(speed ?? '');
      // A sourced, more specific name ("QSFP28" for the reference's "QSFP") is a refinement, not a conflict.
      const refinesConn = conn !== null && s.connector !== null && s.connector.startsWith(conn[1]!) && covered(part, 'connector');
      if (!refinesConn) check(problems, part, 'connector', conn ? conn[1] : null, s.connector);
      check(problems, part, 'pcieGen', leadingInt(row.pcie_gen), s.pcieGen);
      const lanes = text(row.pcie_lanes);
      const lanesM = lanes === null ? null : /^(?:\d+x)?(\d+)(?: \(.*\))?$/.exec(lanes); // "2x8 (two cards)" = x8 per card; "8 or 16" = unknown
      check(problems, part, 'pcieLanes', lanesM ? Number(lanesM[1]) : null, s.pcieLanes);
      check(problems, part, 'rdma', yesNo(row.rdma), s.rdma);
      const roce = /\((RoCE|iWARP)\)/.exec(row.rdma ?? '');
      check(problems, part, 'rdmaOverEthernet', roce ? roce[1] : null, s.rdmaOverEthernet);
      check(problems, part, 'gpudirectRdma', yesNo(row.gpudirect_rdma), s.gpudirectRdma);
      check(problems, part, 'typicalPowerW', num(row.typical_power_W), s.typicalPowerW);
    }
    expect(problems).toEqual([]);
  });

  it('every PCIe switch fact matches or is null where the reference is blank', () => {
    const problems: Problems = [];
    const pairs = mapRows(problems, switchRows, byCategory('pcie-switch'), (row) => SWITCH_IDS[row.name!] ?? [`<unmapped "${row.name}">`]);
    for (const [row, part] of pairs) {
      const s = part.specs;
      check(problems, part, 'pcieGen', num(row.pcie_gen), s.pcieGen);
      // "97 (implied by part number)" is a guess from the name: it stays unknown.
      check(problems, part, 'lanes', /implied/.test(row.switch_lanes ?? '') ? null : exactCount(row.switch_lanes), s.lanes);
      check(problems, part, 'ports', exactCount(row.switch_ports), s.ports);
      check(problems, part, 'typicalPowerW', num(row.typical_power_W), s.typicalPowerW);
      check(problems, part, 'latencyNs', num(row.cut_through_latency_ns), s.latencyNs);
      const host = /Up to (\d+) (?:upstream\/)?host ports/i.exec(row.notes ?? '');
      check(problems, part, 'maxHostPorts', host ? Number(host[1]) : null, s.maxHostPorts);
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------- PSUs

const PSU_ROWS: Record<string, string> = {
  'Supermicro PWS-2K05A-1R': 'psu.supermicro.pws-2k05a-1r',
  'Supermicro PWS-2K08A-1R': 'psu.supermicro.pws-2k08a-1r',
  'Supermicro 2000 W Titanium module in AS-4124GS-TNR+': 'psu.supermicro.titanium-2000w-as-4124gs',
  'Supermicro 2200 W Titanium module in SYS-740GP-TNRT': 'psu.supermicro.titanium-2200w-sys-740gp',
  'Supermicro PWS-2K20A-1R': 'psu.supermicro.pws-2k20a-1r',
  'Supermicro PWS-2K04A-1R': 'psu.supermicro.pws-2k04a-1r',
  'Supermicro PWS-1K62A-1R': 'psu.supermicro.pws-1k62a-1r',
  'Supermicro PWS-1K66P-1R': 'psu.supermicro.pws-1k66p-1r',
  'ASUS ESC8000 G4 PSU': 'psu.delta.dps-2200ab-2-e',
};

const sortBands = (b: Band[]) => [...b].sort((x, y) => x.minVolts - y.minVolts || x.maxVolts - y.maxVolts || x.outputW - y.outputW);

describe('catalog PSUs against reference psus_power.md', () => {
  const md = fixture('psus_power.md');
  const table = markdownTable(md, 'Low-line vs high-line PSU output');
  const psus = byCategory('psu');

  it('every tabulated PSU: high-line headline and steps, low-line output, efficiency', () => {
    const problems: Problems = [];
    let matched = 0;
    for (const [model, high, low, eff, source] of table) {
      const key = Object.keys(PSU_ROWS).find((k) => model!.startsWith(k));
      if (!key) continue; // Dell / HPE / ASUS ESC4000 / Gigabyte rows: nothing sourced, no catalog entry claims them
      matched++;
      const part = psus.find((p) => p.id === PSU_ROWS[key]);
      if (!part) {
        problems.push(`no catalog part ${PSU_ROWS[key]}`);
        continue;
      }
      const s = part.specs;
      check(problems, part, 'ratedOutputHighLineW', psuHeadline(high!), s.ratedOutputHighLineW);
      const lowW = psuLowLine(low!);
      check(problems, part, 'ratedOutputLowLineW', lowW, s.ratedOutputLowLineW);
      const bands = [...(lowW !== null ? [{ minVolts: 100, maxVolts: 127, outputW: lowW }] : []), ...psuBands(high!)];
      check(problems, part, 'outputByInput', bands.length ? sortBands(bands) : null, s.outputByInput ? sortBands(s.outputByInput) : null);
      check(problems, part, 'efficiency', /Titanium/.test(eff!) ? '80plus-titanium' : null, s.efficiency);
      const amps = /input current ([\d.]+)-([\d.]+) A/.exec(low!);
      check(problems, part, 'maxInputAmpsLowLine', amps ? Math.max(Number(amps[1]), Number(amps[2])) : null, s.maxInputAmpsLowLine);
      check(problems, part, 'inlet', /\bC14 inlet\b/.test(source!) ? 'C14' : null, s.inlet);
    }
    expect(matched).toBe(Object.keys(PSU_ROWS).length);
    expect(problems).toEqual([]);
  });

  it('the PSU facts stated in prose: Dell Titanium is 240 V only, DPS-1600AB input current', () => {
    expect(md).toMatch(/except Titanium PSUs, which support only 240 V/);
    const dell = psus.find((p) => p.id === 'psu.dell.titanium-240v-only')!;
    expect(dell.specs.ratedOutputLowLineW).toBe(0);
    expect(dell.specs.ratedOutputHighLineW).toBeNull();
    const m = /DPS-1600AB\) draws a maximum of ([\d.]+) A at 110 V and ([\d.]+) A at 240 V/.exec(md);
    expect(m).not.toBeNull();
    const delta = psus.find((p) => p.id === 'psu.delta.dps-1600ab')!;
    expect(delta.specs.maxInputAmpsLowLine).toBe(Number(m![1]));
    expect(delta.specs.maxInputAmpsHighLine).toBe(Number(m![2]));
    expect(delta.specs.ratedOutputLowLineW).toBeNull();
  });

  it('no PSU has a low-line rating without a source that states one', () => {
    for (const p of psus)
      if (p.specs.ratedOutputLowLineW !== null)
        expect(
          ['psu.supermicro.pws-2k05a-1r', 'psu.supermicro.titanium-2000w-as-4124gs', 'psu.supermicro.titanium-2200w-sys-740gp', 'psu.dell.titanium-240v-only'],
          p.id,
        ).toContain(p.id);
  });
});

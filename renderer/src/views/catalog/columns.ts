// The catalog table's columns per category: what each shows, its unit, the value
// it sorts and filters by, and whether catalog:list can do that itself (plain
// spec fields and the derived ones) or the view must (counts over a board's
// topology, nested chassis fields). Unknown is null here and "unknown" on screen.
import type { CatalogEntry } from '#core/api/catalog';
import type { CatalogPart, PartCategory } from '#core/catalog/part';
import { categoryName } from '#core/catalog/part';
import { unitOf } from '#core/catalog/format';
import { moneyText } from '../../lib/format';

export type CellValue = number | string | boolean | null;

export interface Column {
  /** Unique per category; the field name catalog:list sorts and filters by when `server` is true. */
  key: string;
  label: string;
  /** Full header text (tooltip and accessible name of the filter inputs). */
  title: string;
  unit: string | null;
  numeric: boolean;
  /** Offers min/max inputs. */
  rangeable: boolean;
  /** catalog:list knows this field (fieldValue in core); otherwise the view sorts and filters it. */
  server: boolean;
  value(entry: CatalogEntry): CellValue;
  /** Display text for a known value; the default is the number with its unit. */
  text?(entry: CatalogEntry): string | null;
  /** Why a derived value is unknown (the facts it needs). */
  needs?(entry: CatalogEntry): string;
}

export const CATEGORY_TABS: { id: PartCategory | 'all'; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'gpu', label: 'GPU' },
  { id: 'cpu', label: 'CPU' },
  { id: 'board', label: 'Board' },
  { id: 'chassis', label: 'System' },
  { id: 'nic', label: 'NIC' },
  { id: 'psu', label: 'PSU' },
  { id: 'memory', label: 'Memory' },
  { id: 'storage', label: 'Storage' },
  { id: 'riser', label: 'Riser' },
  { id: 'bridge', label: 'NVLink bridge' },
  { id: 'pcie-switch', label: 'PCIe switch' },
  { id: 'rack', label: 'Rack' },
  { id: 'pdu', label: 'PDU' },
  { id: 'cable', label: 'Cable' },
  { id: 'other', label: 'Other' },
];

export { categoryName };

export function partName(part: Pick<CatalogPart, 'vendor' | 'model'>): string {
  return `${part.vendor} ${part.model}`.trim();
}

/** A number as engineers read it: thousands separated, at most three decimals, small ratios to three significant digits. */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const abs = Math.abs(n);
  if (abs < 1) return n.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  return n.toLocaleString('en-US', { maximumFractionDigits: abs < 10 ? 2 : abs < 100 ? 1 : 0 });
}

export function withUnit(n: number, unit: string | null): string {
  return unit ? `${numberText(n)} ${unit}` : numberText(n);
}

function specsOf(part: CatalogPart): Record<string, unknown> {
  return part.specs as Record<string, unknown>;
}

/** A top-level spec value, or null when missing or not a scalar. */
export function specValue(part: CatalogPart, key: string): CellValue {
  const v = specsOf(part)[key];
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;
}

const yesNo = (v: CellValue): string | null => (v === null ? null : v === true ? 'yes' : v === false ? 'no' : String(v));

function spec(key: string, label: string, title: string, opts: Partial<Column> = {}): Column {
  const unit = opts.unit !== undefined ? opts.unit : unitOf(key);
  return {
    key,
    label,
    title,
    unit,
    numeric: true,
    rangeable: true,
    server: true,
    value: (e) => specValue(e.part, key),
    ...opts,
  };
}

function textSpec(key: string, label: string, title: string, opts: Partial<Column> = {}): Column {
  return spec(key, label, title, { unit: null, numeric: false, rangeable: false, text: (e) => yesNo(specValue(e.part, key)), ...opts });
}

/** "4.0 x16" from a gen and a width, "? x16" when only one is known. */
export function pcieText(gen: number | null, lanes: number | null): string | null {
  if (gen === null && lanes === null) return null;
  return `${gen === null ? '?' : `${gen}.0`} x${lanes === null ? '?' : lanes}`;
}

const pcieColumn = (genKey = 'pcieGen', lanesKey = 'pcieLanes'): Column =>
  spec(genKey, 'PCIe', 'PCIe generation and lanes (sorts and filters by generation)', {
    unit: null,
    rangeable: true,
    text: (e) => pcieText(specValue(e.part, genKey) as number | null, specValue(e.part, lanesKey) as number | null),
  });

const PRICE: Column = {
  key: 'priceMinor',
  label: 'Used price',
  title: 'Typical used price (where and when it was seen is in the detail pane)',
  unit: null,
  numeric: true,
  rangeable: true,
  // The view filters in whole currency units; catalog:list's priceMinor is in cents.
  server: false,
  value: (e) => (e.part.typicalUsedPrice ? e.part.typicalUsedPrice.amountMinor / 100 : null),
  text: (e) => (e.part.typicalUsedPrice ? moneyText(e.part.typicalUsedPrice.amountMinor, e.part.typicalUsedPrice.currency).replace(/\.00$/, '') : null),
};

function priceNeed(e: CatalogEntry): string | null {
  const p = e.part.typicalUsedPrice;
  if (!p) return 'the typical used price is unknown';
  if (p.currency !== 'USD') return `the price is in ${p.currency} and is not converted`;
  return null;
}

const GBPS_PER_DOLLAR: Column = {
  key: 'gbpsPerDollar',
  label: 'GB/s per $',
  title: 'Memory bandwidth per US dollar of typical used price',
  unit: 'GB/s/$',
  numeric: true,
  rangeable: true,
  server: true,
  value: (e) => e.gbpsPerDollar,
  needs: (e) =>
    `Needs the bandwidth and a USD price: ${[specValue(e.part, 'memBandwidthGBps') === null ? 'the bandwidth is unknown' : null, priceNeed(e)].filter(Boolean).join('; ') || 'not computable'}.`,
};

const VRAM_PER_DOLLAR: Column = {
  key: 'vramGBPerDollar',
  label: 'GB per $',
  title: 'GB of VRAM per US dollar of typical used price',
  unit: 'GB/$',
  numeric: true,
  rangeable: true,
  server: true,
  value: (e) => e.vramGBPerDollar,
  needs: (e) =>
    `Needs the VRAM and a USD price: ${[specValue(e.part, 'vramGB') === null ? 'the VRAM is unknown' : null, priceNeed(e)].filter(Boolean).join('; ') || 'not computable'}.`,
};

const P2P_TEXT: Record<string, string | null> = { yes: 'yes', 'driver-disabled': 'off (driver)', unknown: null, 'not-applicable': 'n/a' };

function boardOf(part: CatalogPart) {
  return part.category === 'board' ? part.specs : null;
}

function boardCount(key: string, label: string, title: string, count: (b: NonNullable<ReturnType<typeof boardOf>>) => number | null): Column {
  return {
    key,
    label,
    title,
    unit: null,
    numeric: true,
    rangeable: true,
    server: false,
    value: (e) => {
      const b = boardOf(e.part);
      return b ? count(b) : null;
    },
  };
}

function chassisValue(part: CatalogPart, pick: (c: Extract<CatalogPart, { category: 'chassis' }>['specs']) => CellValue): CellValue {
  return part.category === 'chassis' ? pick(part.specs) : null;
}

function chassisColumn(
  key: string,
  label: string,
  title: string,
  unit: string | null,
  pick: (c: Extract<CatalogPart, { category: 'chassis' }>['specs']) => CellValue,
  opts: Partial<Column> = {},
): Column {
  return { key, label, title, unit, numeric: true, rangeable: true, server: false, value: (e) => chassisValue(e.part, pick), ...opts };
}

export const COLUMNS: Record<PartCategory | 'all', Column[]> = {
  all: [
    {
      key: 'category',
      label: 'Category',
      title: 'Category',
      unit: null,
      numeric: false,
      rangeable: false,
      server: true,
      value: (e) => e.part.category,
      text: (e) => categoryName(e.part.category),
    },
    {
      key: 'summary',
      label: 'Key specs',
      title: 'The specs that matter most for this kind of part',
      unit: null,
      numeric: false,
      rangeable: false,
      server: false,
      value: (e) => keySpecs(e.part),
      text: (e) => keySpecs(e.part),
    },
    PRICE,
  ],
  gpu: [
    spec('vramGB', 'VRAM', 'Memory (board total)'),
    spec('memBandwidthGBps', 'Bandwidth', 'Memory bandwidth'),
    spec('fp16Tflops', 'FP16', 'Dense FP16 throughput (see notes for the accumulate mode)'),
    spec('int8Tops', 'INT8', 'Dense INT8 throughput'),
    spec('tdpW', 'TDP', 'Board power (TDP)'),
    pcieColumn(),
    spec('slotWidth', 'Width', 'Slots the card occupies (SXM/OAM modules sit on a baseboard)', {
      unit: null,
      value: (e) => {
        const form = specValue(e.part, 'formFactor');
        return specValue(e.part, 'slotWidth') ?? (typeof form === 'string' && form !== 'pcie' ? form.toUpperCase() : null);
      },
      text: (e) => {
        const w = specValue(e.part, 'slotWidth');
        const form = specValue(e.part, 'formFactor');
        return typeof w === 'number' ? `${numberText(w)}-slot` : typeof form === 'string' && form !== 'pcie' ? form.toUpperCase() : null;
      },
    }),
    textSpec('p2pOverPcie', 'P2P', 'Peer-to-peer DMA over PCIe (GeForce: disabled by the driver)', {
      text: (e) => P2P_TEXT[String(specValue(e.part, 'p2pOverPcie'))] ?? null,
      value: (e) => (P2P_TEXT[String(specValue(e.part, 'p2pOverPcie'))] ? specValue(e.part, 'p2pOverPcie') : null),
    }),
    PRICE,
    GBPS_PER_DOLLAR,
    VRAM_PER_DOLLAR,
  ],
  cpu: [
    spec('cores', 'Cores', 'Cores', { unit: null }),
    spec('baseGHz', 'Base', 'Base clock'),
    spec('tdpW', 'TDP', 'TDP'),
    spec('pcieLanes', 'Lanes', 'PCIe lanes of one socket (1-socket system)', { unit: null }),
    spec('pcieGen', 'Gen', 'PCIe generation', { unit: null }),
    spec('memoryChannels', 'Mem ch', 'Memory channels per socket', { unit: null }),
    textSpec('memType', 'Memory', 'Memory type'),
    textSpec('socket', 'Socket', 'Socket'),
    PRICE,
  ],
  board: [
    textSpec('formFactor', 'Form factor', 'Form factor'),
    boardCount('sockets', 'Sockets', 'CPU sockets', (b) => b.sockets.length),
    boardCount('rootComplexes', 'Root cx', 'Root complexes (host bridges)', (b) => b.rootComplexes.length),
    boardCount('switches', 'Switches', 'PCIe switches', (b) => b.pcieSwitches.length),
    boardCount('slots', 'Slots', 'Slots (PCIe, SXM, OAM …)', (b) => b.slots.length),
    boardCount('gpuSlots', 'GPU slots', 'Slots meant for a GPU', (b) => b.slots.filter((s) => s.gpu).length),
    boardCount('lanes', 'CPU lanes', 'PCIe lanes of all root complexes', (b) => b.rootComplexes.reduce((n, r) => n + r.lanes, 0)),
    {
      key: 'verified',
      label: 'Wiring',
      title: 'Whether the board wiring is verified against a source',
      unit: null,
      numeric: false,
      rangeable: false,
      server: false,
      value: (e) => (e.part.category === 'board' ? (e.part.specs.topology.verified ? 'verified' : 'unverified') : null),
    },
    PRICE,
  ],
  chassis: [
    spec('heightU', 'Height', 'Rack units'),
    chassisColumn('gpuCards', 'GPUs', 'Double-wide GPU positions', null, (c) => c.gpu.maxCards),
    chassisColumn('cardWidth', 'Card width', 'Widest card in slots', null, (c) => c.gpu.maxCardWidthSlots, {
      text: (e) => {
        const w = chassisValue(e.part, (c) => c.gpu.maxCardWidthSlots);
        return typeof w === 'number' ? `${w}-slot` : null;
      },
    }),
    spec('psuBays', 'PSU bays', 'PSU bays', { unit: null }),
    chassisColumn('psusFitted', 'PSUs fitted', 'PSUs the system ships with', null, (c) => c.psusFitted.reduce((n, p) => n + p.count, 0)),
    spec('depthMm', 'Depth', 'Depth'),
    spec('weightKg', 'Weight', 'Weight'),
    chassisColumn('integratedBoard', 'Board', 'Board built in (barebone systems)', null, (c) => (c.integratedBoard ? 'built in' : 'none'), {
      numeric: false,
      rangeable: false,
    }),
    PRICE,
  ],
  nic: [
    spec('ports', 'Ports', 'Ports', { unit: null }),
    spec('portSpeedGbps', 'Port speed', 'Fastest rate of one port'),
    textSpec('ibRate', 'IB rate', 'InfiniBand rate'),
    pcieColumn(),
    textSpec('rdma', 'RDMA', 'RDMA'),
    spec('typicalPowerW', 'Power', 'Typical power'),
    PRICE,
  ],
  psu: [
    spec('ratedOutputHighLineW', 'High line', 'Rated output at 200–240 V'),
    spec('ratedOutputLowLineW', 'Low line', 'Rated output at 100–127 V (0 = will not run on low line)'),
    textSpec('efficiency', 'Efficiency', '80 PLUS rating'),
    textSpec('formFactor', 'Form factor', 'Form factor'),
    textSpec('inlet', 'Inlet', 'Mains inlet'),
    spec('maxInputAmpsLowLine', 'Input (low)', 'Maximum input current at low line'),
    PRICE,
  ],
  memory: [
    textSpec('type', 'Type', 'Memory type'),
    spec('sizeGB', 'Size', 'Capacity'),
    spec('speedMTps', 'Speed', 'Transfer rate'),
    textSpec('registered', 'RDIMM', 'Registered'),
    textSpec('loadReduced', 'LRDIMM', 'Load-reduced'),
    textSpec('ecc', 'ECC', 'ECC'),
    spec('ranks', 'Ranks', 'Ranks', { unit: null }),
    PRICE,
  ],
  storage: [
    textSpec('kind', 'Kind', 'Kind'),
    spec('capacityGB', 'Capacity', 'Capacity'),
    textSpec('interface', 'Interface', 'Interface'),
    textSpec('formFactor', 'Form factor', 'Form factor'),
    pcieColumn(),
    spec('seqReadMBps', 'Read', 'Sequential read'),
    spec('powerW', 'Power', 'Power'),
    PRICE,
  ],
  riser: [
    textSpec('kind', 'Kind', 'Kind'),
    spec('hostLanes', 'Host lanes', 'Lanes taken from the host slot', { unit: null }),
    spec('pcieGen', 'Gen', 'Highest PCIe generation it is rated for', { unit: null }),
    textSpec('needsBifurcation', 'Bifurcation', 'The host slot must be split in the BIOS'),
    spec('cableLengthMm', 'Cable', 'Cable length'),
    PRICE,
  ],
  bridge: [
    spec('links', 'Links', 'NVLink links (nvidia-smi shows NV<links>)', { unit: null }),
    spec('slotSpacing', 'Spacing', 'Slot positions between the two cards', { unit: null }),
    spec('bandwidthGBps', 'Bandwidth', 'NVLink bandwidth'),
    PRICE,
  ],
  'pcie-switch': [
    spec('pcieGen', 'Gen', 'PCIe generation', { unit: null }),
    spec('lanes', 'Lanes', 'Lanes of the chip', { unit: null }),
    spec('ports', 'Ports', 'Ports', { unit: null }),
    spec('typicalPowerW', 'Power', 'Typical power'),
    spec('latencyNs', 'Latency', 'Port-to-port latency'),
    PRICE,
  ],
  rack: [
    spec('heightU', 'Height', 'Rack units'),
    spec('depthMm', 'Depth', 'Outer depth'),
    spec('widthMm', 'Width', 'Width'),
    spec('maxLoadKg', 'Max load', 'Maximum load'),
    textSpec('kind', 'Kind', 'Kind'),
    PRICE,
  ],
  pdu: [
    textSpec('kind', 'Kind', 'Kind'),
    textSpec('inputPlug', 'Plug', 'Input plug'),
    spec('inputVolts', 'Volts', 'Input voltage'),
    spec('inputAmps', 'Amps', 'Input current'),
    spec('maxLoadW', 'Max load', 'Rated load'),
    spec('heightU', 'Height', 'Rack units'),
    PRICE,
  ],
  cable: [
    textSpec('kind', 'Kind', 'Kind'),
    textSpec('endA', 'End A', 'End A'),
    textSpec('endB', 'End B', 'End B'),
    spec('lengthM', 'Length', 'Length'),
    spec('ratedAmps', 'Rated', 'Rated current'),
    spec('speedGbps', 'Speed', 'Data rate'),
    PRICE,
  ],
  other: [textSpec('description', 'Description', 'Description'), spec('powerW', 'Power', 'Power'), PRICE],
};

export function columnsFor(category: PartCategory | 'all'): Column[] {
  return COLUMNS[category];
}

/** The text a cell shows for a known value, or null when the value is unknown. */
export function cellText(column: Column, entry: CatalogEntry): string | null {
  if (column.value(entry) === null) return null;
  if (column.text) return column.text(entry);
  const v = column.value(entry);
  if (typeof v === 'number') return withUnit(v, column.unit);
  return yesNo(v);
}

/** A one-line summary for the "All" tab. */
export function keySpecs(part: CatalogPart): string {
  const bits = (...xs: (string | null)[]) => xs.filter((x): x is string => x !== null).join(' · ') || '—';
  const n = (key: string, unit?: string) => {
    const v = specValue(part, key);
    return typeof v === 'number' ? withUnit(v, unit ?? unitOf(key)) : null;
  };
  switch (part.category) {
    case 'gpu':
      return bits(n('vramGB'), n('memBandwidthGBps'), n('tdpW'));
    case 'cpu':
      return bits(n('cores', 'cores'), n('baseGHz'), n('pcieLanes', 'lanes'), n('tdpW'));
    case 'board':
      return bits(
        `${part.specs.sockets.length} socket${part.specs.sockets.length === 1 ? '' : 's'}`,
        `${part.specs.slots.length} slots`,
        `${part.specs.slots.filter((s) => s.gpu).length} for GPUs`,
      );
    case 'chassis':
      return bits(
        n('heightU'),
        part.specs.gpu.maxCards === null ? 'GPUs unknown' : `${part.specs.gpu.maxCards} GPUs`,
        part.specs.psuBays === null ? 'PSU bays unknown' : `${part.specs.psuBays} PSU bays`,
      );
    case 'nic': {
      const ports = specValue(part, 'ports');
      const speed = specValue(part, 'portSpeedGbps');
      return bits(
        typeof ports === 'number' && typeof speed === 'number' ? `${ports} × ${numberText(speed)} Gb/s` : n('portSpeedGbps'),
        pcieText(specValue(part, 'pcieGen') as number | null, specValue(part, 'pcieLanes') as number | null),
      );
    }
    case 'psu':
      return bits(n('ratedOutputHighLineW') && `${n('ratedOutputHighLineW')} high line`, n('ratedOutputLowLineW') && `${n('ratedOutputLowLineW')} low line`);
    case 'memory':
      return bits(specValue(part, 'type') as string | null, n('sizeGB'), n('speedMTps'));
    case 'storage':
      return bits(specValue(part, 'kind') as string | null, n('capacityGB'));
    case 'rack':
    case 'pdu':
      return bits(n('heightU'), n('maxLoadW'));
    default:
      return bits(specValue(part, 'kind') as string | null);
  }
}

/** Words in the notes that speak about a field, to find the sentence that says why it is unknown. */
const REASON_WORDS: Record<string, RegExp> = {
  vramGB: /\b(vram|memory size|GB of)\b/i,
  memBandwidthGBps: /bandwidth/i,
  fp16Tflops: /\b(fp16|tensor)\b/i,
  int8Tops: /\bint8\b/i,
  tdpW: /\b(tdp|power)\b/i,
  slotWidth: /\bslot/i,
  lengthMm: /\blength\b/i,
  priceMinor: /\bprice/i,
  gbpsPerDollar: /\bprice/i,
  vramGBPerDollar: /\bprice/i,
  pcieGen: /\bpcie\b/i,
  p2pOverPcie: /\bp2p|peer/i,
  ratedOutputLowLineW: /low.?line|100.?127|120 ?V/i,
  ratedOutputHighLineW: /high.?line|200.?240|230 ?V/i,
  depthMm: /\bdepth\b/i,
  weightKg: /\bweigh/i,
};

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.;])\s+(?=[A-Z(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Why a fact is unknown: the notes' sentence about it when there is one, otherwise that no source gives it. */
export function unknownReason(part: CatalogPart, key: string, label: string, extra?: string): string {
  const words =
    REASON_WORDS[key] ??
    new RegExp(
      `\\b${
        label
          .replace(/[^A-Za-z0-9 ]/g, '')
          .trim()
          .split(/\s+/)[0] ?? key
      }`,
      'i',
    );
  const said = part.notes ? sentences(part.notes).find((s) => words.test(s)) : undefined;
  const parts = [extra, said ? `Notes: ${said}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'Unknown: no source for this value yet.';
}

/** "memBandwidthGBps" → "Mem bandwidth" (the unit is shown with the value). */
export function humanizeField(key: string): string {
  const bare = key.replace(
    /(GBps|MBps|Gbps|GTps|MTps|Tflops|Tops|GHz|GB|MB|Mm|Kg|Ns|W|U|Volts|Amps)(LowLine|HighLine)?$/,
    (_m, _u, line: string | undefined) => (line ? ` ${line}` : ''),
  );
  const words = bare.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Short labels for the detail pane and the edit form (the unit is shown with the value). */
const SPEC_LABELS: Record<string, string> = {
  vramGB: 'VRAM',
  memBandwidthGBps: 'Memory bandwidth',
  memType: 'Memory type',
  sramMB: 'On-chip SRAM',
  fp16Tflops: 'FP16 (dense)',
  bf16: 'BF16',
  int8Tops: 'INT8 (dense)',
  tdpW: 'TDP',
  pcieGen: 'PCIe generation',
  pcieLanes: 'PCIe lanes',
  slotWidth: 'Slot width',
  lowProfile: 'Low profile',
  lengthMm: 'Length',
  p2pOverPcie: 'P2P over PCIe',
  baseGHz: 'Base clock',
  pcieLanesPerSocketIn2P: 'PCIe lanes per socket (2P)',
  memoryChannels: 'Memory channels',
  maxMemMTps: 'Max memory speed',
  rootComplexes: 'Root complexes',
  ratedOutputHighLineW: 'Output, high line (200–240 V)',
  ratedOutputLowLineW: 'Output, low line (100–127 V)',
  maxInputAmpsLowLine: 'Max input current, low line',
  maxInputAmpsHighLine: 'Max input current, high line',
  outputByInput: 'Output by input voltage',
  portSpeedGbps: 'Port speed',
  ibRate: 'InfiniBand rate',
  rdma: 'RDMA',
  rdmaOverEthernet: 'RDMA over Ethernet',
  gpudirectRdma: 'GPUDirect RDMA',
  typicalPowerW: 'Typical power',
  heightU: 'Height',
  depthMm: 'Depth',
  weightKg: 'Weight',
  psuBays: 'PSU bays',
  psuRedundancy: 'PSU redundancy',
  maxDrawW: 'Max draw',
  integratedBoard: 'Integrated board',
  compatibleBoards: 'Compatible boards',
  boardFormFactors: 'Board form factors',
  gpuPowerConnectors: 'GPU power leads',
  maxCards: 'GPU positions',
  maxCardLengthMm: 'Max card length',
  maxCardWidthSlots: 'Max card width (slots)',
  nodeBays: 'Node bays',
  inputVolts: 'Input voltage',
  inputAmps: 'Input current',
  pcieSlots: 'PCIe slots (as the file lists them)',
};

/** A spec's label in the detail pane and the edit form. */
export function specLabel(_category: PartCategory, key: string): string {
  return SPEC_LABELS[key] ?? humanizeField(key);
}

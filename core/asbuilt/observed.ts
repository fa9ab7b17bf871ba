// One observed topology from whatever the user pasted: the topology matrix
// (nvidia-smi topo -m or rocm-smi), per-GPU identity and links (nvidia-smi
// query / -q, lspci -vvv), the PCIe tree (lspci -tv) and the board, system
// and CPUs (dmidecode). Each input is optional; each parse error names the
// box, the expected output and the first line that did not fit.
import type { PathClass } from '../check/pathClass';
import { parseDmidecode, type DmiIdentity, type DmiProcessor } from './dmidecode';
import { sniffFormat } from './detect';
import { parseLspciTree, type LspciTree } from './lspciTree';
import { isGpuClass, isNicClass, parseLspciVerbose, type LspciDevice } from './lspciVerbose';
import { parseNvidiaSmiCsv, parseNvidiaSmiQuery, type SmiGpu } from './nvidiaSmi';
import { parseNvidiaTopo, type ObservedKind, type TopoMatrix } from './nvidiaTopo';
import { AsBuiltParseError } from './parseError';
import { parseRocmTopo } from './rocmTopo';

export interface ObservedLink {
  genCurrent: number | null;
  widthCurrent: number | null;
  genMax: number | null;
  widthMax: number | null;
  /** Which output the numbers come from. */
  from: 'nvidia-smi' | 'lspci' | null;
}

export interface ObservedDevice {
  label: string;
  kind: ObservedKind;
  name: string | null;
  busId: string | null;
  link: ObservedLink;
  serial: string | null;
  uuid: string | null;
  memoryMiB: number | null;
  numaNode: number | null;
  cpuAffinity: string | null;
  /** Devices that reach each other without crossing the inter-socket link share a group (0 = the group of the first device). */
  socketGroup: number | null;
  /** From the lspci tree: switches above the device (nearest first) and its host bridge. */
  switches: string[] | null;
  rootBus: string | null;
}

export interface ObservedTopology {
  devices: ObservedDevice[];
  /** The path classes, in `devices` order; null when no matrix was given. */
  cells: PathClass[][] | null;
  switchCount: number | null;
  rootBusCount: number | null;
  /** Where socketGroup comes from: each GPU's NUMA node (when all are known) or the SYS cells of the matrix. */
  groupsFrom: 'numa' | 'matrix' | null;
  /** The matrix tells host bridges apart (nvidia-smi: PHB vs NODE); rocm-smi's does not. */
  hostBridgesSeen: boolean;
  board: DmiIdentity | null;
  system: DmiIdentity | null;
  cpus: DmiProcessor[];
  notes: string[];
}

export interface AsBuiltInputs {
  /** nvidia-smi topo -m or rocm-smi --showtopo. */
  topo?: string;
  /** nvidia-smi --query-gpu csv or nvidia-smi -q. */
  smi?: string;
  /** lspci -tv or lspci -vvv (either, or both pasted one after the other is not supported: use two boxes). */
  lspci?: string;
  lspciVerbose?: string;
  dmidecode?: string;
}

export type InputBox = keyof AsBuiltInputs;

/** A parse error with the box it came from and, when the text looks like another tool's, which. */
export class AsBuiltInputError extends Error {
  constructor(
    readonly box: InputBox,
    readonly parseError: AsBuiltParseError,
    readonly looksLike: string | null,
  ) {
    super(`${box}: ${parseError.message}${looksLike ? ` — this looks like ${looksLike} output` : ''}`);
    this.name = 'AsBuiltInputError';
  }
}

function guard<T>(box: InputBox, text: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof AsBuiltParseError)) throw e;
    const sniffed = sniffFormat(text);
    throw new AsBuiltInputError(box, e, sniffed && sniffed !== e.expected ? sniffed : null);
  }
}

const blank = (s: string | undefined): s is undefined => s === undefined || s.trim() === '';

export function observe(inputs: AsBuiltInputs): ObservedTopology {
  const notes: string[] = [];
  let matrix: TopoMatrix | null = null;
  let hostBridgesSeen = false;
  if (!blank(inputs.topo)) {
    const text = inputs.topo;
    const rocm = /between two GPUs/i.test(text);
    matrix = guard('topo', text, () => (rocm ? parseRocmTopo(text) : parseNvidiaTopo(text)));
    hostBridgesSeen = !rocm;
    notes.push(...matrix.notes);
  }
  let smi: SmiGpu[] | null = null;
  if (!blank(inputs.smi)) {
    const text = inputs.smi;
    smi = guard('smi', text, () =>
      /^\s*GPU [0-9A-Fa-f]{4,8}:/m.test(text) || /Attached GPUs/.test(text) ? parseNvidiaSmiQuery(text) : parseNvidiaSmiCsv(text),
    );
  }
  let tree: LspciTree | null = null;
  let verbose: LspciDevice[] | null = null;
  for (const box of ['lspci', 'lspciVerbose'] as const) {
    const text = inputs[box];
    if (blank(text)) continue;
    if (sniffFormat(text) === 'lspci -tv' || (box === 'lspci' && /^\s*-/.test(text))) tree = guard(box, text, () => parseLspciTree(text));
    else verbose = guard(box, text, () => parseLspciVerbose(text));
  }
  const dmi = blank(inputs.dmidecode) ? null : guard('dmidecode', inputs.dmidecode, () => parseDmidecode(inputs.dmidecode!));

  const empty = (label: string, kind: ObservedKind): ObservedDevice => ({
    label,
    kind,
    name: null,
    busId: null,
    link: { genCurrent: null, widthCurrent: null, genMax: null, widthMax: null, from: null },
    serial: null,
    uuid: null,
    memoryMiB: null,
    numaNode: null,
    cpuAffinity: null,
    socketGroup: null,
    switches: null,
    rootBus: null,
  });
  let devices: ObservedDevice[];
  if (matrix) {
    devices = matrix.labels.map((l, i) => ({
      ...empty(l, matrix!.kinds[i]!),
      numaNode: matrix!.numaAffinity[i] ?? null,
      cpuAffinity: matrix!.cpuAffinity[i] ?? null,
    }));
    // Old drivers label NICs mlx5_N; the legend names newer NICx columns.
    for (const d of devices) if (d.kind === 'nic') d.name = matrix.nicNames[d.label] ?? (d.label.includes('_') ? d.label : null);
  } else if (smi) devices = smi.map((g) => empty(`GPU${g.index}`, 'gpu'));
  else if (verbose)
    devices = verbose
      .filter((d) => isGpuClass(d.className, d.description))
      .sort((a, b) => a.address.localeCompare(b.address))
      .map((_, i) => empty(`GPU${i}`, 'gpu'));
  else devices = [];
  const gpus = devices.filter((d) => d.kind === 'gpu');

  if (smi) {
    for (const g of smi) {
      const d = gpus[g.index] ?? null;
      if (!d) {
        notes.push(`nvidia-smi lists GPU${g.index}, which the topology matrix does not have`);
        continue;
      }
      Object.assign(d, { name: g.name, busId: g.busId, serial: g.serial, uuid: g.uuid, memoryMiB: g.memoryMiB });
      d.link = { genCurrent: g.genCurrent, widthCurrent: g.widthCurrent, genMax: g.genMax, widthMax: g.widthMax, from: 'nvidia-smi' };
    }
    if (matrix && smi.length < gpus.length) notes.push(`nvidia-smi lists ${smi.length} GPUs, the matrix ${gpus.length}`);
  }
  if (verbose) {
    const vgpus = verbose.filter((d) => isGpuClass(d.className, d.description)).sort((a, b) => a.address.localeCompare(b.address));
    const byBus = new Map(verbose.map((d) => [d.address, d]));
    const haveBus = gpus.some((d) => d.busId);
    if (!haveBus && vgpus.length)
      notes.push('lspci devices were matched to GPU indices in bus order (nvidia-smi numbers GPUs by PCI bus); add nvidia-smi output to match by bus id');
    gpus.forEach((d, i) => {
      const v = d.busId ? byBus.get(d.busId) : haveBus ? undefined : vgpus[i];
      if (!v) return;
      d.busId ??= v.address;
      d.name ??= v.description;
      d.serial ??= v.serial;
      if (d.link.from === null)
        d.link = {
          genCurrent: v.lnkSta?.gen ?? null,
          widthCurrent: v.lnkSta?.width ?? null,
          genMax: v.lnkCap?.gen ?? null,
          widthMax: v.lnkCap?.width ?? null,
          from: 'lspci',
        };
    });
    if (!matrix) {
      verbose
        .filter((v) => isNicClass(v.className) && /\.0$/.test(v.address))
        .forEach((v, i) => devices.push({ ...empty(`NIC${i}`, 'nic'), name: v.description, busId: v.address }));
    }
  }
  if (tree) {
    for (const d of devices) {
      if (!d.busId) continue;
      const p = tree.pathOf(d.busId);
      if (p) {
        d.switches = p.switches;
        d.rootBus = p.rootBus;
      }
    }
  }
  const cells = matrix ? matrix.cells : null;
  let groupsFrom: ObservedTopology['groupsFrom'] = null;
  // Socket groups: the parts of the matrix joined by anything but SYS.
  if (cells) {
    const group: number[] = devices.map((_, i) => i);
    const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
    for (let a = 0; a < devices.length; a++) for (let b = a + 1; b < devices.length; b++) if (cells[a]![b] !== 'SYS') group[find(a)] = find(b);
    const ids = new Map<number | string, number>();
    // NUMA nodes, when every GPU's is known, group better than SYS cells: NVSwitch systems print
    // no SYS at all, and some platforms print SYS between GPUs of one node.
    const gpuList = devices.filter((d) => d.kind === 'gpu');
    const numaKey = (d: ObservedDevice) => (d.numaNode !== null ? `n${d.numaNode}` : null);
    groupsFrom = gpuList.length > 0 && gpuList.every((d) => numaKey(d) !== null) ? 'numa' : 'matrix';
    devices.forEach((d, i) => {
      const r: number | string | null = groupsFrom === 'numa' ? (d.kind === 'gpu' ? numaKey(d) : null) : find(i);
      if (r === null) return;
      if (!ids.has(r)) ids.set(r, ids.size);
      d.socketGroup = ids.get(r)!;
    });
  }
  return {
    devices,
    cells,
    switchCount: tree ? tree.switches.length : null,
    rootBusCount: tree ? tree.rootBuses.length : null,
    groupsFrom,
    hostBridgesSeen,
    board: dmi?.board ?? null,
    system: dmi?.system ?? null,
    cpus: dmi?.processors ?? [],
    notes,
  };
}

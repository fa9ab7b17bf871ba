// `nvidia-smi --query-gpu=index,name,pci.bus_id,pcie.link.gen.current,
// pcie.link.width.current,pcie.link.gen.max,pcie.link.width.max,serial,uuid
// --format=csv` and `nvidia-smi -q`: per GPU its name, bus id, link and
// identity. Current link generation drops at idle to save power, so the
// maximum is what says whether the slot can do the planned generation.
import { AsBuiltParseError, failEmpty, firstContentLine, numberedLines } from './parseError';
import { normalizeBusId } from './lspciTree';

export interface SmiGpu {
  index: number;
  name: string | null;
  busId: string | null;
  genCurrent: number | null;
  widthCurrent: number | null;
  genMax: number | null;
  widthMax: number | null;
  serial: string | null;
  uuid: string | null;
  memoryMiB: number | null;
}

function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(v);
  return m ? Number(m[1]) : null;
}

function str(v: string | undefined): string | null {
  const t = v?.trim();
  return t && !/^(\[N\/A\]|N\/A|\[Not Supported\]|\[Unknown Error\])$/i.test(t) ? t : null;
}

const CSV_FIELDS: Record<string, keyof SmiGpu> = {
  index: 'index',
  name: 'name',
  'pci.bus_id': 'busId',
  'pcie.link.gen.current': 'genCurrent',
  'pcie.link.gen.gpucurrent': 'genCurrent',
  'pcie.link.width.current': 'widthCurrent',
  'pcie.link.gen.max': 'genMax',
  'pcie.link.gen.gpumax': 'genMax',
  'pcie.link.width.max': 'widthMax',
  serial: 'serial',
  uuid: 'uuid',
  'memory.total': 'memoryMiB',
};

export function parseNvidiaSmiCsv(text: string): SmiGpu[] {
  const EXPECTED = 'nvidia-smi --query-gpu csv' as const;
  const lines = numberedLines(text).filter((l) => l.text.trim() !== '');
  const first = lines[0];
  if (!first) failEmpty(EXPECTED);
  const header = first.text.split(',').map((h) =>
    h
      .trim()
      .replace(/\s*\[.*\]$/, '')
      .toLowerCase(),
  );
  if (!header.includes('index') && !header.includes('pci.bus_id'))
    throw new AsBuiltParseError(EXPECTED, first.n, first.text, 'the first line should be the header "index, name, pci.bus_id, …" (run without noheader)');
  const unknown = header.find((h) => !(h in CSV_FIELDS));
  void unknown;
  return lines.slice(1).map((l, i) => {
    const cols = l.text.split(',');
    if (cols.length !== header.length) throw new AsBuiltParseError(EXPECTED, l.n, l.text, `this row has ${cols.length} values for ${header.length} columns`);
    const g: SmiGpu = {
      index: i,
      name: null,
      busId: null,
      genCurrent: null,
      widthCurrent: null,
      genMax: null,
      widthMax: null,
      serial: null,
      uuid: null,
      memoryMiB: null,
    };
    header.forEach((h, k) => {
      const field = CSV_FIELDS[h];
      const v = cols[k];
      if (!field) return;
      if (field === 'name' || field === 'serial' || field === 'uuid') g[field] = str(v);
      else if (field === 'busId') g.busId = str(v) ? normalizeBusId(v!) : null;
      else if (field === 'index') {
        const idx = num(v);
        if (idx === null) throw new AsBuiltParseError(EXPECTED, l.n, l.text, `index "${v?.trim()}" is not a number`);
        g.index = idx;
      } else g[field] = num(v);
    });
    return g;
  });
}

/** `nvidia-smi -q`: the indented key : value report, one "GPU 00000000:05:00.0" block per GPU. */
export function parseNvidiaSmiQuery(text: string): SmiGpu[] {
  const EXPECTED = 'nvidia-smi -q' as const;
  const lines = numberedLines(text);
  const first = firstContentLine(lines);
  if (!first) failEmpty(EXPECTED);
  const gpus: SmiGpu[] = [];
  let g: SmiGpu | null = null;
  const stack: { indent: number; key: string }[] = [];
  for (const l of lines) {
    const t = l.text.replace(/\t/g, '    ');
    if (t.trim() === '') continue;
    const block = /^GPU ([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f])\s*$/.exec(t);
    if (block) {
      g = {
        index: gpus.length,
        name: null,
        busId: normalizeBusId(block[1]!),
        genCurrent: null,
        widthCurrent: null,
        genMax: null,
        widthMax: null,
        serial: null,
        uuid: null,
        memoryMiB: null,
      };
      gpus.push(g);
      stack.length = 0;
      continue;
    }
    if (!g) {
      if (/^=+|^(Timestamp|Driver Version|CUDA Version|Attached GPUs)\s*:|NVSMI LOG|nvidia-smi/i.test(t.trim())) continue;
      throw new AsBuiltParseError(
        EXPECTED,
        l.n,
        l.text,
        'before the first "GPU 00000000:…" block only the log header (Timestamp, Driver Version, Attached GPUs) is expected',
      );
    }
    const indent = t.length - t.trimStart().length;
    const kv = /^\s*([^:]+?)\s*:\s*(.*)$/.exec(t);
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    if (!kv || kv[2] === '') {
      stack.push({ indent, key: (kv?.[1] ?? t).trim() });
      continue;
    }
    const key = kv[1]!;
    const v = kv[2]!;
    const path = [...stack.map((s) => s.key), key].join(' / ');
    if (path === 'Product Name') g.name = str(v);
    else if (path === 'Serial Number') g.serial = str(v);
    else if (path === 'GPU UUID') g.uuid = str(v);
    else if (path === 'Minor Number') g.index = num(v) ?? g.index;
    else if (/PCIe Generation \/ Max$/.test(path) || /PCIe Generation \/ Device Max$/.test(path)) g.genMax = g.genMax ?? num(v);
    else if (/PCIe Generation \/ Current$/.test(path)) g.genCurrent = num(v);
    else if (/Link Width \/ Max$/.test(path)) g.widthMax = num(v);
    else if (/Link Width \/ Current$/.test(path)) g.widthCurrent = num(v);
    else if (path === 'FB Memory Usage / Total') g.memoryMiB = num(v);
  }
  if (gpus.length === 0) throw new AsBuiltParseError(EXPECTED, first.n, first.text, 'no "GPU 00000000:05:00.0" block was found');
  return gpus;
}

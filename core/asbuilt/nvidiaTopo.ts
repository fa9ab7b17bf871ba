// `nvidia-smi topo -m`: the driver's own path classes between GPUs and NICs,
// with each GPU's CPU and NUMA affinity. Tab-separated in current drivers,
// space-aligned in older ones (where an empty affinity column leaves no gap);
// older drivers name NICs mlx5_N in the header and print SOC for SYS.
import type { PathClass } from '../check/pathClass';
import { AsBuiltParseError, failEmpty, firstContentLine, numberedLines } from './parseError';

export type ObservedKind = 'gpu' | 'nic';

export interface TopoMatrix {
  labels: string[];
  kinds: ObservedKind[];
  /** cells[i][j]: path class from labels[i] to labels[j]; 'X' on the diagonal. */
  cells: PathClass[][];
  /** CPU list as printed ("0-11,24-35"); null when the driver left it blank or N/A. */
  cpuAffinity: (string | null)[];
  numaAffinity: (number | null)[];
  /** NIC legend: NIC0 → mlx5_0. */
  nicNames: Record<string, string>;
  /** Things the parser filled in or could not see (NIC rows missing, asymmetric cells). */
  notes: string[];
}

const EXPECTED = 'nvidia-smi topo -m' as const;
const LABEL = /^(GPU\d+|NIC\d+|mlx\d+_\d+|[a-z][a-z0-9]*_\d+)$/;
const CLASS = /^(X|PIX|PXB|PHB|NODE|SYS|SOC|NV\d+|NV#)$/;

function kindOf(label: string): ObservedKind {
  return label.startsWith('GPU') ? 'gpu' : 'nic';
}

function toClass(token: string): PathClass {
  // SOC is what drivers before 384 printed for the inter-socket path.
  return (token === 'SOC' ? 'SYS' : token) as PathClass;
}

export function parseNvidiaTopo(text: string): TopoMatrix {
  const lines = numberedLines(text);
  const first = firstContentLine(lines);
  if (!first) failEmpty(EXPECTED);
  const headerAt = lines.findIndex((l) => {
    const t = l.text.trim().split(/\s+/);
    // The header starts GPU0 GPU1 … (or GPU0 CPU Affinity); GPU0's own row continues with X.
    return t[0] === 'GPU0' && t.length >= 2 && !CLASS.test(t[1]!);
  });
  if (headerAt < 0) throw new AsBuiltParseError(EXPECTED, first.n, first.text, 'no header row of GPU0 GPU1 … columns was found');
  const header = lines[headerAt]!;
  const tokens = header.text.trim().split(/\s+/);
  const labels: string[] = [];
  for (const t of tokens) {
    if (!LABEL.test(t)) break;
    labels.push(t);
  }
  const rest = header.text.trim().slice(header.text.trim().indexOf(tokens[labels.length] ?? '\u0000'));
  // Some drivers (and some guides' copies) head the NUMA column just "NUMA".
  const extras = [
    rest.includes('CPU Affinity') ? 'CPU Affinity' : null,
    /NUMA Affinity|NUMA(?! ID)/.test(rest) ? 'NUMA Affinity' : null,
    rest.includes('GPU NUMA ID') ? 'GPU NUMA ID' : null,
  ].filter((h): h is string => h !== null);
  const kinds = labels.map(kindOf);
  const n = labels.length;
  const cells: (PathClass[] | null)[] = labels.map(() => null);
  const cpuAffinity: (string | null)[] = labels.map(() => null);
  const numaAffinity: (number | null)[] = labels.map(() => null);
  const nicNames: Record<string, string> = {};
  const notes: string[] = [];
  let i = headerAt + 1;
  let lastRow = header;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    const trimmed = l.text.trim();
    if (trimmed === '') {
      if (cells.some((c) => c !== null)) break;
      continue;
    }
    if (/^Legend:?$/i.test(trimmed) || /^NIC Legend/i.test(trimmed)) break;
    const parts = l.text.includes('\t') ? l.text.split('\t').map((s) => s.trim()) : trimmed.split(/\s+/);
    while (parts.length && parts[0] === '') parts.shift();
    const label = parts[0]!;
    const row = labels.indexOf(label);
    if (row < 0)
      throw new AsBuiltParseError(
        EXPECTED,
        l.n,
        l.text,
        `the row starts with "${label}", which is not one of the header's devices (${labels.slice(0, 3).join(', ')}…)`,
      );
    if (cells[row]) throw new AsBuiltParseError(EXPECTED, l.n, l.text, `the row for ${label} appears twice`);
    const values = parts.slice(1);
    const tokens = values.filter((v) => v !== '');
    const classes = tokens.findIndex((v) => !CLASS.test(v));
    const count = classes < 0 ? tokens.length : classes;
    if (count < n) {
      const next = tokens[count];
      // An affinity list or nothing where cells should be: the row was cut; anything else is not a class.
      if (next === undefined || /^(\d[\d,-]*|N\/A)$/.test(next))
        throw new AsBuiltParseError(EXPECTED, l.n, l.text, `the row for ${label} has ${count} of ${n} cells (cut short?)`);
      throw new AsBuiltParseError(EXPECTED, l.n, l.text, `"${next}" is not a path class (X, PIX, PXB, PHB, NODE, SYS, NV#)`);
    }
    const matrix = tokens.slice(0, n);
    if (matrix[row] !== 'X') throw new AsBuiltParseError(EXPECTED, l.n, l.text, `the cell of ${label} with itself is "${matrix[row]}", not X`);
    cells[row] = matrix.map(toClass);
    lastRow = l;
    if (kinds[row] === 'gpu' && extras.length) {
      const tail = l.text.includes('\t')
        ? afterCells(
            l.text.split('\t').map((s) => s.trim()),
            n,
          )
        : trimmed.split(/\s+/).slice(1 + n);
      const { cpu, numa } = affinity(tail, extras, l.text.includes('\t'));
      cpuAffinity[row] = cpu;
      numaAffinity[row] = numa;
    }
  }
  for (; i < lines.length; i++) {
    const m = /^\s*(NIC\d+)\s*:\s*(\S+)/.exec(lines[i]!.text);
    if (m) nicNames[m[1]!] = m[2]!;
  }
  const missingGpu = labels.findIndex((lab, k) => kinds[k] === 'gpu' && !cells[k]);
  if (missingGpu >= 0)
    throw new AsBuiltParseError(EXPECTED, lastRow.n, lastRow.text, `the matrix stops before the row for ${labels[missingGpu]} (output cut short?)`);
  // NIC rows repeat the NIC columns of the GPU rows; rebuild them when a paste lost them.
  const full: PathClass[][] = cells.map((c, r) => c ?? labels.map((_, k) => (k === r ? 'X' : (cells[k]?.[r] ?? 'SYS'))));
  const rebuilt = labels.filter((_, k) => !cells[k]);
  if (rebuilt.length) notes.push(`rows for ${rebuilt.join(', ')} were missing; their cells come from the GPU rows' columns`);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      if (full[a]![b] !== full[b]![a]) notes.push(`${labels[a]}→${labels[b]} is ${full[a]![b]} but ${labels[b]}→${labels[a]} is ${full[b]![a]}`);
  return { labels, kinds, cells: full, cpuAffinity, numaAffinity, nicNames, notes };
}

function afterCells(cols: string[], n: number): string[] {
  // cols[0] is the label; the next n non-empty columns are cells; what follows keeps its empties.
  let seen = 0;
  let k = 1;
  for (; k < cols.length && seen < n; k++) if (cols[k] !== '') seen++;
  const tail = cols.slice(k);
  // Tab runs pad the NUMA columns ("0\t\tN/A"): collapse doubled empties after a value.
  const out: string[] = [];
  for (let j = 0; j < tail.length; j++) {
    if (tail[j] === '' && j > 0 && tail[j - 1] !== '') continue;
    out.push(tail[j]!);
  }
  return out;
}

const CPU_LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

function affinity(tail: string[], extras: string[], tabbed: boolean): { cpu: string | null; numa: number | null } {
  const hasCpu = extras.includes('CPU Affinity');
  let cpu: string | null = null;
  let numaToken: string | undefined;
  if (tabbed) {
    if (hasCpu) {
      cpu = tail[0] || null;
      numaToken = tail[1];
    } else numaToken = tail[0];
  } else {
    // Spaces: a blank CPU affinity leaves no gap, so decide by what the first token looks like.
    const t0 = tail[0];
    if (hasCpu && t0 !== undefined && CPU_LIST.test(t0) && (t0.includes('-') || t0.includes(',') || tail.length >= extras.length)) {
      cpu = t0;
      numaToken = tail[1];
    } else numaToken = t0;
  }
  if (cpu === 'N/A') cpu = null;
  const numa = numaToken !== undefined && /^\d+$/.test(numaToken) ? Number(numaToken) : null;
  return { cpu, numa };
}

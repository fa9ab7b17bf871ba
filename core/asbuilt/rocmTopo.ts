// `rocm-smi --showtopo`: weight, hops and link type between AMD GPUs, and each
// GPU's NUMA node. XGMI pairs are a direct fabric (shown as NV# in the shared
// matrix vocabulary). rocm-smi cannot tell a PCIe switch from the root complex,
// and its hop counts are known to be unreliable (ROCm/rocm-systems#5763), so a
// PCIe pair is PHB when both GPUs sit on one NUMA node and SYS otherwise.
import type { PathClass } from '../check/pathClass';
import type { TopoMatrix } from './nvidiaTopo';
import { AsBuiltParseError, failEmpty, firstContentLine, numberedLines, type NumberedLine } from './parseError';

const EXPECTED = 'rocm-smi --showtopo' as const;

export interface RocmTopo extends TopoMatrix {
  weight: (number | null)[][] | null;
  hops: (number | null)[][] | null;
  linkType: string[][];
}

function table(lines: NumberedLine[], start: number): { rows: string[][]; header: string[]; end: number; last: NumberedLine } {
  let i = start + 1;
  while (i < lines.length && lines[i]!.text.trim() === '') i++;
  const headerLine = lines[i];
  const header = headerLine?.text.trim().split(/\s+/) ?? [];
  if (!headerLine || header[0] !== 'GPU0')
    throw new AsBuiltParseError(
      EXPECTED,
      headerLine?.n ?? lines[start]!.n,
      headerLine?.text ?? lines[start]!.text,
      'a GPU0 GPU1 … header should follow the section title',
    );
  const rows: string[][] = [];
  let last = headerLine;
  for (i++; i < lines.length; i++) {
    const t = lines[i]!.text.trim();
    if (t === '' || t.startsWith('=')) break;
    const parts = t.split(/\s+/);
    if (!/^GPU\d+$/.test(parts[0]!)) throw new AsBuiltParseError(EXPECTED, lines[i]!.n, lines[i]!.text, `a row should start with GPUn, not "${parts[0]}"`);
    if (parts.length - 1 < header.length)
      throw new AsBuiltParseError(
        EXPECTED,
        lines[i]!.n,
        lines[i]!.text,
        `the row for ${parts[0]} has ${parts.length - 1} of ${header.length} cells (cut short?)`,
      );
    rows.push(parts.slice(1, 1 + header.length));
    last = lines[i]!;
  }
  if (rows.length < header.length)
    throw new AsBuiltParseError(EXPECTED, last.n, last.text, `the table stops after ${rows.length} of ${header.length} rows (output cut short?)`);
  return { rows, header, end: i, last };
}

export function parseRocmTopo(text: string): RocmTopo {
  const lines = numberedLines(text);
  const first = firstContentLine(lines);
  if (!first) failEmpty(EXPECTED);
  const find = (re: RegExp) => lines.findIndex((l) => re.test(l.text));
  const at = { weight: find(/Weight between two GPUs/i), hops: find(/Hops between two GPUs/i), link: find(/Link Type between two GPUs/i) };
  if (at.link < 0 && at.weight < 0 && at.hops < 0)
    throw new AsBuiltParseError(EXPECTED, first.n, first.text, 'no "Weight/Hops/Link Type between two GPUs" section was found');
  if (at.link < 0)
    throw new AsBuiltParseError(
      EXPECTED,
      lines[lines.length - 1]!.n,
      lines[lines.length - 1]!.text,
      'the "Link Type between two GPUs" section is missing (output cut short?)',
    );
  const link = table(lines, at.link);
  const num = (rows: string[][]) => rows.map((r) => r.map((v) => (/^\d+$/.test(v) ? Number(v) : null)));
  const weight = at.weight >= 0 ? num(table(lines, at.weight).rows) : null;
  const hops = at.hops >= 0 ? num(table(lines, at.hops).rows) : null;
  const labels = link.header;
  const numa: (number | null)[] = labels.map(() => null);
  for (const l of lines) {
    const m = /GPU\[(\d+)\]\s*:\s*\(Topology\) Numa Node:\s*(\d+)/.exec(l.text);
    if (m && Number(m[1]) < numa.length) numa[Number(m[1])] = Number(m[2]);
  }
  const notes: string[] = ['rocm-smi does not tell a PCIe switch from the root complex: PCIe pairs on one NUMA node are shown as PHB'];
  if (numa.every((v) => v === null)) notes.push('no "Numa Nodes" section: every PCIe pair is assumed to share a socket');
  const cells: PathClass[][] = link.rows.map((r, i) =>
    r.map((v, j): PathClass => {
      if (i === j) return 'X';
      if (/^XGMI$/i.test(v)) return 'NV#';
      const a = numa[i];
      const b = numa[j];
      return a !== null && b !== null && a !== b ? 'SYS' : 'PHB';
    }),
  );
  return {
    labels: labels,
    kinds: labels.map(() => 'gpu' as const),
    cells,
    cpuAffinity: labels.map(() => null),
    numaAffinity: numa,
    nicNames: {},
    notes,
    weight,
    hops,
    linkType: link.rows,
  };
}

// `lspci -t` / `lspci -tv`: the PCIe tree as ASCII art. Each device sits at
// the column of its branch character; a bridge's children follow it on the
// same line and continue below at that column. From the tree: host bridges
// (root buses), root ports, PCIe switches (an upstream port below a port whose
// own children are ports) and every endpoint's path up to its host bridge.
import { AsBuiltParseError, failEmpty, firstContentLine, numberedLines } from './parseError';

const EXPECTED = 'lspci -tv' as const;

export interface LspciNode {
  /** "0000:05:00.0". */
  address: string;
  /** Device name when -v was given, else null. */
  name: string | null;
  /** Secondary bus range for bridges ("05-0c"), null for endpoints. */
  secondary: string | null;
  parent: string | null;
  /** Host bridge: "0000:00". */
  rootBus: string;
  line: number;
}

export interface LspciTree {
  nodes: LspciNode[];
  /** Upstream ports of PCIe switches. */
  switches: string[];
  rootBuses: string[];
  /** For an endpoint: the switches above it (nearest first), its root port and host bridge. */
  pathOf(address: string): { switches: string[]; rootPort: string | null; rootBus: string } | null;
}

const NODE = /([+\\-])-([0-9a-f]{2})\.([0-9a-f])(?:-\[([0-9a-f]{2})(?:-([0-9a-f]{2}))?\])?/g;
const ROOT = /\[([0-9a-f]{4}):([0-9a-f]{2})\]/;

export function parseLspciTree(text: string): LspciTree {
  const all = numberedLines(text);
  const first = firstContentLine(all);
  if (!first) failEmpty(EXPECTED);
  // A pasted prompt or command line ("$ lspci -tv") may precede the tree.
  const startAt = all.findIndex((l) => ROOT.test(l.text));
  const before = all.slice(0, Math.max(0, startAt)).filter((l) => l.text.trim() !== '' && !/lspci|^\s*[$#]/.test(l.text));
  if (startAt < 0 || before.length > 0) {
    const bad = before[0] ?? first;
    throw new AsBuiltParseError(EXPECTED, bad.n, bad.text, 'the tree should start with "-[0000:00]-+-00.0" or "-+-[0000:00]-+-00.0"');
  }
  const nodes: LspciNode[] = [];
  type Ctx = { domain: string; bus: string; parent: string | null; rootBus: string };
  const open = new Map<number, Ctx>();
  for (const l of all.slice(startAt)) {
    const t = l.text;
    if (t.trim() === '') continue;
    if (!/^[\s|+\\-]/.test(t)) throw new AsBuiltParseError(EXPECTED, l.n, t, 'this line is not part of an lspci tree');
    let prev: Ctx | null = null;
    const root = ROOT.exec(t);
    if (root) {
      const rootBus = `${root[1]}:${root[2]}`;
      prev = { domain: root[1]!, bus: root[2]!, parent: null, rootBus };
    }
    NODE.lastIndex = root ? root.index + root[0].length : 0;
    let m: RegExpExecArray | null;
    let matched = false;
    while ((m = NODE.exec(t))) {
      matched = true;
      const col = m.index;
      const ctx = prev ?? open.get(col);
      if (!ctx) throw new AsBuiltParseError(EXPECTED, l.n, t, `a branch at column ${col + 1} has no parent above it (tree cut or re-wrapped?)`);
      open.set(col, ctx);
      const address = `${ctx.domain}:${ctx.bus}:${m[2]}.${m[3]}`;
      const node: LspciNode = {
        address,
        name: null,
        secondary: m[4] ? (m[5] ? `${m[4]}-${m[5]}` : m[4]) : null,
        parent: ctx.parent,
        rootBus: ctx.rootBus,
        line: l.n,
      };
      nodes.push(node);
      // The next device on this line is this bridge's child; an endpoint ends the line with its name.
      prev = m[4] ? { domain: ctx.domain, bus: m[4], parent: address, rootBus: ctx.rootBus } : null;
      if (!m[4]) {
        const rest = t.slice(NODE.lastIndex).trim();
        if (rest) node.name = rest;
        break;
      }
    }
    if (!matched && !root && !/^[\s|]+$/.test(t)) throw new AsBuiltParseError(EXPECTED, l.n, t, 'no device (bus.function) on this line');
  }
  if (nodes.length === 0) throw new AsBuiltParseError(EXPECTED, first.n, first.text, 'no devices were found in the tree');
  const byAddress = new Map(nodes.map((n) => [n.address, n]));
  const children = new Map<string, LspciNode[]>();
  for (const n of nodes) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const isBridge = (n: LspciNode) => n.secondary !== null;
  // A switch's upstream port: a bridge below another bridge whose children are all bridges.
  const switches = nodes
    .filter((n) => isBridge(n) && n.parent !== null && (children.get(n.address) ?? []).length > 0 && (children.get(n.address) ?? []).every(isBridge))
    .map((n) => n.address);
  const switchSet = new Set(switches);
  const rootBuses = [...new Set(nodes.map((n) => n.rootBus))];
  return {
    nodes,
    switches,
    rootBuses,
    pathOf(address: string) {
      const n = byAddress.get(normalizeBusId(address));
      if (!n) return null;
      const sw: string[] = [];
      let rootPort: string | null = null;
      let at = n.parent ? byAddress.get(n.parent) : undefined;
      while (at) {
        if (switchSet.has(at.address)) sw.push(at.address);
        if (!at.parent) rootPort = at.address;
        at = at.parent ? byAddress.get(at.parent) : undefined;
      }
      return { switches: sw, rootPort, rootBus: n.rootBus };
    },
  };
}

/** "00000000:05:00.0", "0000:05:00.0", "05:00.0" → "0000:05:00.0" (lower case). */
export function normalizeBusId(id: string): string {
  const m = /(?:([0-9a-f]{4,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-9a-f])/i.exec(id.trim());
  if (!m) return id.trim().toLowerCase();
  const dom = (m[1] ?? '0000').slice(-4);
  return `${dom}:${m[2]}:${m[3]}.${m[4]}`.toLowerCase();
}

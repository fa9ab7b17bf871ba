// Reads a NetBox device-type file the way NetBox does (PyYAML safe_load):
// YAML 1.1 (yes/no are booleans), merge keys (`<<: *psu`), duplicate keys with
// the last one winning, and quoted scalars whose continuation lines start at
// column 0 (PyYAML reads those; the stricter YAML 1.2 parser refuses them).
// Every scalar keeps its source text, so `model: 6e2` stays "6e2" and a part
// number "0123" keeps its zero. An error inside a key the importer never reads
// is reported and the rest of the file is still used.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { NetboxIssue } from './issue';

/** A scalar as written: its value under YAML 1.1 and the text it came from. */
export interface YamlScalar {
  readonly kind: 'scalar';
  readonly value: unknown;
  /** The source text of a plain scalar; the value itself for a quoted or block one. */
  readonly text: string | null;
  readonly line: number | null;
}
export type YamlValue = YamlScalar | YamlValue[] | { [key: string]: YamlValue };

export function isYamlScalar(v: YamlValue | undefined): v is YamlScalar {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { kind?: unknown }).kind === 'scalar' && 'value' in v;
}

export function isYamlMap(v: YamlValue | undefined): v is { [key: string]: YamlValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isYamlScalar(v);
}

/**
 * Indents the continuation lines of a quoted scalar that starts on a key line and
 * runs on at column 0 or less indented than its key. Folding trims leading white
 * space, so the value is unchanged; line numbers stay the same.
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    // A block scalar (`key: |` or `key: >`) is text: skip its lines, whatever quotes they hold.
    const block = /^(\s*)(?:- )?[^\s#'"][^:#]*:[ \t]+[|>][-+0-9]*[ \t]*(#.*)?$/.exec(lines[i]!);
    if (block) {
      const indent = block[1]!.length;
      i++;
      while (i < lines.length && (lines[i]!.trim() === '' || lines[i]!.length - lines[i]!.trimStart().length > indent)) i++;
      continue;
    }
    const m = /^(\s*)(?:- )?[^\s#'"][^:#]*:[ \t]+(['"])/.exec(lines[i]!);
    if (!m) {
      i++;
      continue;
    }
    const quote = m[2]!;
    const indent = ' '.repeat(m[1]!.length + 2);
    let at = m[0].length;
    let line = i;
    let closed = false;
    // Walk to the closing quote ('' escapes a single quote, \" a double one).
    while (line < lines.length && !closed) {
      const s = lines[line]!;
      for (; at < s.length; at++) {
        const c = s[at];
        if (quote === '"' && c === '\\') {
          at++;
          continue;
        }
        if (c === quote) {
          if (quote === "'" && s[at + 1] === "'") {
            at++;
            continue;
          }
          closed = true;
          break;
        }
      }
      if (!closed) {
        line++;
        at = 0;
        if (line < lines.length) lines[line] = indent + lines[line]!;
      }
    }
    i = closed ? line + 1 : lines.length;
  }
  return lines.join('\n');
}

export interface ReadYaml {
  /** The document's top-level mapping, or null when the file cannot be read at all. */
  doc: { [key: string]: YamlValue } | null;
  issues: NetboxIssue[];
}

interface Ctx {
  doc: Document;
  lines: LineCounter;
  /** Nodes left to visit: aliases may repeat a subtree, so a hostile file is cut off. */
  budget: number;
}

function lineOf(ctx: Ctx, node: Node | null | undefined): number | null {
  const start = node?.range?.[0];
  return start === undefined ? null : ctx.lines.linePos(start).line;
}

/** Top-level keys by the line they start on, to place an error inside one key. */
function topLevelKeys(text: string): { key: string; line: number }[] {
  const out: { key: string; line: number }[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^([^\s#'"-][^:#]*?|-[^\s][^:#]*?):(\s|$)/.exec(l);
    if (m) out.push({ key: m[1]!.trim(), line: i + 1 });
  });
  return out;
}

/** Reads the text; `usedKeys` are the top-level keys an error may not sit in. */
export function readNetboxYaml(text: string, usedKeys: ReadonlySet<string>): ReadYaml {
  const parse = (src: string) => {
    const lineCounter = new LineCounter();
    return { src, lines: lineCounter, document: parseDocument(src, { version: '1.1', merge: true, uniqueKeys: false, prettyErrors: true, lineCounter }) };
  };
  // The file as written first; only when it does not parse, the PyYAML-tolerant reading of quoted continuations.
  let attempt = parse(text.replace(/\r\n?/g, '\n'));
  if (attempt.document.errors.length > 0) {
    const retry = parse(indentQuotedContinuations(attempt.src));
    if (retry.document.errors.length < attempt.document.errors.length) attempt = retry;
  }
  const { src: fixed, lines, document } = attempt;
  const issues: NetboxIssue[] = [];
  const keys = topLevelKeys(fixed);
  let fatal = false;
  for (const err of document.errors) {
    const line = err.linePos?.[0]?.line ?? null;
    // An error found at column 1 of a key's line was left open by the key before it (an unclosed bracket or quote).
    const startsKey = line !== null && err.linePos?.[0]?.col === 1 && keys.some((k) => k.line === line);
    const at = line === null ? undefined : [...keys].reverse().find((k) => (startsKey ? k.line < line : k.line <= line));
    const message = `not valid YAML: ${err.message.trim()}`;
    if (at && !usedKeys.has(at.key)) {
      issues.push({ path: at.key, message: `${message} (Rackhive does not read "${at.key}", so the rest of the file is used)`, severity: 'warning' });
    } else {
      fatal = true;
      issues.push({ path: at?.key ?? '', message, severity: 'error' });
    }
  }
  if (fatal) return { doc: null, issues };
  const contents = document.contents;
  if (!isMap(contents)) {
    issues.push({ path: '', message: 'expected a NetBox device type: a YAML mapping with manufacturer, model, u_height …', severity: 'error' });
    return { doc: null, issues };
  }
  const ctx: Ctx = { doc: document, lines, budget: MAX_NODES };
  const value = toValue(contents, ctx, 0);
  if (ctx.budget < 0) {
    issues.push({ path: '', message: `the file expands to more than ${MAX_NODES} values through its aliases; not a device type`, severity: 'error' });
    return { doc: null, issues };
  }
  if (!isYamlMap(value)) return { doc: null, issues };
  return { doc: value, issues };
}

const MAX_DEPTH = 64;
const MAX_NODES = 200_000;

function keyText(key: unknown): string {
  if (isScalar(key)) return key.source ?? String(key.value);
  return String(key);
}

function toValue(node: unknown, ctx: Ctx, depth: number): YamlValue {
  if (--ctx.budget < 0 || depth > MAX_DEPTH) return { kind: 'scalar', value: null, text: null, line: null };
  if (isAlias(node)) return toValue(node.resolve(ctx.doc), ctx, depth + 1);
  if (isScalar(node)) {
    const plain = node.type === 'PLAIN';
    return {
      kind: 'scalar',
      value: node.value,
      text: plain && node.source !== undefined ? node.source : typeof node.value === 'string' ? node.value : null,
      line: lineOf(ctx, node),
    };
  }
  if (isSeq(node)) return node.items.map((item) => toValue(item, ctx, depth + 1));
  if (isMap(node)) {
    const out: { [key: string]: YamlValue } = {};
    const merged: { [key: string]: YamlValue }[] = [];
    for (const pair of node.items) {
      const k = keyText(pair.key);
      if (k === '<<' && isScalar(pair.key) && pair.key.type === 'PLAIN') {
        const v = toValue(pair.value, ctx, depth + 1);
        for (const m of Array.isArray(v) ? v : [v]) if (isYamlMap(m)) merged.push(m);
        continue;
      }
      if (k === '__proto__') continue;
      out[k] =
        pair.value === null || pair.value === undefined
          ? { kind: 'scalar', value: null, text: null, line: lineOf(ctx, pair.key as Node) }
          : toValue(pair.value, ctx, depth + 1);
    }
    // Explicit keys win over merged ones; among merged maps the first wins (YAML merge rule).
    for (const m of merged) for (const [k, v] of Object.entries(m)) if (!(k in out)) out[k] = v;
    return out;
  }
  return { kind: 'scalar', value: null, text: null, line: null };
}

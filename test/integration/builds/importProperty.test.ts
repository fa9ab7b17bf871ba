// Property: thousands of mutated versions of the example build files are each
// either imported or refused with IMPORT_INVALID (never another error, never an
// exception), and a refused one — or any dry run — leaves the database exactly
// as it was (row counts + sha256 of a dump of every table builds touch).
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBuildText } from '#core/build/file';
import { cleanupTempDirs } from '../../helpers/db';
import { addItem, fingerprint, openHarness, type Harness } from './harness';

const EXAMPLES = ['sys-4028gr-x10drg', 'sys-4028gr-x9drg', 'gigabyte-g482', 'asus-esc4000-4x-a5000', 'octal-a100-sxm', 'over-budget'];
const TEXTS = EXAMPLES.map((id) => fs.readFileSync(new URL(`../../../assets/examples/${id}.json`, import.meta.url), 'utf8'));
const RUNS = 2000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function paths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) paths(value[k]!, [...at, k], out);
  return out;
}

function parentOf(root: Json, path: Path): { parent: Json[] | Record<string, Json>; key: string | number } | null {
  if (path.length === 0) return null;
  let node: Json = root;
  for (const k of path.slice(0, -1)) node = (node as Record<string | number, Json>)[k]!;
  return { parent: node as Json[] | Record<string, Json>, key: path[path.length - 1]! };
}

function get(root: Json, path: Path): Json {
  let node: Json = root;
  for (const k of path) node = (node as Record<string | number, Json>)[k]!;
  return node;
}

function set(root: Json, path: Path, value: Json): Json {
  const p = parentOf(root, path);
  if (!p) return value;
  (p.parent as Record<string | number, Json>)[p.key] = value;
  return root;
}

function nearestObject(root: Json, path: Path): Record<string, Json> | null {
  for (let n = path.length; n >= 0; n--) {
    const v = get(root, path.slice(0, n));
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v;
  }
  return null;
}

const ODD_VALUES: Json[] = [null, true, false, 0, -1, 1.5, 1e308, 2 ** 53 + 1, -(2 ** 31), '', 'x'.repeat(300), 'gpu1', 'cpu1', [], {}, [1, 2], { id: 'x' }];
const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

function nest(depth: number, leaf: Json, objects: boolean): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = objects ? { a: v } : [v];
  return v;
}

const mutation = fc.record({
  op: fc.constantFrom('delete', 'retype', 'forbidden', 'unknownKey', 'nest', 'bigArray', 'duplicate', 'bind', 'hugeNumberText', 'truncate', 'none'),
  at: fc.nat(),
  pick: fc.nat(),
  size: fc.integer({ min: 1, max: 200 }),
});

/** Applies mutations to a parsed example; text-level ones (truncate, 1e999) to the JSON text. */
function mutate(text: string, muts: { op: string; at: number; pick: number; size: number }[]): string {
  let root = JSON.parse(text) as Json;
  const textOps: typeof muts = [];
  for (const m of muts) {
    const all = paths(root);
    const path = all[m.at % all.length]!;
    const node = get(root, path);
    switch (m.op) {
      case 'delete': {
        const p = parentOf(root, path);
        if (p && Array.isArray(p.parent)) p.parent.splice(p.key as number, 1);
        else if (p) delete (p.parent as Record<string, Json>)[p.key];
        break;
      }
      case 'retype':
        root = set(root, path, structuredClone(ODD_VALUES[m.pick % ODD_VALUES.length]!));
        break;
      case 'forbidden': {
        const obj = nearestObject(root, path);
        if (obj)
          Object.defineProperty(obj, FORBIDDEN[m.pick % FORBIDDEN.length]!, {
            value: m.pick % 2 ? { polluted: true } : 1,
            enumerable: true,
            configurable: true,
            writable: true,
          });
        break;
      }
      case 'unknownKey': {
        const obj = nearestObject(root, path);
        if (obj) obj[`extra${m.pick % 3}`] = m.size;
        break;
      }
      case 'nest':
        root = set(root, path, nest(m.size % 60, structuredClone(node), m.pick % 2 === 0));
        break;
      case 'bigArray':
        root = set(
          root,
          path,
          Array.from({ length: 60 + m.size }, () => structuredClone(node)),
        );
        break;
      case 'duplicate': {
        const p = parentOf(root, path);
        if (p && Array.isArray(p.parent)) p.parent.push(structuredClone(node));
        break;
      }
      case 'bind': {
        const obj = nearestObject(root, path);
        if (obj && 'partId' in obj) obj.inventoryItemId = ['item-p40', 'item-missing', '', 'x'.repeat(65)][m.pick % 4]!;
        break;
      }
      default:
        textOps.push(m);
    }
  }
  let out = JSON.stringify(root, null, textOps.length % 2 ? 2 : undefined);
  for (const m of textOps) {
    if (m.op === 'truncate') out = out.slice(0, m.at % (out.length + 1));
    else if (m.op === 'hugeNumberText') out = out.replace(/(?<=[:[,]\s*)\d+(?=[,\]}\s])/, m.pick % 2 ? '1e999' : '-99999999999999999999999');
  }
  return out;
}

let h: Harness;
let known: string;
let acceptedSinceReset = 0;

async function reset(): Promise<void> {
  h?.close();
  h = await openHarness();
  addItem(h.db, 'item-p40', 'gpu.nvidia.tesla-p40', 4);
  known = fingerprint(h.db);
  acceptedSinceReset = 0;
}

beforeAll(reset);
afterAll(() => {
  h.close();
  cleanupTempDirs();
});

describe('build import, property', () => {
  it(`${RUNS} mutated example files: accepted, or IMPORT_INVALID naming a path with the database untouched`, async () => {
    const tally = { accepted: 0, refused: 0, dry: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat(EXAMPLES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), async (example, muts, dryRun) => {
        const text = mutate(TEXTS[example]!, muts);
        const res = await h.call('builds:import', { text, dryRun });
        if (!res.ok) {
          expect(res.error.code, res.error.message).toBe('IMPORT_INVALID');
          expect(res.error.issues?.length).toBeGreaterThan(0);
          expect(res.error.message).toContain(res.error.issues![0]!.path);
          tally.refused++;
        } else if (dryRun) tally.dry++;
        else tally.accepted++;
        if (!res.ok || dryRun) {
          expect(fingerprint(h.db)).toBe(known);
          return;
        }
        // Accepted: a new build whose export parses back to what the file said.
        const { id } = res.value as { id: number };
        const exported = await h.call('builds:export', { id });
        expect(exported.ok).toBe(true);
        expect(parseBuildText((exported as { value: { text: string } }).value.text).ok).toBe(true);
        known = fingerprint(h.db);
        if (++acceptedSinceReset >= 40) await reset();
      }),
      { numRuns: RUNS },
    );
    expect(tally.refused).toBeGreaterThan(RUNS / 4);
    expect(tally.accepted + tally.dry).toBeGreaterThan(RUNS / 20);
  });
});

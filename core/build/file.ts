// The build file: strict parsing (refuse unknown keys, wrong types, prototype
// keys, absurd sizes or depth) with messages that name the JSON path, and an
// export that parses back to the same build.
import { Build, hostSlotOf } from './build';
import { chassisEntries, FREE_STANDING_ID } from './places';
import type { FieldIssue } from '../issues';

export const MAX_FILE_CHARS = 8_000_000;
export const MAX_DEPTH = 24;
export const MAX_NODES = 400_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ParseBuildResult = { ok: true; build: Build } | { ok: false; issues: FieldIssue[] };

/** `racks[0].chassis[2].devices[1].slot` from a path of keys and indices. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += /^[A-Za-z_$][\w$]*$/.test(String(k)) ? (out ? '.' : '') + String(k) : `[${JSON.stringify(String(k))}]`;
  }
  return out || '(top level)';
}

/**
 * Whether shapeIssues would find nothing: the same limits without the path
 * (most files are fine, and the path bookkeeping was most of the walk). On
 * anything it refuses, shapeIssues walks again to name where.
 */
function shapeIsClean(value: unknown): boolean {
  let nodes = 0;
  const walk = (v: unknown, depth: number): boolean => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return false;
    if (typeof v !== 'object' || v === null) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (!walk(v[i], depth + 1)) return false;
      return true;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key) || !walk((v as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return true;
  };
  return walk(value, 0);
}

/** Walks parsed JSON before the schema: prototype keys, depth and size limits. */
export function shapeIssues(value: unknown): FieldIssue[] {
  if (shapeIsClean(value)) return [];
  let nodes = 0;
  const issues: FieldIssue[] = [];
  // One path stack, pushed and popped as the walk goes: a copy per value made
  // the walk of a large build mostly allocation. Copied only into an issue.
  const path: (string | number)[] = [];
  const walk = (v: unknown): boolean => {
    if (++nodes > MAX_NODES) {
      issues.push({ path: jsonPath(path), message: `the file has more than ${MAX_NODES} values; refusing it` });
      return false;
    }
    if (path.length > MAX_DEPTH) {
      issues.push({ path: jsonPath(path), message: `nested deeper than ${MAX_DEPTH} levels; refusing it` });
      return false;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const ok = walk(v[i]);
        path.pop();
        if (!ok) return false;
      }
    } else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) {
          issues.push({ path: jsonPath([...path, key]), message: `the key "${key}" is not allowed` });
          return false;
        }
        path.push(key);
        const ok = walk((v as Record<string, unknown>)[key]);
        path.pop();
        if (!ok) return false;
      }
    }
    return true;
  };
  walk(value);
  return issues;
}

/** Whether duplicateIdIssues would find nothing: one set of ids, no paths (those are written only for a file it refuses). */
function idsAreUnique(build: Build): boolean {
  const seen = new Set<string>();
  const fresh = (id: string) => !seen.has(id) && !!seen.add(id);
  for (const r of build.racks) {
    if (r.id === FREE_STANDING_ID || !fresh(r.id)) return false;
    for (const p of r.pdus) if (!fresh(p.id)) return false;
  }
  for (const list of [build.racks.flatMap((r) => r.chassis), build.freeStanding?.chassis ?? []])
    for (const c of list) {
      if (!fresh(c.id)) return false;
      for (const d of c.devices) if (!fresh(d.id)) return false;
    }
  return true;
}

/** Ids that must be unique across the whole build (racks, chassis, devices, PDUs). */
export function duplicateIdIssues(build: Build): FieldIssue[] {
  if (idsAreUnique(build)) return [];
  // The first place of each id, kept as its path; written out only for a duplicate.
  const seen = new Map<string, (string | number)[]>();
  const issues: FieldIssue[] = [];
  const see = (id: string, path: (string | number)[]) => {
    const first = seen.get(id);
    if (first) issues.push({ path: jsonPath(path), message: `id "${id}" is already used at ${jsonPath(first)}` });
    else seen.set(id, path);
  };
  build.racks.forEach((r, ri) => {
    if (r.id === FREE_STANDING_ID)
      issues.push({ path: jsonPath(['racks', ri, 'id']), message: `the rack id "${FREE_STANDING_ID}" is reserved for the free-standing chassis` });
    see(r.id, ['racks', ri, 'id']);
    r.pdus.forEach((p, pi) => see(p.id, ['racks', ri, 'pdus', pi, 'id']));
  });
  for (const { chassis: c, path } of chassisEntries(build)) {
    see(c.id, [...path, 'id']);
    c.devices.forEach((d, di) => see(d.id, [...path, 'devices', di, 'id']));
  }
  return issues;
}

/**
 * References inside a chassis: a device in "<host>/<slot>" needs the host
 * device in the same chassis (not itself, no loop of hosts); a bridge names two
 * different devices of its chassis. Whether the host really has that slot is
 * the catalog's business (the checker says so).
 */
export function referenceIssues(build: Build): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const { chassis: c, path } of chassisEntries(build)) {
    const hostOf = new Map<string, string>();
    const ids = new Set(c.devices.map((d) => d.id));
    c.devices.forEach((d, di) => {
      const ref = hostSlotOf(d.slot);
      if (!ref) return;
      const where = jsonPath([...path, 'devices', di, 'slot']);
      if (ref.hostId === d.id) issues.push({ path: where, message: `device "${d.id}" cannot sit in a slot of itself` });
      else if (!ids.has(ref.hostId))
        issues.push({
          path: where,
          message: `no device "${ref.hostId}" in chassis "${c.id}" to hold "${d.id}" (a riser or card must be placed before a card can sit in its slot "${ref.slotId}")`,
        });
      else hostOf.set(d.id, ref.hostId);
    });
    c.devices.forEach((d, di) => {
      const seen = new Set([d.id]);
      let at = hostOf.get(d.id);
      while (at) {
        if (seen.has(at)) {
          issues.push({
            path: jsonPath([...path, 'devices', di, 'slot']),
            message: `device "${d.id}" sits in a loop of hosts (${[...seen].join(' → ')} → ${at})`,
          });
          break;
        }
        seen.add(at);
        at = hostOf.get(at);
      }
    });
    (c.bridges ?? []).forEach((b, bi) => {
      b.devices.forEach((id, k) => {
        if (!ids.has(id))
          issues.push({ path: jsonPath([...path, 'bridges', bi, 'devices', k]), message: `no device "${id}" in chassis "${c.id}" for this NVLink bridge` });
      });
      if (b.devices[0] === b.devices[1])
        issues.push({ path: jsonPath([...path, 'bridges', bi, 'devices']), message: 'an NVLink bridge joins two different cards' });
    });
  }
  return issues;
}

/** Parses a value already decoded from JSON. */
export function parseBuildValue(value: unknown): ParseBuildResult {
  const shape = shapeIssues(value);
  if (shape.length) return { ok: false, issues: shape };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (v.format !== 'rackhive.build')
      return { ok: false, issues: [{ path: 'format', message: 'not a Rackhive build file (expected "format": "rackhive.build")' }] };
    if (typeof v.version === 'number' && v.version > 1)
      return { ok: false, issues: [{ path: 'version', message: `written by a newer Rackhive (build format version ${v.version}; this one reads version 1)` }] };
  }
  const r = Build.safeParse(value);
  if (!r.success) return { ok: false, issues: r.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })) };
  const dup = duplicateIdIssues(r.data);
  if (dup.length) return { ok: false, issues: dup };
  const refs = referenceIssues(r.data);
  if (refs.length) return { ok: false, issues: refs };
  return { ok: true, build: r.data };
}

/** Parses the text of a build file. */
export function parseBuildText(text: string): ParseBuildResult {
  if (text.length > MAX_FILE_CHARS)
    return { ok: false, issues: [{ path: '(file)', message: `the file is larger than ${MAX_FILE_CHARS / 1_000_000} MB; refusing it` }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [{ path: '(file)', message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  return parseBuildValue(value);
}

/** One line per issue: `racks[0].chassis[1].positionU: Too small …`. */
export function formatIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}

/** The file text of a build; parseBuildText(exportBuild(b)) gives b back. */
export function exportBuild(build: Build): string {
  return JSON.stringify(build, null, 2) + '\n';
}

// The build file's shape and id checks first ask a cheap question (anything
// wrong at all?) and walk again for the path only when the answer is yes. These
// hold the two together: a fault put anywhere in a large build is still found
// and named at its own path, and a file with none parses as before.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseBuildValue, shapeIssues } from '#core/build/file';

const groq = JSON.parse(readFileSync(new URL('../../../assets/examples/groq-8-racks.json', import.meta.url), 'utf8')) as {
  racks: { id: string; chassis: { id: string; devices: { id: string }[] }[] }[];
};
const fresh = () => structuredClone(groq);
const issuesOf = (v: unknown) => {
  const r = parseBuildValue(v);
  return r.ok ? [] : r.issues;
};
const at = fc.record({ r: fc.nat(7), c: fc.nat(7), d: fc.nat(7) });

describe('build file fast paths', () => {
  it('parses the 512-card example with no issue', () => {
    expect(issuesOf(fresh())).toEqual([]);
  });

  it('names a device id used twice, wherever the two are', () => {
    fc.assert(
      fc.property(at, at, (a, b) => {
        fc.pre(a.r !== b.r || a.c !== b.c || a.d !== b.d);
        const v = fresh();
        const first = a.r * 64 + a.c * 8 + a.d < b.r * 64 + b.c * 8 + b.d ? a : b;
        const second = first === a ? b : a;
        const id = v.racks[first.r]!.chassis[first.c]!.devices[first.d]!.id;
        v.racks[second.r]!.chassis[second.c]!.devices[second.d]!.id = id;
        const issues = issuesOf(v);
        expect(issues).toEqual([
          {
            path: `racks[${second.r}].chassis[${second.c}].devices[${second.d}].id`,
            message: `id "${id}" is already used at racks[${first.r}].chassis[${first.c}].devices[${first.d}].id`,
          },
        ]);
      }),
      { numRuns: 40 },
    );
  });

  it('names a chassis id equal to a rack id, and the reserved rack id', () => {
    const v = fresh();
    v.racks[3]!.chassis[5]!.id = v.racks[1]!.id;
    expect(issuesOf(v)[0]!.path).toBe('racks[3].chassis[5].id');
    const w = fresh();
    w.racks[2]!.id = 'free-standing';
    expect(issuesOf(w).some((i) => i.path === 'racks[2].id' && i.message.includes('reserved'))).toBe(true);
  });

  it('names a prototype key at the device it sits on', () => {
    fc.assert(
      fc.property(at, fc.constantFrom('__proto__', 'constructor', 'prototype'), (p, key) => {
        const v = fresh();
        Object.defineProperty(v.racks[p.r]!.chassis[p.c]!.devices[p.d]!, key, { value: 1, enumerable: true });
        expect(shapeIssues(v)).toEqual([{ path: `racks[${p.r}].chassis[${p.c}].devices[${p.d}].${key}`, message: `the key "${key}" is not allowed` }]);
      }),
      { numRuns: 30 },
    );
  });

  it('takes nesting up to the limit and refuses one level more', () => {
    const nest = (levels: number) => {
      let v: unknown = 1;
      for (let i = 0; i < levels; i++) v = [v];
      return v;
    };
    // notes sits one level below the top: MAX_DEPTH - 1 arrays put the innermost value at the limit.
    expect(shapeIssues({ notes: nest(MAX_DEPTH - 1) })).toEqual([]);
    const over = shapeIssues({ notes: nest(MAX_DEPTH) });
    expect(over).toHaveLength(1);
    expect(over[0]!.message).toContain('deeper');
    expect(over[0]!.path).toBe(`notes${'[0]'.repeat(MAX_DEPTH)}`);
  });
});

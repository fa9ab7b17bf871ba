import { describe, expect, it } from 'vitest';
import { exportBuild, jsonPath, parseBuildText, parseBuildValue } from '#core/build/file';

const minimal = {
  format: 'rackhive.build',
  version: 1,
  name: 'x',
  racks: [
    {
      id: 'r1',
      partId: 'rack.apc.ar3100',
      chassis: [{ id: 'c1', partId: 'chassis.supermicro.sys-4028gr-tr', positionU: 1, devices: [{ id: 'g', slot: 'gpu1', partId: 'gpu.nvidia.tesla-p40' }] }],
    },
  ],
};
const firstIssue = (v: unknown) => {
  const r = parseBuildValue(v);
  return r.ok ? null : r.issues[0]!;
};

describe('build file', () => {
  it('parses a minimal build and round-trips', () => {
    const r = parseBuildValue(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const again = parseBuildText(exportBuild(r.build));
    expect(again.ok && again.build).toEqual(r.build);
  });
  it.each([
    ['unknown key', { ...minimal, colour: 'red' }, '(top level)', 'colour'],
    [
      'wrong type',
      { ...minimal, racks: [{ ...minimal.racks[0], chassis: [{ ...minimal.racks[0]!.chassis[0], positionU: 'one' }] }] },
      'racks[0].chassis[0].positionU',
      '',
    ],
    [
      'nested unknown key',
      { ...minimal, racks: [{ ...minimal.racks[0], chassis: [{ ...minimal.racks[0]!.chassis[0], devices: [{ id: 'g', slot: 's', partId: 'p.q', x: 1 }] }] }] },
      'racks[0].chassis[0].devices[0]',
      'x',
    ],
    ['wrong format', { ...minimal, format: 'other' }, 'format', 'not a Rackhive build'],
    ['newer version', { ...minimal, version: 2 }, 'version', 'newer'],
  ])('%s names the path', (_what, value, path, text) => {
    const issue = firstIssue(value);
    expect(issue?.path).toBe(path);
    expect(issue?.message).toContain(text);
  });
  it('refuses __proto__ and constructor keys', () => {
    const text = JSON.stringify(minimal).replace('"name":"x"', '"name":"x","__proto__":{"polluted":1}');
    const r = parseBuildText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('__proto__');
    expect(firstIssue({ ...minimal, racks: [{ constructor: 1 }] })?.message).toContain('constructor');
  });
  it('refuses absurd depth and bad JSON', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(firstIssue({ ...minimal, notes: deep })?.message).toContain('deeper');
    const bad = parseBuildText('{"format":');
    expect(!bad.ok && bad.issues[0]!.message).toContain('not valid JSON');
  });
  it('refuses duplicate ids', () => {
    const dup = { ...minimal, racks: [...minimal.racks, { id: 'r1', partId: 'rack.apc.ar3100' }] };
    expect(firstIssue(dup)?.message).toContain('already used at racks[0].id');
  });
  it('formats JSON paths', () => {
    expect(jsonPath(['racks', 0, 'chassis', 2, 'id'])).toBe('racks[0].chassis[2].id');
    expect(jsonPath([])).toBe('(top level)');
  });
});

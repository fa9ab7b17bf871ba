// The Node bundles (scripts/build-node.mjs): the CLI from its bundle says
// exactly what the TypeScript source says, the catalog inlined at build time is
// the schema's own parse, and a bundle older than one of its sources is not used.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
// @ts-expect-error plain .mjs build scripts have no types
import { validatedCatalog } from '../../../scripts/catalogPlugin.mjs';
// @ts-expect-error plain .mjs build scripts have no types
import { bundleIsFresh } from '../../../scripts/runBuilt.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const groq = path.join(root, 'assets', 'examples', 'groq-8-racks.json');
let tmp: string;

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  // The Groq check's JSON is several MB: past spawnSync's 1 MB default the child is killed mid-write.
  return spawnSync(process.execPath, [path.join(root, 'bin', 'rackhive.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-node-bundle-'));
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-node.mjs')], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('dist/node bundles', () => {
  it('`rackhive check` from the bundle prints what the source prints, byte for byte', () => {
    expect(bundleIsFresh('rackhive')).toBe(true);
    for (const args of [
      ['check', groq],
      ['check', groq, '--json'],
      ['catalog', 'list', '--category', 'gpu'],
      ['catalog', 'show', 'Tesla P40', '--json'],
      ['--help'],
    ]) {
      const built = cli(args);
      const source = cli(args, { RACKHIVE_FROM_SOURCE: '1' });
      expect(built.status, built.stderr).toBe(source.status);
      expect(built.stdout.length).toBeGreaterThan(0);
      expect(built.stdout).toBe(source.stdout);
      expect(built.stderr).toBe(source.stderr);
    }
  });

  it('reports a bad build file with the same message from the bundle', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ format: 'rackhive.build', version: 1, racks: [{ id: 'r1' }] }));
    const built = cli(['check', bad]);
    expect(built.status).not.toBe(0);
    expect(built.stderr).toBe(cli(['check', bad], { RACKHIVE_FROM_SOURCE: '1' }).stderr);
  });

  it('inlines the catalog as the schema parsed it (defaults applied), checked at build time', async () => {
    const { count, json } = (await validatedCatalog()) as { count: number; json: string };
    expect(count).toBe(builtinParts.length);
    expect(JSON.parse(json)).toStrictEqual(builtinParts);
  });

  it('calls a bundle stale when a source is newer than it, or missing', () => {
    const fake = path.join(tmp, 'root');
    fs.mkdirSync(path.join(fake, 'dist', 'node'), { recursive: true });
    fs.mkdirSync(path.join(fake, 'cli'));
    fs.writeFileSync(path.join(fake, 'cli', 'main.ts'), '');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(fake, 'cli', 'main.ts'), past, past);
    fs.writeFileSync(path.join(fake, 'dist', 'node', 'x.cjs'), '');
    fs.writeFileSync(path.join(fake, 'dist', 'node', 'x.inputs.json'), JSON.stringify({ inputs: ['cli/main.ts'] }));
    expect(bundleIsFresh('x', fake)).toBe(true);
    fs.utimesSync(path.join(fake, 'cli', 'main.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(bundleIsFresh('x', fake)).toBe(false);
    fs.rmSync(path.join(fake, 'cli', 'main.ts'));
    expect(bundleIsFresh('x', fake)).toBe(false);
    expect(bundleIsFresh('missing', fake)).toBe(false);
  });
});

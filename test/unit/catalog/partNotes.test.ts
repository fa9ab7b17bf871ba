// A NetBox file naming a built-in model: keeping the built-in keeps what the
// file adds as a note on it (SQLite, part_notes), shown by catalog:get and by
// `rackhive catalog show`, with the file's library path as its source. Real
// devicetype-library files (test/fixtures/netbox/SOURCES.json), real database files.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { dispatch } from '#host/dispatch';
import { createHandlers } from '#host/handlers/index';
import { main } from '#cli/main';
import { cleanupTempDirs, makeTempDir, openTestDb, steppingClock } from '../../helpers/db';

const FIX = path.join(__dirname, '../../fixtures/netbox');
const LIBRARY = 'https://github.com/netbox-community/devicetype-library/blob/master/';

/** The fixture where a clone of the library keeps it: <tmp>/devicetype-library/device-types/<vendor>/<file>. */
function inLibrary(vendor: string, file: string): string {
  const dir = path.join(makeTempDir(), 'devicetype-library', 'device-types', vendor);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(FIX, file), path.join(dir, file));
  return path.join(dir, file);
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => cleanupTempDirs());

describe('catalog:importNetbox keep-builtin', () => {
  it("saves the file's extra facts as one note on the built-in, replaced on re-import; the built-in itself is unchanged", async () => {
    const t = await openTestDb({ parts: builtinParts });
    try {
      const handlers = createHandlers({ db: t.db, dataDir: t.dir, databasePath: t.file, host: 'http', now: steppingClock() });
      const call = (channel: string, args: unknown) => dispatch(handlers, channel, args, { host: 'http' });
      const yaml = fs.readFileSync(path.join(FIX, 'AP7900B.yaml'), 'utf8');
      const fileName = 'devicetype-library/device-types/APC/AP7900B.yaml';
      const before = await call('catalog:get', { id: 'pdu.apc.ap7900b' });

      // Asking first saves nothing, and the dry run of a keep saves no note either.
      const ask = await call('catalog:importNetbox', { yaml, fileName });
      expect(ask.ok && ask.value).toMatchObject({ saved: false, builtin: { id: 'pdu.apc.ap7900b' }, note: null });
      const dry = await call('catalog:importNetbox', { yaml, fileName, onBuiltin: 'keep-builtin', dryRun: true });
      expect(dry.ok && dry.value).toMatchObject({ saved: false, note: null });
      expect((await call('catalog:get', { id: 'pdu.apc.ap7900b' })).ok && (await call('catalog:get', { id: 'pdu.apc.ap7900b' }))).toMatchObject({
        value: { notes: [] },
      });

      const keep = await call('catalog:importNetbox', { yaml, fileName, onBuiltin: 'keep-builtin' });
      expect(keep.ok && keep.value).toMatchObject({
        saved: false,
        part: { id: 'pdu.apc.ap7900b', builtin: true },
        note: {
          partId: 'pdu.apc.ap7900b',
          source: 'device-types/APC/AP7900B.yaml',
          sourceUrl: `${LIBRARY}device-types/APC/AP7900B.yaml`,
          text: 'From device-types/APC/AP7900B.yaml: inputPlug: NEMA L5-20P in the file (built-in: NEMA 5-15P).',
        },
      });
      await call('catalog:importNetbox', { yaml, fileName, onBuiltin: 'keep-builtin' });
      const got = await call('catalog:get', { id: 'pdu.apc.ap7900b' });
      expect(got.ok).toBe(true);
      if (!got.ok || !before.ok) return;
      const value = got.value as { part: unknown; notes: { source: string; text: string }[] };
      expect(value.notes).toHaveLength(1);
      expect(value.notes[0]!.text).toContain('NEMA L5-20P');
      // The built-in keeps its own plug: the note is beside it, not in it.
      expect(value.part).toEqual((before.value as { part: unknown }).part);
      expect(t.db.prepare("SELECT count(*) AS n FROM parts WHERE id LIKE 'user.%'").get()).toEqual({ n: 0 });
    } finally {
      t.db.close();
    }
  });

  it('a file that adds nothing to its built-in writes no note', async () => {
    const t = await openTestDb({ parts: builtinParts });
    try {
      const handlers = createHandlers({ db: t.db, dataDir: t.dir, databasePath: t.file, host: 'http', now: steppingClock() });
      const yaml = fs.readFileSync(path.join(FIX, 'SYS-4029GP-TRT.yaml'), 'utf8');
      const keep = await dispatch(
        handlers,
        'catalog:importNetbox',
        { yaml, fileName: 'device-types/Supermicro/SYS-4029GP-TRT.yaml', onBuiltin: 'keep-builtin' },
        { host: 'http' },
      );
      expect(keep.ok && keep.value).toMatchObject({ saved: false, builtinNote: null, note: null, part: { id: 'chassis.supermicro.sys-4029gp-trt' } });
      expect(t.db.prepare('SELECT count(*) AS n FROM part_notes').get()).toEqual({ n: 0 });
    } finally {
      t.db.close();
    }
  });
});

describe('rackhive catalog import-netbox + show', () => {
  it('the CLI keeps the built-in, notes what the file adds, and `catalog show` prints the note with its library source', async () => {
    const dir = makeTempDir();
    const file = inLibrary('APC', 'AP7900B.yaml');
    const r = await run('catalog', 'import-netbox', file, '--data-dir', dir, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      file: string;
      ok: boolean;
      category: string;
      part: { id: string; builtin: boolean };
      issues: { path: string; message: string }[];
    }[];
    expect(out.map((o) => Object.keys(o))).toEqual([['file', 'ok', 'category', 'part', 'issues']]);
    expect(out[0]).toMatchObject({ file, ok: true, category: 'pdu', part: { id: 'pdu.apc.ap7900b', builtin: true } });
    expect(out[0]!.issues.at(-1)).toEqual({
      path: 'model',
      message:
        "not saved: the built-in pdu.apc.ap7900b is kept. The file's extra facts are kept as a note on it (source device-types/APC/AP7900B.yaml): From device-types/APC/AP7900B.yaml: inputPlug: NEMA L5-20P in the file (built-in: NEMA 5-15P).",
    });

    const show = await run('catalog', 'show', 'AP7900B', '--data-dir', dir);
    expect(show.code).toBe(0);
    expect(show.out).toContain('inputPlug');
    expect(show.out).toContain('NEMA 5-15P'); // the built-in's own spec is unchanged
    expect(show.out).toMatch(
      /Your notes:\n {2}From device-types\/APC\/AP7900B\.yaml: inputPlug: NEMA L5-20P in the file \(built-in: NEMA 5-15P\)\.\n {4}source: https:\/\/github\.com\/netbox-community\/devicetype-library\/blob\/master\/device-types\/APC\/AP7900B\.yaml \(\d{4}-\d\d-\d\d\)/,
    );
    const json = JSON.parse((await run('catalog', 'show', 'pdu.apc.ap7900b', '--data-dir', dir, '--json')).out) as {
      id: string;
      partNotes: { source: string }[];
    };
    expect(json.id).toBe('pdu.apc.ap7900b');
    expect(json.partNotes.map((n) => n.source)).toEqual(['device-types/APC/AP7900B.yaml']);
    // Without the folder, show is the built-in alone, as before.
    const bare = JSON.parse((await run('catalog', 'show', 'pdu.apc.ap7900b', '--data-dir', makeTempDir(), '--json')).out) as Record<string, unknown>;
    expect('partNotes' in bare).toBe(false);
  });

  it('--dry-run shows what would be noted and writes nothing', async () => {
    const dir = path.join(makeTempDir(), 'never');
    const r = await run('catalog', 'import-netbox', inLibrary('APC', 'AP7900B.yaml'), '--data-dir', dir, '--dry-run', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { part: { id: string }; issues: { message: string }[] }[];
    expect(out[0]!.part.id).toBe('pdu.apc.ap7900b');
    expect(out[0]!.issues.at(-1)!.message).toMatch(/kept\. From device-types\/APC\/AP7900B\.yaml: .*\(dry run: not noted\)$/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('a copy imported beside the built-in never makes the model name ambiguous; a name both fit lists both', async () => {
    const t = await openTestDb({ parts: builtinParts });
    const handlers = createHandlers({ db: t.db, dataDir: t.dir, databasePath: t.file, host: 'http', now: steppingClock() });
    const yaml = fs.readFileSync(path.join(FIX, 'SYS-4029GP-TRT.yaml'), 'utf8');
    const copy = await dispatch(handlers, 'catalog:importNetbox', { yaml, onBuiltin: 'import-copy' }, { host: 'http' });
    expect(copy.ok && copy.value).toMatchObject({ saved: true, part: { id: 'user.chassis.sys-4029gp-trt-netbox' } });
    t.db.close();

    const exact = await run('catalog', 'show', 'SYS-4029GP-TRT', '--data-dir', t.dir, '--json');
    expect(exact.code).toBe(0);
    expect((JSON.parse(exact.out) as { id: string }).id).toBe('chassis.supermicro.sys-4029gp-trt');
    const mine = await run('catalog', 'show', 'SYS-4029GP-TRT (NetBox)', '--data-dir', t.dir, '--json');
    expect((JSON.parse(mine.out) as { id: string }).id).toBe('user.chassis.sys-4029gp-trt-netbox');
    const words = await run('catalog', 'show', '4029GP', '--data-dir', t.dir);
    expect(words.code).toBe(1);
    expect(words.err).toContain('chassis.supermicro.sys-4029gp-trt');
    expect(words.err).toContain('user.chassis.sys-4029gp-trt-netbox');
  });
});

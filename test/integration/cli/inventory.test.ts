// `rackhive inventory import|list|export` on a real data folder, through main()
// as the bin runs it: the JSON shapes the issue names, exit codes, re-import,
// export → re-import gives the same items, and a folder another Rackhive holds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '#cli/main';
import { acquireDataDirLock } from '#host/lock';
import { cleanupTempDirs, makeTempDir } from '../../helpers/db';

afterEach(cleanupTempDirs);
const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  if (out.length === 0 && argv.includes('--json')) throw new Error(`no output (exit ${code}): ${err.join(' / ')}`);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('rackhive inventory', () => {
  it('imports emails (--json shape), skips them again, updates on request; list --json has every stored field', async () => {
    const dir = makeTempDir();
    const files = [path.join(FIX, 'ebay/email-us-confirmation.eml'), path.join(FIX, 'ebay/email-uk-multi.eml')];
    const first = await run('inventory', 'import', ...files, '--data-dir', dir, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ encoding: 'utf-8', imported: 3, skipped: 0, updated: 0, errors: [] });
    expect(JSON.parse((await run('inventory', 'import', ...files, '--data-dir', dir, '--json')).out)).toMatchObject({ imported: 0, skipped: 3, updated: 0 });
    expect(JSON.parse((await run('inventory', 'import', ...files, '--data-dir', dir, '--json', '--on-duplicate', 'update')).out)).toMatchObject({
      imported: 0,
      skipped: 0,
      updated: 3,
    });
    const list = JSON.parse((await run('inventory', 'list', '--data-dir', dir, '--json')).out) as Record<string, unknown>[];
    expect(list).toHaveLength(3);
    for (const key of ['status', 'title', 'priceMinor', 'orderedOn', 'receivedOn', 'externalId', 'orderNumber', 'seller', 'currency'])
      expect(Object.keys(list[0]!)).toContain(key);

    // export → import into a new folder: the same items.
    const out = path.join(dir, 'export.csv');
    expect((await run('inventory', 'export', '--out', out, '--data-dir', dir)).code).toBe(0);
    const other = makeTempDir();
    expect(JSON.parse((await run('inventory', 'import', out, '--data-dir', other, '--json')).out)).toMatchObject({ imported: 3, errors: [] });
    const strip = (items: Record<string, unknown>[]) =>
      items.map(({ id: _i, createdAt: _c, updatedAt: _u, ...rest }) => rest).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(strip(JSON.parse((await run('inventory', 'list', '--data-dir', other, '--json')).out))).toEqual(strip(list));
  });

  it('rows with problems: exit 1 and nothing written; --valid-only writes the good ones; --dry-run writes nothing', async () => {
    const dir = makeTempDir();
    const file = path.join(FIX, 'ebay/short-row.csv');
    const refused = await run('inventory', 'import', file, '--data-dir', dir, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toEqual({
      encoding: 'utf-8',
      imported: 0,
      skipped: 0,
      updated: 0,
      errors: [{ line: 4, column: null, message: 'Line 4: 3 of 5 columns (a cell is missing, or the line was cut)' }],
    });
    expect(JSON.parse((await run('inventory', 'import', file, '--data-dir', dir, '--json', '--dry-run', '--valid-only')).out)).toMatchObject({ imported: 3 });
    expect(JSON.parse((await run('inventory', 'list', '--data-dir', dir, '--json')).out)).toEqual([]);
    expect(JSON.parse((await run('inventory', 'import', file, '--data-dir', dir, '--json', '--valid-only')).out)).toMatchObject({ imported: 3 });
  });

  it('a title no part fits is an error naming its line, unless --unmatched custom; ambiguous dates ask for --date-order', async () => {
    const dir = makeTempDir();
    const csv = path.join(dir, 'odd.csv');
    fs.writeFileSync(csv, 'part,price,ordered_on\nQuantum Flux Card 9000,10,01/06/2024\n');
    const refused = JSON.parse((await run('inventory', 'import', csv, '--data-dir', dir, '--json')).out) as { errors: { line: number; message: string }[] };
    expect(refused.errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'The dates could be day/month or month/day: give --date-order dmy or --date-order mdy'],
      [2, 'No catalog part matches "Quantum Flux Card 9000": choose the part'],
      [2, '"01/06/2024" could be day/month or month/day: choose the date order in the column step'],
    ]);
    expect(JSON.parse((await run('inventory', 'import', csv, '--data-dir', dir, '--json', '--unmatched', 'custom', '--date-order', 'dmy')).out)).toMatchObject({
      imported: 1,
      errors: [],
    });
    const [item] = JSON.parse((await run('inventory', 'list', '--data-dir', dir, '--json')).out) as { part: { model: string }; orderedOn: string }[];
    expect(item).toMatchObject({ part: { model: 'Quantum Flux Card 9000' }, orderedOn: '2024-06-01' });
  });

  it('refuses a data folder a running app holds, naming it', async () => {
    const dir = makeTempDir();
    const lock = acquireDataDirLock(dir, { host: 'http', url: 'http://127.0.0.1:1/#t' });
    try {
      const r = await run('inventory', 'list', '--data-dir', dir);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`is using the data folder ${dir}`);
    } finally {
      lock.release();
    }
  });
});

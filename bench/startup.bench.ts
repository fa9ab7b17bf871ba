// Starting things, each against a bare baseline measured in the same run:
// - `rackhive check` on the Groq example, a fresh process, against `node -e` parsing the same file (goal <= 3x);
// - `npm run serve` (bin/serve.mjs) from spawn to its first HTTP response, against a bare Node HTTP server (goal <= 3x);
// - opening the app's database (lock, start-up check, migrations, catalog sync,
//   backup decision: openAppContext) on a file unchanged since its last clean
//   close, at 10k, 100k and 1M items (goal <= 2 s at 1M), against a bare
//   better-sqlite3 open and first query of the same file; and, for scale, the
//   same open with the full start-up check forced (what a start after a crash pays).
// The data sets are generated here (one INSERT … SELECT over a counter), in a temporary folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { writeLastGood } from '#db/lastGood';
import { LiveDatabase } from '#db/backups/live';
import { openAppContext } from '#host/appContext';
import { benchSizes, limitRow, median, ratioRow, record, scaling } from './harness';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GROQ = path.join(ROOT, 'assets', 'examples', 'groq-8-racks.json');
const SIZES = benchSizes();

/** Wall time of a fresh `node …args` until it exits (or, with `until`, until it prints a line matching it and the follow-up resolves). */
function timeProcess(args: string[], until?: { line: RegExp; then: (m: RegExpMatchArray) => Promise<void> }): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let out = '';
    let err = '';
    let done = false;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = until && !done ? out.match(until.line) : null;
      if (m) {
        done = true;
        until!.then(m).then(
          () => {
            const ms = performance.now() - t0;
            child.once('exit', () => resolve(ms));
            child.kill('SIGTERM');
          },
          (e: unknown) => {
            child.kill('SIGKILL');
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      }
    });
    child.on('exit', (code) => {
      if (until) {
        if (!done) reject(new Error(`${args.join(' ')} exited (${code}) before answering: ${err.slice(0, 400)}`));
        return;
      }
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(0, 400)}`));
      else resolve(performance.now() - t0);
    });
  });
}

async function firstResponse(m: RegExpMatchArray): Promise<void> {
  const res = await fetch(m[1]!);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`first response ${res.status}`);
}

const BARE_SERVER =
  "require('node:http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',function(){console.log('listening at http://127.0.0.1:'+this.address().port+'/')})";

/** Runs a and b alternately `rounds` times; medians of each. */
async function alternate(rounds: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ta.push(await a());
    tb.push(await b());
  }
  return [median(ta), median(tb)];
}

async function makeInventory(dataDir: string, n: number): Promise<void> {
  const app = await openAppDatabase(dataDir);
  app.db.exec(`
    WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${n - 1})
    INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, seller, serial_number, notes, created_at, updated_at)
    SELECT printf('b%08d', i), 'gpu.nvidia.tesla-p40', 1 + i % 4, 'received', 'USD', (i * 7919) % 200000, 'seller-' || (i % 977),
           'SN' || ((i * 2654435761) % 1000000000), CASE WHEN i % 10 = 0 THEN 'bench note ' || i ELSE NULL END,
           '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z'
    FROM k`);
  closeAppDatabase(app.db);
  // As a clean close leaves it (the bench takes no backup of a million rows; the open path is the same).
  writeLastGood(dataDir, 'rackhive.db', true, new Date());
}

export default async function bench(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-bench-startup-'));
  try {
    // 1. `rackhive check` cold start.
    const [cli, parse] = await alternate(
      7,
      () => timeProcess([path.join(ROOT, 'bin', 'rackhive.mjs'), 'check', GROQ]),
      () => timeProcess(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(GROQ)}, 'utf8'))`]),
    );
    ratioRow('`rackhive check groq-8-racks.json` cold start', cli, 'ms', { what: '`node -e` JSON.parse of the same file', figure: parse }, 3);

    // 2. `npm run serve` to first response.
    const serveDir = path.join(tmp, 'serve');
    const [serve, bare] = await alternate(
      5,
      () =>
        timeProcess([path.join(ROOT, 'bin', 'serve.mjs'), '--port', '0', '--data-dir', serveDir, '--no-open'], {
          line: /running at (http:\/\/[^\s#]+)/,
          then: firstResponse,
        }),
      () => timeProcess(['-e', BARE_SERVER], { line: /listening at (http:\/\/\S+)/, then: firstResponse }),
    );
    ratioRow('`npm run serve` to first response', serve, 'ms', { what: 'bare Node HTTP server', figure: bare }, 3);

    // 3. Opening the database at 10k / 100k / 1M items.
    const unchanged: number[] = [];
    const checked: number[] = [];
    for (const n of SIZES) {
      const dataDir = path.join(tmp, `items-${n}`);
      const t0 = performance.now();
      await makeInventory(dataDir, n);
      console.log(
        `(setup: ${n.toLocaleString('en-US')} items generated in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(fs.statSync(path.join(dataDir, 'rackhive.db')).size / 1e6).toFixed(0)} MB)`,
      );
      const open = async () => {
        const s = performance.now();
        const ctx = await openAppContext({ dataDir, host: 'http' });
        const ms = performance.now() - s;
        ctx.close();
        return ms;
      };
      const raw = async () => {
        const s = performance.now();
        const db = new Database(path.join(dataDir, 'rackhive.db'));
        db.prepare('SELECT id FROM inventory_items LIMIT 1').get();
        const ms = performance.now() - s;
        db.close();
        return ms;
      };
      const [app, bareOpen] = await alternate(3, open, raw);
      unchanged.push(app);
      limitRow(
        'app start (database opened), file unchanged since its last clean close',
        app,
        'ms',
        2000,
        { what: 'bare better-sqlite3 open + first query', figure: bareOpen },
        { size: n },
      );
      if (n <= 100_000 || process.env.RACKHIVE_BENCH_FULL) {
        const s = performance.now();
        const live = await LiveDatabase.open(dataDir, { alwaysCheck: true, startupBackup: false });
        const ms = performance.now() - s;
        live.close();
        checked.push(ms);
        record({
          what: 'app start with the full start-up check (after a crash)',
          figure: ms,
          unit: 'ms',
          baseline: null,
          ratio: null,
          goal: 'none, for scale',
          met: null,
          size: n,
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    if (SIZES.length > 1) scaling('app start, file unchanged', SIZES, unchanged, 'ms');
    if (checked.length > 1) scaling('app start, full check', SIZES.slice(0, checked.length), checked, 'ms');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

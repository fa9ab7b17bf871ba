// `rackhive sheet` on the 512-card, 8-rack Groq example, a fresh process from
// spawn to the PDF written (its temporary host, Chromium, the import, the sheet
// page printed), against the same Chromium printing a static page from a fresh
// Node process (launch, one page, page.pdf). Goal: <= 1.5x. Then four build
// files in one `rackhive sheet` (one Chromium, one host), per sheet. Skipped with a note
// when Chromium or the built renderer is missing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, CHROMIUM_ARGS } from '#host/pdf/chromium';
import { defaultStaticDir } from '#host/http/server';
import { median, ratioRow, skip } from './harness';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 3;

function run(args: string[], input?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${args.slice(0, 2).join(' ')} exited ${code}: ${err.slice(0, 400)}`)),
    );
    child.stdin.end(input ?? '');
  });
}

export default async function bench(): Promise<void> {
  let chromium: string;
  try {
    chromium = findChromium();
  } catch (err) {
    return skip('sheet groq-8-racks', err instanceof Error ? err.message : String(err));
  }
  if (!fs.existsSync(path.join(defaultStaticDir(), 'sheet.html'))) return skip('sheet groq-8-racks', 'dist/renderer is not built; run `npx vite build`');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-bench-sheet-'));
  try {
    const groq = path.join(ROOT, 'assets', 'examples', 'groq-8-racks.json');
    const staticPrint = `
      const { chromium } = await import('playwright-core');
      const b = await chromium.launch({ executablePath: ${JSON.stringify(chromium)}, headless: true, args: ${JSON.stringify(CHROMIUM_ARGS)} });
      const page = await (await b.newContext({ viewport: { width: 900, height: 1270 } })).newPage();
      await page.setContent('<!doctype html><title>static</title><h1>A static page</h1>' + '<p>' + 'text '.repeat(400) + '</p>'.repeat(20));
      await page.emulateMedia({ media: 'print' });
      require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, 'static.pdf'))}, await page.pdf({ format: 'A4', printBackground: true }));
      await b.close();`;
    const sheet = () => run([path.join(ROOT, 'bin', 'rackhive.mjs'), 'sheet', groq, '--out', path.join(dir, 'groq.pdf')]);
    const bare = () =>
      run([
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))}); ${staticPrint.replace("await import('playwright-core')", "require('playwright-core')")}`,
      ]);
    await sheet();
    await bare();
    const ts: number[] = [];
    const tb: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      ts.push(await sheet());
      tb.push(await bare());
    }
    const kb = Math.round(fs.statSync(path.join(dir, 'groq.pdf')).size / 1024);
    ratioRow(
      `\`rackhive sheet groq-8-racks.json\` to PDF (${kb} KB), fresh process`,
      median(ts),
      'ms',
      { what: 'the same Chromium printing a static page, fresh process', figure: median(tb) },
      1.5,
    );
    // Several sheets through one Chromium and one host: the figure is per sheet.
    const several = ['groq-8-racks', 'sys-4028gr-x10drg', 'gigabyte-g482', 'open-frame-romed8-4x3090'].map((id) =>
      path.join(ROOT, 'assets', 'examples', `${id}.json`),
    );
    const batch = () => run([path.join(ROOT, 'bin', 'rackhive.mjs'), 'sheet', ...several, '--out', path.join(dir, 'several')]);
    const tm: number[] = [];
    const tb2: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      tm.push((await batch()) / several.length);
      tb2.push(await bare());
    }
    ratioRow(
      `\`rackhive sheet\` of ${several.length} build files in one process (Groq among them), per sheet`,
      median(tm),
      'ms',
      { what: 'the same Chromium printing a static page, fresh process', figure: median(tb2) },
      1.5,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

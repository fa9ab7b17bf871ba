// Every seed example through the CLI's export path (temporary HTTP host, import
// through the API, Chromium printing the sheet route), in one browser session:
// the PDF's text has the sections, totals and hive listing, and its pages are
// rendered to test-results/sheet-<example>-<n>.png for a person to look at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FILES } from '#core/build/examples';
import { main } from '../../cli/main';
import { exportSheets, type SheetExported } from '../../host/pdf/export';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RESULTS = path.join(ROOT, 'test-results');
const EXAMPLES = Object.keys(EXAMPLE_FILES);
const HOSTILE = '<img src=x onerror=alert(1)> =cmd|"/c calc"!A1';

let tmp: string;
let done: SheetExported[] = [];
const text = new Map<string, string>();

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-sheet-test-'));
  fs.mkdirSync(RESULTS, { recursive: true });
  const jobs = EXAMPLES.map((id) => ({ text: fs.readFileSync(path.join(ROOT, 'assets', 'examples', `${id}.json`), 'utf8'), out: path.join(tmp, `${id}.pdf`) }));
  // A build full of hostile text, printed in the same session.
  const hostile = JSON.parse(jobs.find((j) => j.out.endsWith('sys-4028gr-x10drg.pdf'))!.text);
  hostile.name = HOSTILE;
  hostile.notes = `Notes: ${HOSTILE}`;
  hostile.racks[0].label = 'Rack <b>bold</b>';
  jobs.push({ text: JSON.stringify(hostile), out: path.join(tmp, 'hostile.pdf') });
  done = await exportSheets(jobs);
  for (const d of done) {
    const name = path.basename(d.out, '.pdf');
    text.set(name, execFileSync('pdftotext', ['-layout', d.out, '-'], { encoding: 'utf8' }));
    for (const old of fs.readdirSync(RESULTS).filter((f) => f.startsWith(`sheet-${name}-`))) fs.rmSync(path.join(RESULTS, old));
    execFileSync('pdftoppm', ['-png', '-r', '60', d.out, path.join(RESULTS, `sheet-${name}`)]);
  }
}, 600_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('build sheet PDFs of the seed examples', () => {
  it('produces a PDF per example with every section', () => {
    expect(done.map((d) => path.basename(d.out, '.pdf'))).toEqual([...EXAMPLES, 'hostile']);
    for (const id of EXAMPLES) {
      const t = text.get(id)!;
      expect(
        fs
          .readFileSync(path.join(tmp, `${id}.pdf`))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      for (const section of [
        'Build sheet',
        'Rack elevation',
        'Boards, topology and hives',
        'Hives',
        'Bill of materials',
        'To buy',
        'Power budget',
        'Findings',
        'Estimates',
      ]) {
        // Accelerators on their own fabric (GroqCards) get the fabric's section in place of the hive list.
        const heading = section === 'Hives' && id === 'groq-8-racks' ? 'Groq chip-to-chip fabric' : section;
        expect(t, `${id}: ${heading}`).toContain(heading);
      }
      // pdftoppm numbers pages -1, -01 or -001 depending on how many there are.
      expect(fs.readdirSync(RESULTS).some((f) => new RegExp(`^sheet-${id}-0*1\\.png$`).test(f))).toBe(true);
    }
  });

  it('X10DRG: one hive of eight, the totals and the chart', () => {
    const t = flat(text.get('sys-4028gr-x10drg')!);
    expect(t).toContain('Hive A: GPU0, GPU1, GPU2, GPU3, GPU4, GPU5, GPU6, GPU7 — 8 GPUs');
    // chassis $1,600 + 8 × P40 $170 + 8 × 32 GB DIMM $100 + the ConnectX-3 $40 at their typical used prices; the CPUs and the rack have no public price.
    expect(t).toMatch(/To buy total ≥ \$3,800\.00/);
    expect(t).toMatch(/Build total: ≥ \$3,800\.00 \(3 lines without a price\)/);
    // Is it worth it? is printed, and says why the break-even is unknown while the total is a lower bound.
    expect(t).toContain('Is it worth it?');
    expect(t).toMatch(/Hardware \(total\) unknown \(3 lines without a price; at least \$3,800\.00\)/);
    expect(t).toContain('site 230 V, 16 A');
    expect(t).toContain('Cost versus tokens/s');
    expect(t).toContain('P2P matrix');
    // The workload and the command line that runs it (core/serve/plan), as the editor shows them.
    expect(t).toContain('Serving plan');
    // Long command lines wrap in the PDF: compare without the line breaks.
    expect(t.replace(/\s+/g, '')).toContain(
      'CUDA_DEVICE_ORDER=PCI_BUS_IDCUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7NCCL_P2P_LEVEL=PHBvllmservemeta-llama/Llama-3.1-70B--tensor-parallel-size8',
    );
  });

  it('X9DRG: two hives of four, one per socket', () => {
    const t = flat(text.get('sys-4028gr-x9drg')!);
    expect(t).toContain('Hive A: GPU0, GPU1, GPU2, GPU3 — 4 GPUs');
    expect(t).toContain('Hive B: GPU4, GPU5, GPU6, GPU7 — 4 GPUs');
    // Root complexes by their board labels, never the ids the board file wires them with.
    expect(t).toMatch(/via PHB, CPU1 IIO/);
    expect(t).toMatch(/via PHB, CPU2 IIO/);
    expect(t).not.toMatch(/socket cpu1|cpu1-rc/);
  });

  it('Groq: 512 cards at $500 planned, 64 identical nodes shown once, 8 racks', () => {
    const t = flat(text.get('groq-8-racks')!);
    expect(t).toMatch(/GroqCard.*512.*\$256,000\.00/);
    expect(t).toContain('Shown once for 64 identical chassis');
    // The chip-to-chip fabric is one domain, not 64 hives.
    expect(t).toMatch(/One domain: 512 GroqCards in 64 nodes across 8 racks/);
    expect(t).not.toContain('Hive B');
    for (let r = 1; r <= 8; r++) expect(t).toContain(`Rack ${r}`);
  });

  it('the A100 box: no price source, so its cost is unknown, never $0', () => {
    const t = flat(text.get('octal-a100-sxm')!);
    expect(t).toContain('Build total: unknown');
    expect(t).not.toMatch(/Build total: \$0\.00/);
  });

  it('over-budget: its planted errors are listed', () => {
    const t = flat(text.get('over-budget')!);
    // Sentences, not codes: the PSU overload error as the sheet prints it.
    expect(t).toMatch(/ERROR .*peaks at [0-9,]+ W but its .* W over\./);
  });

  it('hostile names and notes appear literally', () => {
    const t = flat(text.get('hostile')!);
    expect(t).toContain(HOSTILE);
    expect(t).toContain(`Notes: ${HOSTILE}`);
    expect(t).toContain('Rack <b>bold</b>');
  });
});

describe('rackhive sheet', () => {
  it('writes the PDF, and says clearly when no Chromium is found', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const file = path.join(tmp, 'cli.pdf');
    expect(await main(['sheet', path.join(ROOT, 'assets/examples/gigabyte-g482.json'), '--out', file], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^Wrote .*cli\.pdf/);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    const saved = process.env.RACKHIVE_CHROMIUM;
    process.env.RACKHIVE_CHROMIUM = path.join(tmp, 'no-such-chromium');
    try {
      expect(await main(['sheet', path.join(ROOT, 'assets/examples/gigabyte-g482.json'), '--out', path.join(tmp, 'x.pdf')], io)).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.RACKHIVE_CHROMIUM;
      else process.env.RACKHIVE_CHROMIUM = saved;
    }
    expect(err.join('\n')).toMatch(/no Chromium found .*RACKHIVE_CHROMIUM/);
    expect(await main(['sheet', path.join(ROOT, 'assets/examples/gigabyte-g482.json')], io)).toBe(2);
  }, 600_000);

  it('prints several build files into a folder in one go, and names a bad file before starting', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const folder = path.join(tmp, 'several');
    const files = ['gigabyte-g482', 'k80-x4'].map((id) => path.join(ROOT, 'assets/examples', `${id}.json`));
    expect(await main(['sheet', ...files, '--out', folder], io)).toBe(0);
    for (const id of ['gigabyte-g482', 'k80-x4']) {
      const pdf = path.join(folder, `${id}.pdf`);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(out.join('\n')).toContain(`Wrote ${pdf}`);
      // Each PDF is that build's sheet.
      const name = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/examples', `${id}.json`), 'utf8')).name as string;
      expect(flat(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }))).toContain(flat(name));
    }
    expect(out.at(-1)).toMatch(/^2 sheets in /);

    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ format: 'rackhive.build', version: 1, name: 'x', racks: 'none' }));
    expect(await main(['sheet', files[0]!, bad, '--out', folder], io)).toBe(1);
    expect(err.join('\n')).toContain(`${bad} is not a valid build file:\nracks:`);
    // Two files of the same name would overwrite each other: refused.
    expect(await main(['sheet', files[0]!, files[0]!, '--out', folder], io)).toBe(2);
  }, 600_000);
});

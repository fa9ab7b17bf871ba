// `rackhive sheet <build.json> --out <file.pdf>`: the build sheet as a PDF,
// rendered by Chromium from the app's own print layout (a temporary local host
// on a throwaway data folder; nothing touches the person's Rackhive data).
// Several build files print in one go into a folder, through one Chromium and
// one host (starting those is most of the time a sheet takes).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliIO, type Command } from '../command';
import { formatIssues, parseBuildText } from '#core/build/file';

const usage = `Usage: rackhive sheet <build.json> --out <file.pdf>
       rackhive sheet <build.json> <build.json>... --out <folder>

Writes the build sheet of a build file as a PDF (A4): racks, boards with their
hives, the P2P matrix, the bill of materials, the power budget, every finding,
the estimates for the build's workloads and the cost-vs-tokens/s chart.
The build's own site (mains volts, circuit amps) is used for the power checks.

Needs Chromium: set RACKHIVE_CHROMIUM to its executable when it is not at
/usr/bin/chromium.

With several build files, --out is a folder (made when missing) and each
sheet is written there as <build file name>.pdf, all through one Chromium.

  --out <file>   where to write the PDF (a folder for several build files)`;

export const sheetCommand: Command = {
  name: 'sheet',
  summary: 'write the build sheet of a build file as a PDF (needs Chromium)',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { out: { type: 'string', short: 'o' } } });
    if (positionals.length === 0) throw new UsageError('give a build file');
    if (!values.out) throw new UsageError(positionals.length > 1 ? 'give --out <folder>' : 'give --out <file.pdf>');
    const outFor = (file: string) => (positionals.length === 1 ? values.out! : path.join(values.out!, `${path.basename(file, path.extname(file))}.pdf`));
    const outs = positionals.map(outFor);
    const twice = outs.find((o, i) => outs.indexOf(o) !== i);
    if (twice) throw new UsageError(`two build files would both be written to ${twice}; give files with different names`);
    const jobs: { text: string; out: string }[] = [];
    for (const [i, file] of positionals.entries()) {
      try {
        jobs.push({ text: readFileSync(file, 'utf8'), out: outs[i]! });
      } catch (err) {
        io.err(`rackhive sheet: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
        return 1;
      }
      // With several files, say which one is bad before anything starts.
      const parsed = positionals.length > 1 ? parseBuildText(jobs[i]!.text) : null;
      if (parsed && !parsed.ok) {
        io.err(`rackhive sheet: ${file} is not a valid build file:\n${formatIssues(parsed.issues)}`);
        return 1;
      }
    }
    const t0 = performance.now();
    // Loaded here, not at the top: the host and Chromium code is most of the
    // CLI's bundle, and every other command starts faster without it.
    const [{ ChromiumNotFound }, { exportSheets, SheetExportError }] = await Promise.all([import('#host/pdf/chromium'), import('#host/pdf/export')]);
    try {
      const done = await exportSheets(jobs);
      const took = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
      for (const d of done) io.out(`Wrote ${d.out} (${Math.round(d.bytes / 1024)} KB${done.length === 1 ? `, ${took}` : ''}): build sheet of "${d.title}"`);
      if (done.length > 1) io.out(`${done.length} sheets in ${took}`);
      return 0;
    } catch (err) {
      if (err instanceof ChromiumNotFound || err instanceof SheetExportError) {
        io.err(`rackhive sheet: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};

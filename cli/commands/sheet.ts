// `rackhive sheet <build.json> --out <file.pdf>`: the build sheet as a PDF,
// rendered by Chromium from the app's own print layout (a temporary local host
// on a throwaway data folder; nothing touches the person's Rackhive data).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, type CliIO, type Command } from '../command';

const usage = `Usage: rackhive sheet <build.json> --out <file.pdf>

Writes the build sheet of a build file as a PDF (A4): racks, boards with their
hives, the P2P matrix, the bill of materials, the power budget, every finding,
the estimates for the build's workloads and the cost-vs-tokens/s chart.
The build's own site (mains volts, circuit amps) is used for the power checks.

Needs Chromium: set RACKHIVE_CHROMIUM to its executable when it is not at
/usr/bin/chromium.

  --out <file>   where to write the PDF`;

export const sheetCommand: Command = {
  name: 'sheet',
  summary: 'write the build sheet of a build file as a PDF (needs Chromium)',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { out: { type: 'string', short: 'o' } } });
    if (positionals.length !== 1) throw new UsageError('give exactly one build file');
    if (!values.out) throw new UsageError('give --out <file.pdf>');
    let text: string;
    try {
      text = readFileSync(positionals[0]!, 'utf8');
    } catch (err) {
      io.err(`rackhive sheet: cannot read ${positionals[0]}: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    const t0 = performance.now();
    // Loaded here, not at the top: the host and Chromium code is most of the
    // CLI's bundle, and every other command starts faster without it.
    const [{ ChromiumNotFound }, { exportSheets, SheetExportError }] = await Promise.all([import('#host/pdf/chromium'), import('#host/pdf/export')]);
    try {
      const [done] = await exportSheets([{ text, out: values.out }]);
      io.out(`Wrote ${done!.out} (${Math.round(done!.bytes / 1024)} KB, ${((performance.now() - t0) / 1000).toFixed(1)} s): build sheet of "${done!.title}"`);
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

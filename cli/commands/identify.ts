// `rackhive identify --topo <file> [--lspci <file>] [--smi <file>]
// [--dmidecode <file>] [--json]`: which catalog board the machine's topology
// shows. Exit 0 with an answer (even "cannot tell"), 1 when an input is
// unreadable or not the output asked for, 2 for usage mistakes.
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { builtinParts } from '#core/catalog/builtin';
import { boardLayouts } from '#core/asbuilt/layouts';
import { identify } from '#core/asbuilt/identify';
import { identificationLines, inputOptions, observedFromFlags } from './verify';

const usage = `Usage: rackhive identify --topo <file> [--lspci <file>] [--smi <file>] [--dmidecode <file>] [--json]

Names the catalog board (or system) whose PCIe layout explains the machine's
nvidia-smi topo -m (or rocm-smi --showtopo) output, ranks the others, and says
so when the matrix alone cannot tell two boards apart.

  --json   print the identification as JSON`;

export const identifyCommand: Command = {
  name: 'identify',
  summary: 'name the board from nvidia-smi topo -m / rocm-smi output',
  usage,
  run(argv: string[], io: CliIO): number {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: inputOptions });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.topo) throw new UsageError('--topo <file> is required');
    const observed = observedFromFlags(io, 'identify', values);
    if (!observed) return 1;
    const id = identify(observed, boardLayouts(builtinParts));
    if (values.json) printJson(io, { ...id, ranking: id.ranking.slice(0, 10), notes: observed.notes });
    else {
      for (const line of identificationLines(id)) io.out(line);
      for (const n of observed.notes) io.out(`Note: ${n}`);
    }
    return 0;
  },
};

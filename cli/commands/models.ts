// `rackhive models list`: the LLM library with the shape facts the estimates use.
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { builtinModels } from '#core/models/library';
import { QUANT_FORMATS } from '#core/models/quant';
import { KV_PRECISIONS } from '#core/models/kv';

const USAGE = `Usage: rackhive models list [--all] [--json]

  --all   include older models kept for the calibration data`;

function run(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, all: { type: 'boolean', default: false } },
  });
  if (positionals[0] !== 'list' || positionals.length > 1)
    throw new UsageError(positionals[0] ? `unknown subcommand '${positionals.slice(0).join(' ')}'` : 'missing subcommand: list');
  const models = builtinModels.filter((m) => values.all || !m.legacy);
  if (values.json) {
    printJson(io, { models, quantFormats: QUANT_FORMATS, kvPrecisions: KV_PRECISIONS });
    return 0;
  }
  const rows = [
    ['id', 'params', 'active', 'layers', 'hidden', 'heads', 'kv heads', 'head dim', 'vocab', 'context'],
    ...models.map((m) => [
      m.id,
      `${m.paramsB}B`,
      m.activeParamsB ? `${m.activeParamsB}B` : '',
      String(m.layers),
      String(m.hiddenSize),
      String(m.attentionHeads),
      String(m.kvHeads),
      String(m.headDim),
      String(m.vocabSize),
      String(m.maxContext),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) io.out(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  io.out('');
  io.out(`Quantisations: ${QUANT_FORMATS.map((q) => `${q.id} ${q.bitsPerWeight.toFixed(2)}`).join(', ')}, exl2-<bpw>`);
  io.out(`KV cache: ${KV_PRECISIONS.map((k) => k.id).join(', ')}`);
  return 0;
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'the LLM library (layers, heads, KV heads, context) and quantisation formats',
  usage: USAGE,
  run,
};

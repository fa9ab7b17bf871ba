// `rackhive catalog list|show|import-netbox`: the built-in catalog from the command line.
// Names resolve like everywhere else (resolvePart); an ambiguous name lists
// the candidates and exits 1 rather than picking one.
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { builtinParts } from '#core/catalog/builtin';
import { PART_CATEGORIES, PartCategory, type CatalogPart } from '#core/catalog/part';
import { queryParts, gbpsPerDollar, vramGBPerDollar } from '#core/catalog/derived';
import { PartResolveError, resolvePart } from '#core/catalog/resolve';
import { formatValue, UNKNOWN } from '#core/catalog/format';
import { formatMoney } from '#core/money';
import type { PartNote } from '#core/catalog/partNote';
import { ApiFailure } from '#core/api/errors';
import { readUserCatalog } from '#db/readCatalog';
import { defaultDataDir } from '#host/dataDir';
import path from 'node:path';
import { IMPORT_NETBOX_USAGE, importNetboxCommand } from './importNetbox';

const USAGE = `Usage: rackhive catalog list [--category <category>] [--json]
       rackhive catalog show <id-or-name> [--data-dir <dir>] [--json]
       rackhive catalog import-netbox <file.yaml…> [--data-dir <dir>] [--dry-run] [--json]

Categories: ${PART_CATEGORIES.join(', ')}
Names: an id ("gpu.nvidia.rtx-3090") or a usual name ("RTX 3090", "Tesla P40",
"A100 SXM4 80GB"). A name that fits several parts lists them and exits 1.
show also reads your own parts and part notes (e.g. what an imported NetBox
file adds to a built-in) from the data folder (--data-dir, default the
desktop app's), read-only, so it works while the app is open.

${IMPORT_NETBOX_USAGE.split('\n').slice(2).join('\n')}`;

/** The few spec columns worth a table per category. */
const KEY_SPECS: Partial<Record<PartCategory, string[]>> = {
  gpu: ['vramGB', 'memBandwidthGBps', 'fp16Tflops', 'tdpW', 'pcieGen', 'pcieLanes', 'p2pOverPcie'],
  cpu: ['cores', 'baseGHz', 'tdpW', 'pcieGen', 'pcieLanes', 'memoryChannels'],
  nic: ['ports', 'portSpeedGbps', 'pcieGen', 'pcieLanes', 'rdma'],
  'pcie-switch': ['pcieGen', 'lanes', 'ports', 'typicalPowerW'],
  psu: ['ratedOutputHighLineW', 'ratedOutputLowLineW', 'efficiency'],
  rack: ['heightU', 'depthMm', 'maxLoadKg'],
  pdu: ['inputVolts', 'inputAmps', 'maxLoadW'],
  memory: ['type', 'sizeGB', 'speedMTps', 'registered'],
  storage: ['capacityGB', 'interface', 'pcieGen', 'pcieLanes'],
  riser: ['kind', 'hostLanes', 'pcieGen'],
  cable: ['kind', 'lengthM', 'ratedAmps'],
  chassis: ['heightU', 'depthMm', 'weightKg', 'psuBays'],
  board: ['formFactor'],
};

const SHORT: Record<string, string> = {
  vramGB: 'VRAM',
  memBandwidthGBps: 'bandwidth',
  fp16Tflops: 'FP16',
  tdpW: 'TDP',
  pcieGen: 'PCIe gen',
  pcieLanes: 'lanes',
  p2pOverPcie: 'P2P',
  ratedOutputHighLineW: '200-240 V',
  ratedOutputLowLineW: '100-127 V',
};

function keySpecs(part: CatalogPart): string {
  const fields = KEY_SPECS[part.category] ?? [];
  const specs = part.specs as Record<string, unknown>;
  return fields.map((f) => `${SHORT[f] ?? f} ${formatValue(f, specs[f])}`).join(', ');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function list(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { category: { type: 'string', short: 'c' }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  let category: PartCategory | undefined;
  if (values.category !== undefined) {
    const parsed = PartCategory.safeParse(values.category);
    if (!parsed.success) throw new UsageError(`unknown category '${values.category}' (one of: ${PART_CATEGORIES.join(', ')})`);
    category = parsed.data;
  }
  const parts = queryParts(builtinParts, { category });
  if (values.json) {
    printJson(io, parts);
    return 0;
  }
  io.out(table([['ID', 'VENDOR', 'MODEL', 'KEY SPECS'], ...parts.map((p) => [p.id, p.vendor, p.model, keySpecs(p)])]).join('\n'));
  io.out(`${parts.length} part${parts.length === 1 ? '' : 's'}; unknown values are shown as "${UNKNOWN}".`);
  return 0;
}

function show(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('which part? give an id or a name');
  if (values['data-dir'] === '') throw new UsageError('--data-dir must not be empty');
  const query = positionals.join(' ');
  let user;
  try {
    user = readUserCatalog(path.resolve(values['data-dir'] ?? defaultDataDir()));
  } catch (err) {
    if (err instanceof ApiFailure) {
      io.err(`rackhive catalog: ${err.message}`);
      return 1;
    }
    throw err;
  }
  let part: CatalogPart;
  try {
    // Built-ins as this version ships them, plus the user's parts: a name both answer to is ambiguous and says so.
    part = resolvePart([...builtinParts, ...user.userParts], query);
  } catch (err) {
    if (err instanceof PartResolveError) {
      io.err(`rackhive catalog: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const notes: PartNote[] = user.notes.get(part.id) ?? [];
  if (values.json) {
    // The part as before; notes only when there are some, so the part's own shape stays the contract.
    printJson(io, notes.length ? { ...part, partNotes: notes } : part);
    return 0;
  }
  const specs = part.specs as Record<string, unknown>;
  const width = Math.max(...Object.keys(specs).map((k) => k.length));
  const lines = [
    `${part.vendor} ${part.model}`,
    `id: ${part.id}   category: ${part.category}   ${part.builtin ? 'built-in' : 'user part'} rev ${part.revision}`,
    part.aliases.length ? `also: ${part.aliases.join(', ')}` : null,
    '',
    'Specs:',
    ...Object.entries(specs).map(([k, v]) => {
      const sources = part.sources.filter((s) => s.covers?.includes(k)).map((s) => s.url);
      return `  ${k.padEnd(width)}  ${formatValue(k, v)}${sources.length ? `   [${sources.join('; ')}]` : ''}`;
    }),
    '',
    `Typical used price: ${part.typicalUsedPrice ? `${formatMoney(part.typicalUsedPrice)} as of ${part.typicalUsedPrice.asOf} (${part.typicalUsedPrice.source})${part.typicalUsedPrice.note ? ` — ${part.typicalUsedPrice.note}` : ''}` : UNKNOWN}`,
    part.category === 'gpu' ? `GB/s per dollar: ${formatValue('', gbpsPerDollar(part))}   GB VRAM per dollar: ${formatValue('', vramGBPerDollar(part))}` : null,
    '',
    'Sources:',
    ...(part.sources.length ? part.sources.map((s) => `  ${s.url}${s.covers ? ` (${s.covers.join(', ')})` : ''}${s.note ? ` — ${s.note}` : ''}`) : ['  none']),
    part.notes ? `\nNotes: ${part.notes}` : null,
    ...(notes.length ? ['', 'Your notes:', ...notes.map((n) => `  ${n.text}\n    source: ${n.sourceUrl ?? n.source} (${n.createdAt.slice(0, 10)})`)] : []),
  ].filter((l): l is string => l !== null);
  io.out(lines.join('\n'));
  return 0;
}

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'list the built-in hardware catalog, show one part with its sources, import NetBox device types',
  usage: USAGE,
  run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'list') return list(rest, io);
    if (sub === 'show') return show(rest, io);
    if (sub === 'import-netbox') return importNetboxCommand(rest, io);
    throw new UsageError(sub === undefined ? 'missing subcommand (list, show or import-netbox)' : `unknown subcommand '${sub}'`);
  },
};

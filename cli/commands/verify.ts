// `rackhive verify <build.json> --topo <file> [--lspci <file>] [--smi <file>]
// [--dmidecode <file>] [--json]`: what the machine says against the plan — which
// board it is, and every difference as a finding. Exit 1 when a difference is
// an error (or an input is unreadable or not the output asked for), 2 for usage.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { formatIssues, parseBuildText } from '#core/build/file';
import { builtinParts } from '#core/catalog/builtin';
import { AsBuiltInputError, observe, type AsBuiltInputs, type ObservedTopology } from '#core/asbuilt/observed';
import { boardLayouts } from '#core/asbuilt/layouts';
import { verifyBuild, type VerifyResult } from '#core/asbuilt/verify';
import type { Identification } from '#core/asbuilt/identify';
import type { PathClass } from '#core/check/pathClass';

const usage = `Usage: rackhive verify <build.json> --topo <file> [--lspci <file>] [--smi <file>] [--dmidecode <file>] [--json]

Reads what the machine printed and holds it against the build: names the board
the topology shows, maps the GPUs and NICs to the planned slots and lists every
difference (link width or generation, socket, missing or extra devices, matrix
cells, board, CPU, GPU model and memory). Exit status 1 when a difference is an error.

  --topo F       nvidia-smi topo -m, or rocm-smi --showtopo
  --lspci F      lspci -tv or lspci -vvv (repeat the flag for both)
  --smi F        nvidia-smi --query-gpu=index,name,pci.bus_id,pcie.link.gen.current,
                 pcie.link.width.current,pcie.link.gen.max,pcie.link.width.max,serial,uuid
                 --format=csv, or nvidia-smi -q
  --dmidecode F  dmidecode -t baseboard -t system -t processor
  --chassis ID   which chassis of the build (default: the first with GPUs)
  --json         print the result as JSON`;

export const inputOptions = {
  topo: { type: 'string' },
  lspci: { type: 'string', multiple: true },
  smi: { type: 'string' },
  dmidecode: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function read(io: CliIO, cmd: string, path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    io.err(`rackhive ${cmd}: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/** Read the files behind the flags and parse them; null (after printing why) when one is unreadable or not what was asked. */
export function observedFromFlags(io: CliIO, cmd: string, v: { topo?: string; lspci?: string[]; smi?: string; dmidecode?: string }): ObservedTopology | null {
  const inputs: AsBuiltInputs = {};
  const files: Partial<Record<keyof AsBuiltInputs, string>> = {};
  const take = (box: keyof AsBuiltInputs, path: string | undefined): boolean => {
    if (path === undefined) return true;
    const text = read(io, cmd, path);
    if (text === null) return false;
    inputs[box] = text;
    files[box] = path;
    return true;
  };
  if (!take('topo', v.topo) || !take('smi', v.smi) || !take('dmidecode', v.dmidecode)) return null;
  const [first, second, ...more] = v.lspci ?? [];
  if (more.length) throw new UsageError('--lspci takes at most two files (lspci -tv and lspci -vvv)');
  if (!take('lspci', first) || !take('lspciVerbose', second)) return null;
  try {
    return observe(inputs);
  } catch (err) {
    if (err instanceof AsBuiltInputError) {
      const file = files[err.box] ?? err.box;
      io.err(`rackhive ${cmd}: ${file}: ${err.message.slice(err.box.length + 2)}`);
      io.err('Nothing was saved.');
      return null;
    }
    throw err;
  }
}

export function identificationLines(id: Identification): string[] {
  const out = [id.summary];
  const shown = id.ranking.slice(0, 5);
  if (shown.length) {
    out.push('', 'Closest catalog boards (differing matrix cells):');
    for (const f of shown)
      out.push(
        `  ${String(f.cost).padStart(5)}  ${f.name}${f.nameMatch ? '  [named by dmidecode]' : ''}${f.verified ? '' : '  (unverified wiring)'}${f.rootOverload.length ? `  (needs ${f.rootOverload[0]!.lanes} lanes on a root complex of ${f.rootOverload[0]!.capacity})` : ''}`,
      );
  }
  return out;
}

function sideBySide(r: VerifyResult): string[] {
  const labels = r.planned.labels;
  if (labels.length === 0) return [];
  const w = Math.max(6, ...labels.map((l) => l.length + 1));
  const pad = (s: string) => s.padEnd(w);
  const cell = (c: PathClass | null, diff: boolean) => pad(c === null ? '—' : c === 'X' ? ' X' : `${c}${diff ? '*' : ''}`);
  const gap = '   |   ';
  const lines = [
    pad('Planned') + labels.map(() => pad('')).join('') + gap + 'Observed (* differs, — not seen)',
    pad('') + labels.map(pad).join('') + gap + pad('') + labels.map(pad).join(''),
  ];
  labels.forEach((l, i) => {
    const left = pad(l) + r.planned.cells[i]!.map((c) => cell(c, false)).join('');
    const right = pad(r.observedOnPlan.labels[i]!) + r.observedOnPlan.cells[i]!.map((c, j) => cell(c, r.observedOnPlan.differs[i]![j]!)).join('');
    lines.push(left + gap + right);
  });
  return lines;
}

export function verifyReport(r: VerifyResult, name: string): string[] {
  const out = [`Build: ${name} (chassis ${r.chassisId})`, '', ...identificationLines(r.identification), '', 'Devices (observed → planned):'];
  for (const m of r.matches) out.push(`  ${(m.observed ?? '—').padEnd(6)} → ${m.planned ? `${m.planned} in ${m.slotLabel ?? m.slotId}` : 'not in the plan'}`);
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  out.push('', `Differences: ${errors} error(s), ${warnings} warning(s), ${r.findings.length - errors - warnings} info`);
  for (const f of r.findings) out.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.code}: ${f.message}`);
  if (r.observed.cells) out.push('', ...sideBySide(r));
  return out;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'hold what the machine prints (topo -m, lspci, nvidia-smi, dmidecode) against a build',
  usage,
  run(argv: string[], io: CliIO): number {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...inputOptions, chassis: { type: 'string' } } });
    if (positionals.length !== 1) throw new UsageError('expected exactly one build file');
    if (!values.topo && !values.smi && !values.lspci) throw new UsageError('give at least --topo (or --smi / --lspci)');
    const text = read(io, 'verify', positionals[0]!);
    if (text === null) return 1;
    const parsed = parseBuildText(text);
    if (!parsed.ok) {
      io.err(`rackhive verify: ${positionals[0]} is not a valid build file:`);
      io.err(formatIssues(parsed.issues));
      return 1;
    }
    const observed = observedFromFlags(io, 'verify', values);
    if (!observed) return 1;
    let result: VerifyResult;
    try {
      result = verifyBuild(parsed.build, builtinParts, observed, boardLayouts(builtinParts), values.chassis);
    } catch (err) {
      io.err(`rackhive verify: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    if (values.json)
      printJson(io, { ...result, identification: { ...result.identification, ranking: result.identification.ranking.slice(0, 10) }, notes: observed.notes });
    else {
      for (const line of verifyReport(result, parsed.build.name)) io.out(line);
      for (const n of observed.notes) io.out(`Note: ${n}`);
    }
    return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};

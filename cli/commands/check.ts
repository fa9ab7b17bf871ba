// `rackhive check <build.json> [--json] [--volts 120|230] [--amps N]`: the build
// checker from the command line. Exit 1 when any error-severity finding exists
// (or the file is bad), 0 otherwise, 2 for usage mistakes.
import { siteOf } from '#core/build/site';
import type { Build } from '#core/build/build';
import { chassisEntries, placesOf } from '#core/build/places';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { formatIssues, parseBuildText } from '#core/build/file';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild, type CheckResult } from '#core/check/checkBuild';
import type { P2pMatrix } from '#core/check/p2pMatrix';
import { n } from '#core/check/finding';
import { buildFileCost, formatBuildCost } from './buildCost';
import { groupFindings, severityCounts } from '#core/check/findingGroups';
import { fabricDomainsOf } from '#core/check/fabricDomains';
import { POWER_KINDS, powerText, sumPowerText } from '#core/check/powerFigures';
import { tdpUnknownText } from '#core/check/tdpUnknown';
import { plural } from '#core/words';

const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);
const SEVERITY_WORD = { error: 'ERROR', warning: 'WARNING', info: 'NOTE' } as const;

const usage = `Usage: rackhive check <build.json> [--json] [--volts 120|230] [--amps <A>]

Checks a build: fit, PCIe lanes and links, peer-to-peer hives, NIC affinity,
power and racks, and what it costs at the built-in typical used prices. Exit status 1 when any finding is an error.

  --json        print the result as JSON
  --volts V     mains voltage (default: the build's site, else 120)
  --amps A      branch circuit breaker rating (default: the build's site, else 15 at 120 V, 16 at 230 V)`;

/** The P2P matrix laid out like `nvidia-smi topo -m`. */
export function formatMatrix(m: P2pMatrix): string[] {
  const w = Math.max(6, ...m.labels.map((l) => l.length + 1));
  const pad = (s: string) => s.padEnd(w);
  const lines = [pad('') + m.labels.map(pad).join('')];
  // A cell the board's documents cannot settle prints as "NODE?" (PHB or NODE; "SYS?" across Threadripper dies; the reason is listed under the matrix).
  const open = new Set((m.uncertain ?? []).flatMap((u) => [`${u.a}|${u.b}`, `${u.b}|${u.a}`]));
  m.cells.forEach((row, i) =>
    lines.push(pad(m.labels[i]!) + row.map((c, j) => pad(c === 'X' ? ' X' : open.has(`${m.labels[i]}|${m.labels[j]}`) ? `${c}?` : c)).join('')),
  );
  return lines;
}

const LEGEND = [
  'Legend:',
  '  X    = Self',
  '  SYS  = crosses the inter-socket link (QPI/UPI/Infinity Fabric), or between the NUMA dies of one CPU',
  '  NODE = same socket, different host bridges (root complexes)',
  '  PHB  = through a PCIe host bridge (the CPU root complex)',
  '  PXB  = through several PCIe switches, not the host bridge',
  '  PIX  = through at most one PCIe switch',
  '  NV#  = a bonded set of # NVLinks',
  '  C2C  = Groq chip-to-chip link (not an nvidia-smi class)',
];

/** A group of findings of one shape prints every member up to this many, else the first and a count. */
const GROUP_SHOWN = 3;

export function formatReport(r: CheckResult, build: Pick<Build, 'name' | 'racks' | 'freeStanding'>): string[] {
  const out: string[] = [`Build: ${build.name}`, ''];
  const places = placesOf(build);
  const rackName = (id: string) => places.find((p) => p.id === id)?.label ?? id;
  const chassisName = (id: string) => chassisEntries(build).find((e) => e.chassis.id === id)?.chassis.label ?? id;
  const counts = severityCounts(r.findings);
  const groups = groupFindings(r.findings);
  out.push(
    `Findings: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'note')}${groups.length < r.findings.length ? ` (${plural(groups.length, 'kind', 'kinds')}; --json lists every one with its code)` : ''}`,
  );
  // Codes stay in --json: a person reads the sentence.
  for (const g of groups) {
    const tag = SEVERITY_WORD[g.severity].padEnd(7);
    const shown = g.findings.length <= GROUP_SHOWN ? g.findings : g.findings.slice(0, 1);
    for (const f of shown) out.push(`  ${tag} ${f.message}`);
    if (shown.length < g.findings.length) out.push(`  ${''.padEnd(7)}   … and ${plural(g.findings.length - 1, 'more like it', 'more like it')}`);
  }
  const { domains, hives } = fabricDomainsOf(r);
  const many = r.p2pMatrix.length > 4;
  for (const d of domains)
    out.push(
      '',
      `${d.name}: one domain of ${plural(d.devices, 'accelerator')} in ${plural(d.chassisIds.length, 'node')} across ${plural(d.racks, 'rack')}; ${d.assumption}.`,
    );
  if (hives.length || domains.length === 0) out.push('', 'Hives (GPUs that can DMA each other directly):');
  for (const h of many ? hives.slice(0, 8) : hives)
    out.push(`  [${h.devices.join(', ')}] ${h.via === 'single' ? 'alone (no peer)' : `via ${h.via}`}${h.verified ? '' : ' (unverified wiring)'}`);
  if (many && hives.length > 8) out.push(`  … ${plural(hives.length - 8, 'more hive')}`);
  for (const m of many ? r.p2pMatrix.slice(0, 1) : r.p2pMatrix) {
    if (m.labels.length === 0) continue;
    // Inside one chassis' matrix its devices go by GPU0 … (the chassis is named in the heading).
    const prefix = `${chassisName(m.chassisId)}/`;
    const bare = (l: string) => (l.startsWith(prefix) ? l.slice(prefix.length) : l);
    const own = { ...m, labels: m.labels.map(bare), uncertain: m.uncertain?.map((u) => ({ ...u, a: bare(u.a), b: bare(u.b) })) };
    out.push(
      '',
      `P2P matrix (${chassisName(m.chassisId)})${many ? `, first of ${plural(r.p2pMatrix.length, 'chassis', 'chassis')}` : ''}:`,
      ...formatMatrix(own).map((l) => '  ' + l),
    );
    if (m.unverified.length) out.push(`  Unverified wiring under: ${m.unverified.map(bare).join(', ')}`);
    if (m.uncertain?.length)
      out.push(
        `  ? = ${m.uncertain[0]!.classes.join(' or ')}, not known which: ${m.uncertain[0]!.reason.replace(/^\S+ and \S+ both/, 'the slots all')} Pairs: ${own.uncertain!.map((u) => `${u.a}–${u.b}`).join(', ')}.`,
      );
  }
  if (r.carriers.length) {
    out.push('', 'Cards on risers, bifurcation and switch cards:');
    for (const c of r.carriers) {
      out.push(`  ${chassisName(c.chassisId)} ${c.hostSlotLabel} → ${c.model}`);
      for (const s of c.slots)
        out.push(
          `      ${s.label}: x${s.wiredLanes || 0} gen ${s.gen}${s.wiredLanes === 0 ? ' (no lanes)' : ''} — ${s.labels.length ? s.labels.join(', ') : 'empty'}`,
        );
    }
  }
  if (r.bridges.length) {
    out.push('', 'NVLink bridges:');
    for (const b of r.bridges)
      out.push(
        `  ${chassisName(b.chassisId)}: ${b.labels.join(' ↔ ')} ${b.pathClass ?? 'refused (see the finding above)'} — ${b.model ?? 'a part not in the catalog'}`,
      );
  }
  const viaHost = r.p2pRuntime.filter((p) => p.nccl === 'SHM');
  if (viaHost.length) {
    out.push('', `GPU pairs NCCL runs through host memory by default (${viaHost.length} of ${r.p2pRuntime.length}):`);
    const why = new Map<string, string[]>();
    for (const p of viaHost) why.set(p.why, [...(why.get(p.why) ?? []), `${p.a}–${p.b}`]);
    for (const [w, pairs] of why) out.push(`  ${pairs.slice(0, 12).join(', ')}${pairs.length > 12 ? ` … (${pairs.length})` : ''}: ${w}`);
  }
  out.push('', ...LEGEND);
  const p = r.power;
  // The same figures, labels and way of writing watts as the app (core/check/powerFigures.ts).
  out.push(
    '',
    `Power at ${n(p.volts)} V: ${POWER_KINDS.peak.label} ${sumPowerText(p.peakW, p.unknownTdp)} · ${POWER_KINDS.wallPeak.label} ${sumPowerText(p.wallPeakW, p.unknownTdp)} · ${POWER_KINDS.typical.label} ${sumPowerText(p.typicalW, p.unknownTdp)} · ${POWER_KINDS.idle.label} ${sumPowerText(p.idleW, p.unknownTdp)} · heat ${p.unknownTdp.length ? '≥ ' : ''}${n(p.heatBtuPerHour)} BTU/h`,
    ...(p.unknownTdp.length ? [`  (lower bounds: ${tdpUnknownText(p.unknownTdp)}, so the power budget is unchecked)`] : []),
  );
  for (const c of p.chassis.slice(0, many ? 1 : undefined)) {
    const psu = c.psu;
    const cap = psu ? (psu.usableW === null ? 'an unknown output' : powerText(psu.usableW)) : 'nothing (no PSU placed)';
    out.push(
      `  ${chassisName(c.chassisId)}: ${lowerFirst(POWER_KINDS.peak.label)} ${sumPowerText(c.peakW, c.unknownTdp)}; ${psu ? `${psu.count} × ${psu.model}${psu.redundancy === 'none' ? '' : ` (${psu.redundancy})`} give` : 'PSUs give'} ${cap}${many ? ` (first of ${plural(p.chassis.length, 'chassis', 'chassis')}; --json lists every one)` : ''}`,
    );
  }
  for (const rack of p.racks.slice(0, many ? 1 : undefined))
    out.push(
      `  ${rackName(rack.rackId)}: ${sumPowerText(rack.wallPeakW, rack.unknownTdp)} at the wall of ${powerText(rack.circuitW)} circuit capacity (80 % rule)`,
    );
  return out;
}

function toJson(r: CheckResult, cost: ReturnType<typeof buildFileCost>) {
  return {
    findings: r.findings,
    hives: r.hives.map((h) => h.devices),
    hiveDetails: r.hives,
    p2pMatrix: r.p2pMatrix,
    p2pRuntime: r.p2pRuntime,
    carriers: r.carriers,
    bridges: r.bridges,
    nicAffinity: r.nicAffinity,
    power: r.power,
    lanes: r.lanes,
    // The price basis of Compare and `estimate --build` (cli/commands/buildCost.ts).
    cost: { currency: cost.currency, total: cost.total, basis: cost.basis, staleLines: cost.staleLines, unpriced: cost.unpriced },
  };
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a build file: fit, lanes, P2P hives, NIC affinity, power',
  usage,
  run(argv: string[], io: CliIO): number {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, volts: { type: 'string' }, amps: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one build file');
    const volts = values.volts === undefined ? undefined : Number(values.volts);
    if (volts !== undefined && volts !== 120 && volts !== 230) throw new UsageError('--volts must be 120 or 230');
    const amps = values.amps === undefined ? undefined : Number(values.amps);
    if (amps !== undefined && !(amps > 0 && amps <= 400)) throw new UsageError('--amps must be a number of amperes');
    let text: string;
    try {
      text = readFileSync(positionals[0]!, 'utf8');
    } catch (err) {
      io.err(`rackhive check: cannot read ${positionals[0]}: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    const parsed = parseBuildText(text);
    if (!parsed.ok) {
      io.err(`rackhive check: ${positionals[0]} is not a valid build file:`);
      io.err(formatIssues(parsed.issues));
      return 1;
    }
    const b = parsed.build;
    const result = checkBuild(b, builtinParts, siteOf(b, null, { mainsVolts: volts, circuitAmps: amps }).site);
    const cost = buildFileCost(b);
    if (values.json) printJson(io, toJson(result, cost));
    else for (const line of [...formatReport(result, b), '', ...formatBuildCost(cost)]) io.out(line);
    return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};

// `rackhive check <build.json> [--json] [--volts 120|230] [--amps N]`: the build
// checker from the command line. Exit 1 when any error-severity finding exists
// (or the file is bad), 0 otherwise, 2 for usage mistakes.
import { siteOf } from '#core/build/site';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { formatIssues, parseBuildText } from '#core/build/file';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild, type CheckResult } from '#core/check/checkBuild';
import type { P2pMatrix } from '#core/check/p2pMatrix';
import { n } from '#core/check/finding';

const usage = `Usage: rackhive check <build.json> [--json] [--volts 120|230] [--amps <A>]

Checks a build: fit, PCIe lanes and links, peer-to-peer hives, NIC affinity,
power and racks. Exit status 1 when any finding is an error.

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

export function formatReport(r: CheckResult, name: string): string[] {
  const out: string[] = [`Build: ${name}`, ''];
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  out.push(`Findings: ${errors} error(s), ${warnings} warning(s), ${r.findings.length - errors - warnings} info`);
  for (const f of r.findings) out.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.code}: ${f.message}`);
  out.push('', 'Hives (GPUs that can DMA each other directly):');
  const many = r.p2pMatrix.length > 4;
  for (const h of many ? r.hives.slice(0, 8) : r.hives) out.push(`  [${h.devices.join(', ')}] via ${h.via}${h.verified ? '' : ' (unverified wiring)'}`);
  if (many && r.hives.length > 8) out.push(`  … ${r.hives.length - 8} more hives`);
  for (const m of many ? r.p2pMatrix.slice(0, 1) : r.p2pMatrix) {
    if (m.labels.length === 0) continue;
    out.push('', `P2P matrix (${m.chassisId})${many ? `, first of ${r.p2pMatrix.length} chassis` : ''}:`, ...formatMatrix(m).map((l) => '  ' + l));
    if (m.unverified.length) out.push(`  Unverified wiring under: ${m.unverified.join(', ')}`);
    if (m.uncertain?.length)
      out.push(
        `  ? = ${m.uncertain[0]!.classes.join(' or ')}, not known which: ${m.uncertain[0]!.reason.replace(/^\S+ and \S+ both/, 'the slots all')} Pairs: ${m.uncertain.map((u) => `${u.a}-${u.b}`).join(', ')}.`,
      );
  }
  if (r.carriers.length) {
    out.push('', 'Cards on risers, bifurcation and switch cards:');
    for (const c of r.carriers) {
      out.push(`  ${c.chassisId} ${c.hostSlotId} → ${c.deviceId} (${c.model})`);
      for (const s of c.slots)
        out.push(
          `      ${s.id}: x${s.wiredLanes || 0} gen ${s.gen}${s.wiredLanes === 0 ? ' (no lanes)' : ''} — ${s.labels.length ? `${s.labels.join(', ')} (${s.deviceIds.join(', ')})` : 'empty'}`,
        );
    }
  }
  if (r.bridges.length) {
    out.push('', 'NVLink bridges:');
    for (const b of r.bridges) out.push(`  ${b.chassisId}: ${b.labels.join(' ↔ ')} ${b.pathClass ?? 'refused (see bridge.invalid)'} — ${b.model ?? b.partId}`);
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
  out.push(
    '',
    `Power at ${n(p.volts)} V: idle ${n(p.idleW)} W, typical ${n(p.typicalW)} W, peak ${n(p.peakW)} W; wall ${n(p.wallPeakW)} W at peak, heat ${n(p.heatBtuPerHour)} BTU/h`,
  );
  for (const c of p.chassis.slice(0, many ? 1 : undefined)) {
    const psu = c.psu;
    const cap = psu ? (psu.usableW === null ? 'unknown' : `${n(psu.usableW)} W`) : 'none';
    out.push(`  ${c.chassisId}: peak ${n(c.peakW)} W; PSUs ${psu ? `${psu.count} × ${psu.model} (${psu.redundancy})` : '—'} give ${cap}`);
  }
  for (const rack of p.racks.slice(0, many ? 1 : undefined))
    out.push(`  ${rack.rackId}: ${n(rack.wallPeakW)} W from the wall of ${n(rack.circuitW)} W circuit capacity (80 % rule)`);
  return out;
}

function toJson(r: CheckResult) {
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
    if (values.json) printJson(io, toJson(result));
    else for (const line of formatReport(result, b.name)) io.out(line);
    return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};

// `rackhive estimate`: memory fit, tokens/s with error bands, bottleneck,
// power and cost for GPUs × a model, or for a build file with its topology.
import { basisCountsText } from '#core/prices/basis';
import { isoDay } from '#core/prices/observation';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { builtinParts } from '#core/catalog/builtin';
import { formatIssues, parseBuildText } from '#core/build/file';
import { runEstimate, type EstimateReport, type EstimateRequest } from '#core/perf/request';
import { RUNTIMES } from '#core/perf/runtime';
import { quantNames } from '#core/models/quant';
import { KV_PRECISIONS } from '#core/models/kv';
import { formatMoney } from '#core/money';
import { plural } from '#core/words';
import type { Band } from '#core/perf/band';

const USAGE = `Usage: rackhive estimate --gpu <id-or-name> --count <n> --model <id> --quant <format> [options]
       rackhive estimate --build <file.json> [--model <id> --quant <format>] [options]
       rackhive estimate --device-name <name> --vram-gib <GiB> --bandwidth <GB/s> [--fp16-tflops <T>] --count <n> --model <id> --quant <format>
         (a GPU the catalog lacks, from its spec sheet: roofline × pooled factors, wide band)

Options:
  --kv <precision>         KV-cache precision: ${KV_PRECISIONS.map((k) => k.id).join(', ')} (default f16)
  --runtime <r>            ${RUNTIMES.join(', ')} (default llama.cpp)
  --context <n>            context tokens per sequence (default 4096)
  --prompt <n>             prompt tokens for prefill / time to first token (default min(1024, context/2))
  --batch <n|max>          concurrent sequences per instance (default 1); max = as many as the
                           scheduler and KV-cache memory allow, prompt work interleaved
  --flash-attention <on|off>  default: the runtime's (llama.cpp off; exllamav2, vLLM, TensorRT-LLM on)
  --split <mode>           layer | tensor | replicas (default layer)
  --instances <n>          copies of the model, each on its own GPUs (default 1)
  --price-kwh <x>          electricity price per kWh, for cost per million tokens
  --currency <ISO>         currency of prices (default USD)
  --power-fraction <f>     share of TDP drawn while decoding (default 0.45, an assumption)
  --json                   machine-readable output
Quantisations: ${quantNames().join(', ')}
Models: see 'rackhive models list'.`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, got '${v}'`);
  return Number(v);
}

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number ≥ 0, got '${v}'`);
  return n;
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const withBand = (x: number, b: Band, d = 1) => `${f(x, d)} (${f(b.low, d)}–${f(b.high, d)}, ±${f(b.pct, 0)} %)`;

function human(r: EstimateReport, io: CliIO, currency: string): void {
  const w = r.workload;
  io.out(
    `${r.hardware.map((h) => `${h.count} × ${h.name}`).join(' + ')} — ${w.model} ${w.quant} (${w.bitsPerWeight} bpw), KV ${w.kv}, ${w.runtime}, ${w.split}${w.instances > 1 ? ` × ${w.instances} instances` : ''}, context ${w.contextTokens}, batch ${w.batch}`,
  );
  io.out('');
  if (r.basis === 'roofline-fallback')
    io.out(
      `ROOFLINE FALLBACK (no measurements of ${r.missing
        .filter((m) => m.startsWith('measurements'))
        .map((m) => m.replace('measurements of ', ''))
        .join(', ')}): spec roofline × pooled fitted factors, wide band.`,
    );
  io.out(`Fits: ${r.fits ? 'yes' : 'NO'}`);
  if (r.sram) {
    const s = r.sram;
    io.out(
      `  SRAM needed ${f(s.totalGB)} GB (weights ${f(s.weightsGB)} + context ${f(s.contextGB)}) → ≥ ${s.chipsNeeded} chips → ${s.devices} devices in ${s.racks} racks`,
    );
    io.out(`  forward pass ≈ ${f(s.forwardPassGflop, 0)} GFLOP per token`);
  }
  r.instances.forEach((inst, i) => {
    if (inst.memory.length === 0) return;
    io.out(`  instance ${i + 1} (${inst.split}${inst.pathClass ? `, path ${inst.pathClass}` : ''}):`);
    for (const l of inst.memory)
      io.out(
        `    ${l.device.padEnd(22)} ${String(l.layers).padStart(3)} layers  weights ${f(l.weightsGB).padStart(6)}  KV ${f(l.kvGB, 2).padStart(6)}  overhead ${f(l.overheadGB, 2).padStart(5)}  = ${f(l.usedGB).padStart(6)} GB (${f(l.usedGiB)} GiB) of ${f(l.capacityGB)} GB (${f(l.capacityGiB)} GiB)${l.overflowGB > 0 ? `  OVER by ${f(l.overflowGB)} GB` : ''}`,
      );
  });
  io.out('');
  if (!r.fits) io.out('The speeds below are for the workload as if it fitted; it does not.');
  io.out(`Decode, one stream:   ${withBand(r.decodeTps, r.band.decodeTps)} tokens/s per instance`);
  io.out(
    `Aggregate:            ${withBand(r.aggregateTps, r.band.aggregateTps)} tokens/s (${w.instances} instance${w.instances > 1 ? 's' : ''} × batch ${w.batch}${w.batchMax ? ', the most the scheduler and KV-cache memory allow' : ''})`,
  );
  if (r.prefillTps === null || r.band.prefillTps === null || r.ttftS === null)
    io.out(
      `Prefill:              unknown (${r.missing.find((m) => m.includes('tensor rate')) ?? "a device's compute rate is unknown"}); time to first token unknown`,
    );
  else
    io.out(
      `Prefill:              ${withBand(r.prefillTps, r.band.prefillTps, 0)} tokens/s; time to first token ${f(r.ttftS, 2)} s for ${w.promptTokens} tokens`,
    );
  io.out(`Bottleneck:           ${r.bottleneck}`);
  if (r.powerUnknown) io.out(`Power at this load:   unknown (${r.powerUnknown})`);
  else if (r.energy.scope === 'system-wall')
    io.out(
      `Power at this load:   ${f(r.powerW, 0)} W accelerators, ${f(r.energy.powerW, 0)} W whole system at the wall; ${f(r.energy.tokensPerKwh, 0)} tokens/kWh; ${f(r.energy.tokensPerSecondPerWatt, 3)} tokens/s per W`,
    );
  else
    io.out(
      `Power at this load:   ${f(r.powerW, 0)} W (accelerators only; pass --build for the whole system); ${f(r.energy.tokensPerKwh, 0)} tokens/kWh; ${f(r.energy.tokensPerSecondPerWatt, 3)} tokens/s per W`,
    );
  if (r.energy.electricityPerMTokens !== null) io.out(`Electricity:          ${f(r.energy.electricityPerMTokens, 3)} ${currency} per million tokens`);
  if (r.cost) {
    io.out(`Build cost:           owned ${formatMoney(r.cost.owned)}, to buy ${formatMoney(r.cost.toBuy)}, total ${formatMoney(r.cost.total)}`);
    const c = r.cost;
    io.out(`                      price basis: ${basisCountsText(c.basis)} (lines)${c.staleLines ? `; ${c.staleLines} over a year old` : ''}`);
    if (c.perTpsMinor !== null) io.out(`Cost per token/s:     ${formatMoney({ amountMinor: c.perTpsMinor, currency: c.total.currency })} per token/s`);
    else if (c.unpricedLines > 0)
      io.out(
        `Cost per token/s:     unknown (${plural(c.unpricedLines, 'part')} without a price${c.otherCurrencyLines ? `, ${c.otherCurrencyLines} of them priced in another currency` : ''})`,
      );
    else if (r.aggregateTps > 0) io.out('Cost per token/s:     unknown (no part has a price yet)');
    else io.out('Cost per token/s:     unknown (no speed)');
  }
  if (r.training) {
    const t = r.training;
    io.out(
      `Training (AdamW):     ${f(t.stateGB, 0)} GB of states at 18 B/param + ${f(t.activationsGB, 1)} GB activations per device → ${Number.isFinite(t.devicesNeeded) ? `${t.devicesNeeded} devices` : 'does not fit any number of these devices'}${t.fits ? ' (fits)' : ' (does not fit this build)'}`,
    );
  }
  io.out('');
  io.out(`Band: ${r.band.decodeTps.basis}.`);
  if (r.missing.length) io.out(`Missing facts: ${r.missing.join('; ')}.`);
  io.out('Assumptions:');
  for (const a of r.assumptions) io.out(`  - ${a}`);
  if (r.warnings.length) {
    io.out('Warnings:');
    for (const x of r.warnings) io.out(`  ! ${x}`);
  }
  for (const o of r.overflow) io.out(`  ! ${o.device} overflows by ${f(o.overflowGB)} GB`);
}

/** Rounds numbers for JSON output so files diff cleanly (4 significant digits). */
function rounded(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? v : Number(v.toPrecision(4));
  if (Array.isArray(v)) return v.map(rounded);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'amountMinor' ? x : rounded(x)]));
  return v;
}

function run(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      gpu: { type: 'string' },
      count: { type: 'string' },
      model: { type: 'string' },
      quant: { type: 'string' },
      kv: { type: 'string' },
      runtime: { type: 'string' },
      context: { type: 'string' },
      prompt: { type: 'string' },
      batch: { type: 'string' },
      split: { type: 'string' },
      instances: { type: 'string' },
      'price-kwh': { type: 'string' },
      currency: { type: 'string' },
      'power-fraction': { type: 'string' },
      'flash-attention': { type: 'string' },
      'device-name': { type: 'string' },
      'vram-gib': { type: 'string' },
      bandwidth: { type: 'string' },
      'fp16-tflops': { type: 'string' },
      build: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (values.build && values.gpu) throw new UsageError('give either --build or --gpu, not both');
  const fa = values['flash-attention'];
  if (fa !== undefined && !['on', 'off'].includes(fa)) throw new UsageError(`--flash-attention must be on or off, got '${fa}'`);
  const described = values['device-name'] !== undefined || values['vram-gib'] !== undefined || values.bandwidth !== undefined;
  if (described && (values.gpu || values.build))
    throw new UsageError('describe a device (--device-name/--vram-gib/--bandwidth) or pick one (--gpu/--build), not both');
  if (described && !(values['device-name'] && values['vram-gib'] && values.bandwidth))
    throw new UsageError('a device described by its specs needs --device-name, --vram-gib and --bandwidth');
  const positive = (name: string, v: string | undefined) => {
    const n = num(name, v);
    if (n !== undefined && n <= 0) throw new UsageError(`--${name} must be > 0, got '${v}'`);
    return n;
  };
  if (values.split && !['layer', 'tensor', 'replicas'].includes(values.split))
    throw new UsageError(`--split must be layer, tensor or replicas, got '${values.split}'`);
  const fraction = num('power-fraction', values['power-fraction']);
  if (fraction !== undefined && (fraction <= 0 || fraction > 1)) throw new UsageError('--power-fraction must be in (0, 1]');
  if (values.currency && !/^[A-Z]{3}$/.test(values.currency)) throw new UsageError(`--currency must be a 3-letter code like USD, got '${values.currency}'`);
  const req: EstimateRequest = {
    ...(values.gpu ? { gpu: values.gpu } : {}),
    count: int('count', values.count) ?? 1,
    ...(values.model ? { model: values.model } : {}),
    ...(values.quant ? { quant: values.quant } : {}),
    ...(values.kv ? { kv: values.kv } : {}),
    ...(values.runtime ? { runtime: values.runtime } : {}),
    ...(values.context ? { contextTokens: int('context', values.context)! } : {}),
    ...(values.prompt ? { promptTokens: int('prompt', values.prompt)! } : {}),
    ...(values.batch ? { batch: values.batch === 'max' ? ('max' as const) : int('batch', values.batch)! } : {}),
    ...(fa !== undefined ? { flashAttention: fa === 'on' } : {}),
    ...(described
      ? {
          device: {
            name: values['device-name']!,
            memoryGiB: positive('vram-gib', values['vram-gib'])!,
            memBandwidthGBps: positive('bandwidth', values.bandwidth)!,
            ...(values['fp16-tflops'] !== undefined ? { fp16Tflops: positive('fp16-tflops', values['fp16-tflops'])! } : {}),
          },
        }
      : {}),
    ...(values.split ? { split: values.split as 'layer' | 'tensor' | 'replicas' } : {}),
    ...(values.instances ? { instances: int('instances', values.instances)! } : {}),
    ...(values['price-kwh'] !== undefined ? { pricePerKwh: num('price-kwh', values['price-kwh'])! } : {}),
    ...(values.currency ? { currency: values.currency } : {}),
    ...(fraction !== undefined ? { decodePowerFraction: fraction } : {}),
  };
  let build;
  if (values.build) {
    let text: string;
    try {
      text = readFileSync(values.build, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --build file: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = parseBuildText(text);
    if (!parsed.ok) throw new UsageError(`--build ${values.build} is not a valid build:\n${formatIssues(parsed.issues)}`);
    build = parsed.build;
  }
  // Today's date, so typical prices over a year old are marked stale.
  const out = runEstimate(req, builtinParts, build, undefined, { today: isoDay(new Date()) });
  if (!out.ok) throw new UsageError(`--${out.field === 'contextTokens' ? 'context' : out.field}: ${out.message}`);
  if (values.json) printJson(io, rounded(out.report));
  else human(out.report, io, values.currency ?? 'USD');
  return 0;
}

export const estimateCommand: Command = {
  name: 'estimate',
  summary: 'tokens/s, memory fit, power and cost for GPUs or a build running a model',
  usage: USAGE,
  run,
};

// An estimate request as plain data (CLI flags, the API, a build's workload)
// and its resolution against the catalog and the model library. Every bad
// value comes back as a message naming the field, never as a throw.
import type { CatalogPart, PartOf } from '#core/catalog/part';
import { PartResolveError, resolvePart } from '#core/catalog/resolve';
import type { Build } from '#core/build/build';
import { formatIssues, parseBuildValue } from '#core/build/file';
import { resolveModel } from '#core/models/resolve';
import { parseQuant, quantNames } from '#core/models/quant';
import { DEFAULT_KV, KV_PRECISIONS, parseKv } from '#core/models/kv';
import { deviceFromGpuPart } from './fromCatalog';
import { costLinesOfBuild, devicesOfBuild } from './fromBuild';
import type { BomItem, BomMarket } from '../build/bom';
import { estimate, EstimateError, type Estimate, type Topology, type Workload } from './estimate';
import { RUNTIMES, RUNTIME_PROFILES, parseRuntime } from './runtime';
import { gbOfBinary } from './units';
import type { DeviceSpec } from './device';
import { CALIBRATION } from './calibrated';
import { trainingMemory, type TrainingMemory } from './training';
import { checkBuild, type CheckResult } from '#core/check/checkBuild';
import { siteOf } from '#core/build/site';
import { powerCapacity } from '#core/compare/power';
import { energy } from './power';

/** Training sequence length for the memory line in every report (activations with full recomputation). */
export const TRAINING_SEQ_TOKENS = 4096;

/** Context window when none is given: 4K, the seed cases' figure. */
export const DEFAULT_CONTEXT_TOKENS = 4096;
/** Prompt for prefill/TTFT when none is given: half the context, capped (llama-bench's pp1024 scale). */
export const DEFAULT_PROMPT_CAP = 1024;

import { EstimateRequest, type ParsedEstimateRequest } from './requestSchema';

export { EstimateRequest, type ParsedEstimateRequest };

/** What the caller already holds, so nothing is parsed or checked twice. */
export interface EstimateContext {
  /** The build, already parsed (else `req.build` is parsed here). */
  build?: Build;
  /** The checker's result for that build (else it is run here). */
  check?: CheckResult;
  /** The inventory items a build binds (owned parts at the price paid); without it owned parts are unpriced. */
  itemOf?: (inventoryItemId: string) => BomItem | null;
  market?: BomMarket;
}

export interface EstimateReport extends Estimate {
  workload: {
    model: string;
    quant: string;
    bitsPerWeight: number;
    kv: string;
    runtime: string;
    contextTokens: number;
    promptTokens: number;
    batch: number;
    /** The request asked for the largest batch memory and the scheduler allow. */
    batchMax: boolean;
    flashAttention: boolean;
    split: string;
    instances: number;
  };
  hardware: { name: string; count: number }[];
  /** Full fine-tuning with AdamW on these devices (memory only; states sharded over all devices). */
  training: TrainingMemory | null;
  calibration: { version: number; date: string; rows: number };
}

export type EstimateOutcome = { ok: true; report: EstimateReport } | { ok: false; field: string; message: string };

const fail = (field: string, message: string): EstimateOutcome => ({ ok: false, field, message });

const FP8_KV = 'fp8';

/** A device from its spec sheet: no family with measurements, so its factors are the pooled ones. */
function adHocDevice(d: { name: string; memoryGiB: number; memBandwidthGBps: number; fp16Tflops?: number | undefined }): DeviceSpec {
  return {
    id: `spec:${d.name}`,
    name: d.name,
    family: 'unmeasured',
    memoryKind: 'vram',
    memoryGB: gbOfBinary(d.memoryGiB),
    memBandwidthGBps: d.memBandwidthGBps,
    fp16Tflops: d.fp16Tflops ?? null,
    int8Tops: null,
    fp8Native: false,
    tdpW: null,
    p2pOverPcie: false,
    nvlinkGBps: null,
    nvlinkFabric: false,
    pcieGen: null,
    pcieLanes: null,
  };
}

const SPLIT_OF_WORKLOAD = { single: 'layer', layer: 'layer', tensor: 'tensor', replica: 'replicas' } as const;

/** A raw request (CLI flags, Compare, tests): parsed, then estimated. */
export function runEstimate(
  raw: EstimateRequest,
  catalog: readonly CatalogPart[],
  parsedBuild?: Build,
  itemOf?: (inventoryItemId: string) => BomItem | null,
  market?: BomMarket,
  /** The build's checkBuild result when the caller has one (not checked again). */
  check?: CheckResult,
): EstimateOutcome {
  const parsed = EstimateRequest.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return fail(i.path.join('.') || 'request', i.message);
  }
  return estimateParsed(parsed.data, catalog, {
    ...(parsedBuild ? { build: parsedBuild } : {}),
    ...(itemOf ? { itemOf } : {}),
    ...(market ? { market } : {}),
    ...(check ? { check } : {}),
  });
}

/** A request the schema has already parsed (the API dispatch, the editor). */
export function estimateParsed(req: ParsedEstimateRequest, catalog: readonly CatalogPart[], ctx: EstimateContext = {}): EstimateOutcome {
  let parsedBuild = ctx.build;
  const { itemOf, market } = ctx;
  if (!parsedBuild && req.build !== undefined) {
    const b = parseBuildValue(req.build);
    if (!b.ok) return fail('build', formatIssues(b.issues));
    parsedBuild = b.build;
  }
  if (req.workload !== undefined) {
    if (!parsedBuild) return fail('workload', 'a workload index needs a build');
    if (req.workload >= parsedBuild.workloads.length)
      return fail(
        'workload',
        `the build has ${parsedBuild.workloads.length === 1 ? 'one workload' : `${parsedBuild.workloads.length} workloads`}; there is no workload ${req.workload + 1}`,
      );
  }
  const wl = parsedBuild?.workloads[req.workload ?? 0];

  let devices: DeviceSpec[];
  let topology: Topology | null = null;
  let costLines: ReturnType<typeof costLinesOfBuild> | null = null;
  let buildProblems: string[] = [];
  let check: CheckResult | null = null;
  let acceleratorIds: string[] = [];
  if (parsedBuild) {
    check = ctx.check ?? checkBuild(parsedBuild, catalog, siteOf(parsedBuild, null).site);
    const bd = devicesOfBuild(parsedBuild, catalog, null, check);
    if (bd.problems.length > 0 && bd.devices.length === 0) return fail('build', bd.problems.join('; '));
    if (bd.devices.length === 0) return fail('build', 'the build has no GPUs or accelerators in slots');
    buildProblems = bd.problems;
    const wanted = wl?.devices;
    const keep = wanted ? bd.deviceIds.map((id, i) => (wanted.includes(id) ? i : -1)).filter((i) => i >= 0) : bd.devices.map((_, i) => i);
    devices = keep.map((i) => bd.devices[i]!);
    acceleratorIds = keep.map((i) => bd.deviceIds[i]!);
    const tp = bd.topology;
    topology = { source: tp.source, pathClass: (a, b) => tp.pathClass(keep[a]!, keep[b]!) };
    costLines = costLinesOfBuild(parsedBuild, catalog, itemOf, market);
  } else if (req.device) {
    if (req.gpu) return fail('device', 'give either a catalog GPU or a device described by its specs, not both');
    const d = req.device;
    devices = Array.from({ length: req.count }, () => adHocDevice(d));
  } else {
    if (!req.gpu) return fail('gpu', 'give --gpu <id-or-name> (and --count) or --build <file.json>');
    let part: CatalogPart;
    try {
      part = resolvePart(catalog, req.gpu, { category: 'gpu' });
    } catch (e) {
      return fail('gpu', e instanceof PartResolveError ? e.message : String(e));
    }
    const dev = deviceFromGpuPart(part as PartOf<'gpu'>);
    if (!dev.ok) return fail('gpu', dev.message);
    devices = Array.from({ length: req.count }, () => dev.device);
  }

  const modelQuery = req.model ?? wl?.modelId;
  if (!modelQuery) return fail('model', 'give --model <id> (see `rackhive models list`)');
  const mr = resolveModel(modelQuery);
  if (!mr.ok) return fail('model', `${mr.message}; one of: ${mr.candidates.join(', ')}`);
  const sram = devices[0]!.memoryKind === 'sram';

  const quantText = req.quant ?? wl?.quant;
  if (!quantText) return fail('quant', `give --quant; one of: ${quantNames().join(', ')}`);
  const quant = parseQuant(quantText);
  if (!quant) return fail('quant', `unknown quantisation '${quantText}'; one of: ${quantNames().join(', ')}`);

  const runtimeText = req.runtime ?? wl?.runtime ?? 'llama.cpp';
  // SRAM accelerators ship their own compiler/runtime; the GPU runtime only picks calibration groups (none fit).
  const runtime = parseRuntime(runtimeText) ?? (sram ? 'llama.cpp' : null);
  if (!runtime) return fail('runtime', `unknown runtime '${runtimeText}'; one of: ${RUNTIMES.join(', ')}`);

  // FP8 checkpoints (ModelOpt) quantise the KV cache to FP8 too on the servers that run them.
  const fp8Kv = !req.kv && quant.quantClass === 'fp8' && (runtime === 'tensorrt-llm' || runtime === 'vllm');
  const kv = req.kv ? parseKv(req.kv) : fp8Kv ? parseKv(FP8_KV)! : DEFAULT_KV;
  if (!kv) return fail('kv', `unknown KV-cache precision '${req.kv}'; one of: ${KV_PRECISIONS.map((k) => k.id).join(', ')}`);

  const contextTokens = req.contextTokens ?? wl?.contextTokens ?? DEFAULT_CONTEXT_TOKENS;
  if (contextTokens > mr.model.maxContext)
    return fail('context', `${contextTokens} tokens is more than ${mr.model.name}'s maximum context of ${mr.model.maxContext}`);
  const promptTokens = req.promptTokens ?? Math.min(DEFAULT_PROMPT_CAP, Math.max(1, Math.floor(contextTokens / 2)));
  if (promptTokens > contextTokens) return fail('prompt', `prompt (${promptTokens}) is longer than the context (${contextTokens})`);
  const split = req.split ?? (wl ? SPLIT_OF_WORKLOAD[wl.split] : 'layer');
  const instances = split === 'replicas' ? devices.length : (req.instances ?? wl?.instances ?? 1);
  if (devices.length % instances !== 0) return fail('instances', `${devices.length} devices cannot be shared evenly by ${instances} instances`);

  const batchMax = req.batch === 'max';
  const workload: Workload = {
    model: mr.model,
    quant,
    kv,
    runtime,
    contextTokens,
    promptTokens,
    batch: typeof req.batch === 'number' ? req.batch : batchMax ? 1 : (wl?.batch ?? 1),
    split,
    instances,
    ...(batchMax ? { batchMax: true } : {}),
    ...(req.flashAttention !== undefined ? { flashAttention: req.flashAttention } : {}),
  };
  let est: Estimate;
  try {
    est = estimate(devices, workload, topology, {
      pricePerKwh: req.pricePerKwh ?? null,
      currency: req.currency,
      ...(req.decodePowerFraction !== undefined ? { decodePowerFraction: req.decodePowerFraction } : {}),
      ...(costLines ? { costLines: costLines.lines } : {}),
    });
  } catch (e) {
    if (e instanceof EstimateError) return fail('request', e.message);
    throw e;
  }
  // With a build, energy is the whole system's at the wall — the accelerators at this load, the rest at typical
  // draw, through the PSUs' efficiency — the one figure Compare and the sheet use (core/compare/power.ts).
  if (check) {
    const system = powerCapacity(check.power, new Set(acceleratorIds), est.powerUnknown ? null : est.powerW);
    if (system.atLoadWallW !== null) {
      est.energy = energy(system.atLoadWallW, est.aggregateTps, req.pricePerKwh ?? null, 'system-wall');
      est.assumptions.push(
        `energy: the whole system at the wall (${Math.round(system.atLoadWallW)} W: the accelerators' ${Math.round(est.powerW)} W plus the rest of the build at its typical draw, through the PSUs' efficiency), as Compare counts it`,
      );
    }
  }
  if (fp8Kv)
    est.assumptions.push(
      `KV cache fp8: ${runtime} runs FP8 checkpoints with an FP8 KV cache (ModelOpt kv_cache_quant_algo FP8); pass --kv f16 to size it in 16 bit`,
    );
  if (req.device) est.warnings.push(`${req.device.name} is described by its specs, not taken from the catalog: roofline × pooled factors, wide band`);
  // GPUs of the build the estimate could not use (dead slot, unknown memory) are named, not dropped silently.
  for (const p of buildProblems) if (!est.warnings.includes(p)) est.warnings.push(p);
  if (costLines && costLines.unpriced > 0) est.warnings.push(`${costLines.unpriced} placed parts have no price (owned parts need their inventory price)`);
  const hardware = new Map<string, number>();
  for (const d of devices) hardware.set(d.name, (hardware.get(d.name) ?? 0) + 1);
  return {
    ok: true,
    report: {
      ...est,
      workload: {
        model: mr.model.id,
        quant: quant.id,
        bitsPerWeight: quant.bitsPerWeight,
        kv: kv.id,
        runtime: sram ? (req.runtime ?? wl?.runtime ?? 'vendor compiler') : runtime,
        contextTokens,
        promptTokens,
        batch: batchMax ? Math.max(...est.instances.map((i) => i.servingBatch)) : workload.batch,
        batchMax,
        flashAttention: workload.flashAttention ?? RUNTIME_PROFILES[runtime].flashAttention,
        split,
        instances,
      },
      hardware: [...hardware.entries()].map(([name, count]) => ({ name, count })),
      training: sram
        ? null
        : trainingMemory({
            paramsB: mr.model.paramsB,
            model: mr.model,
            seqTokens: Math.min(TRAINING_SEQ_TOKENS, contextTokens),
            microBatch: 1,
            recompute: true,
            deviceGB: Math.min(...devices.map((d) => d.memoryGB)),
            devices: devices.length,
          }),
      calibration: { version: CALIBRATION.version, date: CALIBRATION.date, rows: CALIBRATION.rows.used },
    },
  };
}

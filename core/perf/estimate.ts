// One estimate for a set of devices and a workload: memory verdict per device,
// decode / prefill / aggregate speed with error bands, the bottleneck, power,
// energy and money — and every assumption that went into them.
import { isMoe, type LlmModel } from '#core/models/llm';
import type { QuantFormat } from '#core/models/quant';
import type { KvPrecision } from '#core/models/kv';
import { matmulTflops, type DeviceSpec } from './device';
import { factorsFor, supportFor, type CalibrationFile, type Factors } from './calibration';
import { CALIBRATION } from './calibrated';
import { HOST_STAGED_TP, linkFor, worstPath, type Link, type PathClass } from './links';
import { planInstance, kvBytesPerTokenPerLayer, type InstancePlan, type SplitMode } from './plan';
import { memoryLines, type MemoryLine } from './memory';
import { decodeStep, type Bottleneck } from './decode';
import { serving } from './serving';
import { kvBudgetBytes } from './memory';
import { contextFit, type ContextFit } from './contextFit';
import { hopClassOf } from './links';

/** The calibration's hop classes as the assumptions line says them. */
const HOP_WORDS: Record<ReturnType<typeof hopClassOf>, string> = {
  nvlink: 'over NVLink',
  'pcie-p2p': 'PCIe peer to peer',
  'pcie-host': 'PCIe through host memory',
};
import { prefill } from './prefill';
import { RUNTIME_PROFILES, type Runtime } from './runtime';
import { bandFor, uncalibratedBand, UNCALIBRATED_WIDEN, type Band } from './band';
import { tdpUnknownText, unknownTdpNames } from '../check/tdpUnknown';
import { COMPUTE_POWER_FRACTION, DECODE_POWER_FRACTION, IDLE_POWER_FRACTION, energy, type EnergyFigures } from './power';
import { buildCost, type BuildCost, type CostLine } from './cost';
import { gibOfGB } from './units';
import { C2C_HOP_S, sizeSram, sramDecodeTps, type SramSizing } from './sram';

export interface Workload {
  model: LlmModel;
  quant: QuantFormat;
  kv: KvPrecision;
  runtime: Runtime;
  /** Context window each sequence is sized for (KV cache). */
  contextTokens: number;
  /** Prompt length for prefill / time to first token; decode speed is quoted at this context position. */
  promptTokens: number;
  /** Concurrent sequences per instance. */
  batch: number;
  split: SplitMode;
  /** Copies of the model, each on its own devices. */
  instances: number;
  /** Serve as many sequences as the scheduler and KV memory allow (`--batch max`); `batch` is then the ceiling asked for, if any. */
  batchMax?: boolean;
  /** Flash attention on or off; default: the runtime's (llama.cpp off, exllamav2 / vLLM / TensorRT-LLM on). */
  flashAttention?: boolean;
}

/** Path class between two devices (indices into the device list); from the checker's P2P matrix when a build is given. */
export interface Topology {
  pathClass(a: number, b: number): PathClass;
  source: string;
  /**
   * Whether the runtime moves data peer-to-peer between the two (NCCL's
   * default transport is NVLink or P2P, not SHM); absent = from the devices' P2P flag.
   */
  p2p?(a: number, b: number): boolean;
  /** The network between nodes, Gbit/s per port (the build's own NICs); absent = the 10 GbE default. */
  nicGbit?: number | null;
}

export interface EstimateOptions {
  calibration?: CalibrationFile;
  /** Fraction of TDP drawn while decoding at small batch. */
  decodePowerFraction?: number;
  pricePerKwh?: number | null;
  currency?: string;
  costLines?: readonly CostLine[];
}

export interface InstanceEstimate {
  devices: string[];
  deviceIndexes: number[];
  split: 'single' | 'layer' | 'tensor' | 'sram-pipeline';
  pathClass: PathClass | null;
  fits: boolean;
  memory: MemoryLine[];
  decodeTps: number;
  aggregateTps: number;
  /** Null when a device's compute rate is unknown: prefill is compute bound, so a figure would be invented. */
  prefillTps: number | null;
  ttftS: number | null;
  bottleneck: Bottleneck;
  /** Sequences the aggregate figure runs at once (the KV-memory-limited batch under --batch max). */
  servingBatch: number;
  /** The serving batch is limited by KV-cache memory rather than by the scheduler or the request. */
  servingMemoryLimited: boolean;
}

export interface Estimate {
  fits: boolean;
  instances: InstanceEstimate[];
  /** GB used on each device, in device order (null for devices no instance uses). */
  memoryPerDeviceGB: (number | null)[];
  overflow: { device: string; overflowGB: number }[];
  /** Single-stream decode tokens/s of one instance (the slowest). */
  decodeTps: number;
  /** Generated tokens/s of all instances at the given batch. */
  aggregateTps: number;
  /** Null when a device's compute rate is unknown (see InstanceEstimate). */
  prefillTps: number | null;
  ttftS: number | null;
  bottleneck: Bottleneck;
  powerW: number;
  /** Why powerW cannot be the accelerators' draw: "the TDP of X is not known" (powerW then leaves X out); null = every TDP known. */
  powerUnknown: string | null;
  energy: EnergyFigures;
  cost: BuildCost | null;
  band: { decodeTps: Band; aggregateTps: Band; prefillTps: Band | null };
  factors: Factors;
  calibrated: boolean;
  /** 'calibrated': fitted factors for this runtime and device family; 'roofline-fallback': spec roofline × pooled factors, wide band. */
  basis: 'calibrated' | 'roofline-fallback' | 'uncalibrated-sram';
  /** Facts the estimate lacks (each named with its device), so a reader knows what would sharpen it. */
  missing: string[];
  sram: SramSizing | null;
  /** The KV cache at the workload's context, on the tightest instance (null for SRAM pipelines, sized by sizeSram). */
  context: ContextFit | null;
  assumptions: string[];
  warnings: string[];
}

export class EstimateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EstimateError';
  }
}

/** Without a build: GPUs on an NVLink fabric (SXM boards) meet over NVLink; others at one host bridge. */
const DEFAULT_TOPOLOGY_CLASS: PathClass = 'PHB';
function defaultClass(devices: readonly DeviceSpec[]): PathClass {
  return devices.every((d) => d.nvlinkFabric && d.nvlinkGBps) ? 'NV' : DEFAULT_TOPOLOGY_CLASS;
}
const fmt = (x: number, d = 1) => x.toFixed(d);
const first0 = (ds: readonly DeviceSpec[]) => ds[0]!;

/** Splits device indexes into groups, each next to its best-connected neighbours when a topology is known. */
export function groupDevices(count: number, groups: number, topo: Topology | null): number[][] {
  const size = count / groups;
  const left = Array.from({ length: count }, (_, i) => i);
  const out: number[][] = [];
  const rank = (c: PathClass) => ['NV', 'PIX', 'PXB', 'PHB', 'NODE', 'SYS', 'NET'].indexOf(c);
  while (left.length > 0) {
    const first = left.shift()!;
    const g = [first];
    const sorted = topo ? [...left].sort((a, b) => rank(topo.pathClass(first, a)) - rank(topo.pathClass(first, b)) || a - b) : left;
    for (const d of sorted.slice(0, size - 1)) g.push(d);
    for (const d of g) {
      const i = left.indexOf(d);
      if (i >= 0) left.splice(i, 1);
    }
    out.push(g.sort((a, b) => a - b));
  }
  return out;
}

function groupLink(idx: number[], devices: readonly DeviceSpec[], topo: Topology | null, split: 'layer' | 'tensor'): Link | null {
  if (idx.length < 2) return null;
  const classes: PathClass[] = [];
  const pairs = split === 'layer' ? idx.slice(1).map((d, i) => [idx[i]!, d] as const) : idx.flatMap((a, i) => idx.slice(i + 1).map((b) => [a, b] as const));
  for (const [a, b] of pairs) classes.push(topo ? topo.pathClass(a, b) : defaultClass(devices));
  const cls = worstPath(classes);
  const ds = idx.map((i) => devices[i]!);
  const min = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : Math.min(...(xs as number[])));
  return linkFor(cls, {
    p2p: topo?.p2p ? pairs.every(([a, b]) => topo.p2p!(a, b)) : ds.every((d) => d.p2pOverPcie),
    nicGbit: topo?.nicGbit ?? null,
    pcieGen: min(ds.map((d) => d.pcieGen)),
    pcieLanes: min(ds.map((d) => d.pcieLanes)),
    nvlinkGBps: min(ds.map((d) => d.nvlinkGBps)),
  });
}

export function estimate(devices: readonly DeviceSpec[], w: Workload, topo: Topology | null, opts: EstimateOptions = {}): Estimate {
  if (devices.length === 0) throw new EstimateError('no devices to run on');
  const cal = opts.calibration ?? CALIBRATION;
  const runtime = RUNTIME_PROFILES[w.runtime];
  const assumptions: string[] = [];
  const warnings: string[] = [];
  const m = w.model;
  const key = (d: DeviceSpec) => ({ runtime: w.runtime, family: d.family, quantClass: w.quant.quantClass });
  const factors = (d: DeviceSpec) => factorsFor(cal, key(d));
  const support = supportFor(cal, key(devices[0]!));
  const calibrated = support.runtime > 0 && devices.every((d) => (cal.support.family[d.family] ?? 0) > 0);
  const f0 = factors(devices[0]!);
  const missing: string[] = [];
  for (const d of new Set(devices))
    if ((cal.support.family[d.family] ?? 0) === 0 && d.memoryKind !== 'sram') missing.push(`measurements of device family ${d.family} (${d.name})`);
  if (support.runtime === 0) missing.push(`measurements of runtime ${w.runtime}`);
  const flash = w.flashAttention ?? runtime.flashAttention;

  const weightsGB = (m.paramsB * w.quant.bitsPerWeight) / 8;
  assumptions.push(
    `weights: ${w.quant.label} at ${w.quant.bitsPerWeight} bits/weight (${w.quant.bpwSource}) → ≈ ${fmt(weightsGB)} GB for ${m.paramsB}B params`,
  );
  if (first0(devices).memoryKind !== 'sram')
    assumptions.push(
      `memory in GB = 10⁹ bytes throughout; a card's vendor figure is binary (${fmt(gibOfGB(first0(devices).memoryGB), 0)} GiB = ${fmt(first0(devices).memoryGB, 2)} GB), and the memory lines show both`,
    );
  if (isMoe(m)) assumptions.push(`mixture of experts: memory holds all ${m.paramsB}B params; each token reads the ${m.activeParamsB}B active params`);
  const kvMB = (kvBytesPerTokenPerLayer(m, w.kv) * m.layers) / 1e6;
  assumptions.push(
    `KV cache: ${w.kv.id} (${w.kv.bytesPerElement} B/element), ${m.kvElementsPerTokenPerLayer ? `${m.kvElementsPerTokenPerLayer} cached elements per layer (MLA)` : `${m.kvHeads} KV heads × ${m.headDim} dims × 2 (K and V)`} × ${m.layers} layers = ${fmt(kvMB, 3)} MB/token; ${w.contextTokens} tokens × ${w.batchMax ? 'the serving batch (below)' : `batch ${w.batch}`}`,
  );

  // ---- on-chip SRAM devices: a pipeline over many chips ----
  const first = devices[0]!;
  if (first.memoryKind === 'sram') {
    const sramMB = first.memoryGB * 1e3;
    const sizing = sizeSram({ model: m, quant: w.quant, contextTokens: w.contextTokens, sramMB });
    const chips = devices.length;
    const fits = chips >= sizing.chipsNeeded;
    // Speed is quoted for the pipeline that would hold the model, even when the build is short of chips.
    const pipelineChips = Math.max(chips, sizing.chipsNeeded);
    const dec = sramDecodeTps({
      weightsGB: ((m.activeParamsB ?? m.paramsB) * w.quant.bitsPerWeight) / 8,
      chips: pipelineChips,
      sramBandwidthGBps: first.memBandwidthGBps,
      efficiency: f0.bwEff,
    });
    const powerW = devices.reduce((a, d) => a + (d.tdpW ?? 0), 0);
    assumptions.push(
      `SRAM: ${fmt(sizing.weightsGB)} GB weights + ${fmt(sizing.contextGB)} GB context (${w.contextTokens} tokens × 10 MB/token, the seed's figure) = ${fmt(sizing.totalGB)} GB → ≥ ${sizing.chipsNeeded} chips of ${sramMB} MB → ${sizing.devices} devices (${sizing.racks} racks of 64)`,
    );
    assumptions.push(`forward pass ≈ 2 × params = ${fmt(sizing.forwardPassGflop, 0)} GFLOP per token`);
    assumptions.push(
      'decode is a pipeline across chips: all weight bytes / per-chip SRAM bandwidth + a chip-to-chip hop per boundary (hop latency is an assumption, not calibrated)',
    );
    assumptions.push('power: every chip at TDP (the whole pipeline is powered while serving)');
    const perChipS = sizing.weightsGB / pipelineChips / (first.memBandwidthGBps * f0.bwEff) + C2C_HOP_S;
    const prefillTps = 1 / perChipS;
    const decodeTps = dec.tps;
    const band = (v: number) => uncalibratedBand(cal, v);
    const memPer = sizing.totalGB / Math.max(chips, sizing.chipsNeeded);
    const inst: InstanceEstimate = {
      devices: [`${chips} × ${first.name}`],
      deviceIndexes: devices.map((_, i) => i),
      split: 'sram-pipeline',
      pathClass: null,
      fits,
      memory: [],
      decodeTps,
      aggregateTps: decodeTps,
      prefillTps,
      ttftS: w.promptTokens / prefillTps + (decodeTps > 0 ? 1 / decodeTps : 0),
      bottleneck: dec.hopsS > dec.streamS ? 'interconnect' : 'memory-bandwidth',
      servingBatch: 1,
      servingMemoryLimited: false,
    };
    if (!fits) warnings.push(`needs ${sizing.chipsNeeded} chips; the build has ${chips}`);
    // A TDP no source gives makes the electricity cost unknown, not the sum of the others'.
    const en = energy(powerW, decodeTps, unknownTdpNames(devices).length ? null : (opts.pricePerKwh ?? null));
    return {
      fits,
      instances: [inst],
      memoryPerDeviceGB: devices.map(() => memPer),
      overflow: fits ? [] : [{ device: first.name, overflowGB: sizing.totalGB - (chips * sramMB) / 1e3 }],
      decodeTps,
      aggregateTps: decodeTps,
      prefillTps,
      ttftS: inst.ttftS,
      bottleneck: inst.bottleneck,
      powerW,
      powerUnknown: tdpUnknownText(unknownTdpNames(devices)),
      energy: en,
      cost: opts.costLines ? buildCost(opts.costLines, opts.currency ?? 'USD', decodeTps) : null,
      band: { decodeTps: band(decodeTps), aggregateTps: band(decodeTps), prefillTps: band(prefillTps) },
      factors: f0,
      calibrated: false,
      basis: 'uncalibrated-sram',
      missing: ['measurements of any on-chip SRAM accelerator (chip-to-chip hop latency is an assumption)'],
      sram: sizing,
      context: null,
      assumptions,
      warnings,
    };
  }

  // ---- GPUs: instances over device groups ----
  const split = w.split;
  const instances = split === 'replicas' ? devices.length : w.instances;
  if (instances < 1 || devices.length % instances !== 0) throw new EstimateError(`${devices.length} devices cannot be shared evenly by ${instances} instances`);
  const groups = groupDevices(devices.length, instances, topo);
  const inner: 'layer' | 'tensor' = split === 'tensor' ? 'tensor' : 'layer';
  if (split === 'tensor' && !runtime.splits.includes('tensor')) warnings.push(`${w.runtime} has no tensor-parallel mode; estimate assumes it anyway`);
  assumptions.push(
    topo
      ? `topology: path classes from ${topo.source}`
      : `topology: none given — every GPU pair assumed to meet ${defaultClass(devices) === 'NV' ? 'over the NVLink fabric (NV)' : `at one host bridge (${DEFAULT_TOPOLOGY_CLASS})`}; pass --build for the real paths`,
  );

  const results: InstanceEstimate[] = [];
  const perDevice: (number | null)[] = devices.map(() => null);
  const overflow: { device: string; overflowGB: number }[] = [];
  let powerW = 0;
  let tightest: ContextFit | null = null;
  for (const idx of groups) {
    const ds = idx.map((i) => devices[i]!);
    const link = groupLink(idx, devices, topo, inner);
    const plan: InstancePlan = planInstance({ model: m, quant: w.quant, kv: w.kv, runtime, devices: ds, split: inner, link });
    // Layer-split boundaries cost by interconnect class and shrink as GPUs are added (fitted).
    const gf = (d: DeviceSpec) =>
      factorsFor(cal, { ...key(d), ...(inner === 'layer' && ds.length > 1 ? { hopClass: hopClassOf(link), gpus: ds.length } : {}) });
    for (const x of plan.warnings) if (!warnings.includes(x)) warnings.push(x);
    // Serving: the batch the scheduler and KV memory allow, prompt work interleaved (the calibrated serving path).
    const served =
      w.batchMax || w.batch > 1
        ? serving({
            plan,
            factors: gf,
            precision: w.quant.computePrecision,
            inputTokens: w.promptTokens,
            outputTokens: Math.max(1, w.contextTokens - w.promptTokens),
            batch: w.batchMax ? 'max' : w.batch,
            maxBatch: w.batchMax && w.batch > 1 ? Math.min(w.batch, runtime.maxBatch) : runtime.maxBatch,
            kvBudgetBytes: kvBudgetBytes({ plan, model: m, runtime, chunkTokens: runtime.prefillChunkTokens }),
            flashAttention: flash,
          })
        : null;
    const batch = w.batchMax && served ? served.batch : w.batch;
    const mem = memoryLines({ plan, model: m, runtime, contextTokens: w.contextTokens, batch });
    mem.forEach((l, k) => {
      perDevice[idx[k]!] = l.usedGB;
      if (l.overflowGB > 0) overflow.push({ device: `${l.device} #${idx[k]! + 1}`, overflowGB: l.overflowGB });
    });
    const fits = mem.every((l) => l.overflowGB === 0);
    const cf = contextFit(plan, mem, w.contextTokens, batch);
    if (!tightest || (tightest.fits && !cf.fits) || (cf.maxContextTokens ?? -1) < (tightest.maxContextTokens ?? -1)) tightest = cf;
    const step1 = decodeStep({ plan, factors: gf, precision: w.quant.computePrecision, batch: 1, contextTokens: w.promptTokens, flashAttention: flash });
    const stepB = served ? served.step : step1;
    const pf = prefill({
      plan,
      factors: gf,
      precision: w.quant.computePrecision,
      promptTokens: w.promptTokens,
      chunkTokens: runtime.prefillChunkTokens,
      flashAttention: flash,
    });
    if (pf.computeUnknown) {
      const names = [...new Set(ds.filter((d) => matmulTflops(d, w.quant.computePrecision) === null).map((d) => d.name))];
      const fact = `the fp16/int8 tensor rate of ${names.join(', ')}`;
      if (!missing.includes(fact)) missing.push(fact);
      if (!warnings.some((x) => x.startsWith('compute rate'))) warnings.push(`compute rate unknown (${fact}): prefill and time to first token are unknown`);
    }
    const decodeTps = 1 / step1.totalS;
    const aggregateTps = served ? served.tps : 1 / step1.totalS;
    const bottleneck = stepB.bottleneck;
    const frac = bottleneck === 'compute' ? COMPUTE_POWER_FRACTION : (opts.decodePowerFraction ?? DECODE_POWER_FRACTION);
    powerW += ds.reduce((a, d) => a + (d.tdpW ?? 0) * frac, 0);
    results.push({
      devices: ds.map((d) => d.name),
      deviceIndexes: idx,
      split: plan.split,
      pathClass: link?.pathClass ?? null,
      fits,
      memory: mem,
      decodeTps,
      aggregateTps,
      prefillTps: pf.computeUnknown ? null : pf.tps,
      ttftS: pf.computeUnknown ? null : pf.totalS + step1.totalS,
      bottleneck,
      servingBatch: served ? served.batch : 1,
      servingMemoryLimited: served?.memoryLimited ?? false,
    });
  }
  if (devices.some((d) => d.tdpW === null)) warnings.push('TDP unknown for a device: power leaves it out');
  if (tightest) (tightest.fits ? assumptions : warnings).push(tightest.message);

  const fits = results.every((r) => r.fits);
  const slowest = results.reduce((a, r) => (r.decodeTps < a.decodeTps ? r : a));
  const aggregateTps = results.reduce((a, r) => a + r.aggregateTps, 0);

  const multi = inner === 'layer' && groups[0]!.length > 1;
  const fac = factorsFor(cal, {
    ...key(devices[0]!),
    ...(multi ? { hopClass: hopClassOf(groupLink(groups[0]!, devices, topo, inner)), gpus: groups[0]!.length } : {}),
  });
  assumptions.push(
    `runtime ${w.runtime}: ${fmt(runtime.contextOverheadGB, 2)} GB context per device + compute buffer${runtime.reservedFraction ? ` + ${runtime.reservedFraction * 100} % of memory held back` : ''}${runtime.weightOverheadFraction ? ` + ${runtime.weightOverheadFraction * 100} % of weights for activations` : ''}${runtime.embeddingOnHost ? '; token embeddings stay in host RAM' : ''}`,
  );
  assumptions.push(
    `efficiency (${w.runtime}, ${devices[0]!.family}, ${w.quant.quantClass}): ${fmt(fac.bwEff * 100, 0)} % of spec bandwidth, ${fmt(fac.computeEff * 100, 0)} % of spec matmul rate, ${fmt(fac.layerOverheadS * 1e6, 0)} µs per layer per pass${multi ? `, ${fmt(fac.layerSplitHopS * 1e3, 2)} ms per layer-split boundary (${HOP_WORDS[hopClassOf(groupLink(groups[0]!, devices, topo, inner))]}, ${groups[0]!.length} GPUs)` : ''}${fac.dequantEff !== null ? `, dequantisation at ${fmt(fac.dequantEff * 100, 1)} % of the fp16 rate per weight (max with the memory time)` : ''} — fitted on ${support.runtime} rows for the runtime, ${support.family} for the family, ${support.quant} for the format (calibration v${cal.version}, ${cal.date})`,
  );
  if (!calibrated)
    assumptions.push(
      `ROOFLINE FALLBACK: no calibration rows for ${missing
        .filter((x) => x.startsWith('measurements'))
        .map((x) => x.replace('measurements of ', ''))
        .join(
          ' and ',
        )}: spec bandwidth and matmul rate × pooled fitted factors; the band is the spread seen when a whole device family was left out of the fit${support.runtime === 0 ? `, ×${UNCALIBRATED_WIDEN} for the unmeasured runtime` : ''}`,
    );
  assumptions.push(
    `flash attention ${flash ? 'on' : 'off'}${w.flashAttention === undefined ? ` (${w.runtime} default)` : ''}${flash ? '' : ': attention scores (f32, per head per context token) go through memory each layer'}; long-context (8k–128k) speeds are not checked against measurements`,
  );
  if (results.some((r) => r.servingBatch > 1))
    assumptions.push(
      `serving: ${results[0]!.servingBatch} sequences per instance${w.batchMax ? ` (--batch max: ${results[0]!.servingMemoryLimited ? 'limited by KV-cache memory' : `the ${w.runtime} scheduler maximum`})` : ''}, each ${w.promptTokens} prompt + ${Math.max(1, w.contextTokens - w.promptTokens)} generated tokens, prompt work interleaved with decoding`,
    );
  assumptions.push(
    `decode speed at a context position of ${w.promptTokens} tokens; prefill of a ${w.promptTokens}-token prompt in chunks of ${Math.min(runtime.prefillChunkTokens, w.promptTokens)}`,
  );
  if (inner === 'layer' && groups[0]!.length > 1)
    assumptions.push('layer split: GPUs take turns per token (times add, plus a hop per boundary): more GPUs add memory, not single-stream speed');
  if (inner === 'tensor' && groups[0]!.length > 1)
    assumptions.push(
      `tensor parallel: bytes divided over ${groups[0]!.length} GPUs; 2 ring all-reduces per layer over ${results[0]!.pathClass} (latency per step is an uncalibrated assumption)`,
    );
  if (inner === 'tensor' && groups[0]!.length > 1 && groupLink(groups[0]!, devices, topo, inner)?.hostStaged)
    assumptions.push(
      `tensor parallel through host memory (${results[0]!.pathClass}, no PCIe P2P between the GPUs): each decode step takes ${fmt(HOST_STAGED_TP.decodePenalty * 100, 1)} % longer, the ${HOST_STAGED_TP.source}`,
    );
  if (instances > 1) assumptions.push(`${instances} instances, each on its own ${groups[0]!.length} GPU(s)`);
  assumptions.push(
    `power: ${fmt((opts.decodePowerFraction ?? DECODE_POWER_FRACTION) * 100, 0)} % of TDP while decoding (memory bound; an assumption, not measured), ${COMPUTE_POWER_FRACTION * 100} % when compute bound`,
  );

  const used = new Set(groups.flat());
  devices.forEach((d, i) => {
    if (!used.has(i)) powerW += (d.tdpW ?? 0) * IDLE_POWER_FRACTION;
  });
  // Energy from the one draw figure, idle GPUs included (never a partial sum taken earlier).
  const en = energy(powerW, aggregateTps, unknownTdpNames(devices).length ? null : (opts.pricePerKwh ?? null));

  const band = (v: number, metric: 'tg_tps' | 'pp_tps' | 'agg_tps') => bandFor(cal, v, metric, w.runtime, calibrated, support.runtime > 0);
  const batched = results.some((r) => r.servingBatch > 1);
  return {
    fits,
    instances: results,
    memoryPerDeviceGB: perDevice,
    overflow,
    decodeTps: slowest.decodeTps,
    aggregateTps,
    prefillTps: slowest.prefillTps,
    ttftS: slowest.ttftS,
    bottleneck: slowest.bottleneck,
    powerW,
    powerUnknown: tdpUnknownText(unknownTdpNames(devices)),
    energy: en,
    cost: opts.costLines ? buildCost(opts.costLines, opts.currency ?? 'USD', aggregateTps) : null,
    band: {
      decodeTps: band(slowest.decodeTps, 'tg_tps'),
      aggregateTps: band(aggregateTps, batched ? 'agg_tps' : 'tg_tps'),
      prefillTps: slowest.prefillTps === null ? null : band(slowest.prefillTps, 'pp_tps'),
    },
    factors: fac,
    calibrated,
    basis: calibrated ? 'calibrated' : 'roofline-fallback',
    missing,
    sram: null,
    context: tightest,
    assumptions,
    warnings,
  };
}

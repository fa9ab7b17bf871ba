// One published measurement as the model sees it: the same plan, decode,
// prefill and serving code as an estimate, so calibration fits exactly the
// formulas users get. Pure: the calibrate script does the file reading.
import type { LlmModel } from '#core/models/llm';
import { quantForMeasurement, type QuantClass, type QuantFormat } from '#core/models/quant';
import { DEFAULT_KV, parseKv } from '#core/models/kv';
import type { DeviceSpec } from './device';
import { linkFor, type Link } from './links';
import { planInstance, type InstancePlan } from './plan';
import { RUNTIME_PROFILES, parseRuntime, type Runtime } from './runtime';
import type { HopClass } from './calibration';
import { hopClassOf } from './links';
import { decodeTps, type FactorsFn } from './decode';
import { prefill } from './prefill';
import { serving } from './serving';
import { kvBudgetBytes } from './memory';

export type Metric = 'tg_tps' | 'pp_tps' | 'agg_tps';

export interface MeasurementRow {
  /** 1-based data row number in the CSV (header excluded). */
  row: number;
  runtime: string;
  model: string;
  quant: string;
  bitsPerWeight: number;
  gpuModel: string;
  gpuCount: number;
  parallelism: string;
  batch: string;
  contextTokens: number;
  generatedTokens: number;
  metric: Metric;
  value: number;
  note: string;
  sourceUrl?: string;
}

export interface PreparedRow {
  row: MeasurementRow;
  runtimeKey: string;
  family: string;
  quantClass: QuantClass;
  /** Layer-split boundary class and GPU count (hop cost), null for one GPU or tensor parallel. */
  hopClass: HopClass | null;
  gpus: number;
  /** Source × GPU × count × runtime: rows of one box share their errors, so cross-validation leaves them out together. */
  configuration: string;
  sourceUrl: string;
  predict(factors: FactorsFn): number;
}

/** ModelOpt FP8 checkpoints quantise the KV cache to FP8 too (kv_cache_quant_algo FP8). */
const FP8_CHECKPOINT_KV = 'fp8';
/** Rows whose source notes flag them as anomalous are kept out of the fit (and reported apart). */
export const ANOMALY_FLAG = /anomalous/i;

/** The runtime a row measured: the CSV says "other" for ExLlama v1 and names it in the note. */
export function runtimeOfRow(r: Pick<MeasurementRow, 'runtime' | 'note'>): Runtime | null {
  return parseRuntime(r.runtime) ?? (/exllama v1/i.test(r.note) ? 'exllama' : null);
}

/** llama-bench runs with flash attention off unless the note says it was on. */
const FLASH_ON = /flash attention on|-fa 1|flash_attn[= ]1/i;

function linkForRow(r: MeasurementRow, d: DeviceSpec): Link | null {
  if (r.gpuCount <= 1) return null;
  if (/nvlink/i.test(r.parallelism + ' ' + r.note) || (r.parallelism === 'tensor' && d.nvlinkGBps))
    return linkFor('NV', { p2p: true, nvlinkGBps: d.nvlinkGBps });
  // Cloud multi-GPU boxes: generation not stated; assume peer-to-peer under one host bridge.
  return linkFor('PHB', { p2p: d.p2pOverPcie, pcieGen: d.pcieGen, pcieLanes: d.pcieLanes });
}

export function prepareRow(
  r: MeasurementRow,
  models: ReadonlyMap<string, LlmModel>,
  /** Catalog devices per calibration gpu_model (several for a mixed box such as "RTX 4090 + RTX 3090 Ti"). */
  devices: ReadonlyMap<string, readonly DeviceSpec[]>,
): PreparedRow | { excluded: string } {
  if (ANOMALY_FLAG.test(r.note)) return { excluded: 'flagged as anomalous in its source note' };
  const model = models.get(r.model);
  if (!model) return { excluded: `model ${r.model} not in the library` };
  const unit = devices.get(r.gpuModel);
  if (!unit || unit.length === 0) return { excluded: `device ${r.gpuModel} has no catalog part` };
  const device = unit[0]!;
  const quant: QuantFormat | null = quantForMeasurement(r.quant, r.bitsPerWeight);
  if (!quant) return { excluded: `quantisation ${r.quant} not understood` };
  if (r.metric !== 'tg_tps' && unit.some((d) => d.fp16Tflops === null && d.int8Tops === null)) return { excluded: `compute rate of ${r.gpuModel} unknown` };
  const runtimeId = runtimeOfRow(r);
  if (!runtimeId) return { excluded: `runtime ${r.runtime} not understood` };
  const runtime = RUNTIME_PROFILES[runtimeId];
  const flashAttention = FLASH_ON.test(r.note) ? true : runtime.flashAttention;
  const kv = quant.quantClass === 'fp8' && runtime.id === 'tensorrt-llm' ? parseKv(FP8_CHECKPOINT_KV)! : DEFAULT_KV;
  const devicesOfRow = unit.length > 1 ? [...unit] : Array.from({ length: r.gpuCount }, () => device);
  if (devicesOfRow.length !== r.gpuCount) return { excluded: `gpu_count ${r.gpuCount} does not match the ${unit.length} devices named in ${r.gpuModel}` };
  const split = r.parallelism === 'tensor' ? 'tensor' : 'layer';
  const link = linkForRow(r, device);
  const plan: InstancePlan = planInstance({ model, quant, kv, runtime, devices: devicesOfRow, split, link });
  const precision = quant.computePrecision;
  const predict = (factors: FactorsFn): number => {
    switch (r.metric) {
      case 'tg_tps':
        // A run of N generated tokens from a C-token context reads the cache at C + N/2 on average.
        return decodeTps({ plan, factors, precision, contextTokens: r.contextTokens + r.generatedTokens / 2, flashAttention }).tps;
      case 'pp_tps':
        return prefill({ plan, factors, precision, promptTokens: r.contextTokens, chunkTokens: runtime.prefillChunkTokens, flashAttention }).tps;
      case 'agg_tps': {
        const budget = kvBudgetBytes({ plan, model, runtime, chunkTokens: runtime.prefillChunkTokens });
        return serving({
          plan,
          factors,
          precision,
          inputTokens: r.contextTokens,
          outputTokens: r.generatedTokens,
          batch: 'max',
          maxBatch: runtime.maxBatch,
          kvBudgetBytes: budget,
        }).tps;
      }
    }
  };
  const layerSplit = split === 'layer' && r.gpuCount > 1;
  return {
    row: r,
    runtimeKey: runtimeId,
    family: device.family,
    quantClass: quant.quantClass,
    hopClass: layerSplit ? hopClassOf(link) : null,
    gpus: r.gpuCount,
    configuration: `${r.sourceUrl ?? ''} · ${r.gpuModel} · x${r.gpuCount} · ${runtimeId}`,
    sourceUrl: r.sourceUrl ?? '',
    predict,
  };
}

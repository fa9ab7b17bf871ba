// A measured speed as it is kept with a build (migration 0007): the result of
// one llama-bench test or vLLM benchmark, the workload it was run for (model,
// format, runtime, split — so it still finds its workload after the build's
// list is reordered), the hardware it ran on and whether the user lets it
// calibrate this build's estimate. Checked here, stored by db/, shown by the
// editor, exported in the calibration file's columns.
import { z } from 'zod';
import type { BuildWorkload } from '../build/build';
import type { Measurement } from './measured';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const tokens = z.number().int().min(0).max(10_000_000);

export const MeasurementInput = z.strictObject({
  buildId: z.number().int().min(1),
  /** The workload it measures, by what identifies a workload (not its place in the list). */
  workload: z.strictObject({
    modelId: z.string().min(1).max(120),
    quant: z.string().min(1).max(40),
    runtime: z.string().min(1).max(40),
    split: z.enum(['single', 'layer', 'tensor', 'replica']),
  }),
  benchRuntime: z.enum(['llama.cpp', 'vllm']),
  /** What the benchmark printed as the model ("llama 8B Q4_K - Medium"). */
  benchModel: z.string().min(1).max(300),
  metric: z.enum(['tg_tps', 'pp_tps', 'agg_tps']),
  promptTokens: tokens,
  generatedTokens: tokens,
  /** Tokens already in the KV cache (llama-bench -d). */
  depthTokens: tokens,
  tps: z.number().positive('tokens/s must be above 0').finite().max(10_000_000),
  stddev: z.number().min(0).finite().nullable(),
  backend: z.string().max(100).nullable(),
  benchBuild: z.string().max(100).nullable(),
  gpuModel: z.string().min(1).max(200),
  gpuCount: z.number().int().min(1).max(4096),
  batch: z.number().int().min(1).max(4096),
  measuredOn: day,
  sourceUrl: z.string().max(2000),
  note: z.string().max(2000),
  /** Let this measurement narrow this build's band (marked as such). */
  calibrate: z.boolean(),
});
export type MeasurementInput = z.infer<typeof MeasurementInput>;

export const StoredMeasurement = MeasurementInput.extend({ id: z.number().int().min(1), createdAt: z.string() });
export type StoredMeasurement = z.infer<typeof StoredMeasurement>;

/** The measurement belongs to this workload: same model, format, runtime and split. */
export function measuresWorkload(m: Pick<StoredMeasurement, 'workload'>, w: Pick<BuildWorkload, 'modelId' | 'quant' | 'runtime' | 'split'>): boolean {
  return (
    m.workload.modelId === w.modelId &&
    m.workload.quant.toUpperCase() === w.quant.toUpperCase() &&
    m.workload.runtime === w.runtime &&
    m.workload.split === w.split
  );
}

const PARALLELISM: Record<MeasurementInput['workload']['split'], Measurement['parallelism']> = {
  single: 'none',
  layer: 'layer',
  tensor: 'tensor',
  replica: 'replica',
};

/** The row for the calibration CSV (core/asbuilt/measured.ts writes the columns). */
export function toCalibration(m: StoredMeasurement, buildName: string, paramsB: number | null): Measurement {
  return {
    buildName,
    workloadIndex: null,
    modelId: m.workload.modelId,
    paramsB,
    quant: m.workload.quant,
    bitsPerWeight: null,
    gpuModel: m.gpuModel,
    gpuCount: m.gpuCount,
    parallelism: m.gpuCount === 1 ? 'none' : PARALLELISM[m.workload.split],
    interconnectNote: '',
    batch: m.batch,
    result: {
      runtime: m.benchRuntime,
      model: m.benchModel,
      paramsB: null,
      sizeGiB: null,
      backend: m.backend,
      metric: m.metric,
      promptTokens: m.promptTokens + m.depthTokens,
      generatedTokens: m.generatedTokens,
      depthTokens: m.depthTokens,
      gpuInfo: null,
      tps: m.tps,
      stddev: m.stddev,
      build: m.benchBuild,
      line: 0,
    },
    measuredOn: m.measuredOn,
    sourceUrl: m.sourceUrl,
    note: [m.note, m.depthTokens ? `at a context depth of ${m.depthTokens} tokens (llama-bench -d)` : ''].filter(Boolean).join('; '),
  };
}

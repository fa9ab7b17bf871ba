// Measured speeds (llama-bench, vLLM) kept with the build and workload they
// were run on, compared with the estimate, and exported in the columns of the
// project's calibration file so a user can contribute them. A measurement's
// source_url is the user's to fill in; nothing here is invented.
import { toCsv } from '../csv/export';
import type { BenchResult } from './llamaBench';

export interface Measurement {
  buildName: string;
  /** Index into the build's workloads; null when the run matches none. */
  workloadIndex: number | null;
  modelId: string;
  paramsB: number | null;
  quant: string;
  bitsPerWeight: number | null;
  gpuModel: string;
  gpuCount: number;
  parallelism: 'none' | 'layer' | 'tensor' | 'replica';
  interconnectNote: string;
  batch: number;
  result: BenchResult;
  /** YYYY-MM-DD. */
  measuredOn: string;
  sourceUrl: string;
  note: string;
}

/** The columns of measured_tps_calibration.csv, in its order. */
export const CALIBRATION_COLUMNS = [
  'source_url',
  'source_note',
  'runtime',
  'runtime_version_or_date',
  'model',
  'params_b',
  'quant',
  'bits_per_weight_effective',
  'gpu_model',
  'gpu_count',
  'parallelism',
  'interconnect_note',
  'batch_size',
  'context_or_prompt_tokens',
  'generated_tokens',
  'metric',
  'value',
] as const;

export function calibrationRow(m: Measurement): (string | null)[] {
  const r = m.result;
  const version = r.build ? `${r.build}, ${m.measuredOn}` : m.measuredOn;
  return [
    m.sourceUrl,
    [m.note, `measured with Rackhive on build "${m.buildName}"`, r.stddev !== null ? `± ${r.stddev} t/s` : ''].filter(Boolean).join('; '),
    r.runtime,
    version,
    m.modelId,
    m.paramsB === null ? (r.paramsB === null ? '' : String(Math.round(r.paramsB * 100) / 100)) : String(m.paramsB),
    m.quant,
    m.bitsPerWeight === null ? '' : String(m.bitsPerWeight),
    m.gpuModel,
    String(m.gpuCount),
    m.parallelism,
    m.interconnectNote,
    String(m.batch),
    String(r.promptTokens),
    String(r.generatedTokens),
    r.metric,
    String(r.tps),
  ];
}

export function calibrationCsv(ms: readonly Measurement[]): string {
  return toCsv(CALIBRATION_COLUMNS, ms.map(calibrationRow));
}

export interface MeasuredVsEstimate {
  measured: number;
  estimate: number;
  /** (measured − estimate) ÷ estimate × 100. */
  differencePct: number;
  /** Inside the estimate's band. */
  withinBand: boolean;
}

export function compareToEstimate(measuredTps: number, estimate: { tps: number; low: number; high: number }): MeasuredVsEstimate {
  return {
    measured: measuredTps,
    estimate: estimate.tps,
    differencePct: ((measuredTps - estimate.tps) / estimate.tps) * 100,
    withinBand: measuredTps >= estimate.low && measuredTps <= estimate.high,
  };
}

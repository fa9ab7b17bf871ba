// "What runs on this build": every library model in the weight formats people
// run, estimated on the build's own GPUs and topology, best first. Each
// candidate is one pure estimate; callers run them in slices so a page stays
// responsive, and show what was left out and why.
import type { Build, BuildWorkload } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import { builtinModels } from '../models/library';
import type { LlmModel } from '../models/llm';
import { runEstimate } from '../perf/request';

/** Weight formats offered: llama.cpp's common 4- and 8-bit GGUF and unquantised FP16. */
export const WHAT_RUNS_QUANTS = ['Q4_K_M', 'Q8_0', 'F16'] as const;

export interface Candidate {
  model: LlmModel;
  quant: string;
  workload: BuildWorkload;
}

export interface WhatRunsRow extends Candidate {
  decodeTps: number;
  decodeLow: number;
  decodeHigh: number;
  prefillTps: number | null;
  ttftS: number | null;
}

/** The workload a candidate would be added as: llama.cpp, layers split over every GPU (one GPU: single). */
export function candidatesFor(gpuCount: number, models: readonly LlmModel[] = builtinModels): Candidate[] {
  const split: BuildWorkload['split'] = gpuCount > 1 ? 'layer' : 'single';
  return models
    .filter((m) => !m.legacy)
    .flatMap((model) => WHAT_RUNS_QUANTS.map((quant) => ({ model, quant, workload: { modelId: model.id, quant, runtime: 'llama.cpp', split, instances: 1 } })));
}

/** One candidate on the build: a row when it fits and the model can answer, else null. */
export function estimateCandidate(build: Build, catalog: readonly CatalogPart[], c: Candidate): WhatRunsRow | null {
  const out = runEstimate({ model: c.model.id, quant: c.quant, runtime: 'llama.cpp', split: c.workload.split === 'layer' ? 'layer' : undefined }, catalog, {
    ...build,
    workloads: [c.workload],
  });
  if (!out.ok || !out.report.fits) return null;
  const r = out.report;
  return { ...c, decodeTps: r.decodeTps, decodeLow: r.band.decodeTps.low, decodeHigh: r.band.decodeTps.high, prefillTps: r.prefillTps, ttftS: r.ttftS };
}

/**
 * What a person picks first: the largest model that fits at a usable speed
 * (≥ 5 tok/s reads as fast as people read), then the better format of it
 * (more bits), then speed.
 */
export function rankWhatRuns(rows: readonly WhatRunsRow[]): WhatRunsRow[] {
  const usable = (r: WhatRunsRow) => (r.decodeTps >= 5 ? 1 : 0);
  const bits = (q: string) => WHAT_RUNS_QUANTS.indexOf(q as (typeof WHAT_RUNS_QUANTS)[number]);
  return [...rows].sort((a, b) => usable(b) - usable(a) || b.model.paramsB - a.model.paramsB || bits(b.quant) - bits(a.quant) || b.decodeTps - a.decodeTps);
}

// Runs the performance model over a build for the compared workload, through
// the same request the editor's estimate uses (so both show the same numbers).
// Runtime, split and instance count come from the build's own workload (the
// one for this model, else its first); when that layout does not fit the
// compared model, fewer instances are tried, and the estimate says so.
import type { Build, BuildWorkload } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import type { CheckResult } from '../check/checkBuild';
import { checkBuild } from '../check/checkBuild';
import { siteOf } from '../build/site';
import { devicesOfBuild } from '../perf/fromBuild';
import type { Estimate } from '../perf/estimate';
import { runEstimate, type EstimateReport } from '../perf/request';
import type { CompareWorkload, SpeedEstimate } from './types';

export type EstimateOutcome = { ok: true; estimate: SpeedEstimate; acceleratorIds: string[] } | { ok: false; problem: string };

/**
 * The estimate function a comparison is built around (injected, so tests can pass a fake).
 * `check`: the build's checkBuild result when the caller has one (only its topology is read:
 * P2P matrix, bridges, dead slots), so the build is not checked again.
 */
export type BuildEstimator = (build: Build, workload: CompareWorkload, check?: CheckResult) => EstimateOutcome;

/** The estimator's outcome, with a throw turned into the problem it shows (compare rows and the sheet alike). */
export function estimateOutcome(estimator: BuildEstimator, build: Build, workload: CompareWorkload, check?: CheckResult): EstimateOutcome {
  try {
    return estimator(build, workload, check);
  } catch (err) {
    return { ok: false, problem: `the estimate failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The build's workload that says how it serves `modelId` (same model first, else the first one). */
export function buildLayout(build: Build, modelId: string): BuildWorkload | null {
  return build.workloads.find((w) => w.modelId === modelId) ?? build.workloads[0] ?? null;
}

function divisorsDown(n: number, from: number): number[] {
  const out: number[] = [];
  for (let k = Math.min(from, n); k >= 1; k--) if (n % k === 0) out.push(k);
  return out;
}

export function toSpeedEstimate(e: Estimate, runtime: string, split: string, instances: number, extra: string[]): SpeedEstimate {
  const range = (b: { low: number; high: number }) => ({ low: b.low, high: b.high });
  const reason = e.fits
    ? null
    : e.sram
      ? `does not fit: needs ${e.sram.chipsNeeded} chips of on-chip SRAM; the build has ${e.instances[0]?.deviceIndexes.length ?? 0}`
      : `does not fit: ${e.overflow
          .slice(0, 3)
          .map((o) => `${o.device} over by ${o.overflowGB.toFixed(1)} GB`)
          .join(', ')}${e.overflow.length > 3 ? ` and ${e.overflow.length - 3} more` : ''}`;
  return {
    fits: e.fits,
    reason,
    decodeTps: e.fits ? e.decodeTps : null,
    decodeBand: e.fits ? range(e.band.decodeTps) : null,
    aggregateTps: e.fits ? e.aggregateTps : null,
    aggregateBand: e.fits ? range(e.band.aggregateTps) : null,
    bandPct: e.band.decodeTps.pct,
    bandBasis: e.band.decodeTps.basis,
    prefillTps: e.fits ? e.prefillTps : null,
    ttftS: e.fits ? e.ttftS : null,
    bottleneck: e.bottleneck,
    // A TDP no source gives makes the draw unknown, never the sum of the others.
    powerW: e.powerUnknown ? null : e.powerW,
    powerUnknown: e.powerUnknown,
    runtime,
    split,
    instances,
    assumptions: [...extra, ...e.assumptions],
    warnings: e.warnings,
  };
}

/** The default estimator: the same request the editor's estimate:run makes, with the compared model, quantisation, context and batch. */
export function perfEstimator(catalog: readonly CatalogPart[]): BuildEstimator {
  return (build, w, given) => {
    const layout = buildLayout(build, w.modelId);
    // One check for the device list and every try below (the site only changes power, which this does not read).
    const check = given ?? checkBuild(build, catalog, siteOf(build, null).site);
    const all = devicesOfBuild(build, catalog, null, check);
    const first = build.workloads[0];
    const wanted = first?.devices;
    const ids = wanted ? all.deviceIds.filter((id) => wanted.includes(id)) : all.deviceIds;
    const split = layout ? SPLIT_OF_WORKLOAD[layout.split] : undefined;
    const count = ids.length;
    const preferred = split === 'replicas' ? count : (layout?.instances ?? 1);
    const tries = split === 'replicas' || count === 0 ? [preferred] : divisorsDown(count, preferred);
    const extra: string[] = [];
    if (!layout) extra.push('the build names no workload: llama.cpp, one instance, layers split over every GPU');
    let last: { report: EstimateReport; instances: number } | null = null;
    for (const instances of tries.length ? tries : [1]) {
      const out = runEstimate(
        {
          model: w.modelId,
          quant: w.quant,
          contextTokens: w.contextTokens,
          batch: w.batch,
          ...(layout ? { runtime: layout.runtime } : {}),
          ...(split ? { split } : {}),
          ...(split === 'replicas' ? {} : { instances }),
        },
        catalog,
        build,
        undefined,
        undefined,
        check,
      );
      if (!out.ok) return { ok: false, problem: out.message };
      last = { report: out.report, instances: out.report.workload.instances };
      if (out.report.fits || out.report.sram) break;
    }
    if (!last) return { ok: false, problem: 'no estimate' };
    if (last.report.fits && last.instances !== preferred) extra.push(`${preferred} instances of this model do not fit; estimated with ${last.instances}`);
    const r = last.report;
    const splitLabel = r.sram ? 'sram-pipeline' : r.workload.split;
    return { ok: true, estimate: toSpeedEstimate(r, r.workload.runtime, splitLabel, r.workload.instances, extra), acceleratorIds: ids };
  };
}

const SPLIT_OF_WORKLOAD = { single: 'layer', layer: 'layer', tensor: 'tensor', replica: 'replicas' } as const;

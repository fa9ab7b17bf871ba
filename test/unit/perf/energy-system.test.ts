// Electricity per million tokens is one figure: with a build, the estimate (CLI,
// editor) uses the whole system at the wall — the accelerators at this load,
// the rest of the build at typical draw, through the PSUs' efficiency — as
// Compare and the sheet do. It once used the GPUs alone, so the estimate and
// Compare disagreed on the same build.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { EXAMPLE_FILES } from '#core/build/examples';
import { parseBuildValue } from '#core/build/file';
import type { Build } from '#core/build/build';
import { runEstimate } from '#core/perf/request';
import { compareRow } from '#core/compare/rows';
import { perfEstimator } from '#core/compare/estimate';
import { rowMetrics } from '#core/compare/chart';

function example(id: string): Build {
  const r = parseBuildValue(structuredClone(EXAMPLE_FILES[id]));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.build;
}

const PRICE_PER_KWH = 0.3;

describe.each(['sys-4028gr-x10drg', 'k80-x4'])('energy of %s', (id) => {
  const build = example(id);
  const w = build.workloads[0]!;
  const r = runEstimate({ pricePerKwh: PRICE_PER_KWH }, builtinParts, build);
  if (!r.ok) throw new Error(r.message);
  const est = r.report;

  it('uses the whole system at the wall, more than the accelerators alone, and says so', () => {
    expect(est.energy.scope).toBe('system-wall');
    expect(est.energy.powerW).toBeGreaterThan(est.powerW);
    expect(est.assumptions.some((a) => a.startsWith('energy: the whole system at the wall'))).toBe(true);
    expect(est.energy.tokensPerKwh).toBeCloseTo((est.aggregateTps * 3600) / (est.energy.powerW / 1000), 6);
  });

  it('gives the same electricity per million tokens and draw at load as Compare', () => {
    const row = compareRow(
      { buildId: 1, build },
      { modelId: w.modelId, quant: w.quant, contextTokens: est.workload.contextTokens, batch: est.workload.batch },
      { catalog: builtinParts, itemOf: () => null, currency: 'USD', site: null, estimator: perfEstimator(builtinParts) },
    );
    expect(row.estimate?.aggregateTps).toBeCloseTo(est.aggregateTps, 9);
    expect(row.power.atLoadWallW).toBeCloseTo(est.energy.powerW, 6);
    const m = rowMetrics(row, 'total', 'aggregate', PRICE_PER_KWH * 100);
    expect(m.electricityPerMTokensMinor! / 100).toBeCloseTo(est.energy.electricityPerMTokens!, 9);
  });
});

describe('energy without a build', () => {
  it('is the accelerators alone, and says so', () => {
    const r = runEstimate({ gpu: 'gpu.nvidia.tesla-p40', count: 2, model: 'llama-3.1-8b', quant: 'Q4_K_M', pricePerKwh: PRICE_PER_KWH }, builtinParts);
    if (!r.ok) throw new Error(r.message);
    expect(r.report.energy.scope).toBe('accelerators');
    expect(r.report.energy.powerW).toBe(r.report.powerW);
  });

  it('a GPU of unknown TDP makes the electricity cost unknown, not the others’ sum', () => {
    const r = runEstimate({ gpu: 'gpu.nvidia.rtx-4080', count: 1, model: 'llama-3.1-8b', quant: 'Q4_K_M', pricePerKwh: PRICE_PER_KWH }, builtinParts);
    if (!r.ok) throw new Error(r.message);
    expect(r.report.powerUnknown).toContain('RTX 4080');
    expect(r.report.energy.electricityPerMTokens).toBeNull();
  });
});

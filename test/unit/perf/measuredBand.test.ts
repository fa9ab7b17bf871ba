// The band narrowed around this build's own measurements.
import { describe, expect, it } from 'vitest';
import { measuredBand, MIN_MEASURED_SPREAD_PCT } from '#core/perf/measuredBand';
import { measuresWorkload } from '#core/asbuilt/measurementRecord';

const model = { tps: 100, low: 80, high: 125 };

describe('measured band', () => {
  it('no runs: nothing to calibrate with', () => {
    expect(measuredBand(model, [], 'decode')).toBeNull();
  });
  it('one run with a tight ± keeps the floor for run-to-run variation', () => {
    const b = measuredBand(model, [{ tps: 118.881588, stddev: 1.041811 }], 'decode')!;
    expect(b.tps).toBe(118.881588);
    expect(b.pct).toBe(MIN_MEASURED_SPREAD_PCT);
    expect(b.low).toBeCloseTo(118.881588 * 0.97, 6);
    expect(b.high).toBeCloseTo(118.881588 * 1.03, 6);
    expect(b.modelErrorPct).toBeCloseTo(((100 - 118.881588) / 118.881588) * 100, 6);
    expect(b.modelBandHeld).toBe(true);
    expect(b.basis).toMatch(/^calibrated on 1 measurement of decode on this build/);
  });
  it('a noisy run widens it to twice its standard deviation; several runs to half their range', () => {
    expect(measuredBand(model, [{ tps: 50, stddev: 5 }], 'decode')!.pct).toBeCloseTo(20, 6);
    const b = measuredBand(
      model,
      [
        { tps: 90, stddev: null },
        { tps: 110, stddev: null },
        { tps: 100, stddev: null },
      ],
      'decode',
    )!;
    expect(b.tps).toBe(100);
    expect(b.pct).toBeCloseTo(10, 6);
    expect(b.runs).toBe(3);
  });
  it('a measurement outside the model band is said so', () => {
    expect(measuredBand(model, [{ tps: 200, stddev: null }], 'decode')!.modelBandHeld).toBe(false);
  });
  it('a measurement finds its workload by model, format, runtime and split', () => {
    const m = { workload: { modelId: 'llama-3-8b', quant: 'q4_k_m', runtime: 'llama.cpp', split: 'single' as const } };
    expect(measuresWorkload(m, { modelId: 'llama-3-8b', quant: 'Q4_K_M', runtime: 'llama.cpp', split: 'single' })).toBe(true);
    expect(measuresWorkload(m, { modelId: 'llama-3-8b', quant: 'Q8_0', runtime: 'llama.cpp', split: 'single' })).toBe(false);
    expect(measuresWorkload(m, { modelId: 'llama-3-8b', quant: 'Q4_K_M', runtime: 'llama.cpp', split: 'layer' })).toBe(false);
  });
});

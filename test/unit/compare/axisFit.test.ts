// The linear axis fitted to the builds in view: what Compare's chart and cost
// bars leave in range, and which builds they draw at the edge with their value.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitLinearAxis, OUTLIER_RATIO } from '#core/compare/chart';

describe('fitLinearAxis', () => {
  it('sets aside the Groq rack ($256k) and the octal A100 beside $1.6k–$5k boxes', () => {
    // Costs in cents: X10DRG box, open frame, tower, octal A100, Groq.
    const fit = fitLinearAxis([160_000, 320_000, 131_000, 5_600_000, 25_600_000]);
    expect(fit.outliers).toEqual([3, 4]);
    expect(fit.max).toBe(320_000);
  });

  it('sets aside a cluster of dear builds together, though they are within the ratio of each other', () => {
    // Groq $256k and an octal A100 at $120k: 2.1× apart, both 30× above the $2k–$4k servers.
    const fit = fitLinearAxis([380_000, 25_600_000, 12_000_000, 300_000, 171_000]);
    expect(fit).toEqual({ max: 380_000, outliers: [1, 2] });
  });

  it('keeps everything when no value is more than the ratio above the next', () => {
    expect(fitLinearAxis([100, 250, 600, 1500])).toEqual({ max: 1500, outliers: [] });
  });

  it('keeps at least half of the points (and one) in range', () => {
    expect(fitLinearAxis([1, 1000])).toEqual({ max: 1, outliers: [1] });
    expect(fitLinearAxis([1, 10, 100, 1000])).toEqual({ max: 10, outliers: [2, 3] });
    expect(fitLinearAxis([42])).toEqual({ max: 42, outliers: [] });
    expect(fitLinearAxis([])).toEqual({ max: 0, outliers: [] });
  });

  it('judges a point with a band by its largest number', () => {
    // Speeds with their band: the third point's band top is far above the rest.
    const fit = fitLinearAxis([
      [5, 4, 6],
      [8, 6, 10],
      [90, 70, 120],
    ]);
    expect(fit).toEqual({ max: 10, outliers: [2] });
  });

  it('never loses a point: every value is in range or listed as an outlier, and outliers are above the range', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
        const fit = fitLinearAxis(values);
        const out = new Set(fit.outliers);
        values.forEach((v, i) => {
          if (out.has(i)) expect(v).toBeGreaterThan(fit.max * OUTLIER_RATIO - 1e-6);
          else expect(v).toBeLessThanOrEqual(fit.max);
        });
        expect(values.length - out.size).toBeGreaterThanOrEqual(Math.ceil(values.length / 2));
      }),
      { numRuns: 300 },
    );
  });
});

// The hand-written en-US number text must say exactly what Intl says: it is in
// every finding's message, and people compare those numbers with their own.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupedNumber } from '#core/check/grouped';
import { n } from '#core/check/finding';

const intl = (v: number, digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);

describe('groupedNumber', () => {
  it('writes numbers the way Intl en-US does for the values findings carry', () => {
    const cases: [number, number][] = [
      [0, 0],
      [-0, 0],
      [1234, 0],
      [1234567.891, 1],
      [999.5, 0],
      [-999.5, 0],
      [0.05, 1],
      [1.005, 2],
      [2.675, 2],
      [-0.4, 0],
      [9999.96, 1],
      [12.5, 0],
      [13.5, 0],
      [1e21, 0],
      [1.5e-7, 3],
      [Number.NaN, 0],
      [Infinity, 1],
      [-Infinity, 0],
      [0.1 + 0.2, 2],
      [3000, 2],
      [64.0000001, 1],
      [123456789012, 0],
    ];
    for (const [v, d] of cases) expect(groupedNumber(v, d), `${v} with ${d} digits`).toBe(intl(v, d));
  });

  it('agrees with Intl on any double and 0–4 digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: false }),
          fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 100),
          fc.float({ min: -1e6, max: 1e6 }).map(Number),
        ),
        fc.integer({ min: 0, max: 4 }),
        (v, d) => {
          expect(groupedNumber(v, d)).toBe(intl(v, d));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is what n() puts in messages', () => {
    expect(n(1536)).toBe('1,536');
    expect(n(2.25, 1)).toBe(intl(2.25, 1));
  });
});

// Nothing priced is unknown, never "$0.00 per token/s": the Compare table
// (rowMetrics) and the CLI estimate (buildCost) both say so.
import { describe, expect, it } from 'vitest';
import { rowMetrics } from '#core/compare/chart';
import type { CompareRow, SpeedEstimate } from '#core/compare/types';
import { buildCost } from '#core/perf/cost';

const estimate = { fits: true, reason: null, decodeTps: 10, decodeBand: null, aggregateTps: 40, aggregateBand: null } as unknown as SpeedEstimate;
const none = { knownMinor: 0, pricedLines: 0, unpricedLines: 0 };

function row(total: { knownMinor: number; pricedLines: number; unpricedLines: number }): CompareRow {
  return {
    buildId: 1,
    name: 'b1',
    estimate,
    problem: null,
    cost: {
      currency: 'USD',
      total,
      spent: none,
      toBuy: total,
      byCategory: [],
      basis: { paid: 0, observed: 0, typical: total.pricedLines, unknown: total.unpricedLines },
      staleLines: 0,
      unpriced: [],
    },
    power: { atLoadW: 1000, atLoadWallW: 1000, peakW: 2000, psuUsableW: 3000, circuitW: 2880 },
  } as CompareRow;
}

describe('cost per token/s', () => {
  it('Compare: nothing spent yet, nothing priced or a lower bound — never a $0 figure', () => {
    // "Already spent" on a build with nothing owned: no line in the figure.
    expect(rowMetrics(row({ knownMinor: 300_000, pricedLines: 3, unpricedLines: 0 }), 'spent', 'perStream', 15).costPerTps).toBeNull();
    expect(rowMetrics(row({ knownMinor: 0, pricedLines: 0, unpricedLines: 5 }), 'total', 'perStream', 15).costPerTps).toBeNull();
    expect(rowMetrics(row({ knownMinor: 1000, pricedLines: 1, unpricedLines: 5 }), 'total', 'perStream', 15).costPerTps).toEqual({ minor: 100, partial: true });
    expect(rowMetrics(row({ knownMinor: 300_000, pricedLines: 3, unpricedLines: 0 }), 'total', 'perStream', 15).costPerTps).toEqual({
      minor: 30_000,
      partial: false,
    });
  });

  it('CLI: a build without a single line, or with an unpriced one, has no cost per token/s', () => {
    expect(buildCost([], 'USD', 40).perTpsMinor).toBeNull();
    expect(buildCost([{ label: 'GPU', owned: false, amount: null }], 'USD', 40).perTpsMinor).toBeNull();
    expect(buildCost([{ label: 'GPU', owned: false, amount: { amountMinor: 40_000, currency: 'USD' } }], 'USD', 40).perTpsMinor).toBe(1000);
  });
});

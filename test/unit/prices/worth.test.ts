// "Is it worth it?" for one build row, as Compare and the build sheet show it:
// the total only when every line is priced, aggregate speed, electricity at the
// wall, the API price only in the comparison's currency; small rates never "$0.00".
import { describe, expect, it } from 'vitest';
import type { CompareRow, SpeedEstimate } from '#core/compare/types';
import { mTokensText, rateText, worthOfRow } from '#core/prices/worth';

const estimate: SpeedEstimate = {
  fits: true,
  reason: null,
  decodeTps: 10,
  decodeBand: { low: 8, high: 12 },
  aggregateTps: 100,
  aggregateBand: { low: 80, high: 120 },
  bandPct: 20,
  bandBasis: 'test',
  prefillTps: 100,
  ttftS: 1,
  bottleneck: 'memory-bandwidth',
  powerW: 500,
  assumptions: [],
  warnings: [],
} as unknown as SpeedEstimate;

function row(known: number, unpriced: number, wallW = 1000): CompareRow {
  const f = { knownMinor: known, pricedLines: 3, unpricedLines: unpriced };
  return {
    buildId: 1,
    name: 'b1',
    estimate,
    problem: null,
    cost: {
      currency: 'USD',
      total: f,
      spent: { knownMinor: 0, pricedLines: 0, unpricedLines: 0 },
      toBuy: f,
      byCategory: [],
      basis: { paid: 0, observed: 0, typical: 3, unknown: unpriced },
      staleLines: 0,
      unpriced: [],
    },
    power: { atLoadW: wallW, atLoadWallW: wallW, peakW: 2000, psuUsableW: 3000, circuitW: 2880 },
  } as CompareRow;
}

const settings = { lifeYears: 3, dutyPct: 50, apiPerMTokens: { amountMinor: 300, currency: 'USD' } };

describe('worthOfRow', () => {
  it('spreads a fully priced build over its life at aggregate speed and adds electricity at the wall', () => {
    // 1 kW for 1e6 / 100 s = 2.78 h → 2.78 kWh × 15 ¢ ≈ 41.7 ¢ per million tokens.
    const w = worthOfRow(row(300_000, 0), 15, 'USD', settings);
    expect(w.lifetimeMTokens).toBeCloseTo(4733.64, 1);
    expect(w.ownPerMMinor! - w.hardwarePerMMinor!).toBeCloseTo(41.67, 1);
    expect(w.breakEvenMTokens).toBeCloseTo(300_000 / (300 - 41.667), 0);
    expect(w.paysOffInLife).toBe(true);
  });

  it('a lower-bound total is not a hardware cost: unknown, with the reason', () => {
    const w = worthOfRow(row(300_000, 2), 15, 'USD', settings);
    expect(w).toMatchObject({ hardwarePerMMinor: null, ownPerMMinor: null, breakEvenMTokens: null, note: expect.stringContaining('unknown') });
  });

  it('an API price in another currency is not converted', () => {
    const w = worthOfRow(row(300_000, 0), 15, 'USD', { ...settings, apiPerMTokens: { amountMinor: 300, currency: 'EUR' } });
    expect(w.breakEvenMTokens).toBeNull();
    expect(w.note).toContain('EUR');
  });
});

describe('rate and volume text', () => {
  it('never prints a small rate as $0.00', () => {
    expect(rateText(0.42, 'USD')).toBe('$0.0042');
    expect(rateText(41.67, 'USD')).toBe('$0.42');
    expect(rateText(1234.5, 'USD')).toBe('$12.35');
    expect(rateText(60, 'USD')).toBe('$0.60');
    expect(rateText(0, 'USD')).toBe('$0.00');
  });
  it('writes millions of tokens as M, B or T', () => {
    expect(mTokensText(850)).toBe('850 M');
    expect(mTokensText(12_500)).toBe('12.5 B');
    expect(mTokensText(3_200_000)).toBe('3.2 T');
  });
});

// Orders (shipping and tax spread by price share), return windows and
// exchange rates: the pure rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadAmount, spreadOrder } from '#core/inventory/orders';
import { returnDeadline, returnState } from '#core/inventory/returns';
import { convertMinor, inBaseCurrency } from '#core/inventory/fx';
import { parseRate, validateItemDraft } from '#core/inventory/item';
import { normalizeDate, currencyOfAmount } from '#core/csv/convert';

describe('spreading an order', () => {
  it('by price share; leftover cents to the largest remainders, ties to the first id', () => {
    // 10.00 over lines of 100, 200, 100 → 2.50, 5.00, 2.50
    expect(
      Object.fromEntries(
        spreadAmount(1000, [
          { id: 'a', quantity: 1, priceMinor: 100 },
          { id: 'b', quantity: 2, priceMinor: 100 },
          { id: 'c', quantity: 1, priceMinor: 100 },
        ]),
      ),
    ).toEqual({ a: 250, b: 500, c: 250 });
    // 1.00 over three equal lines: 34, 33, 33 — the extra cent to the first id.
    expect(
      Object.fromEntries(
        spreadAmount(100, [
          { id: 'z', quantity: 1, priceMinor: 5 },
          { id: 'm', quantity: 1, priceMinor: 5 },
          { id: 'a', quantity: 1, priceMinor: 5 },
        ]),
      ),
    ).toEqual({ a: 34, m: 33, z: 33 });
    // No prices yet: by quantity.
    expect(
      Object.fromEntries(
        spreadAmount(900, [
          { id: 'a', quantity: 1, priceMinor: null },
          { id: 'b', quantity: 2, priceMinor: null },
        ]),
      ),
    ).toEqual({ a: 300, b: 600 });
    // Unpriced lines beside priced ones carry nothing.
    expect(
      Object.fromEntries(
        spreadAmount(900, [
          { id: 'a', quantity: 1, priceMinor: null },
          { id: 'b', quantity: 2, priceMinor: 10 },
        ]),
      ),
    ).toEqual({ a: 0, b: 900 });
    expect(
      spreadOrder({ shippingMinor: 1001, taxMinor: null }, [
        { id: 'x', quantity: 1, priceMinor: 1 },
        { id: 'y', quantity: 1, priceMinor: 1 },
      ]),
    ).toEqual(
      new Map([
        ['x', { shippingMinor: 501, taxMinor: null }],
        ['y', { shippingMinor: 500, taxMinor: null }],
      ]),
    );
  });

  it('shares add up exactly, are within a cent of the exact share, and do not depend on the order of the lines', () => {
    const line = fc.record({ quantity: fc.integer({ min: 1, max: 20 }), priceMinor: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.array(line, { minLength: 1, maxLength: 30 }), (amount, raw) => {
        const lines = raw.map((l, i) => ({ ...l, id: `i${String(i).padStart(3, '0')}` }));
        const shares = spreadAmount(amount, lines);
        const values = lines.map((l) => shares.get(l.id)!);
        expect(values.reduce((a, b) => a + b, 0)).toBe(amount);
        const priced = lines.some((l) => (l.priceMinor ?? 0) > 0);
        const weights = lines.map((l) => (priced ? (l.priceMinor ?? 0) * l.quantity : l.quantity));
        const total = weights.reduce((a, b) => a + b, 0);
        values.forEach((v, i) => expect(Math.abs(v - (amount * weights[i]!) / total)).toBeLessThan(1 + 1e-6));
        expect(spreadAmount(amount, [...lines].reverse())).toEqual(shares);
      }),
      { numRuns: 500 },
    );
  });
});

describe('return window', () => {
  it('explicit return-by wins; else received + period (30 days by default)', () => {
    expect(returnDeadline({ returnBy: '2024-07-01', receivedOn: '2024-05-01', returnDays: 14 })).toBe('2024-07-01');
    expect(returnDeadline({ returnBy: null, receivedOn: '2024-01-31', returnDays: null })).toBe('2024-03-01');
    expect(returnDeadline({ returnBy: null, receivedOn: '2024-05-01', returnDays: 14 })).toBe('2024-05-15');
    expect(returnDeadline({ returnBy: null, receivedOn: null, returnDays: 14 })).toBeNull();
  });

  it('flags 5 days or fewer left on returnable items; closed after the deadline; nothing once returned or sold', () => {
    const item = { status: 'received' as const, returnBy: null, receivedOn: '2024-05-01', returnDays: 30 };
    expect(returnState(item, '2024-05-25')).toEqual({ kind: 'open', daysLeft: 6, closing: false });
    expect(returnState(item, '2024-05-26')).toEqual({ kind: 'open', daysLeft: 5, closing: true });
    expect(returnState(item, '2024-05-31')).toEqual({ kind: 'open', daysLeft: 0, closing: true });
    expect(returnState(item, '2024-06-02')).toEqual({ kind: 'closed', daysAgo: 2 });
    expect(returnState({ ...item, status: 'returned' }, '2024-05-26')).toEqual({ kind: 'done' });
    expect(returnState({ ...item, status: 'ordered', receivedOn: null }, '2024-05-26')).toEqual({ kind: 'none' });
  });
});

describe('exchange rates and lifecycle fields', () => {
  it('converts minor units with the currencies own decimals, half away from zero', () => {
    expect(convertMinor(10000, 'EUR', 1.0843, 'USD')).toBe(10843);
    expect(convertMinor(15000, 'JPY', 0.0067, 'USD')).toBe(10050);
    expect(convertMinor(1, 'EUR', 0.5, 'USD')).toBe(1);
    // Exact halves, which floating point puts just below: 45 × 0.7 = 31.5, 850 × 1.17 = 994.5.
    expect(convertMinor(45, 'EUR', 0.7, 'USD')).toBe(32);
    expect(convertMinor(850, 'USD', 1.17, 'EUR')).toBe(995);
    expect(convertMinor(-45, 'EUR', 0.7, 'USD')).toBe(-32);
    expect(convertMinor(1000, 'USD', 0.1234, 'BHD')).toBe(1234);
    expect(inBaseCurrency(500, { currency: 'USD', fxRate: null, fxCurrency: null }, 'USD')).toBe(500);
    expect(inBaseCurrency(500, { currency: 'EUR', fxRate: null, fxCurrency: null }, 'USD')).toBeNull();
    expect(inBaseCurrency(500, { currency: 'EUR', fxRate: 2, fxCurrency: 'GBP' }, 'USD')).toBeNull();
  });

  it('rates, return periods and test results as typed', () => {
    expect(['1.0843', '1,0843', '.5', '2e-3', '0', '-1', 'abc', '1.2.3'].map(parseRate)).toEqual([1.0843, 1.0843, 0.5, 0.002, null, null, null, null]);
    const ok = validateItemDraft({
      partId: 'p',
      status: 'tested',
      currency: 'EUR',
      fxRate: '1,08',
      fxCurrency: 'usd',
      returnDays: '14',
      testResult: 'Failed',
      testNote: ' burn-in: artifacts after 10 min ',
      fees: '1,50',
    });
    expect(ok).toMatchObject({
      ok: true,
      value: { fxRate: 1.08, fxCurrency: 'USD', returnDays: 14, testResult: 'failed', testNote: 'burn-in: artifacts after 10 min', feesMinor: 150 },
    });
    const bad = validateItemDraft({ partId: 'p', fxRate: '1.1', returnDays: '-3', testResult: 'maybe' });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['testResult', 'returnDays', 'fxCurrency']);
  });

  it('dates and currencies as files write them', () => {
    expect(['2024-03-15', '2024-03-15T10:22:00Z', 'Mar-15-24', 'Mar-15-2024', '15 Mar 2024', 'Feb-30-24', '03/15/2024'].map((t) => normalizeDate(t))).toEqual([
      '2024-03-15',
      '2024-03-15',
      '2024-03-15',
      '2024-03-15',
      '2024-03-15',
      'Feb-30-24',
      '2024-03-15',
    ]);
    expect(['$12.00', 'US $12.00', 'C $5', 'AU $5', '£9.99', 'EUR 90,00', '90,00 €', '12.00', 'GBP 3'].map(currencyOfAmount)).toEqual([
      'USD',
      'USD',
      'CAD',
      'AUD',
      'GBP',
      'EUR',
      'EUR',
      null,
      'GBP',
    ]);
  });
});

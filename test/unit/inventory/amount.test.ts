import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTypedAmount } from '#core/inventory/amount';
import { formatAmountPlain } from '#core/money';

describe('parseTypedAmount', () => {
  const cases: [string, string, number | 'invalid' | 'ambiguous' | 'too-precise'][] = [
    ['1299', 'USD', 129900],
    ['1299.99', 'USD', 129999],
    ['1299.9', 'USD', 129990],
    ['.99', 'USD', 99],
    ['0.50', 'USD', 50],
    ['1,299.99', 'USD', 129999],
    ['1,234,567', 'USD', 123456700],
    ['$1,299.99', 'USD', 129999],
    ['US $ 1,299.99', 'USD', 129999],
    ['1299,99', 'EUR', 129999],
    ['1299,99 €', 'EUR', 129999],
    ['1.299,99', 'EUR', 129999],
    ['1.234.567', 'EUR', 123456700],
    ['1 299,99', 'EUR', 129999],
    ['1\u00a0299,99', 'EUR', 129999],
    ['-12.50', 'USD', -1250],
    ['1.299', 'USD', 'ambiguous'],
    ['1.299', 'JPY', 1299],
    ['1.299', 'BHD', 1299],
    ['0.001', 'USD', 'too-precise'],
    ['1.50', 'USD', 150],
    ['1.500', 'JPY', 1500],
    ['980.50', 'JPY', 'too-precise'],
    ['980.00', 'JPY', 980],
    ['12,99.1', 'USD', 'invalid'],
    ['1..2', 'USD', 'invalid'],
    ['1,2,3', 'USD', 'invalid'],
    ['abc', 'USD', 'invalid'],
    ['1e5', 'USD', 'invalid'],
    ['0x10', 'USD', 'invalid'],
    ['', 'USD', 'invalid'],
    ['99999999999999999999', 'USD', 'invalid'],
  ];
  it.each(cases)('%j in %s → %j', (text, currency, expected) => {
    const result = parseTypedAmount(text, currency);
    expect(result).toEqual(typeof expected === 'number' ? { ok: true, minor: expected } : { ok: false, reason: expected });
  });

  it('reads back every amount the app writes (formatAmountPlain), in currencies with 0, 2 and 3 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('USD', 'EUR', 'JPY', 'BHD', 'GBP'), (minor, currency) => {
        expect(parseTypedAmount(formatAmountPlain(minor, currency), currency)).toEqual({ ok: true, minor });
      }),
      { numRuns: 2000 },
    );
  });
});

// Which currency codes an observation may use: the ISO 4217 codes Intl knows
// (a made-up "XYZ" or a typo like "UDS" is refused, not stored).
const SUPPORTED: ReadonlySet<string> = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CNY', 'CHF', 'SEK', 'PLN'],
);

export function isKnownCurrency(code: string): boolean {
  return SUPPORTED.has(code);
}

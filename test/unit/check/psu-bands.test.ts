import { describe, expect, it } from 'vitest';
import { psuOutputW } from '#core/check/power';

const psu = (outputByInput: Array<{ minVolts: number; maxVolts: number; outputW: number }>) =>
  ({ ratedOutputHighLineW: 2000, ratedOutputLowLineW: 1000, outputByInput }) as unknown as Parameters<typeof psuOutputW>[0];

describe('PSU output by input voltage', () => {
  it('takes the narrowest band that holds the voltage, whatever the order in the data', () => {
    const wideFirst = psu([
      { minVolts: 200, maxVolts: 240, outputW: 1800 },
      { minVolts: 220, maxVolts: 240, outputW: 2000 },
      { minVolts: 100, maxVolts: 127, outputW: 1000 },
    ]);
    const narrowFirst = psu([
      { minVolts: 220, maxVolts: 240, outputW: 2000 },
      { minVolts: 200, maxVolts: 240, outputW: 1800 },
      { minVolts: 100, maxVolts: 127, outputW: 1000 },
    ]);
    for (const p of [wideFirst, narrowFirst]) {
      expect(psuOutputW(p, 208)).toBe(1800);
      expect(psuOutputW(p, 230)).toBe(2000);
      expect(psuOutputW(p, 120)).toBe(1000);
    }
  });

  it('falls back to the low-line and high-line ratings outside every band', () => {
    const p = psu([]);
    expect(psuOutputW(p, 120)).toBe(1000);
    expect(psuOutputW(p, 230)).toBe(2000);
  });
});

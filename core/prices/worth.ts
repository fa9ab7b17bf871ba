// "Is it worth it?": what a million output tokens cost on your own hardware —
// its cost spread over a chosen life at a chosen duty cycle, plus electricity
// at your tariff — against a hosted API's price per million tokens, and the
// volume at which buying pays off. Unknown inputs give unknown, never 0.
import { rowMetrics, speedOf } from '../compare/chart';
import { figureState } from '../compare/cost';
import type { CompareRow } from '../compare/types';
import { minorDigits } from '../money';

export interface WorthInput {
  /** Hardware cost, minor units; null = unknown (some part has no price). */
  hardwareMinor: number | null;
  /** Aggregate output tokens/s while serving. */
  tps: number | null;
  /** Electricity per million tokens at the wall, minor units; null = unknown. */
  electricityPerMMinor: number | null;
  /** Years the hardware serves. */
  lifeYears: number;
  /** Share of the time it serves (0 < duty ≤ 1). */
  duty: number;
  /** A hosted API's price per million output tokens, minor units; null = not entered. */
  apiPerMMinor: number | null;
}

export interface Worth {
  /** Million tokens made over the life at the duty cycle. */
  lifetimeMTokens: number | null;
  /** Hardware per million tokens over that life. */
  hardwarePerMMinor: number | null;
  /** Hardware + electricity per million tokens. */
  ownPerMMinor: number | null;
  /** Million tokens after which buying beats the API (hardware ÷ (API − electricity)); null when unknown or never. */
  breakEvenMTokens: number | null;
  /** The break-even volume fits in the hardware's life at this duty cycle. */
  paysOffInLife: boolean | null;
  /** Why a figure is unknown or there is no break-even. */
  note: string | null;
}

const SECONDS_PER_YEAR = 365.25 * 24 * 3600;

export function worthIt(i: WorthInput): Worth {
  const lifetimeMTokens =
    i.tps !== null && i.tps > 0 && i.lifeYears > 0 && i.duty > 0 ? (i.tps * i.lifeYears * SECONDS_PER_YEAR * Math.min(1, i.duty)) / 1e6 : null;
  const hardwarePerMMinor = i.hardwareMinor !== null && lifetimeMTokens ? i.hardwareMinor / lifetimeMTokens : null;
  const ownPerMMinor = hardwarePerMMinor !== null && i.electricityPerMMinor !== null ? hardwarePerMMinor + i.electricityPerMMinor : null;
  let breakEvenMTokens: number | null = null;
  let note: string | null = null;
  if (i.hardwareMinor === null) note = 'hardware cost unknown (parts without a price)';
  else if (i.tps === null || !(i.tps > 0)) note = 'no speed estimate for this workload';
  else if (i.electricityPerMMinor === null) note = 'electricity unknown (set the price per kWh in Settings)';
  else if (i.apiPerMMinor === null) note = 'enter a hosted API price per million tokens';
  else if (i.apiPerMMinor <= i.electricityPerMMinor) note = 'never: electricity alone costs more than the API';
  else breakEvenMTokens = i.hardwareMinor / (i.apiPerMMinor - i.electricityPerMMinor);
  return {
    lifetimeMTokens,
    hardwarePerMMinor,
    ownPerMMinor,
    breakEvenMTokens,
    paysOffInLife: breakEvenMTokens !== null && lifetimeMTokens !== null ? breakEvenMTokens <= lifetimeMTokens : null,
    note,
  };
}

/** The person's "Is it worth it?" inputs, as kept in the settings (core/settings/settings.ts). */
export interface WorthSettings {
  lifeYears: number;
  dutyPct: number;
  apiPerMTokens: { amountMinor: number; currency: string } | null;
}

/**
 * One build's worth on the comparison's workload, the same for Compare and the
 * build sheet: the total only when every line is priced, aggregate tokens/s,
 * electricity at the wall at the user's tariff. An API price in another
 * currency than the comparison's is not converted (no rate is guessed).
 */
export function worthOfRow(row: CompareRow, pricePerKwhMinor: number | null, currency: string, s: WorthSettings): Worth {
  const known = figureState(row.cost.total) === 'known';
  const metrics = rowMetrics(row, 'total', 'aggregate', pricePerKwhMinor);
  const apiPerMMinor = s.apiPerMTokens && s.apiPerMTokens.currency === currency ? s.apiPerMTokens.amountMinor : null;
  const w = worthIt({
    hardwareMinor: known ? row.cost.total.knownMinor : null,
    tps: speedOf(row, 'aggregate')?.tps ?? null,
    electricityPerMMinor: metrics.electricityPerMTokensMinor,
    lifeYears: Math.max(0, s.lifeYears),
    duty: Math.min(100, Math.max(0, s.dutyPct)) / 100,
    apiPerMMinor,
  });
  if (w.breakEvenMTokens === null && s.apiPerMTokens && apiPerMMinor === null && w.note?.startsWith('enter')) {
    return { ...w, note: `the API price is in ${s.apiPerMTokens.currency}, totals in ${currency}: enter it again in ${currency}` };
  }
  return w;
}

/** A volume of tokens given in millions: "850 M", "12.5 B", "3.2 T". */
export function mTokensText(millions: number): string {
  if (millions >= 1e6) return `${(millions / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} T`;
  if (millions >= 1000) return `${(millions / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} B`;
  return `${millions.toLocaleString('en-US', { maximumFractionDigits: 0 })} M`;
}

/**
 * A rate per million tokens in minor units, fractions kept: "$1.24", "$0.60",
 * and below one minor unit two significant digits ("$0.0042"), so a small
 * figure never prints as "$0.00".
 */
export function rateText(minor: number, currency: string): string {
  const major = minor / 10 ** minorDigits(currency);
  const small = minor !== 0 && Math.abs(minor) < 1;
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...(small ? { maximumSignificantDigits: 2 } : { minimumFractionDigits: minorDigits(currency), maximumFractionDigits: minorDigits(currency) }),
    }).format(major);
  } catch {
    return `${major} ${currency}`;
  }
}

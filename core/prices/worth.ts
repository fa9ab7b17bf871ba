// "Is it worth it?": what a million output tokens cost on your own hardware —
// its cost spread over a chosen life at a chosen duty cycle, plus electricity
// at your tariff — against a hosted API's price per million tokens, and the
// volume at which buying pays off. Unknown inputs give unknown, never 0.
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
  const lifetimeMTokens = i.tps !== null && i.tps > 0 && i.lifeYears > 0 && i.duty > 0 ? (i.tps * i.lifeYears * SECONDS_PER_YEAR * Math.min(1, i.duty)) / 1e6 : null;
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

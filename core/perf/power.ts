// Power at load, as a fraction of TDP. Single-stream decode is memory bound and
// draws well below TDP (a P40 at ~70 W of 250 W while generating, per a single
// user report in turboderp/exllama#75; the reference suggests 0.3–0.6). No
// measured fractions exist for other cards, so these are shown assumptions and
// the user can override them.
export const DECODE_POWER_FRACTION = 0.45;
/** Prefill and large-batch serving keep the tensor cores busy: close to TDP. */
export const COMPUTE_POWER_FRACTION = 0.85;
/** An idle GPU still draws something (MI325X idled at ~125 W of 1000 W in an STH review): fraction of TDP. */
export const IDLE_POWER_FRACTION = 0.1;

export interface EnergyFigures {
  /** The draw the figures below use: the accelerators alone, or (with a build) the whole system at the wall, as Compare uses it. */
  powerW: number;
  scope: 'accelerators' | 'system-wall';
  tokensPerKwh: number;
  /** Electricity cost per million generated tokens, in the price's currency (null without a price). */
  electricityPerMTokens: number | null;
  tokensPerSecondPerWatt: number;
}

export function energy(powerW: number, tps: number, pricePerKwh: number | null, scope: EnergyFigures['scope'] = 'accelerators'): EnergyFigures {
  const kw = powerW / 1000;
  const tokensPerKwh = kw > 0 ? (tps * 3600) / kw : 0;
  return {
    powerW,
    scope,
    tokensPerKwh,
    electricityPerMTokens: pricePerKwh !== null && tokensPerKwh > 0 ? (1e6 / tokensPerKwh) * pricePerKwh : null,
    tokensPerSecondPerWatt: powerW > 0 ? tps / powerW : 0,
  };
}

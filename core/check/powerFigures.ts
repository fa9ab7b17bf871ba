// The power figures a person compares between views (Findings, Estimates,
// Compare, the build sheet): each defined once, with the label every view
// prints next to it and one way of writing the number, so the same quantity
// never reads as 186.2 kW in one place and 182,467 W in another.
import { DRAW_FRACTIONS } from './power';

export type PowerKind = 'peak' | 'wallPeak' | 'typical' | 'idle' | 'atLoad' | 'atLoadWall';

export interface PowerKindText {
  /** The label next to the number. */
  label: string;
  /** What it means (tooltips, the sheet's legend). */
  means: string;
}

export const POWER_KINDS: Record<PowerKind, PowerKindText> = {
  peak: {
    label: 'Peak draw (DC)',
    means: 'every part at its rated maximum (GPUs and CPUs at TDP) at the PSUs’ output; what PSUs and circuits are checked against',
  },
  wallPeak: { label: 'Peak at the wall', means: 'the peak draw through the PSUs’ efficiency' },
  typical: {
    label: 'Typical draw (DC)',
    means: `GPUs at ${DRAW_FRACTIONS.gpu.typical * 100} % and CPUs at ${DRAW_FRACTIONS.cpu.typical * 100} % of TDP, the rest as rated (an assumption, not measured)`,
  },
  idle: { label: 'Idle draw (DC)', means: `GPUs at ${DRAW_FRACTIONS.gpu.idle * 100} % and CPUs at ${DRAW_FRACTIONS.cpu.idle * 100} % of TDP` },
  atLoad: { label: 'At load (DC)', means: 'the accelerators at the estimate’s draw for this workload, everything else at its typical draw' },
  atLoadWall: { label: 'At load (wall)', means: 'the draw at load through the PSUs’ efficiency' },
};

/** One way to write watts everywhere: "850 W", "2,910 W", "186.2 kW" (10 kW and up); unknown stays a word. */
export function powerText(w: number | null): string {
  if (w === null || !Number.isFinite(w)) return 'unknown';
  return w >= 10_000 ? `${(w / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kW` : `${Math.round(w).toLocaleString('en-US')} W`;
}

/** A sum that leaves out parts of unknown TDP (power.ts) reads as the lower bound it is: "≥ 1,398 W". */
export function sumPowerText(w: number | null, unknownTdp: readonly string[]): string {
  return unknownTdp.length && w !== null ? `≥ ${powerText(w)}` : powerText(w);
}

/** "Peak draw (DC) 186.2 kW" — the build's one peak figure, as every view labels it. */
export function peakPowerText(power: { peakW: number; unknownTdp?: readonly string[] }): string {
  return `${POWER_KINDS.peak.label} ${sumPowerText(power.peakW, power.unknownTdp ?? [])}`;
}

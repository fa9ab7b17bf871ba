// The one-line verdict of a build ("one hive of eight GPUs", "64 hives of
// eight GroqCards"), the name of the devices in a hive, hive colours
// (one colour per hive, the same in the board, the matrix and the rack), and
// small display helpers shared by the editor's panels.
import { powerText } from '#core/check/powerFigures';
import type { CheckResult } from '#core/check/checkBuild';
import type { Hive } from '#core/check/hives';
import type { CatalogPart } from '#core/catalog/part';

/** Eight colours that stay apart in light and dark themes and for common colour blindness. */
export const HIVE_COLORS = ['#2f7fd1', '#d9822b', '#2a9d6a', '#b5488f', '#8a6fd1', '#c7a12b', '#3aa6b9', '#c4503c'] as const;

export function hiveColor(index: number): string {
  return HIVE_COLORS[index % HIVE_COLORS.length]!;
}

/** Hive letter as people name them in the panels: A, B, … */
export function hiveName(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `H${index + 1}`;
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function numberWord(n: number): string {
  return WORDS[n] ?? n.toLocaleString('en-US');
}

/** Per chassis: device id → indices of every hive it sits in, in hive order. */
export function hiveIndex(hives: readonly Hive[]): Map<string, Map<string, number[]>> {
  const out = new Map<string, Map<string, number[]>>();
  const count = new Map<string, number>();
  for (const h of realHives(hives)) {
    let m = out.get(h.chassisId);
    if (!m) out.set(h.chassisId, (m = new Map()));
    const index = count.get(h.chassisId) ?? 0;
    count.set(h.chassisId, index + 1);
    // A GPU can sit in two hives (direct DMA is not transitive): it wears both colours.
    for (const id of h.deviceIds) {
      const list = m.get(id);
      if (list) list.push(index);
      else m.set(id, [index]);
    }
  }
  return out;
}

/** Hives with members (a chassis without GPUs has none). */
export function realHives<H extends { deviceIds: readonly string[] }>(hives: readonly H[]): H[] {
  return hives.filter((h) => h.deviceIds.length > 0);
}

/** What devices are called in the verdict and the hive lists: "GPU", "GroqCard", or "accelerator" when mixed. */
export interface DeviceNoun {
  one: string;
  many: string;
}

export const GPU_NOUN: DeviceNoun = { one: 'GPU', many: 'GPUs' };
export const GROQ_NOUN: DeviceNoun = { one: 'GroqCard', many: 'GroqCards' };
export const ACCELERATOR_NOUN: DeviceNoun = { one: 'accelerator', many: 'accelerators' };

/** A card by what it is: a GroqCard is not a GPU; a part of another (or no) accelerator family is an accelerator. */
export function nounOfPart(part: CatalogPart | undefined): DeviceNoun {
  if (part?.category !== 'gpu') return ACCELERATOR_NOUN;
  if (part.specs.family === 'groq') return GROQ_NOUN;
  if (part.specs.family === 'other') return ACCELERATOR_NOUN;
  return GPU_NOUN;
}

/** The same from a model name alone (the build sheet carries names, not catalog parts). */
export function nounOfModel(model: string): DeviceNoun {
  return /\bgroq/i.test(model) ? GROQ_NOUN : GPU_NOUN;
}

/** One noun for a group: theirs when all agree, "accelerators" when they differ. */
export function commonNoun(nouns: Iterable<DeviceNoun>): DeviceNoun {
  let out: DeviceNoun | null = null;
  for (const n of nouns) {
    if (out === null) out = n;
    else if (out.one !== n.one) return ACCELERATOR_NOUN;
  }
  return out ?? GPU_NOUN;
}

/** "1 GPU", "8 GroqCards". */
export function countOf(n: number, noun: DeviceNoun): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun.one : noun.many}`;
}

/**
 * "one hive of eight GPUs", "two hives of four GPUs", "64 hives of eight
 * GroqCards across 64 chassis"; `nounOf` names a hive's members (GPUs when not given).
 */
export function hiveVerdict(hives: readonly Hive[], chassisCount: number, nounOf: (h: Hive) => DeviceNoun = () => GPU_NOUN): string {
  const real = realHives(hives);
  if (real.length === 0) return 'no GPUs or accelerators placed yet';
  const groups = new Map<string, { size: number; noun: DeviceNoun; count: number }>();
  for (const h of real) {
    const noun = nounOf(h);
    const key = `${h.devices.length}|${noun.one}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { size: h.devices.length, noun, count: 1 });
  }
  const parts = [...groups.values()]
    .sort((a, b) => b.size - a.size || b.count - a.count)
    .map(({ size, noun, count }) => {
      if (size === 1) return `${numberWord(count)} ${count === 1 ? noun.one : noun.many} on ${count === 1 ? 'its' : 'their'} own (no P2P)`;
      return `${numberWord(count)} hive${count === 1 ? '' : 's'} of ${numberWord(size)} ${noun.many}`;
    });
  const where = chassisCount > 1 ? ` across ${chassisCount.toLocaleString('en-US')} chassis` : '';
  return parts.join(', ') + where;
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export function findingCounts(result: CheckResult | null): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of result?.findings ?? []) c[f.severity]++;
  return c;
}

/** Watts as every view writes them (core/check/powerFigures.ts). */
export const watts = (w: number): string => powerText(w);

/** What a path class means, for the matrix legend and tooltips. */
export const PATH_LEGEND: Record<string, string> = {
  X: 'self',
  C2C: 'chip-to-chip link (Groq)',
  PIX: 'at most one PCIe switch',
  PXB: 'several PCIe switches, no host bridge',
  PHB: 'through a root complex (host bridge)',
  NODE: 'same socket, different root complexes',
  SYS: 'across the inter-socket link (QPI/UPI/IF)',
  NV: 'NVLink (number of bonded links)',
};

export function pathMeaning(cls: string): string {
  if (cls.startsWith('NV')) return `NVLink${cls === 'NV#' ? '' : ` × ${cls.slice(2)}`}`;
  return PATH_LEGEND[cls] ?? cls;
}

// The verdict line of an SRAM machine (GroqCards): its question is not which
// cards can DMA each other (they all talk over one chip-to-chip fabric) but
// whether the model fits in the chips placed and what that costs in power —
// "Llama 2 70B INT8 at 4K context needs ≥ 478 chips; 512 placed in 8 racks;
// peak draw (DC) 186.2 kW". The numbers are sizeSram's and the checker's, so
// the line says what the Estimates tab and the sheet say.
import type { Build } from '../build/build';
import type { CatalogIndex } from '../check/catalog';
import { POWER_KINDS, powerText } from '../check/powerFigures';
import { builtinModels } from '../models/library';
import { QUANT_FORMATS } from '../models/quant';
import { sizeSram, type SramSizing } from './sram';
import { plural } from '../words';

/** Default context when a workload names none (the same 4K the estimate assumes). */
const DEFAULT_CONTEXT = 4096;

export interface SramFit {
  /** Chips placed (one per SRAM card), and in how many racks. */
  chips: number;
  racks: number;
  /** The first workload's sizing; null without a workload or when its model or quantisation is not known. */
  sizing: SramSizing | null;
  modelName: string | null;
  quant: string | null;
  contextTokens: number | null;
}

/** SRAM accelerators only (every placed accelerator keeps its model in on-chip SRAM); null otherwise. */
export function sramFit(build: Build, catalog: CatalogIndex): SramFit | null {
  let chips = 0;
  let other = 0;
  let sramMB: number | null = null;
  const racks = new Set<string>();
  for (const r of build.racks)
    for (const c of r.chassis)
      for (const d of c.devices) {
        const part = catalog.get(d.partId);
        if (part?.category !== 'gpu') continue;
        if (part.specs.sramMB !== null && part.specs.sramMB > 0) {
          chips++;
          sramMB ??= part.specs.sramMB;
          racks.add(r.id);
        } else other++;
      }
  if (chips === 0 || other > 0 || sramMB === null) return null;
  const w = build.workloads[0];
  const model = w ? builtinModels.find((m) => m.id === w.modelId) : undefined;
  const quant = w ? QUANT_FORMATS.find((q) => q.id === w.quant) : undefined;
  const contextTokens = w ? (w.contextTokens ?? DEFAULT_CONTEXT) : null;
  const sizing = model && quant && contextTokens ? sizeSram({ model, quant, contextTokens, sramMB }) : null;
  return { chips, racks: racks.size, sizing, modelName: model?.name ?? w?.modelId ?? null, quant: w?.quant ?? null, contextTokens };
}

/** "4K" for 4,096 tokens, "128K" for 131,072; other counts in full. */
export function contextText(tokens: number): string {
  return tokens % 1024 === 0 ? `${tokens / 1024}K` : `${tokens.toLocaleString('en-US')}-token`;
}

/** The verdict line for an SRAM machine; null when the build is not one. */
export function sramVerdict(build: Build, catalog: CatalogIndex, power: { peakW: number }): string | null {
  const fit = sramFit(build, catalog);
  if (!fit) return null;
  const placed = `${fit.chips.toLocaleString('en-US')} placed in ${plural(fit.racks, 'rack', 'racks')}`;
  const label = POWER_KINDS.peak.label;
  const peak = `${label.charAt(0).toLowerCase()}${label.slice(1)} ${powerText(power.peakW)}`;
  if (!fit.sizing || fit.contextTokens === null) {
    const why = fit.modelName ? `${fit.modelName} is not in the model library, so its fit is not known` : 'add a workload to see whether a model fits';
    return `${plural(fit.chips, 'chip', 'chips')} on one chip-to-chip fabric in ${plural(fit.racks, 'rack', 'racks')}; ${why}; ${peak}`;
  }
  const need = fit.sizing.chipsNeeded;
  const short = fit.chips < need ? ` — ${(need - fit.chips).toLocaleString('en-US')} short` : '';
  return `${fit.modelName} ${fit.quant} at ${contextText(fit.contextTokens)} context needs ≥ ${need.toLocaleString('en-US')} chips; ${placed}${short}; ${peak}`;
}

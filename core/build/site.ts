// Where a build runs: the mains voltage (PSU derating) and the branch circuit
// (the 80 % rule) it is checked at. One rule, used by the editor, the builds
// list, Compare, the sheet, the estimate and the CLI:
//
//   1. an explicit override for this one check (the CLI's --volts/--amps, a
//      "what if at 120 V" asked through builds:check) — it is asked for by name;
//   2. the build's own site: it says where that machine runs, so a plan for a
//      230 V colo stays a 230 V plan whatever this desk's settings are;
//   3. the app's settings (Settings → mains voltage, circuit);
//   4. the app's defaults (core/settings: 120 V, 15 A).
import type { Build } from './build';
import { DEFAULT_SETTINGS } from '../settings/settings';

export interface Site {
  mainsVolts: number;
  circuitAmps: number;
}

export type SiteSource = 'override' | 'build' | 'settings' | 'default';

export const DEFAULT_SITE: Site = { mainsVolts: DEFAULT_SETTINGS.mainsVolts, circuitAmps: DEFAULT_SETTINGS.circuitAmps };

/** The usual household branch circuit at a voltage: 15 A on 100–127 V lines, 16 A on 200–240 V. */
export function defaultCircuitAmps(mainsVolts: number): number {
  return mainsVolts <= 127 ? 15 : 16;
}

/** A voltage given without its circuit gets the usual circuit for that voltage. */
export interface SiteOverride {
  mainsVolts?: number;
  circuitAmps?: number;
}

export function siteOf(build: Pick<Build, 'site'>, app: Site | null, override?: SiteOverride | null): { site: Site; from: SiteSource } {
  if (override && (override.mainsVolts !== undefined || override.circuitAmps !== undefined)) {
    const base = build.site ?? app ?? DEFAULT_SITE;
    const mainsVolts = override.mainsVolts ?? base.mainsVolts;
    const circuitAmps = override.circuitAmps ?? (override.mainsVolts !== undefined ? defaultCircuitAmps(mainsVolts) : base.circuitAmps);
    return { site: { mainsVolts, circuitAmps }, from: 'override' };
  }
  if (build.site) return { site: { mainsVolts: build.site.mainsVolts, circuitAmps: build.site.circuitAmps }, from: 'build' };
  if (app) return { site: { mainsVolts: app.mainsVolts, circuitAmps: app.circuitAmps }, from: 'settings' };
  return { site: DEFAULT_SITE, from: 'default' };
}

/** How a person reads where the figures came from. */
export function siteSourceText(from: SiteSource): string {
  switch (from) {
    case 'override':
      return 'asked for this check';
    case 'build':
      return "the build's site";
    case 'settings':
      return 'app settings';
    case 'default':
      return 'defaults; set your mains in Settings';
  }
}

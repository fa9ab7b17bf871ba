// One comparison row per build: cost summary, the estimate for the workload,
// and power against PSUs and circuits. Pure: the caller brings the builds, the
// catalog, the inventory lookup and the estimator.
import type { Build } from '../build/build';
import type { BomMarket } from '../build/bom';
import type { CatalogPart } from '../catalog/part';
import { checkBuild, type CheckSettings } from '../check/checkBuild';
import { indexCatalog } from '../check/catalog';
import { siteOf } from '../build/site';
import { costLines, costSummary, type CostItem } from './cost';
import type { BuildEstimator } from './estimate';
import { powerCapacity } from './power';
import type { CompareRow, CompareWorkload } from './types';

export interface RowInput {
  buildId: number;
  build: Build;
}

export interface CompareContext {
  catalog: readonly CatalogPart[];
  itemOf: (id: string) => CostItem | null;
  currency: string;
  /** The app's site settings (mains volts, circuit amps): used for builds that do not name their own site. */
  site: CheckSettings | null;
  estimator: BuildEstimator;
  /** The user's price observations and today, for the price basis. */
  market?: BomMarket;
}

export function compareRow(input: RowInput, workload: CompareWorkload, ctx: CompareContext): CompareRow {
  const { build } = input;
  const idx = indexCatalog(ctx.catalog);
  const lines = costLines(build, idx, ctx.itemOf, ctx.market);
  const check = checkBuild(build, idx, siteOf(build, ctx.site).site);
  let outcome;
  try {
    outcome = ctx.estimator(build, workload);
  } catch (err) {
    outcome = { ok: false as const, problem: `the estimate failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const estimate = outcome.ok ? outcome.estimate : null;
  const accelerators = new Set(outcome.ok ? outcome.acceleratorIds : []);
  return {
    buildId: input.buildId,
    name: build.name,
    estimate,
    problem: outcome.ok ? null : outcome.problem,
    cost: costSummary(lines, ctx.currency),
    power: powerCapacity(check.power, accelerators, estimate?.powerW ?? null),
  };
}

export function compareRows(inputs: readonly RowInput[], workload: CompareWorkload, ctx: CompareContext): CompareRow[] {
  return inputs.map((i) => compareRow(i, workload, ctx));
}

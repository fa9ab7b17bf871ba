// One comparison row per build: cost summary, the estimate for the workload,
// and power against PSUs and circuits. Pure: the caller brings the builds, the
// catalog, the inventory lookup and the estimator.
import type { Build } from '../build/build';
import type { BomMarket } from '../build/bom';
import type { CatalogPart } from '../catalog/part';
import { checkBuild, type CheckResult, type CheckSettings } from '../check/checkBuild';
import { indexCatalog } from '../check/catalog';
import { siteOf } from '../build/site';
import { costLines, costSummary, type CostItem } from './cost';
import { estimateOutcome, type BuildEstimator, type EstimateOutcome } from './estimate';
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

/** What the caller already worked out for this build (the sheet checks and estimates its own build once). */
export interface RowKnown {
  /** checkBuild of the build at siteOf(build, ctx.site). */
  check: CheckResult;
  /** The estimate for this row's workload, when already made. */
  outcome?: EstimateOutcome;
}

export function compareRow(input: RowInput, workload: CompareWorkload, ctx: CompareContext, known?: RowKnown): CompareRow {
  const { build } = input;
  const idx = indexCatalog(ctx.catalog);
  const lines = costLines(build, idx, ctx.itemOf, ctx.market);
  const check = known?.check ?? checkBuild(build, idx, siteOf(build, ctx.site).site);
  const outcome = known?.outcome ?? estimateOutcome(ctx.estimator, build, workload, check);
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

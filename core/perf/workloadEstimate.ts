// The estimate of one of a build's workloads from what the caller already
// holds: the parsed build, its check result, the catalog, the inventory and the
// market. The editor runs it on every edit; `estimate:run` with a build and a
// workload index gives the same report (both go through estimateParsed and the
// wire schema).
import type { Build } from '#core/build/build';
import type { CatalogPart } from '#core/catalog/part';
import type { CheckResult } from '#core/check/checkBuild';
import type { BomItem, BomMarket } from '#core/build/bom';
import { EstimateRequest, estimateParsed } from './request';
import { reportOnWire, type EstimateResult } from './report';

export type WorkloadEstimate = { ok: true; report: EstimateResult } | { ok: false; field: string; message: string };

export interface WorkloadEstimateInput {
  build: Build;
  catalog: readonly CatalogPart[];
  /** checkBuild's result for this build (any site: the paths do not depend on it). */
  check: CheckResult;
  itemOf?: (inventoryItemId: string) => BomItem | null;
  market?: BomMarket;
  currency?: string;
}

export function estimateWorkload(input: WorkloadEstimateInput, index: number): WorkloadEstimate {
  const req = EstimateRequest.parse({ workload: index, currency: input.currency ?? 'USD' });
  const out = estimateParsed(req, input.catalog, {
    build: input.build,
    check: input.check,
    ...(input.itemOf ? { itemOf: input.itemOf } : {}),
    ...(input.market ? { market: input.market } : {}),
  });
  return out.ok ? { ok: true, report: reportOnWire(out.report) } : out;
}

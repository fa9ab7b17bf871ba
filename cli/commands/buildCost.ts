// What a build file costs, for `rackhive check`: the same lines and price
// basis as Compare, the sheet and `rackhive estimate --build` (core/compare
// costLines over core/build/bom.ts), against the built-in catalog and its
// used-price table (a file has no inventory or observations). Amounts stay in
// one currency; a total with unpriced lines is a lower bound and says so.
import type { Build } from '#core/build/build';
import { builtinParts } from '#core/catalog/builtin';
import { indexCatalog } from '#core/check/catalog';
import { costLines, costSummary } from '#core/compare/cost';
import type { BuildCostSummary } from '#core/compare/types';
import { formatMoney } from '#core/money';
import { basisCountsText } from '#core/prices/basis';
import { isoDay } from '#core/prices/observation';
import { plural } from '#core/words';

export function buildFileCost(build: Build, currency = 'USD', today = isoDay(new Date())): BuildCostSummary {
  return costSummary(
    costLines(build, indexCatalog(builtinParts), () => null, { today }),
    currency,
  );
}

/** "Cost: ≥ $3,800.00 (USD) — 18 typical · 3 unknown (lines)", then the parts without a price. */
export function formatBuildCost(c: BuildCostSummary): string[] {
  const t = c.total;
  const amount = formatMoney({ amountMinor: t.knownMinor, currency: c.currency });
  const head =
    t.pricedLines === 0
      ? `Cost: unknown (${plural(t.unpricedLines, 'part')} without a price)`
      : `Cost: ${t.unpricedLines > 0 ? '≥ ' : ''}${amount} (${c.currency})${t.unpricedLines > 0 ? `, ${plural(t.unpricedLines, 'line')} without a price` : ''}`;
  const out = [head, `  price basis: ${basisCountsText(c.basis)} (lines)${c.staleLines ? `; ${c.staleLines} over a year old` : ''}`];
  for (const u of c.unpriced) out.push(`  ${u.quantity} × ${u.label}: ${u.reason}`);
  return out;
}

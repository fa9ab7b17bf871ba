// Build cost split into what is owned (landed price paid) and what is
// still to buy (estimates), and the money per unit of speed — only when every
// line has a price: a lower bound per token/s would read as a bargain.
import { addMoney, money, type Money } from '#core/money';
import { countBasis, type BasisClass, type BasisCounts } from '#core/prices/basis';

export interface CostLine {
  label: string;
  owned: boolean;
  /** Owned: landed price paid (core/build/bom.ts). To buy: the estimate. Null = unknown. */
  amount: Money | null;
  /** The price basis (core/prices/basis.ts); absent = counted by whether it has an amount. */
  basisClass?: BasisClass;
  stale?: boolean;
}

export interface BuildCost {
  owned: Money;
  toBuy: Money;
  total: Money;
  /** Total per token/s of aggregate throughput, minor units; null when speed is 0 or any line is unpriced. */
  perTpsMinor: number | null;
  /** Lines left out because they are in another currency. */
  otherCurrencyLines: number;
  /** Lines without a price, or priced in another currency (0 when every line has a price). */
  unpricedLines: number;
  /** Lines per price basis. */
  basis: BasisCounts;
  /** Lines whose price is over a year old. */
  staleLines: number;
}

export function buildCost(lines: readonly CostLine[], currency: string, aggregateTps: number): BuildCost {
  let owned = money(0, currency);
  let toBuy = money(0, currency);
  let otherCurrency = 0;
  let unknown = 0;
  for (const l of lines) {
    if (!l.amount) {
      unknown += 1;
      continue;
    }
    // Amounts in another currency need a rate we do not have: counted, not converted.
    if (l.amount.currency !== currency) {
      otherCurrency += 1;
      continue;
    }
    if (l.owned) owned = addMoney(owned, l.amount);
    else toBuy = addMoney(toBuy, l.amount);
  }
  const total = addMoney(owned, toBuy);
  const unpricedLines = unknown + otherCurrency;
  const counted = countBasis(lines.map((l) => ({ basisClass: l.basisClass ?? (l.amount ? 'typical' : 'unknown'), stale: l.stale ?? false })));
  return {
    owned,
    toBuy,
    total,
    // No line at all is nothing priced, not a free build: unknown, never "$0.00 per token/s".
    perTpsMinor: aggregateTps > 0 && unpricedLines === 0 && lines.length > 0 ? Math.round(total.amountMinor / aggregateTps) : null,
    otherCurrencyLines: otherCurrency,
    unpricedLines,
    ...counted,
  };
}

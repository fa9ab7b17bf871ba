// Build cost split into what is owned (landed price paid) and what is
// still to buy (estimates), and the money per unit of speed.
import { addMoney, money, type Money } from '#core/money';

export interface CostLine {
  label: string;
  owned: boolean;
  /** Owned: landed price paid (core/build/bom.ts). To buy: the estimate. */
  amount: Money;
}

export interface BuildCost {
  owned: Money;
  toBuy: Money;
  total: Money;
  /** Total per token/s of aggregate throughput, minor units (null when speed is 0). */
  perTpsMinor: number | null;
  /** Lines left out because they are in another currency. */
  otherCurrencyLines: number;
}

export function buildCost(lines: readonly CostLine[], currency: string, aggregateTps: number): BuildCost {
  let owned = money(0, currency);
  let toBuy = money(0, currency);
  let otherCurrency = 0;
  for (const l of lines) {
    // Amounts in another currency need a rate we do not have: counted, not converted.
    if (l.amount.currency !== currency) {
      otherCurrency += 1;
      continue;
    }
    if (l.owned) owned = addMoney(owned, l.amount);
    else toBuy = addMoney(toBuy, l.amount);
  }
  const total = addMoney(owned, toBuy);
  return { owned, toBuy, total, perTpsMinor: aggregateTps > 0 ? Math.round(total.amountMinor / aggregateTps) : null, otherCurrencyLines: otherCurrency };
}

// The bill of materials by part: 512 GroqCards are one row (quantity, each,
// total, basis), not 512. Lines group when they are the same part, both owned
// or both to buy, at the same unit price on the same basis — so a row's "each"
// is true of every unit in it; the same part bought at two prices is two rows.
import type { Money } from '../money';
import type { BasisClass } from '../prices/basis';

export interface GroupableLine {
  partId: string;
  owned: boolean;
  quantity: number;
  unit: Money | null;
  amount: Money | null;
  basisClass: BasisClass;
}

export interface BomGroup<L extends GroupableLine> {
  key: string;
  partId: string;
  owned: boolean;
  quantity: number;
  unit: Money | null;
  /** Sum of the lines; null when any line's amount is unknown (never a partial sum shown as the total). */
  total: Money | null;
  basisClass: BasisClass;
  lines: L[];
}

export function groupBom<L extends GroupableLine>(lines: readonly L[]): BomGroup<L>[] {
  const groups = new Map<string, BomGroup<L>>();
  for (const l of lines) {
    const key = `${l.partId}|${l.owned ? 'owned' : 'toBuy'}|${l.basisClass}|${l.unit ? `${l.unit.currency}:${l.unit.amountMinor}` : 'unknown'}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          key,
          partId: l.partId,
          owned: l.owned,
          quantity: 0,
          unit: l.unit,
          total: l.amount ? { amountMinor: 0, currency: l.amount.currency } : null,
          basisClass: l.basisClass,
          lines: [],
        }),
      );
    g.lines.push(l);
    g.quantity += l.quantity;
    if (!l.amount || !g.total || l.amount.currency !== g.total.currency) g.total = null;
    else g.total = { amountMinor: g.total.amountMinor + l.amount.amountMinor, currency: g.total.currency };
  }
  return [...groups.values()];
}

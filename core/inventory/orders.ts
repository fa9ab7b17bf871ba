// Orders: several items bought together under one order number, whose shipping
// and tax were paid once. Those amounts are entered once, on the order, and
// spread across its items so every item carries its landed cost.
//
// The rule (largest remainder, deterministic):
//   1. Each item weighs its line price (price × quantity). When no item of the
//      order has a price yet, each weighs its quantity instead.
//   2. Each item gets floor(amount × weight / total weight) minor units.
//   3. The cents left over (fewer than the number of items) go one each to the
//      items with the largest fractional remainders; ties go to the item whose
//      id sorts first. So the shares always add up to the amount exactly, each
//      is within one cent of its exact proportional value, and the same order
//      always spreads the same way whatever order its items are read in.
import { z } from 'zod';
import { CurrencyCode } from '../money';

export const InventoryOrder = z.object({
  orderNumber: z.string().min(1).max(100),
  currency: CurrencyCode,
  /** For the whole order, minor units of `currency`; null = not entered. */
  shippingMinor: z.number().int().nonnegative().safe().nullable(),
  taxMinor: z.number().int().nonnegative().safe().nullable(),
});
export type InventoryOrder = z.infer<typeof InventoryOrder>;

export interface OrderLine {
  id: string;
  quantity: number;
  priceMinor: number | null;
}

/** Weights per line (see the rule above). */
function weights(lines: readonly OrderLine[]): bigint[] {
  const byPrice = lines.map((l) => BigInt(Math.max(0, l.priceMinor ?? 0)) * BigInt(l.quantity));
  if (byPrice.some((w) => w > 0n)) return byPrice;
  return lines.map((l) => BigInt(Math.max(1, l.quantity)));
}

/** Splits `amountMinor` across `lines`: shares by line id, adding up to the amount exactly. */
export function spreadAmount(amountMinor: number, lines: readonly OrderLine[]): Map<string, number> {
  const shares = new Map<string, number>();
  if (lines.length === 0) return shares;
  const w = weights(lines);
  const total = w.reduce((a, b) => a + b, 0n);
  const amount = BigInt(amountMinor);
  const parts = lines.map((line, i) => {
    const exact = amount * w[i]!;
    return { id: line.id, floor: exact / total, remainder: exact % total };
  });
  let left = amount - parts.reduce((a, p) => a + p.floor, 0n);
  const order = [...parts].sort((a, b) => (a.remainder === b.remainder ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.remainder > b.remainder ? -1 : 1));
  for (const p of order) {
    if (left <= 0n) break;
    p.floor += 1n;
    left -= 1n;
  }
  for (const p of parts) shares.set(p.id, Number(p.floor));
  return shares;
}

/** Shipping and tax shares per item of one order (null where the order has no such amount). */
export function spreadOrder(
  order: Pick<InventoryOrder, 'shippingMinor' | 'taxMinor'>,
  lines: readonly OrderLine[],
): Map<string, { shippingMinor: number | null; taxMinor: number | null }> {
  const shipping = order.shippingMinor === null ? null : spreadAmount(order.shippingMinor, lines);
  const tax = order.taxMinor === null ? null : spreadAmount(order.taxMinor, lines);
  const result = new Map<string, { shippingMinor: number | null; taxMinor: number | null }>();
  for (const line of lines) result.set(line.id, { shippingMinor: shipping?.get(line.id) ?? null, taxMinor: tax?.get(line.id) ?? null });
  return result;
}

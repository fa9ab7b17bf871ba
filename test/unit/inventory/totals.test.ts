import { describe, expect, it } from 'vitest';
import { inventoryTotals, landedCostMinor, type CostedItem } from '#core/inventory/totals';
import { ITEM_STATUSES, SPENT_STATUSES, PLANNED_STATUSES } from '#core/inventory/status';

const item = (over: Partial<CostedItem>): CostedItem => ({
  status: 'received',
  quantity: 1,
  currency: 'USD',
  priceMinor: null,
  shippingMinor: null,
  taxMinor: null,
  ...over,
});

describe('inventory totals', () => {
  it('landed cost is (price + shipping + tax) × quantity, null when nothing is known', () => {
    expect(landedCostMinor(item({ priceMinor: 69999, shippingMinor: 2500, taxMinor: 1050, quantity: 2 }))).toBe(147098);
    expect(landedCostMinor(item({ priceMinor: 10000, quantity: 3 }))).toBe(30000);
    expect(landedCostMinor(item({}))).toBeNull();
  });

  it('spent counts ordered/shipped/received/tested/faulty, not returned or sold; wishlist counts wishlist and watching', () => {
    expect([...SPENT_STATUSES].sort()).toEqual(['faulty', 'ordered', 'received', 'shipped', 'tested']);
    expect([...PLANNED_STATUSES]).toEqual(['wishlist', 'watching']);
    const items = ITEM_STATUSES.map((status) => item({ status, priceMinor: 100 }));
    expect(inventoryTotals(items)).toMatchObject({
      spent: [{ currency: 'USD', amountMinor: 500 }],
      wishlist: [{ currency: 'USD', amountMinor: 200 }],
      wishlistUnpricedCount: 0,
      spentUnpricedCount: 0,
    });
  });

  it('keeps currencies apart and sorted', () => {
    const totals = inventoryTotals([
      item({ currency: 'USD', priceMinor: 100 }),
      item({ currency: 'EUR', priceMinor: 5 }),
      item({ currency: 'USD', priceMinor: 1, taxMinor: 1 }),
    ]);
    expect(totals.spent).toEqual([
      { currency: 'EUR', amountMinor: 5 },
      { currency: 'USD', amountMinor: 102 },
    ]);
  });

  it('estimates an unpriced wishlist item from the typical price, else counts it as unpriced', () => {
    const typical = (i: CostedItem) => (i.quantity === 2 ? { amountMinor: 70000, currency: 'USD' } : null);
    const totals = inventoryTotals(
      [item({ status: 'wishlist', quantity: 2 }), item({ status: 'watching', quantity: 1 }), item({ status: 'received', shippingMinor: 500 })],
      typical,
    );
    expect(totals).toMatchObject({
      spent: [{ currency: 'USD', amountMinor: 500 }],
      wishlist: [{ currency: 'USD', amountMinor: 140000 }],
      wishlistUnpricedCount: 1,
      spentUnpricedCount: 1,
    });
  });
});

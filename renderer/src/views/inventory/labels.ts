// Words the inventory view shows for codes stored in the data.
import type { ItemStatus } from '#core/inventory/status';
import type { PartLabel } from '#core/inventory/item';
import { categoryName } from '#core/catalog/part';

/** The category's name (the same in every view). */
export const categoryLabel = categoryName;

/** Short form for the dense table column. */
export function categoryShort(category: string): string {
  return category === 'gpu' ? 'GPU' : category === 'chassis' ? 'Chassis' : categoryLabel(category);
}

export const STATUS_LABELS: Record<ItemStatus, string> = {
  wishlist: 'Wishlist',
  watching: 'Watching',
  ordered: 'Ordered',
  shipped: 'Shipped',
  received: 'Received',
  tested: 'Tested',
  faulty: 'Faulty',
  returned: 'Returned',
  sold: 'Sold',
};

export function partName(part: PartLabel): string {
  return `${part.vendor} ${part.model}`.trim();
}

export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'CNY', 'SEK', 'PLN'] as const;

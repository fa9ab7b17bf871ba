// An inventory item with nothing known yet: the base that test fixtures spread
// their own fields over, so a new item field is added in one place.
import type { ItemFields } from '../../core/inventory/item';

export const BLANK_ITEM_FIELDS: ItemFields = {
  partId: '',
  quantity: 1,
  status: 'wishlist',
  currency: 'USD',
  priceMinor: null,
  shippingMinor: null,
  taxMinor: null,
  seller: null,
  listingUrl: null,
  ebayItemNumber: null,
  orderNumber: null,
  orderedOn: null,
  receivedOn: null,
  returnBy: null,
  condition: null,
  serialNumber: null,
  notes: null,
  feesMinor: null,
  fxRate: null,
  fxCurrency: null,
  returnDays: null,
  testResult: null,
  testNote: null,
  title: null,
  externalId: null,
};

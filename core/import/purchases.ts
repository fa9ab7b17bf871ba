// Purchases read from what an eBay buyer really has (order emails, the saved
// Purchase history page, the Trading API's GetOrders) become rows of one
// table in the app's template names, so they go through the same checks,
// part matching, status, duplicate detection and preview as a CSV file.
import type { CsvTable } from '../csv/read';

export interface Purchase {
  /** Where in the source it was found (line of the file, or the order's position). */
  line: number;
  orderNumber: string;
  itemNumber: string;
  title: string;
  quantity: string;
  currency: string;
  /** Per unit, as written ("179.99"). */
  price: string;
  /** The whole order's shipping and tax (eBay gives them per order). */
  orderShipping: string;
  orderTax: string;
  seller: string;
  orderedOn: string;
  paidOn: string;
  shippedOn: string;
  deliveredOn: string;
  orderStatus: string;
}

export const PURCHASE_HEADERS = [
  'item_number',
  'part',
  'quantity',
  'currency',
  'price',
  'order_number',
  'order_shipping',
  'order_tax',
  'seller',
  'ordered_on',
  'paid_on',
  'shipped_on',
  'delivered_on',
  'order_status',
] as const;

export function blankPurchase(line: number): Purchase {
  return {
    line,
    orderNumber: '',
    itemNumber: '',
    title: '',
    quantity: '',
    currency: '',
    price: '',
    orderShipping: '',
    orderTax: '',
    seller: '',
    orderedOn: '',
    paidOn: '',
    shippedOn: '',
    deliveredOn: '',
    orderStatus: '',
  };
}

/** Purchases → a table the importer reads like any file (the "ebay-purchases" layout). */
export function purchasesTable(purchases: readonly Purchase[]): CsvTable {
  return {
    headers: [...PURCHASE_HEADERS],
    headerLine: 0,
    delimiter: ',',
    rows: purchases.map((p) => ({
      line: p.line,
      cells: [
        p.itemNumber,
        p.title,
        p.quantity,
        p.currency,
        p.price,
        p.orderNumber,
        p.orderShipping,
        p.orderTax,
        p.seller,
        p.orderedOn,
        p.paidOn,
        p.shippedOn,
        p.deliveredOn,
        p.orderStatus,
      ],
    })),
  };
}

// The Trading API's GetOrders response (OrderRole=Buyer) → purchases. Field
// names are those of eBay's Trading API reference (OrderType, TransactionType:
// https://developer.ebay.com/Devzone/XML/docs/Reference/eBay/types/OrderType.html).
// Read with a small element reader: the response is flat enough, and no XML
// library is needed in core.
import { blankPurchase, type Purchase } from './purchases';

function elements(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]!);
}
function first(xml: string, path: string): string {
  let scope = xml;
  for (const name of path.split('/')) {
    const found = elements(scope, name)[0];
    if (found === undefined) return '';
    scope = found;
  }
  return scope
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}
function currencyAttr(xml: string, name: string): string {
  return new RegExp(`<${name}[^>]*currencyID="([A-Z]{3})"`).exec(xml)?.[1] ?? '';
}
const day = (timestamp: string) => /^\d{4}-\d{2}-\d{2}/.exec(timestamp)?.[0] ?? '';

export function looksLikeGetOrders(text: string): boolean {
  return /<GetOrdersResponse[\s>]/.test(text.slice(0, 4000));
}

export interface GetOrdersError {
  /** eBay's ErrorCode, e.g. "931" (the user token is invalid). */
  code: string;
  message: string;
}

/** The errors eBay sent instead of orders (Ack Failure or PartialFailure), most severe first; empty when it answered. */
export function getOrdersErrors(xml: string): GetOrdersError[] {
  if (!/<Ack>\s*(Failure|PartialFailure)\s*<\/Ack>/.test(xml)) return [];
  const errors = elements(xml, 'Errors').map((e) => ({
    code: first(e, 'ErrorCode'),
    message: first(e, 'LongMessage') || first(e, 'ShortMessage') || 'eBay answered with an error',
    severe: first(e, 'SeverityCode') !== 'Warning',
  }));
  const sorted = [...errors.filter((e) => e.severe), ...errors.filter((e) => !e.severe)].map(({ code, message }) => ({ code, message }));
  return sorted.length > 0 ? sorted : [{ code: '', message: 'eBay answered with an error' }];
}

/** The error eBay sent instead of orders (Ack Failure), or null. */
export function getOrdersError(xml: string): string | null {
  const [error] = getOrdersErrors(xml);
  if (!error) return null;
  return error.code ? `${error.message} (eBay error ${error.code})` : error.message;
}

/** PaginationResult and HasMoreOrders of one response page. */
export function getOrdersPagination(xml: string): { totalPages: number | null; hasMore: boolean; orders: number } {
  const total = Number.parseInt(first(xml, 'PaginationResult/TotalNumberOfPages'), 10);
  const orderArray = elements(xml, 'OrderArray')[0] ?? '';
  return {
    totalPages: Number.isFinite(total) ? total : null,
    hasMore: /<HasMoreOrders>\s*true\s*<\/HasMoreOrders>/.test(xml),
    orders: elements(orderArray, 'Order').length,
  };
}

export function readGetOrders(xml: string): Purchase[] {
  const out: Purchase[] = [];
  const orders = elements(first(xml, 'OrderArray') === '' ? xml : elements(xml, 'OrderArray')[0]!, 'Order');
  orders.forEach((order, index) => {
    const orderNumber = first(order, 'ExtendedOrderID') || first(order, 'OrderID');
    const status = first(order, 'OrderStatus');
    const refunded = /<Refund>|<RefundStatus>\s*Successful|<ReturnStatus>/.test(order);
    const shippingCost = first(order, 'ShippingServiceSelected/ShippingServiceCost');
    for (const t of elements(first(order, 'TransactionArray'), 'Transaction')) {
      const p = blankPurchase(index + 1);
      p.orderNumber = orderNumber;
      p.itemNumber = first(t, 'Item/ItemID');
      p.title = first(t, 'Item/Title');
      p.quantity = first(t, 'QuantityPurchased');
      p.price = first(t, 'TransactionPrice');
      p.currency = currencyAttr(t, 'TransactionPrice');
      p.orderShipping = shippingCost;
      p.orderTax = first(order, 'eBayCollectAndRemitTaxes/TotalTaxAmount') || first(t, 'Taxes/TotalTaxAmount');
      p.seller = first(order, 'SellerUserID') || first(t, 'Item/Seller/UserID');
      p.orderedOn = day(first(order, 'CreatedTime'));
      p.paidOn = day(first(order, 'PaidTime'));
      p.shippedOn = day(first(order, 'ShippedTime'));
      p.deliveredOn = day(first(t, 'ShippingServiceSelected/ShippingPackageInfo/ActualDeliveryTime'));
      p.orderStatus = refunded ? 'Refunded' : status === 'Cancelled' ? 'Cancelled' : '';
      out.push(p);
    }
  });
  return out;
}

// An item's status from what a purchase report says about the order: a
// refund or return wins (the money came back), then delivery, shipping and
// payment. English and German words, as eBay writes them.
import type { ItemStatus } from '../inventory/status';

export interface ReportStatusCells {
  paidOn: string;
  shippedOn: string;
  deliveredOn: string;
  orderStatus: string;
  returnStatus: string;
}

const REFUNDED = /refund|returned|return (closed|completed)|cancel+ed|erstatt|zurückgegeben|storniert|rückgabe abgeschlossen/i;
const DELIVERED = /delivered|zugestellt|geliefert|received|erhalten/i;
const SHIPPED = /shipped|in transit|dispatched|posted|versandt|verschickt|unterwegs/i;
const PAID = /paid|bezahlt|payment (complete|received)/i;

/** The status the report's cells give, with the reason shown in the preview; null when they say nothing. */
export function statusFromReport(cells: ReportStatusCells): { status: ItemStatus; reason: string } | null {
  const r = cells.returnStatus.trim();
  const o = cells.orderStatus.trim();
  if (r !== '' && REFUNDED.test(r)) return { status: 'returned', reason: `return status "${r}"` };
  if (o !== '' && REFUNDED.test(o)) return { status: 'returned', reason: `order status "${o}"` };
  if (cells.deliveredOn.trim() !== '') return { status: 'received', reason: 'delivered date given' };
  if (o !== '' && DELIVERED.test(o)) return { status: 'received', reason: `order status "${o}"` };
  if (cells.shippedOn.trim() !== '') return { status: 'shipped', reason: 'shipped date given' };
  if (o !== '' && SHIPPED.test(o)) return { status: 'shipped', reason: `order status "${o}"` };
  if (cells.paidOn.trim() !== '') return { status: 'ordered', reason: 'paid date given' };
  if (o !== '' && PAID.test(o)) return { status: 'ordered', reason: `order status "${o}"` };
  return null;
}

// eBay's order emails and Purchases page as text: labels and values ("Order
// number: 12-34567-89012", "Artikelnummer 125678901234"), in US, UK and German
// wording. Read by labels and item numbers, never by layout or class names, so
// a redesigned email or page still reads as long as the words stay.
import { currencyOfAmount } from '../csv/convert';
import { blankPurchase, type Purchase } from './purchases';

/** Label words → what they give. Order matters where one label contains another ("Order total" before "Order"). */
const LABELS: readonly { key: keyof Purchase | 'subtotal' | 'total' | 'skip'; re: RegExp }[] = [
  { key: 'total', re: /^(order total|total|gesamtbetrag|gesamtsumme|summe|bestellsumme)$/i },
  { key: 'subtotal', re: /^(subtotal|zwischensumme|artikelpreis gesamt)(\s*\(.*\))?$/i },
  { key: 'orderNumber', re: /^(order number|order no\.?|order id|bestellnummer)$/i },
  { key: 'itemNumber', re: /^(item id|item number|item no\.?|artikelnummer|artikel-nr\.?)$/i },
  { key: 'quantity', re: /^(quantity|qty|anzahl|menge|stückzahl)$/i },
  { key: 'price', re: /^(price|item price|preis|artikelpreis|sold for|verkauft für)$/i },
  { key: 'orderShipping', re: /^(shipping|postage|postage and packaging|shipping and handling|delivery|versand|verpackung und versand|versandkosten)$/i },
  { key: 'orderTax', re: /^(tax|taxes|sales tax|vat|import vat|mwst\.?|ust\.?|steuer|mehrwertsteuer|umsatzsteuer)$/i },
  { key: 'seller', re: /^(seller|sold by|verkäufer|verkauft von)$/i },
  { key: 'orderedOn', re: /^(order date|ordered on|date ordered|purchased on|bestelldatum|bestellt am|gekauft am)$/i },
  { key: 'paidOn', re: /^(paid on|payment date|bezahlt am)$/i },
  { key: 'shippedOn', re: /^(shipped on|dispatched on|versandt am|verschickt am)$/i },
  { key: 'deliveredOn', re: /^(delivered on|delivered|zugestellt am|geliefert am)$/i },
  { key: 'orderStatus', re: /^(status|order status|bestellstatus)$/i },
];

function labelOf(text: string): (typeof LABELS)[number]['key'] | null {
  const t = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[:：]$/, '');
  for (const { key, re } of LABELS) if (re.test(t)) return key;
  return null;
}

/** "Label: value" on one line, or a label alone with its value on the next line. */
function pairs(lines: readonly string[]): { label: ReturnType<typeof labelOf>; value: string; line: number; raw: string }[] {
  const out: { label: ReturnType<typeof labelOf>; value: string; line: number; raw: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const m = /^([^:：]{2,40})[:：]\s*(.*)$/.exec(line);
    if (m) {
      const label = labelOf(m[1]!);
      if (label) {
        let value = m[2]!.trim();
        if (value === '' && i + 1 < lines.length) value = lines[++i]!.trim();
        out.push({ label, value, line: i + 1, raw: line });
        continue;
      }
    }
    const alone = labelOf(line);
    const next = lines[i + 1]?.trim() ?? '';
    if (alone && next !== '' && labelOf(next) === null) {
      out.push({ label: alone, value: next, line: i + 2, raw: line });
      i++;
      continue;
    }
    // "Subtotal (2 items) $410.00" / "Versand EUR 12,00": label words then an amount.
    const amount = /^(.*?)\s+((?:[A-Z]{2,3}\s?)?[$£€¥]?\s?-?\d[\d.,\s]*(?:\s?(?:€|EUR|USD|GBP))?)$/.exec(line);
    if (amount) {
      const label = labelOf(amount[1]!);
      if (label) out.push({ label, value: amount[2]!.trim(), line: i + 1, raw: line });
      else out.push({ label: null, value: line, line: i + 1, raw: line });
      continue;
    }
    out.push({ label: null, value: line, line: i + 1, raw: line });
  }
  return out;
}

/** "$179.99" → { currency: 'USD', amount: '179.99' }; "116,99 €" → EUR "116,99"; "EUR 12,00" → EUR. */
export function splitAmount(text: string): { currency: string; amount: string } {
  const currency = currencyOfAmount(text) ?? '';
  const amount = text.replace(/[A-Za-z$£€¥\s\u00a0]/g, '').replace(/^[.,]+|[.,]+$/g, '');
  return { currency, amount };
}

export interface TextPurchases {
  purchases: Purchase[];
  /** Subtotal / total the text gives per order, to check prices against. */
  checks: { orderNumber: string; subtotal: string | null; total: string | null }[];
}

/**
 * Purchases in a text: every item number starts a purchase; the title is the
 * nearest line above it that is no label. Order-level values (order number,
 * shipping, tax, seller, dates) apply to every purchase of the text that does
 * not give its own; a text with several orders gives each its own from where
 * its order number appears.
 */
export function purchasesFromText(text: string, defaults: Partial<Purchase> = {}): TextPurchases {
  const lines = text.split(/\r\n|\r|\n/);
  const found = pairs(lines);
  const purchases: Purchase[] = [];
  const checks: TextPurchases['checks'] = [];
  let order: Partial<Purchase> & { subtotal?: string; total?: string } = {};
  let orderStart = 0;
  const orders: { from: number; fields: typeof order }[] = [];
  const flushOrder = () => orders.push({ from: orderStart, fields: order });
  let current: Purchase | null = null;
  let lastText = '';
  for (const p of found) {
    if (p.label === null) {
      // "Delivered on Apr 8" (the Purchases page), or a bare amount under an item (its price).
      const delivered = /^(delivered on|zugestellt am|geliefert am)\s+(.+)$/i.exec(p.value);
      if (delivered && current) {
        current.deliveredOn = delivered[2]!;
        continue;
      }
      if (current && current.price === '' && /^(?:[A-Z]{2,3}\s?)?[$£€¥]\s?\d[\d.,]*$|^\d[\d.,]*\s?(?:€|EUR)$/.test(p.value)) {
        current.price = p.value;
        continue;
      }
      // An item link's text or a title line (long, not a sentence of the mail's boilerplate).
      if (p.value.length >= 8 && !/^(hi|hallo|hello|thanks|danke|view order|bestellung anzeigen)/i.test(p.value)) lastText = p.value;
      continue;
    }
    if (p.label === 'orderNumber') {
      if (order.orderNumber && (order.orderNumber !== p.value.replace(/\s/g, '') || purchases.length > orderStart)) {
        flushOrder();
        order = {};
        orderStart = purchases.length;
      }
      order.orderNumber = p.value.replace(/\s/g, '');
      continue;
    }
    if (p.label === 'itemNumber') {
      const number = /\d{9,14}/.exec(p.value)?.[0] ?? p.value;
      current = { ...blankPurchase(p.line), ...defaults, itemNumber: number, title: lastText };
      purchases.push(current);
      lastText = '';
      continue;
    }
    if (p.label === 'subtotal' || p.label === 'total') {
      order[p.label] = p.value;
      continue;
    }
    if (p.label === 'skip') continue;
    const label = p.label as Exclude<keyof Purchase, 'line'>;
    if (label === 'price' || label === 'quantity') {
      if (current) current[label] = p.value;
      continue;
    }
    if (current && (label === 'seller' || label === 'deliveredOn' || label === 'shippedOn' || label === 'orderStatus') && current[label] === '') {
      current[label] = p.value;
      continue;
    }
    // The same order-level label again after items: the next order's card has begun (its number may come later).
    if ((order as Record<string, string>)[label] !== undefined && purchases.length > orderStart) {
      flushOrder();
      order = {};
      orderStart = purchases.length;
    }
    (order as Record<string, string>)[label] = p.value;
  }
  flushOrder();
  for (let o = 0; o < orders.length; o++) {
    const { from, fields } = orders[o]!;
    const to = o + 1 < orders.length ? orders[o + 1]!.from : purchases.length;
    for (let i = from; i < to; i++) {
      const item = purchases[i]!;
      for (const [k, v] of Object.entries(fields)) {
        if (k === 'subtotal' || k === 'total') continue;
        const key = k as keyof Purchase;
        if (typeof v === 'string' && (item[key] === '' || item[key] === undefined)) (item as unknown as Record<string, string>)[key] = v;
      }
    }
    if (fields.orderNumber) checks.push({ orderNumber: fields.orderNumber, subtotal: fields.subtotal ?? null, total: fields.total ?? null });
  }
  // Amounts: currency from the symbol, the number as written.
  for (const item of purchases) {
    for (const key of ['price', 'orderShipping', 'orderTax'] as const) {
      if (item[key] === '') continue;
      if (/^(free|kostenlos|gratis)$/i.test(item[key].trim())) {
        item[key] = '0';
        continue;
      }
      const { currency, amount } = splitAmount(item[key]);
      if (currency && !item.currency) item.currency = currency;
      item[key] = amount;
    }
    item.quantity = /\d+/.exec(item.quantity)?.[0] ?? '';
    // "Apr 8" (no year): the year of the order date, or the next one when the month is earlier.
    const short = /^([A-Za-zÄÖÜäöü]{3,9}\.?)\s+(\d{1,2})$/.exec(item.deliveredOn.trim());
    const orderYear = /(\d{4})/.exec(item.orderedOn)?.[1];
    if (short && orderYear) item.deliveredOn = `${short[1]} ${short[2]}, ${orderYear}`;
  }
  return { purchases, checks };
}

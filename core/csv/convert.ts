// Rows of a CSV table → inventory drafts, with every problem named by line,
// column and what is wrong. The drafts are checked with the same rules as the
// form (validateItemDraft); a part is found by id, by name (matchParts) or,
// for a listing title such as "NVIDIA Tesla P40 24GB GPU", by the catalog
// model it contains. A title that fits no part, or several, is an error the
// person fixes in the preview by choosing the part.
import { parseTypedAmount } from '../inventory/amount';
import { validateItemDraft, DEFAULT_CURRENCY, type ItemDraft, type ItemDraftField, type ItemFields } from '../inventory/item';
import { isIsoDate } from '../inventory/dates';
import { ITEM_STATUSES, type ItemStatus } from '../inventory/status';
import type { InventoryOrder } from '../inventory/orders';
import { matchParts, normalizeName, type NamedPart } from '../catalog/resolve';
import { CurrencyCode, formatAmountPlain } from '../money';
import { unescapeCell } from './escape';
import { columnLetter, type ColumnMapping, type ImportField } from './fields';
import type { CsvTable } from './read';

export interface CellError {
  line: number;
  /** The file's column header (with its letter), or null for the whole row. */
  column: string | null;
  message: string;
}

export type PartMatch =
  | { status: 'matched' | 'chosen'; partId: string; text: string }
  | { status: 'unmatched' | 'ambiguous'; text: string; candidates: { id: string; vendor: string; model: string }[] };

export interface PreviewRow {
  line: number;
  draft: ItemDraft;
  /** Null when the row has errors. */
  fields: ItemFields | null;
  errors: CellError[];
  part: PartMatch | null;
}

/** An order's shipping and tax as read from the file (typed text, in the order's currency). */
export interface OrderDraft {
  orderNumber: string;
  currency: string;
  shipping: string | null;
  tax: string | null;
}

export interface ImportPreview {
  rows: PreviewRow[];
  /** Orders whose shipping or tax the file gives. */
  orders: OrderDraft[];
  errors: CellError[];
  validCount: number;
  invalidCount: number;
  /** Rows that are not items (eBay's order summary and footer lines). */
  skipped: number;
}

export interface ConvertContext {
  parts: readonly NamedPart[];
  defaults?: { status?: ItemStatus; currency?: string };
  /** The person's choices in the preview: line → part id. */
  partChoices?: Readonly<Record<number, string>>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** YYYY-MM-DD from the forms files use: ISO (with a time after it), eBay's "Mar-15-24" / "Mar-15-2024", "15 Mar 2024". Else the text unchanged. */
export function normalizeDate(text: string): string {
  const t = text.trim();
  let m = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(t);
  if (m) return m[1]!;
  m = /^([A-Za-z]{3})[a-z]*[- ](\d{1,2}),?[- ](\d{2}|\d{4})$/.exec(t) ?? null;
  let month: string | undefined;
  let day: string | undefined;
  let year: string | undefined;
  if (m) [month, day, year] = [m[1], m[2], m[3]];
  else {
    m = /^(\d{1,2})[- ]([A-Za-z]{3})[a-z]*[- ](\d{4})$/.exec(t);
    if (m) [day, month, year] = [m[1], m[2], m[3]];
  }
  if (!month || !day || !year) return t;
  const mi = MONTHS.indexOf(month.toLowerCase());
  if (mi < 0) return t;
  const y = year.length === 2 ? `20${year}` : year;
  const iso = `${y}-${String(mi + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : t;
}

/** The currency an amount's text names ("$12", "US $12", "£9", "EUR 90,00", "AU $5"), or null. */
export function currencyOfAmount(text: string): string | null {
  const t = text.trim().toUpperCase();
  const code = /^([A-Z]{3})\s*[\d.,]/.exec(t) ?? /[\d.,]\s*([A-Z]{3})$/.exec(t);
  if (code && CurrencyCode.safeParse(code[1]).success) return code[1]!;
  if (/^(AU|A)\s?\$/.test(t)) return 'AUD';
  if (/^(C|CA|CAD)\s?\$/.test(t)) return 'CAD';
  if (/^(US\s?)?\$/.test(t)) return 'USD';
  if (t.startsWith('£')) return 'GBP';
  if (t.startsWith('€') || t.endsWith('€')) return 'EUR';
  if (t.startsWith('¥')) return 'JPY';
  return null;
}

/** Finds the part a name or a listing title means. */
export class PartMatcher {
  readonly #parts: readonly NamedPart[];
  readonly #byId: Map<string, NamedPart>;
  readonly #cache = new Map<string, PartMatch>();
  readonly #names: { part: NamedPart; name: string }[];

  constructor(parts: readonly NamedPart[]) {
    this.#parts = parts;
    this.#byId = new Map(parts.map((p) => [p.id, p]));
    this.#names = parts.flatMap((part) => [part.model, ...(part.aliases ?? [])].map((n) => ({ part, name: normalizeName(n) })).filter((n) => n.name.length >= 3));
  }

  byId(id: string): NamedPart | undefined {
    return this.#byId.get(id.trim());
  }

  match(text: string): PartMatch {
    const key = text.trim();
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const result = this.#match(key);
    this.#cache.set(key, result);
    return result;
  }

  #match(text: string): PartMatch {
    const label = (p: NamedPart) => ({ id: p.id, vendor: p.vendor, model: p.model });
    let found = matchParts(this.#parts, text);
    if (found.length === 0) {
      // A listing title: the parts whose model (or alias) it contains; the longest name wins,
      // and among equals the ones whose vendor is named too.
      const title = normalizeName(text);
      const hits = this.#names.filter((n) => title.includes(n.name));
      const longest = Math.max(0, ...hits.map((h) => h.name.length));
      let best = [...new Set(hits.filter((h) => h.name.length === longest).map((h) => h.part))];
      if (best.length > 1) {
        const withVendor = best.filter((p) => title.includes(normalizeName(p.vendor)));
        if (withVendor.length > 0) best = withVendor;
      }
      found = best;
    }
    if (found.length === 1) return { status: 'matched', partId: found[0]!.id, text };
    return { status: found.length === 0 ? 'unmatched' : 'ambiguous', text, candidates: found.slice(0, 20).map(label) };
  }
}

/** Which draft field a validation issue belongs to → which import field's column to name. */
const DRAFT_SOURCES: Partial<Record<ItemDraftField, ImportField[]>> = {
  partId: ['partId', 'part'],
  listingUrl: ['listingUrl', 'ebayItemNumber'],
  shipping: ['shipping', 'lineShipping'],
  tax: ['tax', 'lineTax'],
};

function statusOf(text: string): string {
  const t = text.trim().toLowerCase();
  return (ITEM_STATUSES as readonly string[]).includes(t) ? t : text.trim();
}

/** Converts a table with a column mapping into drafts, checked rows and orders. */
export function convertRows(table: CsvTable, mapping: ColumnMapping, context: ConvertContext): ImportPreview {
  const matcher = new PartMatcher(context.parts);
  const defaultStatus = context.defaults?.status ?? 'wishlist';
  const defaultCurrency = context.defaults?.currency ?? DEFAULT_CURRENCY;
  const columnOf = new Map<ImportField, number>();
  mapping.forEach((field, i) => {
    if (field && !columnOf.has(field)) columnOf.set(field, i);
  });
  const columnName = (field: ImportField): string | null => {
    const i = columnOf.get(field);
    return i === undefined ? null : `${columnLetter(i)} "${table.headers[i]}"`;
  };
  const columnForDraft = (field: ItemDraftField): string | null => {
    for (const f of DRAFT_SOURCES[field] ?? [field as ImportField]) {
      const name = columnName(f);
      if (name) return name;
    }
    return null;
  };

  const rows: PreviewRow[] = [];
  const orders = new Map<string, OrderDraft & { line: number }>();
  const lineAmounts = new Map<string, { currency: string; shipping: number | null; tax: number | null; line: number }>();
  let skipped = 0;

  for (const row of table.rows) {
    const errors: CellError[] = [];
    const error = (field: ImportField | null, message: string) => errors.push({ line: row.line, column: field ? columnName(field) : null, message });
    const raw = (field: ImportField): string => {
      const i = columnOf.get(field);
      if (i === undefined) return '';
      const cell = unescapeCell(row.cells[i] ?? '');
      return field === 'notes' ? cell : cell.trim();
    };
    const extra = row.cells.slice(table.headers.length).filter((c) => c.trim() !== '');
    // Rows that name no part and no listing are not items: eBay's order summaries and footer lines.
    if (raw('partId') === '' && raw('part') === '' && raw('ebayItemNumber') === '' && raw('listingUrl') === '') {
      skipped++;
      continue;
    }
    if (extra.length > 0) error(null, `Line ${row.line} has ${row.cells.length} cells but the header names ${table.headers.length} columns (a comma inside an amount or text that needs "quotes"?)`);

    // Part: the person's choice, else the id column, else the name.
    let part: PartMatch | null = null;
    let partId = '';
    const chosen = context.partChoices?.[row.line];
    if (chosen && matcher.byId(chosen)) {
      partId = chosen;
      part = { status: 'chosen', partId, text: raw('part') || raw('partId') };
    } else if (raw('partId') !== '') {
      const p = matcher.byId(raw('partId'));
      if (p) partId = p.id;
      else error('partId', `No part with id "${raw('partId')}" in the catalog`);
    } else if (raw('part') !== '') {
      const m = matcher.match(raw('part'));
      part = m;
      if ('partId' in m) partId = m.partId;
      else if (m.status === 'unmatched') error('part', `No catalog part matches "${raw('part')}": choose the part`);
      else error('part', `"${raw('part')}" fits ${m.candidates.length} catalog parts: choose one`);
    } else {
      error('part', 'The part is missing');
    }

    const priceText = raw('price');
    const currencyText = raw('currency') || currencyOfAmount(priceText) || currencyOfAmount(raw('lineShipping')) || defaultCurrency;
    const currency = currencyText.toUpperCase();
    const orderNumber = raw('orderNumber');

    let listingUrl = raw('listingUrl');
    const itemNumber = raw('ebayItemNumber');
    if (listingUrl === '' && itemNumber !== '') {
      if (/^\d{9,14}$/.test(itemNumber)) listingUrl = `https://www.ebay.com/itm/${itemNumber}`;
      else error('ebayItemNumber', `eBay item number "${itemNumber}" must be 9 to 14 digits`);
    }

    const draft: ItemDraft = {
      partId,
      quantity: raw('quantity') || '1',
      status: raw('status') ? statusOf(raw('status')) : defaultStatus,
      currency,
      price: priceText,
      shipping: raw('shipping'),
      tax: raw('tax'),
      fees: raw('fees'),
      fxRate: raw('fxRate'),
      fxCurrency: raw('fxCurrency'),
      seller: raw('seller'),
      listingUrl,
      orderNumber,
      orderedOn: normalizeDate(raw('orderedOn')),
      receivedOn: normalizeDate(raw('receivedOn')),
      returnDays: raw('returnDays'),
      returnBy: normalizeDate(raw('returnBy')),
      condition: raw('condition'),
      serialNumber: raw('serialNumber'),
      testResult: raw('testResult').toLowerCase(),
      testNote: raw('testNote'),
      notes: raw('notes'),
    };

    // Shipping / tax for the whole row (eBay): with an order number they add to the
    // order's amounts (spread later); without one they must split into whole cents per unit.
    const quantity = /^\d+$/.test(String(draft.quantity)) ? Number(draft.quantity) : NaN;
    for (const [field, target] of [
      ['lineShipping', 'shipping'],
      ['lineTax', 'tax'],
    ] as const) {
      const text = raw(field);
      if (text === '') continue;
      const amount = parseTypedAmount(text, currency);
      if (!amount.ok || amount.minor < 0) {
        error(field, `"${text}" is not an amount like ${formatAmountPlain(1299, currency)}`);
        continue;
      }
      if (orderNumber !== '') {
        const sums = lineAmounts.get(orderNumber) ?? { currency, shipping: null, tax: null, line: row.line };
        const key = target === 'shipping' ? 'shipping' : 'tax';
        sums[key] = (sums[key] ?? 0) + amount.minor;
        lineAmounts.set(orderNumber, sums);
      } else if (!Number.isSafeInteger(quantity) || quantity < 1) {
        continue; // the quantity's own error says what is wrong
      } else if (amount.minor % quantity !== 0) {
        error(field, `${text} for ${quantity} units does not split into whole cents: give the row an order number or enter it per unit`);
      } else if (draft[target]) {
        error(field, `Both a per-unit ${target} and a ${target} for the row are given: keep one`);
      } else {
        draft[target] = formatAmountPlain(amount.minor / quantity, currency);
      }
    }

    // Whole-order shipping / tax (the template repeats them on each row of the order).
    for (const [field, key] of [
      ['orderShipping', 'shipping'],
      ['orderTax', 'tax'],
    ] as const) {
      const text = raw(field);
      if (text === '') continue;
      if (orderNumber === '') {
        error(field, `An order's ${key} needs an order number on the row`);
        continue;
      }
      const amount = parseTypedAmount(text, currency);
      if (!amount.ok || amount.minor < 0) {
        error(field, `"${text}" is not an amount like ${formatAmountPlain(1299, currency)}`);
        continue;
      }
      const order = orders.get(orderNumber) ?? { orderNumber, currency, shipping: null, tax: null, line: row.line };
      const normalized = formatAmountPlain(amount.minor, currency);
      if (order.currency !== currency) error('currency', `Order ${orderNumber} is in ${order.currency} on line ${order.line}; its rows must all be in one currency`);
      else if (order[key] !== null && order[key] !== normalized) error(field, `Order ${orderNumber} has ${key} ${order[key]} on line ${order.line}, ${normalized} here: one order, one amount`);
      else order[key] = normalized;
      orders.set(orderNumber, order);
    }

    const checked = validateItemDraft(draft);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        const field = issue.path as ItemDraftField;
        if (field === 'partId' && partId === '') continue; // already said above
        errors.push({ line: row.line, column: columnForDraft(field), message: issue.message });
      }
    }
    rows.push({ line: row.line, draft, fields: checked.ok && errors.length === 0 ? checked.value : null, errors, part });
  }

  // Orders from per-row amounts (eBay), unless the file also gives whole-order amounts.
  for (const [orderNumber, sums] of lineAmounts) {
    if (orders.has(orderNumber)) continue;
    orders.set(orderNumber, {
      orderNumber,
      currency: sums.currency,
      shipping: sums.shipping === null ? null : formatAmountPlain(sums.shipping, sums.currency),
      tax: sums.tax === null ? null : formatAmountPlain(sums.tax, sums.currency),
      line: sums.line,
    });
  }
  // Every row of an order with amounts must be in the order's currency.
  for (const row of rows) {
    const order = row.draft.orderNumber ? orders.get(row.draft.orderNumber) : undefined;
    if (order && row.draft.currency !== order.currency && !row.errors.some((e) => e.message.includes('one currency'))) {
      row.errors.push({ line: row.line, column: columnName('currency'), message: `Order ${order.orderNumber} is in ${order.currency} (line ${order.line}); its rows must all be in one currency` });
      row.fields = null;
    }
  }

  const errors = rows.flatMap((r) => r.errors);
  const validCount = rows.filter((r) => r.fields !== null).length;
  return {
    rows,
    orders: [...orders.values()].map(({ line: _line, ...o }) => o),
    errors,
    validCount,
    invalidCount: rows.length - validCount,
    skipped,
  };
}

/** Orders typed in a preview → stored orders (amounts parsed in the order's currency). */
export function parseOrderDraft(order: OrderDraft): InventoryOrder | null {
  const amount = (text: string | null) => {
    if (text === null || text.trim() === '') return null;
    const parsed = parseTypedAmount(text, order.currency);
    return parsed.ok && parsed.minor >= 0 ? parsed.minor : undefined;
  };
  const shippingMinor = amount(order.shipping);
  const taxMinor = amount(order.tax);
  if (shippingMinor === undefined || taxMinor === undefined || !CurrencyCode.safeParse(order.currency).success) return null;
  return { orderNumber: order.orderNumber, currency: order.currency, shippingMinor, taxMinor };
}

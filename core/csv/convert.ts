// Rows of a CSV table → inventory drafts, with every problem named by line,
// column and what is wrong. The drafts are checked with the same rules as the
// form (validateItemDraft); a part is found by id, by name (matchParts) or,
// for a listing title such as "NVIDIA Tesla P40 24GB GPU", by the catalog
// model it contains. A title that fits no part, or several, is an error the
// person fixes in the preview by choosing the part.
import { parseTypedAmount } from '../inventory/amount';
import { validateItemDraft, DEFAULT_CURRENCY, type ItemDraft, type ItemDraftField, type ItemFields } from '../inventory/item';
import { ITEM_STATUSES, type ItemStatus } from '../inventory/status';
import { detectDateOrder, parseDate, type DateOrder, type DateOrderDetection } from './dates';
import { statusFromReport } from './status';
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
  /** The row as the file has it ("Header: value" per non-blank cell), kept in the item's history. */
  source: string;
  /** Why the row gets its status ("Delivered On Date is set"), or null when the file names it / the default applies. */
  statusReason: string | null;
  /** Line of an earlier row in the file for the same purchase (same external id), or null. */
  duplicateOf: number | null;
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
  /** The day/month order of the file's numeric dates: what they prove, and what is used. */
  dates: DateOrderDetection & { order: DateOrder | null };
}

export interface ConvertContext {
  parts: readonly NamedPart[];
  defaults?: { status?: ItemStatus; currency?: string };
  /** The person's choices in the preview: line → part id. */
  partChoices?: Readonly<Record<number, string>>;
  /** Day/month order for numeric dates, chosen by the person (else detected from the file). */
  dateOrder?: DateOrder;
  /** One status for every row, chosen by the person over what the file says. */
  statusOverride?: ItemStatus;
  /** Why every row gets the status (when the layout, not the person, decides it). */
  statusOverrideReason?: string;
  /** The part column holds listing titles (eBay layouts): keep them as the item's title. */
  titleFromPart?: boolean;
  /** Single-cell rows are footer lines in eBay's reports ("3 record(s) downloaded"), not short rows. */
  footerLines?: boolean;
}

/** YYYY-MM-DD for any date form core/csv/dates.ts reads (numeric ones in `order`), else the text unchanged. */
export function normalizeDate(text: string, order: DateOrder | null = null): string {
  return parseDate(text, order) ?? text.trim();
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
    this.#names = parts.flatMap((part) =>
      [part.model, ...(part.aliases ?? [])].map((n) => ({ part, name: normalizeName(n) })).filter((n) => n.name.length >= 3),
    );
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

  // One day/month order for the file, from every date in it (or the person's choice).
  const DATE_FIELDS: ImportField[] = ['orderedOn', 'receivedOn', 'returnBy', 'paidOn', 'shippedOn', 'deliveredOn'];
  const dateColumns = DATE_FIELDS.map((f) => columnOf.get(f)).filter((i): i is number => i !== undefined);
  const detection = detectDateOrder(
    (function* () {
      for (const row of table.rows) for (const i of dateColumns) yield row.cells[i] ?? '';
    })(),
  );
  const dateOrder: DateOrder | null =
    context.dateOrder ?? (detection.detected === 'dmy' || detection.detected === 'mdy' || detection.detected === 'ymd' ? detection.detected : null);
  const dateText = (field: ImportField, text: string): string => {
    if (text === '') return '';
    const parsed = parseDate(text, dateOrder);
    return parsed ?? text;
  };

  const rows: PreviewRow[] = [];
  const seen = new Map<string, number>();
  const orders = new Map<string, OrderDraft & { line: number }>();
  /** Orders whose shipping/tax an eBay summary row gives (the whole order's, not summed from item rows). */
  const summaryAmounts = new Map<string, { currency: string; shipping: number | null; tax: number | null; line: number }>();
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
    const source = table.headers
      .map((h, i) => [h, unescapeCell(row.cells[i] ?? '').trim()] as const)
      .filter(([, v]) => v !== '')
      .map(([h, v]) => `${h}: ${v}`)
      .join('; ');
    // Strict rows, before anything else is read from them: a row with a cell
    // missing would shift every value after it into the wrong field.
    const extra = row.cells.slice(table.headers.length).filter((c) => c.trim() !== '');
    const cellCount = extra.length > 0 ? row.cells.length : Math.min(row.cells.length, table.headers.length);
    if (cellCount !== table.headers.length) {
      if (context.footerLines && row.cells.length === 1) {
        skipped++;
        continue;
      }
      const hint = cellCount > table.headers.length ? ' (a comma inside an amount or text that needs "quotes"?)' : ' (a cell is missing, or the line was cut)';
      errors.push({ line: row.line, column: null, message: `Line ${row.line}: ${cellCount} of ${table.headers.length} columns${hint}` });
      rows.push({ line: row.line, draft: {}, source, statusReason: null, duplicateOf: null, fields: null, errors, part: null });
      continue;
    }
    // Rows that name no part and no listing are not items: eBay's order summaries and footer lines.
    // A summary row of a multi-item order carries the order's shipping and tax.
    if (raw('partId') === '' && raw('part') === '' && raw('ebayItemNumber') === '' && raw('listingUrl') === '') {
      const orderNumber = raw('orderNumber');
      if (orderNumber !== '' && (raw('lineShipping') !== '' || raw('lineTax') !== '')) {
        const currency = (raw('currency') || currencyOfAmount(raw('lineShipping')) || currencyOfAmount(raw('price')) || defaultCurrency).toUpperCase();
        const amount = (text: string) => {
          const a = text === '' ? null : parseTypedAmount(text, currency);
          return a && a.ok && a.minor >= 0 ? a.minor : null;
        };
        summaryAmounts.set(orderNumber, { currency, shipping: amount(raw('lineShipping')), tax: amount(raw('lineTax')), line: row.line });
      }
      skipped++;
      continue;
    }

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

    // Status: the person's choice for all rows, else the file's status column,
    // else what the report's dates and statuses say, else the preset's default.
    const fromReport = statusFromReport({
      paidOn: raw('paidOn'),
      shippedOn: raw('shippedOn'),
      deliveredOn: raw('deliveredOn'),
      orderStatus: raw('orderStatus'),
      returnStatus: raw('returnStatus'),
    });
    const status = context.statusOverride ?? (raw('status') ? statusOf(raw('status')) : (fromReport?.status ?? defaultStatus));
    const statusReason = context.statusOverride ? (context.statusOverrideReason ?? 'chosen for all rows') : raw('status') ? null : (fromReport?.reason ?? null);
    const delivered = dateText('deliveredOn', raw('deliveredOn'));

    // A listing title is kept as written; the template's part column is a catalog name, not a title.
    const title = raw('title') || (context.titleFromPart ? raw('part') : '');
    const externalId = raw('externalId') || (orderNumber !== '' && itemNumber !== '' ? `ebay:${orderNumber}:${itemNumber}` : '');
    const duplicateOf = externalId !== '' ? (seen.get(externalId) ?? null) : null;
    if (externalId !== '' && duplicateOf === null) seen.set(externalId, row.line);
    if (duplicateOf !== null)
      error(raw('externalId') ? 'externalId' : 'ebayItemNumber', `Same purchase as line ${duplicateOf} (${externalId}): a duplicate row in the file`);

    const draft: ItemDraft = {
      partId,
      quantity: raw('quantity') || '1',
      status,
      title,
      externalId,
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
      orderedOn: dateText('orderedOn', raw('orderedOn')) || dateText('paidOn', raw('paidOn')),
      receivedOn: dateText('receivedOn', raw('receivedOn')) || delivered,
      returnDays: raw('returnDays'),
      returnBy: dateText('returnBy', raw('returnBy')),
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
      if (order.currency !== currency)
        error('currency', `Order ${orderNumber} is in ${order.currency} on line ${order.line}; its rows must all be in one currency`);
      else if (order[key] !== null && order[key] !== normalized)
        error(field, `Order ${orderNumber} has ${key} ${order[key]} on line ${order.line}, ${normalized} here: one order, one amount`);
      else order[key] = normalized;
      orders.set(orderNumber, order);
    }

    for (const field of DATE_FIELDS) {
      const text = raw(field);
      if (text !== '' && parseDate(text, dateOrder) === null && parseDate(text, 'dmy') !== null) {
        error(field, `"${text}" could be day/month or month/day: choose the date order in the column step`);
      }
    }

    const checked = validateItemDraft(draft);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        const field = issue.path as ItemDraftField;
        if (field === 'partId' && partId === '') continue; // already said above
        if (errors.some((e) => e.message.includes('could be day/month'))) continue;
        errors.push({ line: row.line, column: columnForDraft(field), message: issue.message });
      }
    }
    rows.push({ line: row.line, draft, source, statusReason, duplicateOf, fields: checked.ok && errors.length === 0 ? checked.value : null, errors, part });
  }

  // A summary row's amounts are the order's own: they win over sums of its item rows.
  for (const [orderNumber, sums] of summaryAmounts) {
    if (orders.has(orderNumber)) continue;
    lineAmounts.set(orderNumber, sums);
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
      row.errors.push({
        line: row.line,
        column: columnName('currency'),
        message: `Order ${order.orderNumber} is in ${order.currency} (line ${order.line}); its rows must all be in one currency`,
      });
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
    dates: { ...detection, order: dateOrder },
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

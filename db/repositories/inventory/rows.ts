// Row shapes of the inventory tables and the statements every write shares:
// the item columns, their mapping to views, and the insert statements.
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import { isValidatedFields, LIFECYCLE_DEFAULTS, storedFieldIssues, type InventoryItemView, type ItemFields, type TestResult } from '#core/inventory/item';
import type { StatusChange } from '#core/inventory/history';
import type { ItemStatus } from '#core/inventory/status';
import { ebayItemNumber } from '#core/inventory/ebay';

/** Prepared statements per connection: preparing is a good part of a small write's cost. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
export function stmt<P extends unknown[] = unknown[], R = unknown>(db: Database.Database, sql: string): Database.Statement<P, R> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= 300) cache.clear(); // list queries vary with their filters: keep the cache bounded
    cache.set(sql, (statement = db.prepare(sql)));
  }
  return statement as unknown as Database.Statement<P, R>;
}

export interface ItemRow {
  id: string;
  part_id: string;
  quantity: number;
  status: ItemStatus;
  currency: string;
  price_minor: number | null;
  shipping_minor: number | null;
  tax_minor: number | null;
  seller: string | null;
  listing_url: string | null;
  ebay_item_number: string | null;
  order_number: string | null;
  ordered_on: string | null;
  received_on: string | null;
  return_by: string | null;
  condition: string | null;
  serial_number: string | null;
  notes: string | null;
  fees_minor: number | null;
  fx_rate: number | null;
  fx_currency: string | null;
  return_days: number | null;
  test_result: TestResult | null;
  test_note: string | null;
  title: string | null;
  external_id: string | null;
  order_shipping_minor: number | null;
  order_tax_minor: number | null;
  return_deadline: string | null;
  created_at: string;
  updated_at: string;
  part_category: string;
  part_vendor: string;
  part_model: string;
}

export interface HistoryRow {
  item_id: string;
  from_status: ItemStatus | null;
  to_status: ItemStatus;
  at: string;
  note: string | null;
}

export const ITEM_COLUMNS = `i.id, i.part_id, i.quantity, i.status, i.currency, i.price_minor, i.shipping_minor, i.tax_minor,
  i.seller, i.listing_url, i.ebay_item_number, i.order_number, i.ordered_on, i.received_on, i.return_by,
  i.condition, i.serial_number, i.notes, i.fees_minor, i.fx_rate, i.fx_currency, i.return_days, i.test_result, i.test_note, i.title, i.external_id,
  i.order_shipping_minor, i.order_tax_minor, i.return_deadline, i.created_at, i.updated_at,
  p.category AS part_category, p.vendor AS part_vendor, p.model AS part_model`;

/** One mapping from an item's columns to its view, whatever the row's shape (named object or .raw() array). */
function viewOf(get: <K extends keyof ItemRow>(column: K) => ItemRow[K]): InventoryItemView {
  return {
    id: get('id'),
    partId: get('part_id'),
    quantity: get('quantity'),
    status: get('status'),
    currency: get('currency'),
    priceMinor: get('price_minor'),
    shippingMinor: get('shipping_minor'),
    taxMinor: get('tax_minor'),
    seller: get('seller'),
    listingUrl: get('listing_url'),
    ebayItemNumber: get('ebay_item_number'),
    orderNumber: get('order_number'),
    orderedOn: get('ordered_on'),
    receivedOn: get('received_on'),
    returnBy: get('return_by'),
    condition: get('condition'),
    serialNumber: get('serial_number'),
    notes: get('notes'),
    feesMinor: get('fees_minor'),
    fxRate: get('fx_rate'),
    fxCurrency: get('fx_currency'),
    returnDays: get('return_days'),
    testResult: get('test_result'),
    testNote: get('test_note'),
    title: get('title'),
    externalId: get('external_id'),
    createdAt: get('created_at'),
    updatedAt: get('updated_at'),
    part: { category: get('part_category'), vendor: get('part_vendor'), model: get('part_model') },
    orderShippingMinor: get('order_shipping_minor'),
    orderTaxMinor: get('order_tax_minor'),
    returnDeadline: get('return_deadline'),
  };
}

export function toView(row: ItemRow): InventoryItemView {
  return viewOf((column) => row[column]);
}

/** ITEM_COLUMNS' result names in order (the alias after AS, else the column after the table alias). */
const ITEM_COLUMN_NAMES = ITEM_COLUMNS.split(',').map((c) =>
  c
    .trim()
    .split(/\s+AS\s+|\./)
    .pop()!,
) as (keyof ItemRow)[];
const AT = Object.fromEntries(ITEM_COLUMN_NAMES.map((name, k) => [name, k])) as Record<keyof ItemRow, number>;

/**
 * toView of a row read with .raw() (values in ITEM_COLUMNS order): a long walk
 * (the export) skips the named row object better-sqlite3 builds per row, which
 * costs as much as reading the row.
 */
export function toViewFromRaw(r: unknown[]): InventoryItemView {
  return viewOf(<K extends keyof ItemRow>(column: K) => r[AT[column]] as ItemRow[K]);
}

export function toHistory(row: HistoryRow): StatusChange {
  return { itemId: row.item_id, fromStatus: row.from_status, toStatus: row.to_status, at: row.at, note: row.note };
}

/** The row's named parameters; throws VALIDATION (field paths) for fields the item schema refuses. */
export function fieldParams(input: ItemFields, where = '') {
  if (isValidatedFields(input)) return paramsOf(input, input.ebayItemNumber);
  // Fields added after the first release may be absent (older callers): read as null. No object
  // spread here: spreading a parsed object costs more than writing the row.
  const fields: ItemFields = {
    partId: input.partId,
    quantity: input.quantity,
    status: input.status,
    currency: input.currency,
    priceMinor: input.priceMinor,
    shippingMinor: input.shippingMinor,
    taxMinor: input.taxMinor,
    seller: input.seller,
    listingUrl: input.listingUrl,
    ebayItemNumber: input.ebayItemNumber,
    orderNumber: input.orderNumber,
    orderedOn: input.orderedOn,
    receivedOn: input.receivedOn,
    returnBy: input.returnBy,
    condition: input.condition,
    serialNumber: input.serialNumber,
    notes: input.notes,
    feesMinor: input.feesMinor ?? LIFECYCLE_DEFAULTS.feesMinor,
    fxRate: input.fxRate ?? LIFECYCLE_DEFAULTS.fxRate,
    fxCurrency: input.fxCurrency ?? LIFECYCLE_DEFAULTS.fxCurrency,
    returnDays: input.returnDays ?? LIFECYCLE_DEFAULTS.returnDays,
    testResult: input.testResult ?? LIFECYCLE_DEFAULTS.testResult,
    testNote: input.testNote ?? LIFECYCLE_DEFAULTS.testNote,
    title: input.title ?? LIFECYCLE_DEFAULTS.title,
    externalId: input.externalId ?? LIFECYCLE_DEFAULTS.externalId,
  };
  // The stored-field rules every write is held to, whatever path it came by (form, restore, import).
  const found = storedFieldIssues(fields);
  if (found.length > 0) {
    const issues = found.map((i) => ({ path: `${where}${i.path}`, message: i.message }));
    throw new ApiFailure('VALIDATION', `${where ? `${where.replace(/\.$/, '')}: ` : ''}${issues[0]!.message}`, issues);
  }
  // Derived here, so a stored number always matches the stored URL.
  return paramsOf(fields, fields.listingUrl === null ? null : ebayItemNumber(fields.listingUrl));
}

/** Column parameters of checked fields; `ebayNumber` is the one derived from their listing URL. */
function paramsOf(fields: ItemFields, ebayNumber: string | null) {
  return {
    part_id: fields.partId,
    quantity: fields.quantity,
    status: fields.status,
    currency: fields.currency,
    price_minor: fields.priceMinor,
    shipping_minor: fields.shippingMinor,
    tax_minor: fields.taxMinor,
    seller: fields.seller,
    listing_url: fields.listingUrl,
    ebay_item_number: ebayNumber,
    order_number: fields.orderNumber,
    ordered_on: fields.orderedOn,
    received_on: fields.receivedOn,
    return_by: fields.returnBy,
    condition: fields.condition,
    serial_number: fields.serialNumber,
    notes: fields.notes,
    fees_minor: fields.feesMinor,
    fx_rate: fields.fxRate,
    fx_currency: fields.fxRate === null ? null : fields.fxCurrency,
    return_days: fields.returnDays,
    test_result: fields.testResult,
    test_note: fields.testNote,
    title: fields.title,
    external_id: fields.externalId,
  };
}

/**
 * search_text for the row being written (named parameters of fieldParams):
 * what the search box looks in. The same expression refreshes it when a part
 * is renamed (trigger parts_search_on_rename in migration 0001).
 */
export const SEARCH_TEXT_SQL = `lower(concat_ws(char(10), (SELECT vendor || ' ' || model FROM parts WHERE parts.id = @part_id),
  @seller, @notes, @serial_number, @order_number, @ebay_item_number))`;

/** The same search_text from a stored row's own columns (after an update that kept some of them). */
export const SEARCH_TEXT_OF_ROW_SQL = `lower(concat_ws(char(10), (SELECT vendor || ' ' || model FROM parts WHERE parts.id = inventory_items.part_id),
  seller, notes, serial_number, order_number, ebay_item_number))`;

/**
 * The same search_text computed here, for the import (a subquery per row costs
 * a fifth of the insert): SQLite's lower() folds ASCII letters only and
 * concat_ws skips NULLs. A test holds the two to the same result.
 */
export function searchTextOf(
  partName: string | null,
  p: { seller: string | null; notes: string | null; serial_number: string | null; order_number: string | null; ebay_item_number: string | null },
): string {
  let text = '';
  let first = true;
  for (const v of [partName, p.seller, p.notes, p.serial_number, p.order_number, p.ebay_item_number]) {
    if (v === null) continue;
    text += first ? v : '\n' + v;
    first = false;
  }
  return text.replace(/[A-Z]+/g, (c) => c.toLowerCase());
}

/** INSERT_ITEM with search_text given as @search_text (searchTextOf). */
export const INSERT_ITEM_WITH_SEARCH_TEXT = `INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, shipping_minor, tax_minor,
  seller, listing_url, ebay_item_number, order_number, ordered_on, received_on, return_by, condition, serial_number, notes,
  fees_minor, fx_rate, fx_currency, return_days, test_result, test_note, title, external_id, created_at, updated_at, search_text)
  VALUES (@id, @part_id, @quantity, @status, @currency, @price_minor, @shipping_minor, @tax_minor,
  @seller, @listing_url, @ebay_item_number, @order_number, @ordered_on, @received_on, @return_by, @condition, @serial_number, @notes,
  @fees_minor, @fx_rate, @fx_currency, @return_days, @test_result, @test_note, @title, @external_id, @created_at, @updated_at,
  @search_text)`;

export const INSERT_ITEM = `INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, shipping_minor, tax_minor,
  seller, listing_url, ebay_item_number, order_number, ordered_on, received_on, return_by, condition, serial_number, notes,
  fees_minor, fx_rate, fx_currency, return_days, test_result, test_note, title, external_id, created_at, updated_at, search_text)
  VALUES (@id, @part_id, @quantity, @status, @currency, @price_minor, @shipping_minor, @tax_minor,
  @seller, @listing_url, @ebay_item_number, @order_number, @ordered_on, @received_on, @return_by, @condition, @serial_number, @notes,
  @fees_minor, @fx_rate, @fx_currency, @return_days, @test_result, @test_note, @title, @external_id, @created_at, @updated_at,
  ${SEARCH_TEXT_SQL})`;

export const INSERT_HISTORY = 'INSERT INTO inventory_status_history (item_id, from_status, to_status, at, note) VALUES (?, ?, ?, ?, ?)';

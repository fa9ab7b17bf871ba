// Inventory items, their status history and orders. Functions take validated
// fields (core/inventory/item.ts turns drafts into them); every write is one
// transaction, every status change is written to the history, and a write that
// touches an order re-spreads its shipping and tax (core/inventory/orders.ts).
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import { LIFECYCLE_DEFAULTS, type InventoryItem, type InventoryItemView, type ItemFields, type TestResult } from '#core/inventory/item';
import { spreadOrder, type InventoryOrder } from '#core/inventory/orders';
import { addDays, RETURN_CLOSING_DAYS, RETURNABLE_STATUSES } from '#core/inventory/returns';
import { GroupAccumulator, orderedStatuses, sortedMoney } from '#core/inventory/totals';
import { RATE_DECIMALS } from '#core/inventory/fx';
import { minorDigits } from '#core/money';
import type { StatusChange } from '#core/inventory/history';
import type { InventoryQuery, InventorySortColumn } from '#core/inventory/query';
import { PLANNED_STATUSES, SPENT_STATUSES, type ItemStatus } from '#core/inventory/status';
import type { InventoryTotals } from '#core/inventory/totals';
import { ebayItemNumber } from '#core/inventory/ebay';
import type { Money } from '#core/money';
import { inTransaction } from '../transaction';
import { likeContains, searchWords } from './search';

/** Prepared statements per connection: preparing is a good part of a small write's cost. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt<P extends unknown[] = unknown[], R = unknown>(db: Database.Database, sql: string): Database.Statement<P, R> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= 300) cache.clear(); // list queries vary with their filters: keep the cache bounded
    cache.set(sql, (statement = db.prepare(sql)));
  }
  return statement as unknown as Database.Statement<P, R>;
}

interface ItemRow {
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
  order_shipping_minor: number | null;
  order_tax_minor: number | null;
  return_deadline: string | null;
  created_at: string;
  updated_at: string;
  part_category: string;
  part_vendor: string;
  part_model: string;
}

interface HistoryRow {
  item_id: string;
  from_status: ItemStatus | null;
  to_status: ItemStatus;
  at: string;
  note: string | null;
}

const ITEM_COLUMNS = `i.id, i.part_id, i.quantity, i.status, i.currency, i.price_minor, i.shipping_minor, i.tax_minor,
  i.seller, i.listing_url, i.ebay_item_number, i.order_number, i.ordered_on, i.received_on, i.return_by,
  i.condition, i.serial_number, i.notes, i.fees_minor, i.fx_rate, i.fx_currency, i.return_days, i.test_result, i.test_note,
  i.order_shipping_minor, i.order_tax_minor, i.return_deadline, i.created_at, i.updated_at,
  p.category AS part_category, p.vendor AS part_vendor, p.model AS part_model`;

function toView(row: ItemRow): InventoryItemView {
  return {
    id: row.id,
    partId: row.part_id,
    quantity: row.quantity,
    status: row.status,
    currency: row.currency,
    priceMinor: row.price_minor,
    shippingMinor: row.shipping_minor,
    taxMinor: row.tax_minor,
    seller: row.seller,
    listingUrl: row.listing_url,
    ebayItemNumber: row.ebay_item_number,
    orderNumber: row.order_number,
    orderedOn: row.ordered_on,
    receivedOn: row.received_on,
    returnBy: row.return_by,
    condition: row.condition,
    serialNumber: row.serial_number,
    notes: row.notes,
    feesMinor: row.fees_minor,
    fxRate: row.fx_rate,
    fxCurrency: row.fx_currency,
    returnDays: row.return_days,
    testResult: row.test_result,
    testNote: row.test_note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    part: { category: row.part_category, vendor: row.part_vendor, model: row.part_model },
    orderShippingMinor: row.order_shipping_minor,
    orderTaxMinor: row.order_tax_minor,
    returnDeadline: row.return_deadline,
  };
}

function toHistory(row: HistoryRow): StatusChange {
  return { itemId: row.item_id, fromStatus: row.from_status, toStatus: row.to_status, at: row.at, note: row.note };
}

function fieldParams(input: ItemFields) {
  const fields = { ...LIFECYCLE_DEFAULTS, ...input };
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
    // Derived here too, so a stored number always matches the stored URL.
    ebay_item_number: fields.listingUrl === null ? null : ebayItemNumber(fields.listingUrl),
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
  };
}

function assertPartExists(db: Database.Database, partId: string): void {
  if (!stmt(db, 'SELECT 1 FROM parts WHERE id = ?').get(partId)) {
    throw new ApiFailure('VALIDATION', 'Choose a part from the catalog', [{ path: 'partId', message: `No part "${partId}" in the catalog; choose one from the list` }]);
  }
}

function notFound(id: string): ApiFailure {
  return new ApiFailure('NOT_FOUND', `No inventory item with id ${id} (it may have been deleted).`);
}

/**
 * search_text for the row being written (named parameters of fieldParams):
 * what the search box looks in. The same expression refreshes it when a part
 * is renamed (trigger parts_search_on_rename in migration 0001).
 */
const SEARCH_TEXT_SQL = `lower(concat_ws(char(10), (SELECT vendor || ' ' || model FROM parts WHERE parts.id = @part_id),
  @seller, @notes, @serial_number, @order_number, @ebay_item_number))`;

const INSERT_ITEM = `INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, shipping_minor, tax_minor,
  seller, listing_url, ebay_item_number, order_number, ordered_on, received_on, return_by, condition, serial_number, notes,
  fees_minor, fx_rate, fx_currency, return_days, test_result, test_note, created_at, updated_at, search_text)
  VALUES (@id, @part_id, @quantity, @status, @currency, @price_minor, @shipping_minor, @tax_minor,
  @seller, @listing_url, @ebay_item_number, @order_number, @ordered_on, @received_on, @return_by, @condition, @serial_number, @notes,
  @fees_minor, @fx_rate, @fx_currency, @return_days, @test_result, @test_note, @created_at, @updated_at,
  ${SEARCH_TEXT_SQL})`;

const INSERT_HISTORY = 'INSERT INTO inventory_status_history (item_id, from_status, to_status, at, note) VALUES (?, ?, ?, ?, ?)';

export interface WriteOptions {
  now: Date;
  /** Recorded with a status change (e.g. "memtest86 4 passes"). */
  note?: string | null;
}

export function getItem(db: Database.Database, id: string): InventoryItemView | null {
  const row = stmt<[string], ItemRow>(db, `SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id WHERE i.id = ?`).get(id);
  return row ? toView(row) : null;
}

/** Status history of one item, oldest first. */
export function getItemHistory(db: Database.Database, id: string): StatusChange[] {
  return db
    .prepare<[string], HistoryRow>('SELECT item_id, from_status, to_status, at, note FROM inventory_status_history WHERE item_id = ? ORDER BY at, id')
    .all(id)
    .map(toHistory);
}

export function createItem(db: Database.Database, fields: ItemFields, options: WriteOptions & { id?: string }): InventoryItemView {
  const id = options.id ?? randomUUID();
  const at = options.now.toISOString();
  return inTransaction(db, () => {
    assertPartExists(db, fields.partId);
    assertOrderCurrency(db, fields);
    stmt(db, INSERT_ITEM).run({ id, ...fieldParams(fields), created_at: at, updated_at: at });
    stmt(db, INSERT_HISTORY).run(id, null, fields.status, at, options.note ?? null);
    respreadOrder(db, fields.orderNumber);
    return getItem(db, id)!;
  });
}

/** Replaces an item's fields; a changed status is added to its history. */
export function updateItem(db: Database.Database, id: string, fields: ItemFields, options: WriteOptions): InventoryItemView {
  const at = options.now.toISOString();
  return inTransaction(db, () => {
    const current = getItem(db, id);
    if (!current) throw notFound(id);
    if (fields.partId !== current.partId) assertPartExists(db, fields.partId);
    assertOrderCurrency(db, fields);
    stmt(
      db,
      `UPDATE inventory_items SET part_id = @part_id, quantity = @quantity, status = @status, currency = @currency,
         price_minor = @price_minor, shipping_minor = @shipping_minor, tax_minor = @tax_minor, seller = @seller,
         listing_url = @listing_url, ebay_item_number = @ebay_item_number, order_number = @order_number,
         ordered_on = @ordered_on, received_on = @received_on, return_by = @return_by, condition = @condition,
         serial_number = @serial_number, notes = @notes, fees_minor = @fees_minor, fx_rate = @fx_rate, fx_currency = @fx_currency,
         return_days = @return_days, test_result = @test_result, test_note = @test_note,
         updated_at = @updated_at, search_text = ${SEARCH_TEXT_SQL}
       WHERE id = @id`,
    ).run({ id, ...fieldParams(fields), updated_at: at });
    if (fields.status !== current.status) stmt(db, INSERT_HISTORY).run(id, current.status, fields.status, at, options.note ?? null);
    respreadOrder(db, current.orderNumber);
    if (fields.orderNumber !== current.orderNumber) respreadOrder(db, fields.orderNumber);
    return getItem(db, id)!;
  });
}

/** Deletes an item and returns it with its history, which is all `restoreItem` needs. */
export function deleteItem(db: Database.Database, id: string): { item: InventoryItemView; history: StatusChange[] } {
  return inTransaction(db, () => {
    const item = getItem(db, id);
    if (!item) throw notFound(id);
    const history = getItemHistory(db, id);
    db.prepare('DELETE FROM inventory_items WHERE id = ?').run(id);
    respreadOrder(db, item.orderNumber);
    return { item, history };
  });
}

/** Undo of a delete: the item returns under its own id with its fields, timestamps and history. */
export function restoreItem(db: Database.Database, item: InventoryItem, history: readonly StatusChange[]): InventoryItemView {
  return inTransaction(db, () => {
    if (db.prepare('SELECT 1 FROM inventory_items WHERE id = ?').get(item.id)) {
      throw new ApiFailure('CONFLICT', `An inventory item with id ${item.id} already exists; it was not deleted or was restored already.`);
    }
    assertPartExists(db, item.partId);
    stmt(db, INSERT_ITEM).run({ id: item.id, ...fieldParams(item), created_at: item.createdAt, updated_at: item.updatedAt });
    const own = history.filter((h) => h.itemId === item.id);
    const steps = own.length > 0 ? own : [{ itemId: item.id, fromStatus: null, toStatus: item.status, at: item.createdAt, note: null }];
    const insert = stmt(db, INSERT_HISTORY);
    for (const h of steps) insert.run(item.id, h.fromStatus, h.toStatus, h.at, h.note);
    respreadOrder(db, item.orderNumber);
    return getItem(db, item.id)!;
  });
}

/** Sort keys per column; unknown (NULL) values sort last in both directions, ties by id for stable pages. */
const SORT_SQL: Record<InventorySortColumn, string[]> = {
  part: ['p.vendor COLLATE NOCASE', 'p.model COLLATE NOCASE'],
  category: ['p.category'],
  vendor: ['p.vendor COLLATE NOCASE'],
  model: ['p.model COLLATE NOCASE'],
  quantity: ['i.quantity'],
  status: ['i.status_rank'],
  currency: ['i.currency'],
  price: ['i.price_minor'],
  shipping: ['i.shipping_minor'],
  tax: ['i.tax_minor'],
  landedCost: ['i.landed_cost_minor'],
  seller: ['i.seller COLLATE NOCASE'],
  listingUrl: ['i.listing_url'],
  ebayItemNumber: ['i.ebay_item_number'],
  orderNumber: ['i.order_number COLLATE NOCASE'],
  orderedOn: ['i.ordered_on'],
  receivedOn: ['i.received_on'],
  returnBy: ['i.return_by'],
  returnDeadline: ['i.return_deadline'],
  fees: ['i.fees_minor'],
  testResult: ['i.test_result'],
  condition: ['i.condition COLLATE NOCASE'],
  serialNumber: ['i.serial_number COLLATE NOCASE'],
  notes: ['i.notes COLLATE NOCASE'],
  createdAt: ['i.created_at'],
  updatedAt: ['i.updated_at'],
};
const NOT_NULL_COLUMNS = new Set<InventorySortColumn>(['part', 'category', 'vendor', 'model', 'quantity', 'status', 'currency', 'createdAt', 'updatedAt']);

function orderBy(query: InventoryQuery): string {
  const { column, direction } = query.sort;
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const nulls = NOT_NULL_COLUMNS.has(column) ? '' : ' NULLS LAST';
  const keys = SORT_SQL[column].map((expr) => `${expr} ${dir}${nulls}`);
  return [...keys, `i.id ${dir}`].join(', ');
}

interface Filter {
  where: string;
  params: string[];
  /** A search reads every row's search_text: a straight table scan then beats walking a sort index. */
  searching: boolean;
}

function filterSql(query: InventoryQuery): Filter {
  const clauses: string[] = [];
  const params: string[] = [];
  if (query.returnClosing) {
    const today = query.today ?? new Date().toISOString().slice(0, 10);
    clauses.push(`i.status IN (${RETURNABLE_STATUSES.map((s) => `'${s}'`).join(', ')}) AND i.return_deadline BETWEEN ? AND ?`);
    params.push(today, addDays(today, RETURN_CLOSING_DAYS));
  }
  if (query.statuses.length > 0) {
    clauses.push(`i.status IN (${query.statuses.map(() => '?').join(', ')})`);
    params.push(...query.statuses);
  }
  if (query.categories.length > 0) {
    // "+" keeps SQLite from fetching a category's items by part and sorting them all:
    // categories are broad, so walking the sort index and checking each row is faster.
    clauses.push(`+i.part_id IN (SELECT id FROM parts WHERE category IN (${query.categories.map(() => '?').join(', ')}))`);
    params.push(...query.categories);
  }
  const words = searchWords(query.search);
  for (const word of words) {
    clauses.push(`i.search_text LIKE ? ESCAPE '\\'`);
    params.push(likeContains(word));
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, searching: words.length > 0 };
}


/** Landed cost of a row from its base columns (the same as the generated landed_cost_minor, readable from the totals index). */
const LANDED_SQL = `((coalesce(i.price_minor, 0) + coalesce(i.shipping_minor, 0) + coalesce(i.tax_minor, 0) + coalesce(i.fees_minor, 0)) * i.quantity
  + coalesce(i.order_shipping_minor, 0) + coalesce(i.order_tax_minor, 0))`;
const EXTRA_SQL = `((coalesce(i.shipping_minor, 0) + coalesce(i.tax_minor, 0) + coalesce(i.fees_minor, 0)) * i.quantity
  + coalesce(i.order_shipping_minor, 0) + coalesce(i.order_tax_minor, 0))`;
const KNOWN_SQL = `(i.price_minor IS NOT NULL OR i.shipping_minor IS NOT NULL OR i.tax_minor IS NOT NULL OR i.fees_minor IS NOT NULL
  OR i.order_shipping_minor IS NOT NULL OR i.order_tax_minor IS NOT NULL)`;

/** Currencies whose minor digits may differ from 2; minorDigits (core/money.ts) decides for each. */
const MINOR_DIGIT_CURRENCIES = ['JPY', 'KRW', 'CLP', 'ISK', 'VND', 'PYG', 'UGX', 'XOF', 'XAF', 'XPF', 'BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD', 'HUF', 'TWD'];

/** SQL for the minor digits of a currency column (core/money.ts minorDigits). */
function digitsSql(column: string): string {
  const byDigits = new Map<number, string[]>();
  for (const code of MINOR_DIGIT_CURRENCIES) {
    const d = minorDigits(code);
    if (d !== 2) byDigits.set(d, [...(byDigits.get(d) ?? []), code]);
  }
  const whens = [...byDigits.entries()].map(([d, codes]) => `WHEN ${column} IN (${codes.map((c) => `'${c}'`).join(', ')}) THEN ${d}`).join(' ');
  return `(CASE ${whens} ELSE 2 END)`;
}
/** Digits of fx_currency − digits of currency: how far minor units × rate must shift into the target's minor units. */
const FX_SHIFT_SQL = `(${digitsSql('i.fx_currency')} - ${digitsSql('i.currency')})`;
/** 10^max(shift, 0) and 10^RATE_DECIMALS × 10^max(−shift, 0), as integers. */
const FX_NUM_SQL = `(CASE ${FX_SHIFT_SQL} WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 1 END)`;
const FX_DEN_SQL = `(CASE ${FX_SHIFT_SQL} WHEN -1 THEN 10 WHEN -2 THEN 100 WHEN -3 THEN 1000 ELSE 1 END * ${10 ** RATE_DECIMALS})`;
/**
 * The row's landed cost in its rate's currency, rounded half away from zero per
 * item, in integer arithmetic exactly as core/inventory/fx.ts convertMinor does
 * (a REAL product would round 45 × 0.7 down to 31).
 */
const FX_RN_SQL = `(CAST(round(i.fx_rate * ${10 ** RATE_DECIMALS}) AS INTEGER) * ${FX_NUM_SQL})`;
// |landed| × RN / D, rounded half up, as |landed| × (RN div D) + (|landed| × (RN mod D) + D/2) div D:
// every product stays far inside 64 bits, where |landed| × RN itself would not for large amounts.
const LANDED_FX_SQL = () => `(CASE WHEN i.fx_rate IS NULL THEN NULL ELSE
  (CASE WHEN ${LANDED_SQL} < 0 THEN -1 ELSE 1 END)
  * (abs(${LANDED_SQL}) * (${FX_RN_SQL} / ${FX_DEN_SQL}) + (abs(${LANDED_SQL}) * (${FX_RN_SQL} % ${FX_DEN_SQL}) + ${FX_DEN_SQL} / 2) / ${FX_DEN_SQL}) END)`;

interface TotalsRow {
  status: ItemStatus;
  currency: string;
  part_id: string;
  fx_currency: string | null;
  amount: number;
  /** Σ landed converted at each item's rate (minor units of fx_currency), and the same over priced items only. */
  amount_fx: number | null;
  priced_fx: number | null;
  unpriced: number;
  unpriced_quantity: number;
  unpriced_extra: number;
  known: number;
  quantity: number;
  n: number;
}

/**
 * The number of matching items and their totals in one pass over the totals
 * index (core/inventory/totals.ts says what counts and why; it is the
 * reference this must agree with). Groups are per status, currency, part and
 * rate target, so planned items without a price can be priced from their
 * part's typical used price, and converted sums scaled once per group.
 */
function countAndTotals(db: Database.Database, filter: Filter, baseCurrency: string): { total: number; totals: InventoryTotals } {
  const rows = stmt<string[], TotalsRow>(
    db,
    `SELECT i.status, i.currency, i.part_id, i.fx_currency,
       sum(${LANDED_SQL}) AS amount,
       sum(${LANDED_FX_SQL()}) AS amount_fx,
       sum(CASE WHEN i.price_minor IS NOT NULL THEN ${LANDED_FX_SQL()} END) AS priced_fx,
       sum(i.price_minor IS NULL) AS unpriced,
       sum(CASE WHEN i.price_minor IS NULL THEN i.quantity ELSE 0 END) AS unpriced_quantity,
       sum(CASE WHEN i.price_minor IS NULL THEN ${EXTRA_SQL} ELSE 0 END) AS unpriced_extra,
       sum(${KNOWN_SQL}) AS known,
       sum(i.quantity) AS quantity,
       count(*) AS n
     FROM inventory_items i ${filter.where}
     GROUP BY i.status, i.currency, i.part_id, i.fx_currency`,
  ).all(...filter.params);

  const planned = (status: ItemStatus) => (PLANNED_STATUSES as readonly string[]).includes(status);
  const spentStatus = (status: ItemStatus) => (SPENT_STATUSES as readonly string[]).includes(status);
  const estimateParts = [...new Set(rows.filter((r) => planned(r.status) && r.unpriced > 0).map((r) => r.part_id))];
  const typical = new Map<string, Money>();
  if (estimateParts.length > 0) {
    const found = stmt<[string], { id: string; minor: number; currency: string }>(
      db,
      `SELECT id, typical_price_minor AS minor, typical_price_currency AS currency FROM parts
       WHERE typical_price_minor IS NOT NULL AND id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(estimateParts));
    for (const p of found) typical.set(p.id, { amountMinor: p.minor, currency: p.currency });
  }
  const categories = new Map<string, string>();
  if (rows.length > 0) {
    for (const p of stmt<[], { id: string; category: string }>(db, 'SELECT id, category FROM parts').all()) categories.set(p.id, p.category);
  }

  const spent = new Map<string, number>();
  const wishlist = new Map<string, number>();
  const inBase = { currency: baseCurrency, spentMinor: 0, wishlistMinor: 0, unconvertedCount: 0 };
  const byStatus = new Map<ItemStatus, GroupAccumulator>();
  const byCategory = new Map<string, GroupAccumulator>();
  const add = (sums: Map<string, number>, currency: string, amount: number) => sums.set(currency, (sums.get(currency) ?? 0) + amount);
  /** An amount of the row's currency (with the same converted at the items' rates) in the base currency, or null. */
  const toBase = (row: TotalsRow, amount: number, amountFx: number | null): number | null => {
    if (row.currency === baseCurrency) return amount;
    if (row.fx_currency === baseCurrency && amountFx !== null) return amountFx;
    return null;
  };
  let total = 0;
  let spentUnpricedCount = 0;
  let wishlistUnpricedCount = 0;
  for (const row of rows) {
    total += row.n;
    let status = byStatus.get(row.status);
    if (!status) byStatus.set(row.status, (status = new GroupAccumulator()));
    const categoryKey = categories.get(row.part_id) ?? 'other';
    let category = byCategory.get(categoryKey);
    if (!category) byCategory.set(categoryKey, (category = new GroupAccumulator()));
    const groups = [status, category];
    for (const g of groups) {
      g.count += row.n;
      g.quantity += row.quantity;
    }
    /** Adds a value of `count` items to the groups (and to the base totals when `into` says so). */
    const value = (currency: string, amount: number, inBaseAmount: number | null, count: number, into: 'spent' | 'wishlist' | null) => {
      for (const g of groups) {
        add(g.sums, currency, amount);
        if (inBaseAmount === null) g.unconvertedCount += count;
        else g.baseMinor += inBaseAmount;
      }
      if (into === null) return;
      if (inBaseAmount === null) inBase.unconvertedCount += count;
      else if (into === 'spent') inBase.spentMinor += inBaseAmount;
      else inBase.wishlistMinor += inBaseAmount;
    };
    if (spentStatus(row.status)) {
      add(spent, row.currency, row.amount);
      spentUnpricedCount += row.unpriced;
      value(row.currency, row.amount, toBase(row, row.amount, row.amount_fx), row.n, 'spent');
    } else if (planned(row.status)) {
      // Items with their own price count at their landed cost; the others at the typical price.
      if (row.n > row.unpriced) {
        const amount = row.amount - row.unpriced_extra;
        add(wishlist, row.currency, amount);
        value(row.currency, amount, toBase(row, amount, row.priced_fx), row.n - row.unpriced, 'wishlist');
      }
      if (row.unpriced > 0) {
        const price = typical.get(row.part_id);
        if (price) {
          const amount = price.amountMinor * row.unpriced_quantity;
          add(wishlist, price.currency, amount);
          value(price.currency, amount, price.currency === baseCurrency ? amount : null, row.unpriced, 'wishlist');
        } else wishlistUnpricedCount += row.unpriced;
      }
    } else if (row.known > 0) {
      value(row.currency, row.amount, toBase(row, row.amount, row.amount_fx), row.known, null);
    }
  }
  return {
    total,
    totals: {
      spent: sortedMoney(spent),
      wishlist: sortedMoney(wishlist),
      wishlistUnpricedCount,
      spentUnpricedCount,
      inBase,
      byStatus: orderedStatuses(byStatus),
      byCategory: [...byCategory.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, g]) => ({ category: c, ...g.result() })),
    },
  };
}

/** Sorts whose keys live on the part: walk parts in order, then each part's items (index on part_id, id). */
const PART_SORTS = new Set<InventorySortColumn>(['part', 'category', 'vendor', 'model']);

/** One page of items matching the query, the number of all matches and their totals (one read transaction, so they agree). */
export function listItems(db: Database.Database, query: InventoryQuery): { items: InventoryItemView[]; total: number; totals: InventoryTotals } {
  const filter = filterSql(query);
  const order = orderBy(query);
  const partSort = PART_SORTS.has(query.sort.column);
  // The page is chosen first by a narrow query (row ids only), then read in full.
  // Without a search it walks a sort index and stops after the page; CROSS JOIN
  // fixes the loop order (SQLite would otherwise start from the handful of parts
  // and sort every item). A search reads every row's search_text anyway, so it
  // scans the table straight through (NOT INDEXED) and sorts only the matches.
  const pageFrom = filter.searching
    ? `FROM inventory_items i NOT INDEXED${partSort ? ' CROSS JOIN parts p ON p.id = i.part_id' : ''}`
    : partSort
      ? 'FROM parts p CROSS JOIN inventory_items i ON i.part_id = p.id'
      : 'FROM inventory_items i';
  const sql = `SELECT ${ITEM_COLUMNS} FROM inventory_items i CROSS JOIN parts p ON p.id = i.part_id
    WHERE i.rowid IN (SELECT i.rowid ${pageFrom} ${filter.where} ORDER BY ${order} LIMIT ? OFFSET ?)
    ORDER BY ${order}`;
  return db.transaction(() => {
    const items = stmt<(string | number)[], ItemRow>(db, sql)
      .all(...filter.params, query.limit, query.offset)
      .map(toView);
    return { items, ...countAndTotals(db, filter, query.baseCurrency) };
  }).deferred();
}

// ——— Orders ———————————————————————————————————————————————————————————————

interface OrderRow {
  order_number: string;
  currency: string;
  shipping_minor: number | null;
  tax_minor: number | null;
}

export function getOrder(db: Database.Database, orderNumber: string): InventoryOrder | null {
  const row = stmt<[string], OrderRow>(db, 'SELECT order_number, currency, shipping_minor, tax_minor FROM inventory_orders WHERE order_number = ?').get(orderNumber);
  return row ? { orderNumber: row.order_number, currency: row.currency, shippingMinor: row.shipping_minor, taxMinor: row.tax_minor } : null;
}

/** An item joining an order with shipping/tax must be in the order's currency (shares are spread in it). */
function assertOrderCurrency(db: Database.Database, fields: ItemFields): void {
  if (fields.orderNumber === null) return;
  const order = getOrder(db, fields.orderNumber);
  if (order && order.currency !== fields.currency) {
    throw new ApiFailure('VALIDATION', `Order ${fields.orderNumber} has its shipping and tax in ${order.currency}; its items must be in ${order.currency} too`, [
      { path: 'currency', message: `Order ${fields.orderNumber} is in ${order.currency}: use ${order.currency} for its items` },
    ]);
  }
}

/** Writes each item's share of its order's shipping and tax (all NULL when the order has none). */
export function respreadOrder(db: Database.Database, orderNumber: string | null): void {
  if (orderNumber === null) return;
  const order = getOrder(db, orderNumber);
  if (!order) {
    stmt(db, 'UPDATE inventory_items SET order_shipping_minor = NULL, order_tax_minor = NULL WHERE order_number = ? AND (order_shipping_minor IS NOT NULL OR order_tax_minor IS NOT NULL)').run(orderNumber);
    return;
  }
  const lines = stmt<[string], { id: string; quantity: number; price_minor: number | null; currency: string }>(
    db,
    'SELECT id, quantity, price_minor, currency FROM inventory_items WHERE order_number = ?',
  ).all(orderNumber);
  const eligible = lines.filter((l) => l.currency === order.currency).map((l) => ({ id: l.id, quantity: l.quantity, priceMinor: l.price_minor }));
  const shares = spreadOrder(order, eligible);
  const update = stmt(db, 'UPDATE inventory_items SET order_shipping_minor = ?, order_tax_minor = ? WHERE id = ?');
  for (const line of lines) {
    const share = shares.get(line.id);
    update.run(share?.shippingMinor ?? null, share?.taxMinor ?? null, line.id);
  }
}

/**
 * Sets (or, with both amounts null, removes) an order's shipping and tax and
 * spreads them over its items. Items in another currency are refused.
 */
export function setOrder(db: Database.Database, order: InventoryOrder, now: Date): InventoryOrder | null {
  return inTransaction(db, () => {
    if (order.shippingMinor === null && order.taxMinor === null) {
      stmt(db, 'DELETE FROM inventory_orders WHERE order_number = ?').run(order.orderNumber);
    } else {
      const other = stmt<[string, string], { currency: string }>(db, 'SELECT currency FROM inventory_items WHERE order_number = ? AND currency <> ? LIMIT 1').get(order.orderNumber, order.currency);
      if (other) {
        throw new ApiFailure('VALIDATION', `Items of order ${order.orderNumber} are in ${other.currency}: enter its shipping and tax in that currency`, [
          { path: 'currency', message: `The order's items are in ${other.currency}` },
        ]);
      }
      stmt(
        db,
        `INSERT INTO inventory_orders (order_number, currency, shipping_minor, tax_minor, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (order_number) DO UPDATE SET currency = excluded.currency, shipping_minor = excluded.shipping_minor, tax_minor = excluded.tax_minor, updated_at = excluded.updated_at`,
      ).run(order.orderNumber, order.currency, order.shippingMinor, order.taxMinor, now.toISOString());
    }
    respreadOrder(db, order.orderNumber);
    return getOrder(db, order.orderNumber);
  });
}

/** The items of one order (oldest first). */
export function orderItems(db: Database.Database, orderNumber: string): InventoryItemView[] {
  return stmt<[string], ItemRow>(db, `SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id WHERE i.order_number = ? ORDER BY i.created_at, i.rowid`)
    .all(orderNumber)
    .map(toView);
}

// ——— Import and export ————————————————————————————————————————————————————

export interface ImportRecord {
  fields: ItemFields;
  /** Recorded with the item's first history entry. */
  note?: string | null;
}

/**
 * Adds every record and sets the given orders in ONE transaction: all of it
 * is written, or (on any error, or if the process dies part-way) none of it.
 * Order shares are spread once per touched order at the end.
 */
export function importItems(db: Database.Database, records: readonly ImportRecord[], orders: readonly InventoryOrder[], options: { now: Date; ids?: () => string }): { ids: string[] } {
  const at = options.now.toISOString();
  const nextId = options.ids ?? randomUUID;
  return inTransaction(db, () => {
    const known = new Set(stmt<[], { id: string }>(db, 'SELECT id FROM parts').all().map((p) => p.id));
    const insert = stmt(db, INSERT_ITEM);
    const history = stmt(db, INSERT_HISTORY);
    const upsertOrder = stmt(
      db,
      `INSERT INTO inventory_orders (order_number, currency, shipping_minor, tax_minor, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (order_number) DO UPDATE SET currency = excluded.currency, shipping_minor = excluded.shipping_minor, tax_minor = excluded.tax_minor, updated_at = excluded.updated_at`,
    );
    const touched = new Set<string>();
    for (const order of orders) {
      upsertOrder.run(order.orderNumber, order.currency, order.shippingMinor, order.taxMinor, at);
      touched.add(order.orderNumber);
    }
    const ids: string[] = [];
    records.forEach((record, index) => {
      const { fields } = record;
      if (!known.has(fields.partId)) {
        throw new ApiFailure('VALIDATION', `Record ${index + 1}: no part "${fields.partId}" in the catalog`, [{ path: `rows.${index}.partId`, message: `No part "${fields.partId}" in the catalog` }]);
      }
      const id = nextId();
      insert.run({ id, ...fieldParams(fields), created_at: at, updated_at: at });
      history.run(id, null, fields.status, at, record.note ?? null);
      if (fields.orderNumber !== null) touched.add(fields.orderNumber);
      ids.push(id);
    });
    for (const orderNumber of touched) {
      const order = getOrder(db, orderNumber);
      const other = order && stmt<[string, string], { currency: string }>(db, 'SELECT currency FROM inventory_items WHERE order_number = ? AND currency <> ? LIMIT 1').get(orderNumber, order.currency);
      if (order && other) {
        throw new ApiFailure('VALIDATION', `Order ${orderNumber} has its shipping and tax in ${order.currency} but items in ${other.currency}`, [{ path: 'currency', message: `Order ${orderNumber} mixes ${order.currency} and ${other.currency}` }]);
      }
      respreadOrder(db, orderNumber);
    }
    return { ids };
  });
}

/** Every item (oldest first) for export, read lazily. */
export function* iterateItems(db: Database.Database): Generator<InventoryItemView> {
  const rows = db.prepare<[], ItemRow>(`SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id ORDER BY i.created_at, i.rowid`).iterate();
  for (const row of rows) yield toView(row);
}

export function listOrders(db: Database.Database): InventoryOrder[] {
  return stmt<[], OrderRow>(db, 'SELECT order_number, currency, shipping_minor, tax_minor FROM inventory_orders ORDER BY order_number')
    .all()
    .map((row) => ({ orderNumber: row.order_number, currency: row.currency, shippingMinor: row.shipping_minor, taxMinor: row.tax_minor }));
}

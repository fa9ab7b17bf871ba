// Inventory items and their status history. Functions take validated fields
// (core/inventory/item.ts turns drafts into them); every write is one
// transaction, and every status change is written to the history.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import type { InventoryItem, InventoryItemView, ItemFields } from '#core/inventory/item';
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
  i.condition, i.serial_number, i.notes, i.created_at, i.updated_at,
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    part: { category: row.part_category, vendor: row.part_vendor, model: row.part_model },
  };
}

function toHistory(row: HistoryRow): StatusChange {
  return { itemId: row.item_id, fromStatus: row.from_status, toStatus: row.to_status, at: row.at, note: row.note };
}

function fieldParams(fields: ItemFields) {
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
  seller, listing_url, ebay_item_number, order_number, ordered_on, received_on, return_by, condition, serial_number, notes, created_at, updated_at, search_text)
  VALUES (@id, @part_id, @quantity, @status, @currency, @price_minor, @shipping_minor, @tax_minor,
  @seller, @listing_url, @ebay_item_number, @order_number, @ordered_on, @received_on, @return_by, @condition, @serial_number, @notes, @created_at, @updated_at,
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
    stmt(db, INSERT_ITEM).run({ id, ...fieldParams(fields), created_at: at, updated_at: at });
    stmt(db, INSERT_HISTORY).run(id, null, fields.status, at, options.note ?? null);
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
    stmt(
      db,
      `UPDATE inventory_items SET part_id = @part_id, quantity = @quantity, status = @status, currency = @currency,
         price_minor = @price_minor, shipping_minor = @shipping_minor, tax_minor = @tax_minor, seller = @seller,
         listing_url = @listing_url, ebay_item_number = @ebay_item_number, order_number = @order_number,
         ordered_on = @ordered_on, received_on = @received_on, return_by = @return_by, condition = @condition,
         serial_number = @serial_number, notes = @notes, updated_at = @updated_at, search_text = ${SEARCH_TEXT_SQL}
       WHERE id = @id`,
    ).run({ id, ...fieldParams(fields), updated_at: at });
    if (fields.status !== current.status) stmt(db, INSERT_HISTORY).run(id, current.status, fields.status, at, options.note ?? null);
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


/**
 * The number of matching items and their totals in one pass over the totals
 * index (core/inventory/totals.ts says what counts and why). Groups are per
 * status, currency and part, so planned items without a price can be priced
 * from their part's typical used price afterwards.
 */
function countAndTotals(db: Database.Database, filter: Filter): { total: number; totals: InventoryTotals } {
  const rows = stmt<string[], { status: ItemStatus; currency: string; part_id: string; amount: number; unpriced: number; unpriced_quantity: number; unpriced_extra: number; n: number }>(
    db,
    `SELECT i.status, i.currency, i.part_id,
       sum((coalesce(i.price_minor, 0) + coalesce(i.shipping_minor, 0) + coalesce(i.tax_minor, 0)) * i.quantity) AS amount,
       sum(i.price_minor IS NULL) AS unpriced,
       sum(CASE WHEN i.price_minor IS NULL THEN i.quantity ELSE 0 END) AS unpriced_quantity,
       sum(CASE WHEN i.price_minor IS NULL THEN (coalesce(i.shipping_minor, 0) + coalesce(i.tax_minor, 0)) * i.quantity ELSE 0 END) AS unpriced_extra,
       count(*) AS n
     FROM inventory_items i ${filter.where}
     GROUP BY i.status, i.currency, i.part_id`,
  ).all(...filter.params);

  const planned = (status: ItemStatus) => (PLANNED_STATUSES as readonly string[]).includes(status);
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

  const spent = new Map<string, number>();
  const wishlist = new Map<string, number>();
  const add = (sums: Map<string, number>, currency: string, amount: number) => sums.set(currency, (sums.get(currency) ?? 0) + amount);
  let total = 0;
  let spentUnpricedCount = 0;
  let wishlistUnpricedCount = 0;
  for (const row of rows) {
    total += row.n;
    if ((SPENT_STATUSES as readonly string[]).includes(row.status)) {
      add(spent, row.currency, row.amount);
      spentUnpricedCount += row.unpriced;
    } else if (planned(row.status)) {
      // Items with their own price count at their landed cost; the others at the typical price.
      if (row.n > row.unpriced) add(wishlist, row.currency, row.amount - row.unpriced_extra);
      if (row.unpriced > 0) {
        const price = typical.get(row.part_id);
        if (price) add(wishlist, price.currency, price.amountMinor * row.unpriced_quantity);
        else wishlistUnpricedCount += row.unpriced;
      }
    }
  }
  const sorted = (sums: Map<string, number>): Money[] =>
    [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
  return { total, totals: { spent: sorted(spent), wishlist: sorted(wishlist), wishlistUnpricedCount, spentUnpricedCount } };
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
    return { items, ...countAndTotals(db, filter) };
  }).deferred();
}

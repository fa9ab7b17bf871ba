// Reading the inventory: one page by filter and sort (with its totals), and
// every item for export.
import type Database from 'better-sqlite3';
import type { InventoryItemView } from '#core/inventory/item';
import { addDays, RETURN_CLOSING_DAYS, RETURNABLE_STATUSES } from '#core/inventory/returns';
import type { InventoryQuery, InventorySortColumn } from '#core/inventory/query';
import type { InventoryTotals } from '#core/inventory/totals';
import { likeContains, searchWords } from '../search';
import { ITEM_COLUMNS, stmt, toView, type ItemRow } from './rows';
import { cachedCountAndTotals } from './totals';

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

export interface Filter {
  where: string;
  params: string[];
  /** A search: the matches are few, so they are found first and sorted. */
  searching: boolean;
  /** Only short words (no trigram): every row's search_text is read, a straight table scan beats walking a sort index. */
  scanning: boolean;
  /** The same filter over the totals summary table (alias t), when it only names statuses and categories; else null. */
  summary?: { where: string; params: string[] } | null;
}

function filterSql(query: InventoryQuery): Filter {
  const clauses: string[] = [];
  const params: string[] = [];
  const summaryClauses: string[] = [];
  const summaryParams: string[] = [];
  if (query.returnClosing) {
    const today = query.today ?? new Date().toISOString().slice(0, 10);
    clauses.push(`i.status IN (${RETURNABLE_STATUSES.map((s) => `'${s}'`).join(', ')}) AND i.return_deadline BETWEEN ? AND ?`);
    params.push(today, addDays(today, RETURN_CLOSING_DAYS));
  }
  if (query.statuses.length > 0) {
    clauses.push(`i.status IN (${query.statuses.map(() => '?').join(', ')})`);
    params.push(...query.statuses);
    summaryClauses.push(`t.status IN (${query.statuses.map(() => '?').join(', ')})`);
    summaryParams.push(...query.statuses);
  }
  if (query.categories.length > 0) {
    // "+" keeps SQLite from fetching a category's items by part and sorting them all:
    // categories are broad, so walking the sort index and checking each row is faster.
    clauses.push(`+i.part_id IN (SELECT id FROM parts WHERE category IN (${query.categories.map(() => '?').join(', ')}))`);
    params.push(...query.categories);
    summaryClauses.push(`t.part_id IN (SELECT id FROM parts WHERE category IN (${query.categories.map(() => '?').join(', ')}))`);
    summaryParams.push(...query.categories);
  }
  const words = searchWords(query.search);
  // Words of 3+ characters are asked of the trigram index (rows up to its watermark) and matched
  // by LIKE above it; shorter ones have no trigram and are matched by LIKE everywhere.
  const indexed = words.filter((w) => [...w].length >= 3);
  const short = words.filter((w) => [...w].length < 3);
  if (indexed.length > 0) {
    const like = indexed.map(() => `i.search_text LIKE ? ESCAPE '\\'`).join(' AND ');
    clauses.push(
      `(i.rowid IN (SELECT rowid FROM inventory_search WHERE inventory_search MATCH ?) OR (i.rowid > (SELECT indexed_through FROM inventory_search_state) AND ${like}))`,
    );
    params.push(indexed.map((w) => `"${w.replace(/"/g, '""')}"`).join(' '), ...indexed.map(likeContains));
  }
  for (const word of short) {
    clauses.push(`i.search_text LIKE ? ESCAPE '\\'`);
    params.push(likeContains(word));
  }
  return {
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
    searching: words.length > 0,
    scanning: indexed.length === 0 && short.length > 0,
    // Search words and return windows are not in the summary: those totals are computed over the matching rows.
    summary:
      words.length === 0 && !query.returnClosing
        ? { where: summaryClauses.length ? `WHERE ${summaryClauses.join(' AND ')}` : '', params: summaryParams }
        : null,
  };
}

/** Sorts whose keys live on the part: walk parts in order, then each part's items (index on part_id, id). */
const PART_SORTS = new Set<InventorySortColumn>(['part', 'category', 'vendor', 'model']);

/**
 * Keyset paging: rows after the cursor row in the sort order (the cursor's sort
 * keys read by its id), so page n costs what page 1 does instead of walking
 * past n pages. NOT NULL keys compare as one row value (SQLite walks the sort
 * index from there); a nullable key spells out NULLS LAST.
 */
function afterCursor(db: Database.Database, query: InventoryQuery, afterId: string): { sql: string; params: (string | number | null)[] } | null {
  const { column, direction } = query.sort;
  const exprs = SORT_SQL[column];
  const cursor = stmt<[string], Record<string, string | number | null>>(
    db,
    `SELECT ${exprs.map((e, k) => `${e} AS k${k}`).join(', ')}, i.id AS id FROM inventory_items i CROSS JOIN parts p ON p.id = i.part_id WHERE i.id = ?`,
  ).get(afterId);
  if (!cursor) return null;
  const values = exprs.map((_, k) => cursor[`k${k}`] ?? null);
  const cmp = direction === 'asc' ? '>' : '<';
  if (NOT_NULL_COLUMNS.has(column)) {
    return { sql: `(${[...exprs, 'i.id'].join(', ')}) ${cmp} (${[...exprs, 'i.id'].map(() => '?').join(', ')})`, params: [...values, cursor.id!] };
  }
  // after(k1…kn, id) = A1 OR (E1 AND (A2 OR (E2 AND … id ⋚ last))), with NULLs after every value.
  let sql = `i.id ${cmp} ?`;
  let params: (string | number | null)[] = [cursor.id!];
  for (let k = exprs.length - 1; k >= 0; k--) {
    const e = exprs[k]!;
    const v = values[k]!;
    if (v === null) {
      sql = `(${e} IS NULL AND ${sql})`;
    } else {
      sql = `(${e} ${cmp} ? OR ${e} IS NULL OR (${e} = ? AND ${sql}))`;
      params = [v, v, ...params];
    }
  }
  return { sql, params };
}

/** One page of items matching the query, the number of all matches and their totals (one read transaction, so they agree). */
export function listItems(db: Database.Database, query: InventoryQuery): { items: InventoryItemView[]; total: number; totals: InventoryTotals } {
  const filter = filterSql(query);
  const order = orderBy(query);
  const partSort = PART_SORTS.has(query.sort.column);
  // The page is chosen first by a narrow query (row ids only), then read in full.
  // Without a search it walks a sort index and stops after the page; CROSS JOIN
  // fixes the loop order (SQLite would otherwise start from the handful of parts
  // and sort every item). A search finds its matches first (trigram index) and
  // sorts only them; one of short words only reads every row's search_text, so
  // it scans the table straight through. NOT INDEXED either way: left free, the
  // planner walked the whole sort index checking each row against the matches
  // (100k rows for a word with 100 matches); rowid lookups stay allowed.
  const pageFrom = filter.searching
    ? `FROM inventory_items i NOT INDEXED${partSort ? ' CROSS JOIN parts p ON p.id = i.part_id' : ''}`
    : partSort
      ? 'FROM parts p CROSS JOIN inventory_items i ON i.part_id = p.id'
      : 'FROM inventory_items i';
  return db
    .transaction(() => {
      const after = query.after ? afterCursor(db, query, query.after) : null;
      const where = after ? (filter.where ? `${filter.where} AND ${after.sql}` : `WHERE ${after.sql}`) : filter.where;
      const sql = `SELECT ${ITEM_COLUMNS} FROM inventory_items i CROSS JOIN parts p ON p.id = i.part_id
      WHERE i.rowid IN (SELECT i.rowid ${pageFrom} ${where} ORDER BY ${order} LIMIT ? OFFSET ?)
      ORDER BY ${order}`;
      const items = stmt<(string | number | null)[], ItemRow>(db, sql)
        .all(...filter.params, ...(after?.params ?? []), query.limit, after ? 0 : query.offset)
        .map(toView);
      return { items, ...cachedCountAndTotals(db, filter, query.baseCurrency) };
    })
    .deferred();
}
/** Every item (oldest first) for export, read lazily. */
export function* iterateItems(db: Database.Database): Generator<InventoryItemView> {
  const rows = db
    .prepare<[], ItemRow>(`SELECT ${ITEM_COLUMNS} FROM inventory_items i JOIN parts p ON p.id = i.part_id ORDER BY i.created_at, i.rowid`)
    .iterate();
  for (const row of rows) yield toView(row);
}

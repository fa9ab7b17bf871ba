// Totals of the matching items: read from the summary table the triggers keep
// (migration 0011) when the filter is statuses and categories only, otherwise
// computed in SQL in one pass over the matching rows and cached per filter.
import type Database from 'better-sqlite3';
import { GroupAccumulator, orderedStatuses, sortedMoney, type InventoryTotals } from '#core/inventory/totals';
import { PLANNED_STATUSES, SPENT_STATUSES, type ItemStatus } from '#core/inventory/status';
import { minorDigits, type Money } from '#core/money';
import { stmt } from './rows';
import type { Filter } from './queries';
import { extraSql, knownSql, landedFxSql, landedSql } from './landedSql';

const LANDED_SQL = landedSql('i');
const EXTRA_SQL = extraSql('i');
const KNOWN_SQL = knownSql('i');

/**
 * The currency shift every converted row shares, from the summary's groups
 * (the rows a filter reads are among them), or undefined when they differ.
 */
function sharedFxShift(db: Database.Database): number | undefined {
  const pairs = stmt<[], { currency: string; fx: string }>(db, 'SELECT DISTINCT currency, fx_currency AS fx FROM inventory_totals WHERE amount_fx_n > 0').all();
  // No rate target ("") counts as 2 digits, as the SQL lookup's ELSE does.
  const shifts = new Set(pairs.map((p) => minorDigits(p.fx) - minorDigits(p.currency)));
  return shifts.size === 0 ? 0 : shifts.size === 1 ? [...shifts][0] : undefined;
}

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

/** The groups computed over the rows a filter matches (a search, a return window). */
function computedRows(db: Database.Database, filter: Filter): TotalsRow[] {
  const LANDED_FX_SQL = landedFxSql('i', sharedFxShift(db));
  return stmt<string[], TotalsRow>(
    db,
    `SELECT i.status, i.currency, i.part_id, i.fx_currency,
       sum(${LANDED_SQL}) AS amount,
       sum(${LANDED_FX_SQL}) AS amount_fx,
       sum(CASE WHEN i.price_minor IS NOT NULL THEN ${LANDED_FX_SQL} END) AS priced_fx,
       sum(i.price_minor IS NULL) AS unpriced,
       sum(CASE WHEN i.price_minor IS NULL THEN i.quantity ELSE 0 END) AS unpriced_quantity,
       sum(CASE WHEN i.price_minor IS NULL THEN ${EXTRA_SQL} ELSE 0 END) AS unpriced_extra,
       sum(${KNOWN_SQL}) AS known,
       sum(i.quantity) AS quantity,
       count(*) AS n
     FROM inventory_items i ${filter.where}
     GROUP BY i.status, i.currency, i.part_id, i.fx_currency`,
  ).all(...filter.params);
}

/**
 * The number of matching items and their totals (core/inventory/totals.ts says
 * what counts and why; it is the reference this must agree with). Groups are
 * per status, currency, part and rate target, so planned items without a
 * price can be priced from their part's typical used price: the summary table
 * holds exactly these groups, the query forms them over the matching rows.
 */
export function countAndTotals(db: Database.Database, filter: Filter, baseCurrency: string): { total: number; totals: InventoryTotals } {
  const rows = filter.summary
    ? stmt<string[], TotalsRow>(
        db,
        `SELECT t.status, t.currency, t.part_id, nullif(t.fx_currency, '') AS fx_currency, t.amount,
           CASE WHEN t.amount_fx_n > 0 THEN t.amount_fx END AS amount_fx, CASE WHEN t.priced_fx_n > 0 THEN t.priced_fx END AS priced_fx,
           t.unpriced, t.unpriced_quantity, t.unpriced_extra, t.known, t.quantity, t.n
         FROM inventory_totals t ${filter.summary.where}`,
      ).all(...filter.summary.params)
    : computedRows(db, filter);

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

/** Per connection: filter + currency → totals, valid while the data version and this connection's change count stand. */
const totalsCache = new WeakMap<Database.Database, Map<string, { version: string; value: { total: number; totals: InventoryTotals } }>>();

/**
 * countAndTotals, computed when the filter changes or the data does (from the
 * summary table that costs a few ms after a write; over the rows, for a search,
 * a pass over its matches). A page
 * of an unchanged inventory costs the page alone. PRAGMA data_version moves
 * when another connection commits (an import's own connection), total_changes()
 * when this one writes: together they say whether anything could differ.
 */
export function cachedCountAndTotals(db: Database.Database, filter: Filter, baseCurrency: string): { total: number; totals: InventoryTotals } {
  const version = `${db.pragma('data_version', { simple: true }) as number}:${stmt<[], { n: number }>(db, 'SELECT total_changes() AS n').get()!.n}`;
  const key = `${baseCurrency}\u0000${filter.where}\u0000${JSON.stringify(filter.params)}`;
  let cache = totalsCache.get(db);
  if (!cache) totalsCache.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) return structuredClone(hit.value);
  const value = countAndTotals(db, filter, baseCurrency);
  if (cache.size >= 32) cache.clear();
  cache.set(key, { version, value });
  return structuredClone(value);
}

// Count and money totals of the inventory kept in a summary table by triggers,
// so the list's totals without a search cost a read of a few hundred rows
// instead of a pass over every item, and a write no longer throws them away.
//
// One row per (status, currency, part, rate target) — the groups the totals
// query forms (db/repositories/inventory/totals.ts) — holding the sums that
// query would compute over the group's items; "" stands for no rate target,
// so the key is a plain primary key. Converted sums keep the number of items
// that had a rate: SQL's sum() over no rate is NULL, not 0. The per-row money
// comes from the same expressions the totals query uses (landedSql.ts); if
// those change, a new migration must re-create these triggers (the schema
// snapshot test shows the difference).
//
// Only writes to the columns the totals read fire the update trigger, so an
// edit of notes or a search-index refresh costs nothing here.
import { extraSql, knownSql, landedFxSql, landedSql } from '../repositories/inventory/landedSql';
import type { Migration } from './migration';

const KEY = ['status', 'currency', 'part_id', 'fx_currency'] as const;
const SUMS = [
  'amount',
  'amount_fx',
  'amount_fx_n',
  'priced_fx',
  'priced_fx_n',
  'unpriced',
  'unpriced_quantity',
  'unpriced_extra',
  'known',
  'quantity',
  'n',
] as const;

/** The sums one item adds to its group, in SUMS order. */
function contribution(r: string): string[] {
  const fx = landedFxSql(r);
  const unpriced = `${r}.price_minor IS NULL`;
  return [
    landedSql(r),
    `coalesce(${fx}, 0)`,
    `${r}.fx_rate IS NOT NULL`,
    `CASE WHEN ${unpriced} THEN 0 ELSE coalesce(${fx}, 0) END`,
    `(${r}.fx_rate IS NOT NULL AND NOT ${unpriced})`,
    `${unpriced}`,
    `CASE WHEN ${unpriced} THEN ${r}.quantity ELSE 0 END`,
    `CASE WHEN ${unpriced} THEN ${extraSql(r)} ELSE 0 END`,
    knownSql(r),
    `${r}.quantity`,
    '1',
  ];
}

const keyOf = (r: string) => [`${r}.status`, `${r}.currency`, `${r}.part_id`, `coalesce(${r}.fx_currency, '')`];
const matchKey = (r: string) => KEY.map((k, j) => `${k} = ${keyOf(r)[j]}`).join(' AND ');

const addRow = (r: string) => `INSERT INTO inventory_totals (${[...KEY, ...SUMS].join(', ')})
  VALUES (${[...keyOf(r), ...contribution(r)].join(',\n    ')})
  ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET ${SUMS.map((s) => `${s} = ${s} + excluded.${s}`).join(', ')};`;

const removeRow = (r: string) => {
  const c = contribution(r);
  return `UPDATE inventory_totals SET ${SUMS.map((s, j) => `${s} = ${s} - (${c[j]})`).join(',\n    ')}
  WHERE ${matchKey(r)};
  DELETE FROM inventory_totals WHERE ${matchKey(r)} AND n = 0;`;
};

/** Columns the totals read: only an update of one of these moves the summary. */
const READ_COLUMNS = [
  'status',
  'currency',
  'part_id',
  'fx_currency',
  'fx_rate',
  'quantity',
  'price_minor',
  'shipping_minor',
  'tax_minor',
  'fees_minor',
  'order_shipping_minor',
  'order_tax_minor',
];

export const migration: Migration = {
  version: 11,
  name: 'inventory_totals',
  sql: /* sql */ `
CREATE TABLE inventory_totals (
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  part_id TEXT NOT NULL,
  fx_currency TEXT NOT NULL,
  ${SUMS.map((s) => `${s} INTEGER NOT NULL`).join(',\n  ')},
  PRIMARY KEY (${KEY.join(', ')})
) STRICT, WITHOUT ROWID;

INSERT INTO inventory_totals (${[...KEY, ...SUMS].join(', ')})
SELECT ${keyOf('i').join(', ')}, ${contribution('i')
    .map((c) => `sum(${c})`)
    .join(',\n  ')}
FROM inventory_items i GROUP BY ${keyOf('i').join(', ')};

CREATE TRIGGER inventory_totals_insert AFTER INSERT ON inventory_items BEGIN
  ${addRow('NEW')}
END;
CREATE TRIGGER inventory_totals_delete AFTER DELETE ON inventory_items BEGIN
  ${removeRow('OLD')}
END;
CREATE TRIGGER inventory_totals_update AFTER UPDATE OF ${READ_COLUMNS.join(', ')} ON inventory_items BEGIN
  ${removeRow('OLD')}
  ${addRow('NEW')}
END;
`,
};

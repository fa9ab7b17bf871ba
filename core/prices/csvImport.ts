// Price observations from a CSV file, like the inventory import: one row per
// price seen. Columns (any order, header names case-insensitive): part (id or
// name), price, shipping, currency, date, listing, seller, condition, notes.
// Every problem names its line and field; with any problem nothing is stored.
import type { CsvTable } from '../csv/read';
import { checkObservation, type CheckedObservation } from './observation';

export const OBSERVATION_COLUMNS = ['part', 'price', 'shipping', 'currency', 'date', 'listing', 'seller', 'condition', 'notes'] as const;
type Column = (typeof OBSERVATION_COLUMNS)[number];

const ALIASES: Record<string, Column> = {
  part: 'part',
  'part id': 'part',
  partid: 'part',
  model: 'part',
  price: 'price',
  amount: 'price',
  shipping: 'shipping',
  postage: 'shipping',
  currency: 'currency',
  date: 'date',
  'observed on': 'date',
  observedon: 'date',
  seen: 'date',
  listing: 'listing',
  url: 'listing',
  'item number': 'listing',
  seller: 'seller',
  condition: 'condition',
  notes: 'notes',
  note: 'notes',
};

export interface CsvProblem {
  /** 1-based line in the file. */
  line: number;
  field: string;
  message: string;
}

export type ObservationsFromCsv = { ok: true; rows: CheckedObservation[] } | { ok: false; problems: CsvProblem[] };

/** `resolvePart` turns the part cell (an id or a name) into a catalog id, or explains why not. */
export function observationsFromCsv(table: CsvTable, resolvePart: (text: string) => { id: string } | { problem: string }, today: string): ObservationsFromCsv {
  const index = new Map<Column, number>();
  table.headers.forEach((h, i) => {
    const c = ALIASES[h.trim().toLowerCase().replace(/[_-]+/g, ' ')];
    if (c && !index.has(c)) index.set(c, i);
  });
  const problems: CsvProblem[] = [];
  for (const need of ['part', 'price', 'currency', 'date'] as const)
    if (!index.has(need)) problems.push({ line: table.headerLine, field: need, message: `no "${need}" column (columns: ${OBSERVATION_COLUMNS.join(', ')})` });
  if (problems.length) return { ok: false, problems };
  const rows: CheckedObservation[] = [];
  for (const row of table.rows) {
    const cell = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const partText = cell('part');
    let partId = '';
    if (!partText) problems.push({ line: row.line, field: 'part', message: 'no part: name the part (catalog id or model) this price is for' });
    else {
      const r = resolvePart(partText);
      if ('problem' in r) problems.push({ line: row.line, field: 'part', message: r.problem });
      else partId = r.id;
    }
    const condition = cell('condition').toLowerCase();
    const checked = checkObservation(
      {
        partId: partId || 'unresolved',
        price: cell('price'),
        shipping: cell('shipping') || null,
        currency: cell('currency'),
        observedOn: cell('date'),
        listing: cell('listing') || null,
        seller: cell('seller') || null,
        ...(condition ? { condition } : {}),
        notes: cell('notes') || null,
      },
      today,
    );
    if (!checked.ok)
      for (const p of checked.problems) problems.push({ line: row.line, field: p.field === 'observedOn' ? 'date' : p.field, message: p.message });
    else if (partId) rows.push(checked.value);
  }
  if (table.rows.length === 0) problems.push({ line: table.headerLine, field: 'rows', message: 'the file has no rows under its header' });
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

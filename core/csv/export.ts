// CSV files Rackhive writes: the inventory (the generic template's layout, so
// the file imports back as the same records), the empty template, and a
// build's bill of materials. Every cell is escaped against formula injection
// (escape.ts); files are UTF-8 with a BOM (so Excel reads the accents right)
// and CRLF line ends (RFC 4180).
import Papa from 'papaparse';
import { formatAmountPlain, type Money } from '../money';
import type { InventoryItemView } from '../inventory/item';
import type { InventoryOrder } from '../inventory/orders';
import type { Build } from '../build/build';
import { bomOf, type BomMarket, type BomSource } from '../build/bom';
import { groupBom } from '../build/bomGroups';
import { escapeCell } from './escape';
import { TEMPLATE_COLUMNS, type ImportField } from './fields';

export const BOM = '\uFEFF';

/** Rows of cells → CSV text (escaped, quoted where needed, CRLF, BOM first). */
export function toCsv(headers: readonly string[], rows: Iterable<readonly (string | null)[]>): string {
  const data: string[][] = [headers.map(escapeCell)];
  for (const row of rows) data.push(row.map((c) => escapeCell(c ?? '')));
  return BOM + Papa.unparse(data, { newline: '\r\n', quotes: false, escapeFormulae: false }) + '\r\n';
}

/** The empty template: its header line only. */
export function templateCsv(): string {
  return toCsv(
    TEMPLATE_COLUMNS.map((c) => c.header),
    [],
  );
}

/** One item as template cells (field → text). */
export function itemCells(item: InventoryItemView, order: InventoryOrder | undefined): Record<ImportField, string> {
  const amount = (minor: number | null | undefined, currency = item.currency) =>
    minor === null || minor === undefined ? '' : formatAmountPlain(minor, currency);
  const cells: Partial<Record<ImportField, string>> = {
    partId: item.partId,
    part: `${item.part.vendor} ${item.part.model}`.trim(),
    quantity: String(item.quantity),
    status: item.status,
    currency: item.currency,
    price: amount(item.priceMinor),
    shipping: amount(item.shippingMinor),
    tax: amount(item.taxMinor),
    fees: amount(item.feesMinor),
    fxRate: item.fxRate === null || item.fxRate === undefined ? '' : String(item.fxRate),
    fxCurrency: item.fxRate === null || item.fxRate === undefined ? '' : (item.fxCurrency ?? ''),
    orderNumber: item.orderNumber ?? '',
    orderShipping: order ? amount(order.shippingMinor, order.currency) : '',
    orderTax: order ? amount(order.taxMinor, order.currency) : '',
    seller: item.seller ?? '',
    listingUrl: item.listingUrl ?? '',
    orderedOn: item.orderedOn ?? '',
    receivedOn: item.receivedOn ?? '',
    returnDays: item.returnDays === null || item.returnDays === undefined ? '' : String(item.returnDays),
    returnBy: item.returnBy ?? '',
    condition: item.condition ?? '',
    serialNumber: item.serialNumber ?? '',
    testResult: item.testResult ?? '',
    testNote: item.testNote ?? '',
    notes: item.notes ?? '',
    title: item.title ?? '',
    externalId: item.externalId ?? '',
  };
  return cells as Record<ImportField, string>;
}

/** The inventory in the template's layout (all columns), one row per item. */
export function inventoryCsv(items: Iterable<InventoryItemView>, orders: readonly InventoryOrder[] = []): string {
  const byNumber = new Map(orders.map((o) => [o.orderNumber, o]));
  function* rows() {
    for (const item of items) {
      const cells = itemCells(item, item.orderNumber ? byNumber.get(item.orderNumber) : undefined);
      yield TEMPLATE_COLUMNS.map((c) => cells[c.field]);
    }
  }
  return toCsv(
    TEMPLATE_COLUMNS.map((c) => c.header),
    rows(),
  );
}

/** Characters that make Papa.unparse quote a cell (BAD_DELIMITERS and the comma); a leading or trailing space does too. */
const QUOTED = /[\r\n",\uFEFF]/;

/** One cell as Papa.unparse writes it with quotes: false (escapeCell already applied). */
function csvField(cell: string): string {
  if (cell === '') return cell;
  if (QUOTED.test(cell) || cell.charCodeAt(0) === 32 || cell.charCodeAt(cell.length - 1) === 32) return `"${cell.replace(/"/g, '""')}"`;
  return cell;
}

/**
 * The same file as inventoryCsv, in pieces of `rowsPerChunk` rows, so a writer
 * can stream it with memory flat in the number of items. Each line is built
 * straight from the cells (csvField quotes exactly as Papa does, a test holds
 * the bytes equal): going through Papa's row arrays cost as much again as
 * reading the rows.
 */
export function* inventoryCsvChunks(items: Iterable<InventoryItemView>, orders: readonly InventoryOrder[] = [], rowsPerChunk = 1000): Generator<string> {
  const byNumber = new Map(orders.map((o) => [o.orderNumber, o]));
  const fields = TEMPLATE_COLUMNS.map((c) => c.field);
  yield BOM + TEMPLATE_COLUMNS.map((c) => csvField(escapeCell(c.header))).join(',');
  let chunk = '';
  let rows = 0;
  for (const item of items) {
    const cells = itemCells(item, item.orderNumber ? byNumber.get(item.orderNumber) : undefined);
    let line = '\r\n';
    for (let k = 0; k < fields.length; k++) {
      if (k > 0) line += ',';
      line += csvField(escapeCell(cells[fields[k]!] ?? ''));
    }
    chunk += line;
    if (++rows >= rowsPerChunk) {
      yield chunk;
      chunk = '';
      rows = 0;
    }
  }
  if (rows > 0) yield chunk;
  yield '\r\n';
}

export function inventoryFileName(today: string): string {
  return `rackhive-inventory-${today}.csv`;
}

// ——— Bill of materials ————————————————————————————————————————————————————

export interface BomCatalogPart {
  id: string;
  category: string;
  vendor: string;
  model: string;
  typicalUsedPrice?: Money | null;
  /** A chassis' specs (its integrated board decides whether the board is a line of its own). */
  specs?: unknown;
}

export const BOM_COLUMNS = [
  'location',
  'kind',
  'part_id',
  'part',
  'category',
  'quantity',
  'source',
  'status',
  'seller',
  'order_number',
  'unit_cost',
  'line_cost',
  'currency',
] as const;

const BOM_SOURCE: Record<BomSource, string> = { owned: 'owned', toBuy: 'to buy', itemMissing: 'owned (item missing)' };

/**
 * A build's bill of materials: one row per placed part with where it sits,
 * whether it is owned (bound to an inventory item: its landed cost per unit)
 * or still to buy (a wishlist item's own price, its planned price, the median
 * of the user's recent observations in `market`, else the part's typical used
 * price, else unknown — an empty cost, never 0). The lines and prices are
 * core/build/bom.ts's, so the CSV prices as the editor's panel does.
 */
export function bomCsv(build: Build, catalog: readonly BomCatalogPart[], inventory: readonly InventoryItemView[], market: BomMarket = {}): string {
  const parts = new Map(catalog.map((p) => [p.id, p]));
  const items = new Map(inventory.map((i) => [i.id, i]));
  const rows = bomOf(
    build,
    (id) => parts.get(id),
    (id) => items.get(id),
    market,
  ).map((line) => {
    const { part, item, unit, amount } = line;
    return [
      line.location,
      line.kind,
      line.partId,
      part ? `${part.vendor} ${part.model}` : 'unknown part',
      part?.category ?? '',
      String(line.quantity),
      BOM_SOURCE[line.source],
      item?.status ?? '',
      item?.seller ?? '',
      item?.orderNumber ?? '',
      unit ? formatAmountPlain(unit.amountMinor, unit.currency) : '',
      amount ? formatAmountPlain(amount.amountMinor, amount.currency) : '',
      unit?.currency ?? '',
    ];
  });
  return toCsv(BOM_COLUMNS, rows);
}

export const BOM_GROUPED_COLUMNS = ['part_id', 'part', 'category', 'quantity', 'source', 'unit_cost', 'total_cost', 'currency', 'basis', 'locations'] as const;

/**
 * The same bill of materials by part (core/build/bomGroups.ts): one row per
 * part, owned or to buy, and unit price, with the quantity, each, the total
 * (empty when any unit's price is unknown) and every place it sits.
 */
export function bomGroupedCsv(build: Build, catalog: readonly BomCatalogPart[], inventory: readonly InventoryItemView[], market: BomMarket = {}): string {
  const parts = new Map(catalog.map((p) => [p.id, p]));
  const items = new Map(inventory.map((i) => [i.id, i]));
  const lines = bomOf(
    build,
    (id) => parts.get(id),
    (id) => items.get(id),
    market,
  ).map((l) => ({ ...l, owned: l.source !== 'toBuy' }));
  const rows = groupBom(lines).map((g) => {
    const first = g.lines[0]!;
    const part = first.part;
    return [
      g.partId,
      part ? `${part.vendor} ${part.model}` : 'unknown part',
      part?.category ?? '',
      String(g.quantity),
      BOM_SOURCE[first.source],
      g.unit ? formatAmountPlain(g.unit.amountMinor, g.unit.currency) : '',
      g.total ? formatAmountPlain(g.total.amountMinor, g.total.currency) : '',
      g.unit?.currency ?? g.total?.currency ?? '',
      g.basisClass,
      g.lines.map((l) => l.location).join('; '),
    ];
  });
  return toCsv(BOM_GROUPED_COLUMNS, rows);
}

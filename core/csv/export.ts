// CSV files Rackhive writes: the inventory (the generic template's layout, so
// the file imports back as the same records), the empty template, and a
// build's bill of materials. Every cell is escaped against formula injection
// (escape.ts); files are UTF-8 with a BOM (so Excel reads the accents right)
// and CRLF line ends (RFC 4180).
import Papa from 'papaparse';
import { formatAmountPlain, type Money } from '../money';
import type { InventoryItemView } from '../inventory/item';
import type { InventoryOrder } from '../inventory/orders';
import { landedCostMinor } from '../inventory/totals';
import type { Build } from '../build/build';
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
  const amount = (minor: number | null | undefined, currency = item.currency) => (minor === null || minor === undefined ? '' : formatAmountPlain(minor, currency));
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
}

export const BOM_COLUMNS = ['location', 'kind', 'part_id', 'part', 'category', 'quantity', 'source', 'status', 'seller', 'order_number', 'unit_cost', 'line_cost', 'currency'] as const;

interface BomLine {
  location: string;
  kind: string;
  partId: string;
  quantity: number;
  itemId?: string | undefined;
  plannedPrice?: Money | undefined;
}

function bomLines(build: Build): BomLine[] {
  const lines: BomLine[] = [];
  for (const rack of build.racks) {
    const r = rack.label ?? rack.id;
    lines.push({ location: r, kind: 'rack', partId: rack.partId, quantity: 1, itemId: rack.inventoryItemId, plannedPrice: rack.plannedPrice });
    for (const pdu of rack.pdus) lines.push({ location: `${r} / ${pdu.id}`, kind: 'pdu', partId: pdu.partId, quantity: 1, itemId: pdu.inventoryItemId, plannedPrice: pdu.plannedPrice });
    for (const ch of rack.chassis) {
      const c = `${r} / U${ch.positionU} ${ch.label ?? ch.id}`;
      lines.push({ location: c, kind: 'chassis', partId: ch.partId, quantity: 1, itemId: ch.inventoryItemId, plannedPrice: ch.plannedPrice });
      if (ch.boardPartId) lines.push({ location: c, kind: 'board', partId: ch.boardPartId, quantity: 1 });
      for (const cpu of ch.cpus) lines.push({ location: `${c} / socket ${cpu.socket}`, kind: 'cpu', partId: cpu.partId, quantity: 1, itemId: cpu.inventoryItemId, plannedPrice: cpu.plannedPrice });
      for (const d of ch.devices) lines.push({ location: `${c} / slot ${d.slot}`, kind: 'device', partId: d.partId, quantity: 1, itemId: d.inventoryItemId, plannedPrice: d.plannedPrice });
      for (const [i, p] of (ch.psus ?? []).entries()) lines.push({ location: `${c} / psu ${i + 1}`, kind: 'psu', partId: p.partId, quantity: p.count, itemId: p.inventoryItemId, plannedPrice: p.plannedPrice });
      for (const m of ch.dimms) lines.push({ location: `${c} / socket ${m.socket} channel ${m.channel}`, kind: 'dimm', partId: m.partId, quantity: m.count, itemId: m.inventoryItemId, plannedPrice: m.plannedPrice });
      for (const [i, d] of ch.drives.entries()) lines.push({ location: `${c} / drive ${i + 1}`, kind: 'drive', partId: d.partId, quantity: d.count, itemId: d.inventoryItemId, plannedPrice: d.plannedPrice });
    }
  }
  return lines;
}

/**
 * A build's bill of materials: one row per placed part with where it sits,
 * whether it is owned (bound to an inventory item: its landed cost per unit)
 * or still to buy (its planned price, else the part's typical used price, else
 * unknown — an empty cost, never 0).
 */
export function bomCsv(build: Build, catalog: readonly BomCatalogPart[], inventory: readonly InventoryItemView[]): string {
  const parts = new Map(catalog.map((p) => [p.id, p]));
  const items = new Map(inventory.map((i) => [i.id, i]));
  const rows = bomLines(build).map((line) => {
    const part = parts.get(line.partId);
    const item = line.itemId ? items.get(line.itemId) : undefined;
    let unit: Money | null = null;
    let lineMinor: number | null = null;
    let source = 'to buy';
    if (item) {
      source = 'owned';
      // The price paid unknown = the cost unknown (shipping and tax alone are not what the part cost).
      const landed = item.priceMinor === null ? null : landedCostMinor(item);
      if (landed !== null) {
        unit = { amountMinor: Math.round(landed / item.quantity), currency: item.currency };
        // From the landed cost itself, so a line of all the item's units costs exactly what was paid.
        lineMinor = Math.round((landed * line.quantity) / item.quantity);
      }
    } else if (line.itemId) {
      source = 'owned (item missing)';
    } else {
      unit = line.plannedPrice ?? part?.typicalUsedPrice ?? null;
    }
    return [
      line.location,
      line.kind,
      line.partId,
      part ? `${part.vendor} ${part.model}` : 'unknown part',
      part?.category ?? '',
      String(line.quantity),
      source,
      item?.status ?? '',
      item?.seller ?? '',
      item?.orderNumber ?? '',
      unit ? formatAmountPlain(unit.amountMinor, unit.currency) : '',
      unit ? formatAmountPlain(lineMinor ?? unit.amountMinor * line.quantity, unit.currency) : '',
      unit?.currency ?? '',
    ];
  });
  return toCsv(BOM_COLUMNS, rows);
}

// A build's cost lines: every placed part, owned (bound to an inventory item
// whose money went out: the price paid + shipping + tax) or to buy (a wishlist
// item's own price, else the placement's planned price, else the catalog's
// typical used price, else unknown). Amounts in another currency than the one
// shown are unknown here: no exchange rate is ever guessed.
//
// A chassis' board (boardPartId) and the PSUs a system ships with are part of
// the chassis' price; they carry no line of their own.
import type { Build } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import type { Money } from '../money';
import { isSpentStatus, type ItemStatus } from '../inventory/status';
import type { BuildCostSummary, CategoryCost, CostFigure } from './types';

/** What the cost lines need to know about a bound inventory item. */
export interface CostItem {
  id: string;
  status: ItemStatus;
  currency: string;
  /** Per unit, minor units; null = not known. */
  priceMinor: number | null;
  shippingMinor: number | null;
  taxMinor: number | null;
  seller: string | null;
  orderNumber: string | null;
  listingUrl: string | null;
  ebayItemNumber: string | null;
}

export type PriceBasis = 'paid' | 'item' | 'planned' | 'typical' | 'unknown';

export interface CostLine {
  /** Where in the build: "Rack 1 › srv-1 › slot gpu1". */
  where: string;
  /** Catalog category, or "unknown part". */
  category: string;
  partId: string;
  /** "NVIDIA Tesla P40", or the part id when the catalog does not know it. */
  label: string;
  quantity: number;
  owned: boolean;
  /** Each unit, in the line's own currency; null = unknown. */
  unitMinor: number | null;
  /** unitMinor × quantity, in the line's own currency; null = unknown. */
  amountMinor: number | null;
  currency: string | null;
  basis: PriceBasis;
  /** How the price was arrived at, or why it is unknown. */
  basisNote: string;
  item: CostItem | null;
}

const CATEGORY_ORDER = ['rack', 'pdu', 'chassis', 'board', 'cpu', 'memory', 'gpu', 'pcie-switch', 'riser', 'nic', 'psu', 'storage', 'cable', 'other', 'unknown part'];

export function categoryRank(category: string): number {
  const i = CATEGORY_ORDER.indexOf(category);
  return i < 0 ? CATEGORY_ORDER.length : i;
}

interface Placed {
  partId: string;
  inventoryItemId?: string | undefined;
  plannedPrice?: Money | undefined;
}

/** Every placed part of a build as a cost line, in build order. */
export function costLines(build: Build, catalog: ReadonlyMap<string, CatalogPart>, itemOf: (id: string) => CostItem | null): CostLine[] {
  const lines: CostLine[] = [];
  const add = (p: Placed, where: string, quantity: number) => {
    const part = catalog.get(p.partId);
    const label = part ? `${part.vendor} ${part.model}` : p.partId;
    const category = part?.category ?? 'unknown part';
    const item = p.inventoryItemId ? itemOf(p.inventoryItemId) : null;
    const base = { where, category, partId: p.partId, label, quantity, item };
    if (p.inventoryItemId && !item) {
      lines.push({ ...base, owned: false, unitMinor: null, amountMinor: null, currency: null, basis: 'unknown', basisNote: `inventory item ${p.inventoryItemId} not found` });
      return;
    }
    if (item && isSpentStatus(item.status)) {
      const known = item.priceMinor !== null;
      const unit = known ? item.priceMinor! + (item.shippingMinor ?? 0) + (item.taxMinor ?? 0) : null;
      lines.push({
        ...base,
        owned: true,
        unitMinor: unit,
        amountMinor: unit === null ? null : unit * quantity,
        currency: item.currency,
        basis: known ? 'paid' : 'unknown',
        basisNote: known ? 'price paid + shipping + tax' : 'owned, but the price paid is not entered',
      });
      return;
    }
    // To buy: a wishlist/watching (or returned/sold) item's own price, the planned price, the typical used price.
    if (item && item.priceMinor !== null && (item.status === 'wishlist' || item.status === 'watching')) {
      const unit = item.priceMinor + (item.shippingMinor ?? 0) + (item.taxMinor ?? 0);
      lines.push({ ...base, owned: false, unitMinor: unit, amountMinor: unit * quantity, currency: item.currency, basis: 'item', basisNote: `the ${item.status} item's price + shipping + tax` });
      return;
    }
    if (p.plannedPrice) {
      const unit = p.plannedPrice.amountMinor;
      lines.push({ ...base, owned: false, unitMinor: unit, amountMinor: unit * quantity, currency: p.plannedPrice.currency, basis: 'planned', basisNote: 'planned price' });
      return;
    }
    const typical = part?.typicalUsedPrice ?? null;
    if (typical) {
      lines.push({
        ...base,
        owned: false,
        unitMinor: typical.amountMinor,
        amountMinor: typical.amountMinor * quantity,
        currency: typical.currency,
        basis: 'typical',
        basisNote: `typical used price (${typical.source}, ${typical.asOf})`,
      });
      return;
    }
    lines.push({ ...base, owned: false, unitMinor: null, amountMinor: null, currency: null, basis: 'unknown', basisNote: part ? 'no price: none planned and no typical used price in the catalog' : 'part not in the catalog' });
  };

  for (const r of build.racks) {
    const rackName = r.label ?? r.id;
    add(r, rackName, 1);
    for (const pdu of r.pdus) add(pdu, `${rackName} › PDU ${pdu.id}`, 1);
    for (const c of r.chassis) {
      const cn = `${rackName} › ${c.label ?? c.id}`;
      add(c, `${cn} (U${c.positionU})`, 1);
      for (const cpu of c.cpus) add(cpu, `${cn} › socket ${cpu.socket}`, 1);
      for (const d of c.dimms) add(d, `${cn} › ${d.socket} channel ${d.channel}`, d.count);
      for (const d of c.devices) add(d, `${cn} › slot ${d.slot} (${d.id})`, 1);
      for (const psu of c.psus ?? []) add(psu, `${cn} › PSU bays`, psu.count);
      for (const d of c.drives) add(d, `${cn} › drives`, d.count);
    }
  }
  return lines;
}

function figure(lines: readonly CostLine[], currency: string): CostFigure {
  let knownMinor = 0;
  let pricedLines = 0;
  let unpricedLines = 0;
  for (const l of lines) {
    if (l.amountMinor !== null && l.currency === currency) {
      knownMinor += l.amountMinor;
      pricedLines++;
    } else unpricedLines++;
  }
  return { knownMinor, pricedLines, unpricedLines };
}

/** Totals in `currency`: lines priced in another currency count as unpriced (no rate is guessed). */
export function costSummary(lines: readonly CostLine[], currency: string): BuildCostSummary {
  const categories = [...new Set(lines.map((l) => l.category))].sort((a, b) => categoryRank(a) - categoryRank(b) || a.localeCompare(b));
  const byCategory: CategoryCost[] = categories.map((category) => ({ category, ...figure(lines.filter((l) => l.category === category), currency) }));
  return {
    currency,
    total: figure(lines, currency),
    spent: figure(lines.filter((l) => l.owned), currency),
    toBuy: figure(lines.filter((l) => !l.owned), currency),
    byCategory,
  };
}

/** A line's amount is in another currency than the totals: say so instead of adding it. */
export function foreignCurrency(line: CostLine, currency: string): boolean {
  return line.amountMinor !== null && line.currency !== null && line.currency !== currency;
}

/** Known = every line priced; partial = some; unknown = none (or nothing priced and something unpriced). */
export function figureState(f: CostFigure): 'known' | 'partial' | 'unknown' {
  if (f.unpricedLines === 0) return 'known';
  return f.pricedLines === 0 ? 'unknown' : 'partial';
}

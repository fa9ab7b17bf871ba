// A build's cost lines for Compare and the build sheet: the lines of
// core/build/bom.ts (owned at the landed price paid, to buy at a wishlist
// item's own price, the planned price or the typical used price, else unknown)
// worded for these views. Amounts in another currency than the one shown are
// unknown here: no exchange rate is ever guessed.
//
// A chassis' integrated board and the PSUs a system ships with are part of the
// chassis' price; they carry no line of their own.
import type { Build } from '../build/build';
import { bomOf, type BomLine, type BomMarket } from '../build/bom';
import { countBasis, type BasisClass, type FineBasis } from '../prices/basis';
import type { CatalogPart } from '../catalog/part';
import type { ItemStatus } from '../inventory/status';
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
  /** Units the item holds (default 1), and its fees and order shares: the landed cost (core/inventory/totals). */
  quantity?: number;
  feesMinor?: number | null;
  orderShippingMinor?: number | null;
  orderTaxMinor?: number | null;
  seller: string | null;
  orderNumber: string | null;
  listingUrl: string | null;
  ebayItemNumber: string | null;
}

export type PriceBasis = FineBasis;

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
  /** paid / observed / typical / unknown (core/prices/basis.ts). */
  basisClass: BasisClass;
  /** How the price was arrived at, or why it is unknown. */
  basisNote: string;
  /** When the price was seen (YYYY-MM or YYYY-MM-DD); null when not dated. */
  asOf: string | null;
  /** Over a year old. */
  stale: boolean;
  item: CostItem | null;
}

const CATEGORY_ORDER = [
  'rack',
  'pdu',
  'chassis',
  'board',
  'cpu',
  'memory',
  'gpu',
  'pcie-switch',
  'riser',
  'bridge',
  'nic',
  'psu',
  'storage',
  'cable',
  'other',
  'unknown part',
];

export function categoryRank(category: string): number {
  const i = CATEGORY_ORDER.indexOf(category);
  return i < 0 ? CATEGORY_ORDER.length : i;
}

function whereOf(l: BomLine): string {
  const p = l.place;
  if (!p.chassis) return p.pdu === undefined ? p.rack : `${p.rack} › PDU ${p.pdu}`;
  const cn = `${p.rack} › ${p.chassis.name}`;
  switch (l.kind) {
    case 'board':
      return `${cn} › board`;
    case 'cpu':
      return `${cn} › ${p.socketLabel ?? `socket ${p.socket}`}`;
    case 'dimm':
      return `${cn} › ${p.socketLabel ?? p.socket} channel ${p.channel}`;
    case 'device':
      // Labels a person reads; the ids stay in the line's place for matching and the CSV.
      return `${cn} › ${p.slotLabel ?? `slot ${p.slot}`}`;
    case 'psu':
      return `${cn} › PSU bays`;
    case 'drive':
      return `${cn} › drives`;
    default:
      return `${cn} (U${p.chassis.positionU})`;
  }
}

/** Every placed part of a build as a cost line, in build order (core/build/bom.ts). */
export function costLines(
  build: Build,
  catalog: ReadonlyMap<string, CatalogPart>,
  itemOf: (id: string) => CostItem | null,
  market: BomMarket = {},
): CostLine[] {
  return bomOf<CatalogPart, CostItem>(build, (id) => catalog.get(id), itemOf, market).map((l) => ({
    where: whereOf(l),
    category: l.part?.category ?? 'unknown part',
    partId: l.partId,
    label: l.part ? `${l.part.vendor} ${l.part.model}` : l.partId,
    quantity: l.quantity,
    owned: l.source === 'owned',
    unitMinor: l.unit?.amountMinor ?? null,
    amountMinor: l.amount?.amountMinor ?? null,
    currency: l.unit?.currency ?? null,
    basis: l.basis,
    basisClass: l.basisClass,
    basisNote: l.basisNote,
    asOf: l.asOf,
    stale: l.stale,
    item: l.item,
  }));
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
  const byCategory: CategoryCost[] = categories.map((category) => ({
    category,
    ...figure(
      lines.filter((l) => l.category === category),
      currency,
    ),
  }));
  return {
    currency,
    total: figure(lines, currency),
    spent: figure(
      lines.filter((l) => l.owned),
      currency,
    ),
    toBuy: figure(
      lines.filter((l) => !l.owned),
      currency,
    ),
    byCategory,
    ...countBasis(lines),
    unpriced: unpricedParts(lines, currency),
  };
}

/** What is left to price ("what would it cost to finish"): each part without a price in `currency`, with how many and why. */
export function unpricedParts(lines: readonly CostLine[], currency: string): { partId: string; label: string; quantity: number; reason: string }[] {
  const out = new Map<string, { partId: string; label: string; quantity: number; reason: string }>();
  for (const l of lines) {
    if (l.amountMinor !== null && l.currency === currency) continue;
    const reason = l.amountMinor !== null ? `priced in ${l.currency}; no rate to ${currency}` : l.basisNote;
    const seen = out.get(l.partId);
    if (seen) seen.quantity += l.quantity;
    else out.set(l.partId, { partId: l.partId, label: l.label, quantity: l.quantity, reason });
  }
  return [...out.values()];
}

/** Known = every line priced; partial = some; unknown = none (or nothing priced and something unpriced). */
export function figureState(f: CostFigure): 'known' | 'partial' | 'unknown' {
  if (f.unpricedLines === 0) return 'known';
  return f.pricedLines === 0 ? 'unknown' : 'partial';
}

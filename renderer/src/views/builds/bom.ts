// The bill of materials of a build as the editor shows it: the lines and
// prices of core/build/bom.ts (owned at the landed price paid for the
// inventory item, to buy at a wishlist item's price, the planned price or the
// typical used price), and totals per currency. Unknown prices are counted and
// shown as unknown, never as 0.
import type { Build } from '#core/build/build';
import { bomOf, itemUnitCost, sumBom, type BomLine as CoreBomLine, type BomMarket } from '#core/build/bom';
import type { BasisClass } from '#core/prices/basis';
import type { CatalogIndex } from '#core/check/catalog';
import type { InventoryItemView } from '#core/inventory/item';
import type { Money } from '#core/money';
import { groupBom, type BomGroup } from '#core/build/bomGroups';

/** What one unit of an item cost as landed (price, shipping, tax, fees and its share of the order), or null when the price paid is unknown. */
export function unitCostOf(item: InventoryItemView): Money | null {
  return itemUnitCost(item);
}

export interface BomLine {
  where: string;
  partId: string;
  model: string;
  category: string;
  count: number;
  /** Bound to an item that is owned (or no longer in the inventory); a wishlist item is still planned. */
  owned: boolean;
  itemId: string | null;
  /** Per unit; null = unknown. */
  unitPrice: Money | null;
  /** The whole line; null = unknown. */
  amount: Money | null;
  /** The price basis (core/prices/basis.ts) and how it was arrived at. */
  basisClass: BasisClass;
  basisNote: string;
  stale: boolean;
}

export interface BomTotals {
  owned: Money[];
  planned: Money[];
  ownedUnknown: number;
  plannedUnknown: number;
}

function whereOf(l: CoreBomLine): string {
  const p = l.place;
  if (!p.chassis) return p.pdu === undefined ? p.rack : `${p.rack} · ${p.pdu}`;
  const cn = p.chassis.name;
  switch (l.kind) {
    case 'board':
      return `${cn} · board`;
    case 'cpu':
      return `${cn} · ${p.socket}`;
    case 'device':
      return `${cn} · ${p.slot}`;
    case 'psu':
      return `${cn} · PSU`;
    case 'dimm':
      return `${cn} · ${p.socket} ch${p.channel}`;
    case 'drive':
      return `${cn} · drive`;
    default:
      return `${p.rack} · U${p.chassis.positionU}`;
  }
}

export function bomLines(build: Build, catalog: CatalogIndex, items: ReadonlyMap<string, InventoryItemView>, market: BomMarket = {}): BomLine[] {
  return bomOf(
    build,
    (id) => catalog.get(id),
    (id) => items.get(id),
    market,
  ).map((l) => ({
    where: whereOf(l),
    partId: l.partId,
    model: l.part ? l.part.model : l.partId,
    category: l.part?.category ?? '?',
    count: l.quantity,
    owned: l.source !== 'toBuy',
    itemId: l.itemId,
    unitPrice: l.unit,
    amount: l.amount,
    basisClass: l.basisClass,
    basisNote: l.basisNote,
    stale: l.stale,
  }));
}

export function bomTotals(lines: readonly BomLine[]): BomTotals {
  const sums = (owned: boolean) => sumBom(lines.filter((l) => l.owned === owned).map((l) => ({ amount: l.amount, quantity: l.count })));
  const owned = sums(true);
  const planned = sums(false);
  return { owned: owned.known, planned: planned.known, ownedUnknown: owned.unknownUnits, plannedUnknown: planned.unknownUnits };
}

/** The lines by part (core/build/bomGroups.ts): quantity, each, total and basis per row, the lines kept for the places. */
export function bomGroups(lines: readonly BomLine[]): BomGroup<BomLine & { quantity: number; unit: Money | null }>[] {
  return groupBom(lines.map((l) => ({ ...l, quantity: l.count, unit: l.unitPrice })));
}

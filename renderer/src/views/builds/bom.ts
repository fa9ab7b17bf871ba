// The bill of materials of a build: every placed part, owned (at the landed
// price paid for its inventory item) or planned (at its estimate), and totals
// per currency. Unknown prices are counted and shown as unknown, never as 0.
import type { Build } from '#core/build/build';
import type { CatalogIndex } from '#core/check/catalog';
import type { InventoryItemView } from '#core/inventory/item';
import type { Money } from '#core/money';
import { landedCostMinor } from '#core/inventory/totals';

/** What one unit of an item cost as landed (price, shipping, tax, fees and its share of the order), or null when unknown. */
export function unitCostOf(item: InventoryItemView): Money | null {
  const landed = landedCostMinor(item);
  return landed === null ? null : { amountMinor: Math.round(landed / Math.max(1, item.quantity)), currency: item.currency };
}

export interface BomLine {
  where: string;
  partId: string;
  model: string;
  category: string;
  count: number;
  owned: boolean;
  itemId: string | null;
  /** Per unit; null = unknown. */
  unitPrice: Money | null;
}

export interface BomTotals {
  owned: Money[];
  planned: Money[];
  ownedUnknown: number;
  plannedUnknown: number;
}

export function bomLines(build: Build, catalog: CatalogIndex, items: ReadonlyMap<string, InventoryItemView>): BomLine[] {
  const out: BomLine[] = [];
  const line = (where: string, p: { partId: string; inventoryItemId?: string; plannedPrice?: Money }, count = 1) => {
    const part = catalog.get(p.partId);
    const item = p.inventoryItemId ? items.get(p.inventoryItemId) : undefined;
    const unitPrice = p.inventoryItemId ? (item ? unitCostOf(item) : null) : (p.plannedPrice ?? null);
    out.push({
      where,
      partId: p.partId,
      model: part ? part.model : p.partId,
      category: part?.category ?? '?',
      count,
      owned: !!p.inventoryItemId,
      itemId: p.inventoryItemId ?? null,
      unitPrice,
    });
  };
  for (const r of build.racks) {
    const rn = r.label ?? r.id;
    line(rn, r);
    for (const p of r.pdus) line(`${rn} · ${p.id}`, p);
    for (const c of r.chassis) {
      const cn = c.label ?? c.id;
      line(`${rn} · U${c.positionU}`, c);
      for (const x of c.cpus) line(`${cn} · ${x.socket}`, x);
      for (const x of c.devices) line(`${cn} · ${x.slot}`, x);
      for (const x of c.psus ?? []) line(`${cn} · PSU`, x, x.count);
      for (const x of c.dimms) line(`${cn} · ${x.socket} ch${x.channel}`, x, x.count);
      for (const x of c.drives) line(`${cn} · drive`, x, x.count);
    }
  }
  return out;
}

function addTo(list: Money[], m: Money, times: number): void {
  const same = list.find((x) => x.currency === m.currency);
  if (same) same.amountMinor += m.amountMinor * times;
  else list.push({ amountMinor: m.amountMinor * times, currency: m.currency });
}

export function bomTotals(lines: readonly BomLine[]): BomTotals {
  const t: BomTotals = { owned: [], planned: [], ownedUnknown: 0, plannedUnknown: 0 };
  for (const l of lines) {
    if (l.unitPrice) addTo(l.owned ? t.owned : t.planned, l.unitPrice, l.count);
    else if (l.owned) t.ownedUnknown += l.count;
    else t.plannedUnknown += l.count;
  }
  return t;
}

// The machine's serial numbers and UUIDs against the inventory: which item is
// which card, which items could have their serial written in, and which item's
// card reports another model or memory size than the listing said — within the
// return window that is money, so the finding says how many days are left.
import type { Build } from '../build/build';
import type { CatalogPart } from '../catalog/part';
import { finding, type Finding } from '../check/finding';
import type { CatalogIndex } from '../check/catalog';
import { indexCatalog } from '../check/catalog';
import type { InventoryItem } from '../inventory/item';
import { returnState } from '../inventory/returns';
import type { ObservedTopology } from './observed';
import type { DeviceMatch } from './verify';
import { gpuNameFits } from './verify';

export interface ItemLink {
  observed: string;
  itemId: string;
  /** serial: the item's serial number is the card's serial or UUID; placement: the build binds the planned device to it. */
  by: 'serial' | 'placement';
}

export interface SerialUpdate {
  itemId: string;
  serialNumber: string;
  /** Why this one: the card sits where the build places this item. */
  observed: string;
}

export interface InventoryTieIn {
  links: ItemLink[];
  /** Items bound by placement whose serial is empty: the card's serial (or UUID) can be written to them. */
  serialUpdates: SerialUpdate[];
  findings: Finding[];
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

export function matchInventory(
  observed: ObservedTopology,
  matches: readonly DeviceMatch[],
  build: Build,
  items: readonly InventoryItem[],
  parts: readonly CatalogPart[] | CatalogIndex,
  today: string,
): InventoryTieIn {
  const catalog = indexCatalog(parts);
  const placedItem = new Map<string, string>();
  for (const r of build.racks) for (const c of r.chassis) for (const d of c.devices) if (d.inventoryItemId) placedItem.set(d.id, d.inventoryItemId);
  const byId = new Map(items.map((i) => [i.id, i]));
  const links: ItemLink[] = [];
  const serialUpdates: SerialUpdate[] = [];
  const findings: Finding[] = [];
  for (const od of observed.devices) {
    const m = matches.find((x) => x.observed === od.label);
    const bySerial = items.find((i) => same(i.serialNumber, od.serial) || same(i.serialNumber, od.uuid));
    const placedId = m?.deviceId ? placedItem.get(m.deviceId) : undefined;
    const item = bySerial ?? (placedId ? byId.get(placedId) : undefined);
    if (!item) continue;
    links.push({ observed: od.label, itemId: item.id, by: bySerial ? 'serial' : 'placement' });
    if (!bySerial && !item.serialNumber && (od.serial || od.uuid))
      serialUpdates.push({ itemId: item.id, serialNumber: (od.serial ?? od.uuid)!, observed: od.label });
    if (bySerial && placedId && placedId !== bySerial.id)
      findings.push(
        finding(
          'asbuilt.item-swapped',
          'warning',
          [item.id, placedId],
          `${od.label} carries the serial of inventory item ${item.id}, but the build places item ${placedId} there.`,
          'Swap the two in the build so costs and return dates follow the right card.',
        ),
      );
    const part = catalog.get(item.partId);
    if (part?.category !== 'gpu' || od.kind !== 'gpu') continue;
    const window = returnState(item, today);
    const money =
      window.kind === 'open'
        ? ` It can still be returned: ${window.daysLeft} day${window.daysLeft === 1 ? '' : 's'} left.`
        : window.kind === 'closed'
          ? ' Its return window closed.'
          : '';
    if (od.name && !gpuNameFits(od.name, part))
      findings.push(
        finding(
          'asbuilt.item-model',
          'error',
          [item.id],
          `Inventory item ${item.id} was listed as ${part.model}; the card reports "${od.name}".${money}`,
          'Check the listing and the card’s label; open a return or a not-as-described case while the window is open.',
        ),
      );
    if (od.memoryMiB !== null && part.specs.vramGB) {
      const perDevice = part.specs.vramGB / (part.specs.devicesPerBoard ?? 1);
      const gb = od.memoryMiB / 1024;
      if (Math.abs(gb - perDevice) > perDevice * 0.1)
        findings.push(
          finding(
            'asbuilt.item-vram',
            'error',
            [item.id],
            `Inventory item ${item.id} was listed as ${part.model} (${perDevice} GB); the card reports ${Math.round(gb)} GB.${money}`,
            'A smaller-memory variant sold as the larger one: open a return or a not-as-described case while the window is open.',
          ),
        );
    }
  }
  return { links, serialUpdates, findings };
}

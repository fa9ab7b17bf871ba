// An in-memory inventory behind the fake transport: enough of the real
// handlers' behaviour (validation with core's rules, delete/restore by id) for
// the view to be exercised in jsdom without a database.
import { fakeTransport, FakeError, type FakeTransport } from '../../renderer/src/lib/api/fake';
export { FakeError };
import { createApiClient, type ApiClient } from '../../renderer/src/lib/api/client';
import { LIFECYCLE_DEFAULTS, applyItemChanges, validateItemDraft, type InventoryItemView, type ItemFields } from '../../core/inventory/item';
import { inventoryTotals } from '../../core/inventory/totals';
import { returnDeadline } from '../../core/inventory/returns';
import type { PartSummary } from '../../core/api/parts';
import { BLANK_ITEM_FIELDS } from '../helpers/items';

export const PARTS: PartSummary[] = [
  { id: 'gpu.nvidia.rtx-3090', category: 'gpu', vendor: 'NVIDIA', model: 'GeForce RTX 3090', builtin: true, typicalUsedPrice: { amountMinor: 70000, currency: 'USD' } },
  { id: 'gpu.nvidia.tesla-p40', category: 'gpu', vendor: 'NVIDIA', model: 'Tesla P40', builtin: true, typicalUsedPrice: null },
  { id: 'cpu.intel.xeon-e5-2690-v4', category: 'cpu', vendor: 'Intel', model: 'Xeon E5-2690 v4', builtin: true, typicalUsedPrice: null },
];

export const HOSTILE = '<img src=x onerror=alert(1)>';

let clock = 0;
const stamp = () => new Date(Date.UTC(2025, 0, 1, 0, 0, clock++)).toISOString();

export function makeItem(fields: Partial<ItemFields> & { id: string; partId: string }): InventoryItemView {
  const part = PARTS.find((p) => p.id === fields.partId) ?? PARTS[0]!;
  const now = stamp();
  return {
    ...BLANK_ITEM_FIELDS,
    createdAt: now,
    updatedAt: now,
    orderShippingMinor: null,
    orderTaxMinor: null,
    returnDeadline: null,
    ...fields,
    part: { category: part.category, vendor: part.vendor, model: part.model },
  };
}

export interface FakeBackend extends FakeTransport {
  items: InventoryItemView[];
  api: ApiClient;
}

export function fakeBackend(initial: InventoryItemView[] = []): FakeBackend {
  const items = [...initial];
  let nextId = 1;
  const view = (id: string, fields: ItemFields, createdAt = stamp()): InventoryItemView => {
    const part = PARTS.find((p) => p.id === fields.partId);
    if (!part) throw new Error(`unknown part ${fields.partId}`);
    return { id, ...fields, createdAt, updatedAt: stamp(), part: { category: part.category, vendor: part.vendor, model: part.model }, orderShippingMinor: null, orderTaxMinor: null, returnDeadline: returnDeadline(fields) };
  };
  const fake = fakeTransport({
    'parts:list': () => ({ parts: PARTS }),
    'inventory:list': (q) => {
      const offset = q.offset ?? 0;
      const limit = q.limit ?? 100;
      return { items: items.slice(offset, offset + limit), total: items.length, totals: inventoryTotals(items) };
    },
    'inventory:get': ({ id }) => {
      const item = items.find((i) => i.id === id);
      if (!item) return new FakeError({ code: 'NOT_FOUND', message: 'gone' });
      return { item, history: [{ itemId: id, fromStatus: null, toStatus: item.status, at: item.createdAt, note: null }] };
    },
    'inventory:create': (draft) => {
      const result = validateItemDraft(draft);
      if (!result.ok) return new FakeError({ code: 'VALIDATION', message: 'invalid', issues: result.issues });
      const item = view(`item-${nextId++}`, result.value);
      items.unshift(item);
      return item;
    },
    'inventory:update': ({ id, changes }) => {
      const index = items.findIndex((i) => i.id === id);
      const current = items[index];
      if (!current) return new FakeError({ code: 'NOT_FOUND', message: 'gone' });
      const result = applyItemChanges(current, changes);
      if (!result.ok) return new FakeError({ code: 'VALIDATION', message: 'invalid', issues: result.issues });
      const updated = view(id, result.value, current.createdAt);
      items[index] = updated;
      return updated;
    },
    'inventory:delete': ({ id }) => {
      const index = items.findIndex((i) => i.id === id);
      const [item] = items.splice(index, 1);
      if (!item) return new FakeError({ code: 'NOT_FOUND', message: 'gone' });
      return { item, history: [{ itemId: id, fromStatus: null, toStatus: item.status, at: item.createdAt, note: null }] };
    },
    'inventory:restore': ({ item }) => {
      const restored = view(item.id, { ...LIFECYCLE_DEFAULTS, ...item }, item.createdAt);
      items.unshift(restored);
      return restored;
    },
  });
  return { ...fake, items, api: createApiClient(fake.transport) };
}

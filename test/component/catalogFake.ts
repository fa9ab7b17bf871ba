// A small catalog behind the fake transport for the catalog view's component
// tests: catalog:list runs core's own query (search, ranges, sort with
// unknowns last), user parts are validated with core's spec schemas, and
// inventory:create / delete conflicts behave like the real handlers.
import { fakeTransport, FakeError, type FakeTransport } from '../../renderer/src/lib/api/fake';
import { createApiClient, type ApiClient } from '../../renderer/src/lib/api/client';
import type { CatalogEntry } from '../../core/api/catalog';
import { CatalogPart, SPECS_SCHEMAS, type PartOf } from '../../core/catalog/part';
import { gbpsPerDollar, queryParts, vramGBPerDollar } from '../../core/catalog/derived';
import type { GpuSpecs } from '../../core/catalog/specs/gpu';
import type { InventoryItemView } from '../../core/inventory/item';
import { BLANK_ITEM_FIELDS } from '../helpers/items';

export { FakeError };
export const HOSTILE = '<img src=x onerror=alert(1)>';

const usd = (dollars: number) => ({ amountMinor: dollars * 100, currency: 'USD', asOf: '2025-01', source: 'https://example.com/prices' });

const GPU_DEFAULTS: GpuSpecs = {
  family: 'geforce',
  architecture: null,
  devicesPerBoard: 1,
  vramGB: null,
  memType: null,
  memBandwidthGBps: null,
  sramMB: null,
  fp16Tflops: null,
  bf16: null,
  int8Tops: null,
  tdpW: null,
  formFactor: 'pcie',
  pcieGen: null,
  pcieLanes: null,
  slotWidth: null,
  lowProfile: null,
  lengthMm: null,
  powerConnectors: null,
  cooling: null,
  gpuLink: null,
  p2pOverPcie: 'unknown',
};

export function gpu(id: string, vendor: string, model: string, specs: Partial<GpuSpecs>, extra: Partial<PartOf<'gpu'>> = {}): PartOf<'gpu'> {
  return CatalogPart.parse({
    id,
    category: 'gpu',
    vendor,
    model,
    aliases: [],
    typicalUsedPrice: null,
    sources: [{ url: 'https://example.com/spec-sheet' }],
    builtin: !id.startsWith('user.'),
    revision: 1,
    specs: { ...GPU_DEFAULTS, ...specs },
    ...extra,
  }) as PartOf<'gpu'>;
}

export const BOARD = CatalogPart.parse({
  id: 'board.test.two-switch',
  category: 'board',
  vendor: 'Testboard',
  model: 'TB-2S',
  aliases: [],
  typicalUsedPrice: null,
  sources: [],
  builtin: true,
  revision: 1,
  specs: {
    formFactor: 'proprietary',
    sockets: [
      { id: 'cpu1', label: 'CPU1', socketType: 'LGA2011-3' },
      { id: 'cpu2', label: 'CPU2', socketType: 'LGA2011-3' },
    ],
    interSocketLink: { kind: 'QPI', links: 2, speedGTps: null, bandwidthGBps: null, verified: true },
    rootComplexes: [
      { id: 'rc1', socket: 'cpu1', label: 'CPU1 IIO', lanes: 40, gen: 3, verified: true },
      { id: 'rc2', socket: 'cpu2', label: 'CPU2 IIO', lanes: 40, gen: 3, verified: true },
    ],
    pcieSwitches: [{ id: 'plx', chip: 'PEX8796', lanes: 96, gen: 3, upstream: { to: 'rc1', width: 16 }, verified: false }],
    slots: [
      { id: 's1', label: 'GPU1', position: 0, physicalWidth: 16, electricalWidth: 16, gen: 3, feeds: 'plx', gpu: true, verified: false },
      { id: 's2', label: 'GPU2', position: 2, physicalWidth: 16, electricalWidth: 16, gen: 3, feeds: 'plx', gpu: true, verified: false },
      { id: 's3', label: 'GPU3', position: 4, physicalWidth: 16, electricalWidth: 16, gen: 3, feeds: 'plx', gpu: true, verified: false },
      { id: 's4', label: 'NIC', position: 6, physicalWidth: 16, electricalWidth: 8, gen: 3, feeds: 'rc2', verified: true },
    ],
    topology: { verified: false, note: 'As the seed analysis describes it.' },
  },
});

export function samplePARTS(): CatalogPart[] {
  return [
    gpu('gpu.nvidia.rtx-3090', 'NVIDIA', 'GeForce RTX 3090', { vramGB: 24, memBandwidthGBps: 936, fp16Tflops: 71, tdpW: 350, pcieGen: 4, pcieLanes: 16, slotWidth: 3, p2pOverPcie: 'driver-disabled' }, { typicalUsedPrice: usd(900), aliases: ['RTX 3090'] }),
    gpu('gpu.nvidia.tesla-p40', 'NVIDIA', 'Tesla P40', { family: 'tesla', vramGB: 24, memBandwidthGBps: 346, tdpW: 250, int8Tops: 47, p2pOverPcie: 'yes' }, { typicalUsedPrice: usd(175) }),
    gpu('gpu.nvidia.tesla-k80', 'NVIDIA', 'Tesla K80', { family: 'tesla', vramGB: 24, memBandwidthGBps: 480, tdpW: 300 }),
    gpu('gpu.nvidia.rtx-3060', 'NVIDIA', 'GeForce RTX 3060', { vramGB: 12, memBandwidthGBps: 360, tdpW: 170 }, { typicalUsedPrice: usd(220) }),
    gpu(
      'gpu.acme.mystery',
      'Acme',
      'Mystery X1',
      { vramGB: 32, memBandwidthGBps: null, tdpW: null },
      { typicalUsedPrice: usd(400), notes: 'Sold in China only. Memory bandwidth is not published by Acme.' },
    ),
    gpu('user.gpu.my-card', 'Me', 'My flashed card', { vramGB: 16, memBandwidthGBps: 512 }, { notes: HOSTILE, sources: [] }),
    BOARD,
  ];
}

export interface CatalogFake extends FakeTransport {
  parts: CatalogPart[];
  items: InventoryItemView[];
  api: ApiClient;
}

function entry(part: CatalogPart): CatalogEntry {
  return { part, gbpsPerDollar: gbpsPerDollar(part), vramGBPerDollar: vramGBPerDollar(part) };
}

export function catalogFake(parts: CatalogPart[] = samplePARTS()): CatalogFake {
  const items: InventoryItemView[] = [];
  const find = (id: string) => parts.find((p) => p.id === id);
  const fake = fakeTransport({
    'catalog:list': (q) => ({ entries: queryParts(parts, q).map(entry), unreadable: [] }),
    'catalog:get': ({ id }) => {
      const part = find(id);
      if (!part) return new FakeError({ code: 'NOT_FOUND', message: `No part with id ${id}.` });
      return { ...entry(part), inventoryItems: items.filter((i) => i.partId === id).length, notes: [] };
    },
    'catalog:cloneBuiltin': ({ id }) => {
      const source = find(id);
      if (!source) return new FakeError({ code: 'NOT_FOUND', message: `No part with id ${id}.` });
      const clone = CatalogPart.parse({ ...source, id: `user.${source.category}.clone-${parts.length}`, model: `${source.model} (my copy)`, builtin: false, notes: `Cloned from ${source.id}.` });
      parts.push(clone);
      return { part: clone };
    },
    'catalog:updateUserPart': ({ id, part: draft }) => {
      const index = parts.findIndex((p) => p.id === id);
      if (index < 0) return new FakeError({ code: 'NOT_FOUND', message: `No part with id ${id}.` });
      const specs = SPECS_SCHEMAS[draft.category].safeParse(draft.specs);
      if (!specs.success) {
        const issues = specs.error.issues.map((i) => ({ path: `specs.${i.path.map(String).join('.')}`, message: i.message }));
        return new FakeError({ code: 'VALIDATION', message: 'The specs are not valid', issues });
      }
      const updated = CatalogPart.parse({ aliases: [], sources: [], typicalUsedPrice: null, ...draft, id, specs: specs.data, builtin: false, revision: 2 });
      parts[index] = updated;
      return { part: updated };
    },
    'catalog:deleteUserPart': ({ id }) => {
      const uses = items.filter((i) => i.partId === id).length;
      if (uses > 0) return new FakeError({ code: 'CONFLICT', message: `${uses} inventory item uses ${id}; delete or re-assign it first.` });
      const index = parts.findIndex((p) => p.id === id);
      parts.splice(index, 1);
      return { id };
    },
    'catalog:importNetbox': () => new FakeError({ code: 'IMPORT_INVALID', message: 'NetBox file: u_height: must be a number', issues: [{ path: 'u_height', message: 'must be a number' }] }),
    'inventory:create': (draft) => {
      const part = find(draft.partId ?? '');
      if (!part) return new FakeError({ code: 'VALIDATION', message: 'invalid', issues: [{ path: 'partId', message: 'Choose a part' }] });
      const now = '2025-01-01T00:00:00.000Z';
      const item: InventoryItemView = {
        ...BLANK_ITEM_FIELDS,
        id: `item-${items.length + 1}`,
        partId: part.id,
        status: (draft.status ?? 'wishlist') as InventoryItemView['status'],
        orderShippingMinor: null,
        orderTaxMinor: null,
        returnDeadline: null,
        createdAt: now,
        updatedAt: now,
        part: { category: part.category, vendor: part.vendor, model: part.model },
      };
      items.push(item);
      return item;
    },
  });
  return { ...fake, parts, items, api: createApiClient(fake.transport) };
}

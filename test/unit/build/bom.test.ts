// The lines of a build and their prices (core/build/bom.ts), and that every
// consumer (BOM CSV, Compare/sheet cost lines, the estimate's build cost, the
// editor's panel) reads the same lines at the same prices.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Build, ChassisPlacement } from '#core/build/build';
import { bomEntries, bomOf, itemUnitCost, sumBom, type BomItem, type BomPart } from '#core/build/bom';
import { costLines, costSummary } from '#core/compare/cost';
import { bomCsv } from '#core/csv/export';
import { buildCost } from '#core/perf/cost';
import { costLinesOfBuild } from '#core/perf/fromBuild';
import type { CatalogPart } from '#core/catalog/part';
import type { InventoryItemView } from '#core/inventory/item';
import { bomLines, bomTotals } from '../../../renderer/src/views/builds/bom';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const part = (id: string, category: string, price: number | null, specs?: unknown): BomPart => ({
  id,
  category,
  vendor: 'V',
  model: id,
  typicalUsedPrice: price === null ? null : { ...usd(price), source: 'test', asOf: '2024-01' },
  ...(specs === undefined ? {} : { specs }),
});
const PARTS: BomPart[] = [
  part('rack.r', 'rack', null),
  part('chassis.barebone', 'chassis', 160000, { integratedBoard: 'board.built-in' }),
  part('chassis.empty', 'chassis', 30000, { integratedBoard: null }),
  part('board.built-in', 'board', 40000),
  part('board.other', 'board', 25000),
  part('gpu.p40', 'gpu', 17000),
  part('cpu.x', 'cpu', null),
  part('psu.p', 'psu', 2000),
  part('memory.m', 'memory', null),
];
const byId = new Map(PARTS.map((p) => [p.id, p]));
const partOf = (id: string) => byId.get(id);
const noItems = () => null;

function build(chassis: Partial<ChassisPlacement>[]): Build {
  return {
    format: 'rackhive.build',
    version: 1,
    name: 'bom',
    workloads: [],
    racks: [
      {
        id: 'r1',
        partId: 'rack.r',
        pdus: [],
        chassis: chassis.map((c, i) => ({
          id: `s${i + 1}`,
          partId: 'chassis.barebone',
          positionU: 1 + 4 * i,
          cpus: [],
          devices: [],
          dimms: [],
          drives: [],
          ...c,
        })),
      },
    ],
  };
}

const item = (over: Partial<BomItem> = {}): BomItem => ({
  status: 'received',
  currency: 'USD',
  quantity: 1,
  priceMinor: 10000,
  shippingMinor: null,
  taxMinor: null,
  ...over,
});

describe('the board rule', () => {
  const boards = (b: Build) => bomEntries(b, partOf).filter((e) => e.kind === 'board');

  it("the chassis' integrated board, named or not, comes with the chassis", () => {
    expect(boards(build([{}]))).toEqual([]);
    expect(boards(build([{ boardPartId: 'board.built-in' }]))).toEqual([]);
  });

  it('another board is a line of its own, at its price', () => {
    const lines = bomOf(build([{ boardPartId: 'board.other' }]), partOf, noItems);
    const board = lines.filter((l) => l.kind === 'board');
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({ partId: 'board.other', location: 'r1 / U1 s1', quantity: 1, basis: 'typical', amount: usd(25000) });
    // An empty chassis: whatever board is fitted is bought on its own.
    expect(boards(build([{ partId: 'chassis.empty', boardPartId: 'board.built-in' }]))).toHaveLength(1);
  });

  it('a priced integrated board is not counted twice by any consumer', () => {
    const b = build([{ boardPartId: 'board.built-in' }]);
    const parts = PARTS as unknown as CatalogPart[];
    // rack unknown; the chassis 1600 (its board included).
    expect(costSummary(costLines(b, byId as unknown as Map<string, CatalogPart>, noItems), 'USD').total.knownMinor).toBe(160000);
    expect(costLinesOfBuild(b, parts).lines.map((l) => l.amount)).toEqual([null, usd(160000)]); // the rack's price is unknown
    expect(bomTotals(bomLines(b, byId as unknown as Map<string, CatalogPart>, new Map())).planned).toEqual([usd(160000)]);
    const rows = Papa.parse<string[]>(bomCsv(b, PARTS, []).slice(1), { skipEmptyLines: true }).data;
    expect(rows.filter((r) => r[1] === 'board')).toEqual([]);
  });
});

describe('prices', () => {
  it('planned price, else the typical used price, else unknown (never 0), per unit × quantity', () => {
    const b = build([
      {
        partId: 'chassis.barebone',
        cpus: [{ socket: 'cpu1', partId: 'cpu.x' }],
        devices: [
          { id: 'g0', slot: 'slot1', partId: 'gpu.p40', plannedPrice: usd(15000) },
          { id: 'g1', slot: 'slot2', partId: 'gpu.p40' },
        ],
        psus: [{ partId: 'psu.p', count: 4 }],
        dimms: [{ socket: 'cpu1', channel: 0, count: 2, partId: 'memory.m' }],
        drives: [{ partId: 'storage.not-in-catalog', count: 3 }],
      },
    ]);
    const lines = bomOf(b, partOf, noItems);
    const by = (kind: string) => lines.filter((l) => l.kind === kind);
    expect(by('device').map((l) => [l.basis, l.amount])).toEqual([
      ['planned', usd(15000)],
      ['typical', usd(17000)],
    ]);
    expect(by('psu')[0]).toMatchObject({ quantity: 4, unit: usd(2000), amount: usd(8000) });
    expect(by('dimm')[0]).toMatchObject({ quantity: 2, unit: null, amount: null, basis: 'unknown' });
    expect(by('drive')[0]).toMatchObject({ quantity: 3, amount: null, basisNote: 'part not in the catalog' });
    const s = sumBom(lines);
    expect(s.known).toEqual([usd(160000 + 15000 + 17000 + 8000)]);
    // rack 1 + CPU 1 + DIMMs 2 + drives 3 units unknown, on 4 lines.
    expect(s).toMatchObject({ unknownLines: 4, unknownUnits: 7 });
    expect(costLinesOfBuild(b, PARTS as unknown as CatalogPart[]).unpriced).toBe(7);
  });

  it('owned: the landed cost with the order share, per unit placed; a whole item costs exactly what was paid', () => {
    const it3: BomItem = item({ quantity: 3, priceMinor: 300, feesMinor: 10, orderShippingMinor: 100, orderTaxMinor: null });
    const at = (count: number) => build([{ dimms: [{ socket: 'cpu1', channel: 0, count, partId: 'memory.m', inventoryItemId: 'i' }] }]);
    const dimm = (count: number) => bomOf(at(count), partOf, () => it3).find((l) => l.kind === 'dimm')!;
    // (300 + 10) × 3 + 100 = 1030
    expect(dimm(3)).toMatchObject({ source: 'owned', basis: 'paid', unit: usd(343), amount: usd(1030) });
    expect(dimm(3).basisNote).toBe('price paid + shipping + tax + fees + share of the order');
    expect(dimm(2).amount).toEqual(usd(687));
    expect(itemUnitCost(it3)).toEqual(usd(343));
    // The CSV shows the same figures.
    const row = Papa.parse<string[]>(bomCsv(at(3), PARTS, [{ ...it3, id: 'i', seller: null, orderNumber: null } as unknown as InventoryItemView]).slice(1), {
      skipEmptyLines: true,
    }).data.find((r) => r[1] === 'dimm')!;
    expect(row.slice(6, 7).concat(row.slice(10))).toEqual(['owned', '3.43', '10.30', 'USD']);
  });

  it('owned without the price paid is unknown (not its shipping); a missing item is unknown; a wishlist item is still to buy', () => {
    const b = build([{ devices: [{ id: 'g0', slot: 'slot1', partId: 'gpu.p40', inventoryItemId: 'i', plannedPrice: usd(1) }] }]);
    const gpu = (it: BomItem | null) => bomOf(b, partOf, () => it).find((l) => l.kind === 'device')!;
    expect(gpu(item({ priceMinor: null, shippingMinor: 2000 }))).toMatchObject({ source: 'owned', amount: null, basis: 'unknown' });
    expect(itemUnitCost(item({ priceMinor: null, shippingMinor: 2000 }))).toBeNull();
    expect(gpu(null)).toMatchObject({ source: 'itemMissing', amount: null, basisNote: 'inventory item i not found' });
    expect(gpu(item({ status: 'wishlist', priceMinor: 14000, shippingMinor: 1000 }))).toMatchObject({ source: 'toBuy', basis: 'item', amount: usd(15000) });
    // A returned item no longer counts as owned: the slot is to buy again at its planned price.
    expect(gpu(item({ status: 'returned' }))).toMatchObject({ source: 'toBuy', basis: 'planned', amount: usd(1) });
  });

  it('currencies are never added together without a rate', () => {
    const b = build([
      {
        devices: [
          { id: 'g0', slot: 'slot1', partId: 'gpu.p40', plannedPrice: { amountMinor: 15000, currency: 'EUR' } },
          { id: 'g1', slot: 'slot2', partId: 'gpu.p40', inventoryItemId: 'gbp' },
        ],
      },
    ]);
    const gbp = item({ currency: 'GBP', priceMinor: 12000 });
    const lines = bomOf(b, partOf, () => gbp);
    expect(sumBom(lines).known).toEqual([{ amountMinor: 15000, currency: 'EUR' }, { amountMinor: 12000, currency: 'GBP' }, usd(160000)]);
    const summary = costSummary(
      costLines(b, byId as unknown as Map<string, CatalogPart>, () => ({
        ...gbp,
        id: 'gbp',
        seller: null,
        orderNumber: null,
        listingUrl: null,
        ebayItemNumber: null,
      })),
      'USD',
    );
    expect(summary.total).toEqual({ knownMinor: 160000, pricedLines: 1, unpricedLines: 3 });
    const cost = buildCost(costLinesOfBuild(b, PARTS as unknown as CatalogPart[], () => gbp).lines, 'USD', 10);
    expect(cost).toMatchObject({ total: usd(160000), otherCurrencyLines: 2 });
    const t = bomTotals(bomLines(b, byId as unknown as Map<string, CatalogPart>, new Map([['gbp', gbp as unknown as InventoryItemView]])));
    expect(t).toMatchObject({ owned: [{ amountMinor: 12000, currency: 'GBP' }], planned: [{ amountMinor: 15000, currency: 'EUR' }, usd(160000)] });
  });
});

import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILES } from '#core/build/examples';
import { parseBuildValue } from '#core/build/file';
import type { Build } from '#core/build/build';
import { builtinParts } from '#core/catalog/builtin';
import type { CostItem } from '#core/compare/cost';
import { perfEstimator } from '#core/compare/estimate';
import { buildSheet, mergeBom } from '#core/sheet/sheet';
import { SheetDocument, type BomLine } from '#core/sheet/schema';

function example(id: string): Build {
  const r = parseBuildValue(EXAMPLE_FILES[id]);
  if (!r.ok) throw new Error(id);
  return r.build;
}

const HOSTILE = "<img src=x onerror=alert(1)> =cmd|' /c calc'!A1";
const estimator = perfEstimator(builtinParts);

function sheetOf(build: Build, itemOf: (id: string) => CostItem | null = () => null) {
  const doc = buildSheet({ buildId: 7, build, catalog: builtinParts, itemOf, currency: 'USD', site: null, estimator, generatedOn: '2025-03-01' });
  // What crosses the API must match the contract's schema.
  expect(SheetDocument.safeParse(JSON.parse(JSON.stringify(doc))).success).toBe(true);
  return doc;
}

describe('buildSheet', () => {
  it('X9DRG: two hives of four, one per socket, in the topology and the hive list', () => {
    const doc = sheetOf(example('sys-4028gr-x9drg'));
    expect(doc.check.hives).toHaveLength(2);
    expect(doc.check.hives.map((h) => h.devices.length)).toEqual([4, 4]);
    const t = doc.chassis[0]!.topology;
    expect(t.filter((l) => l.kind === 'socket').map((l) => l.id)).toEqual(['cpu1', 'cpu2']);
    const gpus = t.filter((l) => l.device?.label.startsWith('GPU'));
    expect(gpus).toHaveLength(8);
    expect(gpus.map((l) => l.device!.hives)).toEqual([[0], [0], [0], [0], [1], [1], [1], [1]]);
    // A switch sits between the root complex and its GPU slots.
    const sw = t.findIndex((l) => l.kind === 'switch');
    expect(t[sw + 1]!.kind).toBe('slot');
    expect(t[sw + 1]!.depth).toBe(t[sw]!.depth + 1);
    expect(doc.site).toEqual({ mainsVolts: 230, circuitAmps: 16, from: 'build' });
    expect(doc.estimates).toHaveLength(1);
    expect(doc.estimates[0]!.estimate?.fits).toBe(true);
    expect(doc.estimates[0]!.estimate!.assumptions.length).toBeGreaterThan(2);
  });

  it('open frame: each GPU on a riser cable is listed under its riser, in the riser slot, with its link and hive', () => {
    const t = sheetOf(example('open-frame-romed8-4x3090')).chassis[0]!.topology;
    const risers = t.filter((l) => l.device?.label === 'Riser');
    expect(risers.map((l) => l.label)).toEqual(['PCIE1', 'PCIE3', 'PCIE5', 'PCIE7']);
    for (const r of risers) expect(r.device!.link).toBe('holds 1 slot below');
    const gpus = t.filter((l) => l.device?.label.startsWith('GPU'));
    expect(gpus.map((l) => [l.device!.label, l.label])).toEqual([
      ['GPU0', 'PCIE1 riser'],
      ['GPU1', 'PCIE3 riser'],
      ['GPU2', 'PCIE5 riser'],
      ['GPU3', 'PCIE7 riser'],
    ]);
    for (const g of gpus) {
      // Right under its riser, one level deeper.
      const host = t[t.indexOf(g) - 1]!;
      expect(host.device?.label).toBe('Riser');
      expect(g.depth).toBe(host.depth + 1);
      expect(g.device!.link).toMatch(/^x16 gen 4/);
    }
    expect(gpus.map((l) => l.device!.hives)).toEqual([[0], [0], [1], [2]]);
  });

  it('splits the BOM into owned (paid, order number, seller) and to buy, keeping hostile text as it is', () => {
    const b = example('sys-4028gr-x10drg');
    b.name = HOSTILE;
    b.notes = `notes ${HOSTILE}`;
    const devices = b.racks[0]!.chassis[0]!.devices;
    devices[0]!.inventoryItemId = 'p40-a';
    devices[1]!.inventoryItemId = 'p40-a';
    const item: CostItem = {
      id: 'p40-a',
      status: 'received',
      currency: 'USD',
      priceMinor: 16000,
      shippingMinor: 2000,
      taxMinor: null,
      seller: HOSTILE,
      orderNumber: '23-11111-22222',
      listingUrl: 'https://www.ebay.com/itm/125678901234',
      ebayItemNumber: '125678901234',
    };
    const doc = sheetOf(b, (id) => (id === 'p40-a' ? item : null));
    expect(doc.title).toBe(HOSTILE);
    expect(doc.notes).toContain(HOSTILE);
    expect(doc.bom.owned).toHaveLength(1);
    expect(doc.bom.owned[0]).toMatchObject({ quantity: 2, amountMinor: 36000, seller: HOSTILE, orderNumber: '23-11111-22222', basis: 'paid' });
    expect(doc.bom.owned[0]!.where).toHaveLength(2);
    const p40 = doc.bom.toBuy.find((l) => l.partId === 'gpu.nvidia.tesla-p40')!;
    expect(p40).toMatchObject({ quantity: 6, amountMinor: 6 * 17000, basis: 'typical', basisClass: 'typical', stale: false });
    expect(doc.bom.summary.spent.knownMinor).toBe(36000);
    // Paid P40s, the system, six P40s at the typical price, eight DIMMs at $100 and the ConnectX-3 at $40.
    expect(doc.bom.summary.total.knownMinor).toBe(36000 + 160000 + 6 * 17000 + 8 * 10000 + 4000);
  });

  it('folds the 64 identical Groq nodes into one board drawing and keeps every finding', () => {
    const doc = sheetOf(example('groq-8-racks'));
    expect(doc.racks).toHaveLength(8);
    expect(doc.racks.every((r) => r.units.length === 8)).toBe(true);
    expect(doc.chassis).toHaveLength(1);
    expect(doc.chassis[0]!.sameAs).toHaveLength(63);
    expect(doc.check.hives).toHaveLength(64);
    const cards = doc.bom.toBuy.find((l) => l.partId === 'gpu.groq.groqcard')!;
    expect(cards).toMatchObject({ quantity: 512, amountMinor: 512 * 50000 });
    expect(doc.estimates[0]!.estimate?.fits).toBe(true);
  });

  it('mergeBom adds quantities and keeps unknown amounts unknown', () => {
    const line = (over: Partial<BomLine>): BomLine => ({
      where: ['a'],
      category: 'cpu',
      partId: 'cpu.x',
      label: 'X',
      quantity: 1,
      unitMinor: null,
      amountMinor: null,
      currency: null,
      basis: 'unknown',
      basisClass: 'unknown',
      basisNote: 'n',
      stale: false,
      status: null,
      seller: null,
      orderNumber: null,
      listingUrl: null,
      ebayItemNumber: null,
      ...over,
    });
    expect(mergeBom([line({}), line({ where: ['b'] })])).toEqual([line({ where: ['a', 'b'], quantity: 2 })]);
    const priced = mergeBom([
      line({ basis: 'planned', unitMinor: 5, amountMinor: 5, currency: 'USD' }),
      line({ basis: 'planned', unitMinor: 5, amountMinor: 10, quantity: 2, currency: 'USD' }),
    ]);
    expect(priced).toHaveLength(1);
    expect(priced[0]).toMatchObject({ quantity: 3, amountMinor: 15 });
  });
});

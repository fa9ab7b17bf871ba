// Export → import gives back the same records, and no exported cell starts
// with a formula trigger (property tests over random inventories, hostile text
// included). Also: the template, and a build's bill of materials.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { inventoryCsv, inventoryCsvChunks, templateCsv, bomCsv, BOM } from '#core/csv/export';
import { escapeCell, startsWithFormulaTrigger, unescapeCell } from '#core/csv/escape';
import { previewCsvBytes } from '#core/csv/preview';
import { TEMPLATE_COLUMNS } from '#core/csv/fields';
import { validateItemDraft, type InventoryItemView, type ItemFields } from '#core/inventory/item';
import type { InventoryOrder } from '#core/inventory/orders';
import { ITEM_STATUSES } from '#core/inventory/status';
import type { Build } from '#core/build/build';
import { FIXTURE_PARTS } from '../../helpers/db';

const parts = FIXTURE_PARTS.map((p) => ({ id: p.id, category: p.category, vendor: p.vendor, model: p.model }));
const noYield = () => Promise.resolve();

/** Text that tries every trick: formula triggers, quotes, delimiters, line breaks, accents, the escape quote itself. */
const nasty = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', ';', '"', "'", ' ', 'a', 'Z', '9', 'é', '€', '|'), maxLength: 12 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: '' as const });
const amount = (digits: number) =>
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => (digits === 0 ? String(n) : `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`));
const date = fc.date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const draftArb = fc.record({
  partId: fc.constantFrom(...parts.map((p) => p.id)),
  quantity: fc.integer({ min: 1, max: 500 }).map(String),
  status: fc.constantFrom(...ITEM_STATUSES),
  currency: fc.constantFrom('USD', 'EUR', 'GBP', 'JPY'),
  priceCents: maybe(amount(2)),
  shippingCents: maybe(amount(2)),
  taxCents: maybe(amount(2)),
  feesCents: maybe(amount(2)),
  fxRate: maybe(fc.constantFrom('1.0843', '0.0067', '150.25', '1', '0.5')),
  seller: maybe(nasty),
  listingUrl: maybe(fc.constantFrom('https://www.ebay.com/itm/125678901234', 'https://example.com/a,b?c="d"', 'https://www.ebay.de/itm/Foo/987654321098')),
  orderNumber: maybe(fc.constantFrom('A-1', 'B-2', '=1+2', '-7')),
  orderedOn: maybe(date),
  returnDays: maybe(fc.integer({ min: 0, max: 365 }).map(String)),
  returnBy: maybe(date),
  condition: maybe(nasty),
  serialNumber: maybe(nasty),
  testResult: fc.constantFrom('', 'passed', 'failed'),
  testNote: maybe(nasty),
  notes: maybe(nasty),
});

type DraftValue = typeof draftArb extends fc.Arbitrary<infer T> ? T : never;

function toFields(d: DraftValue, currency: string): ItemFields | null {
  const jpy = (t: string) => (t === '' || currency !== 'JPY' ? t : t.replace('.', ''));
  const result = validateItemDraft({
    partId: d.partId,
    quantity: d.quantity,
    status: d.status,
    currency,
    price: jpy(d.priceCents),
    shipping: jpy(d.shippingCents),
    tax: jpy(d.taxCents),
    fees: jpy(d.feesCents),
    fxRate: d.fxRate,
    fxCurrency: d.fxRate ? 'USD' : '',
    seller: d.seller,
    listingUrl: d.listingUrl,
    orderNumber: d.orderNumber,
    orderedOn: d.orderedOn,
    returnDays: d.returnDays,
    returnBy: d.returnBy,
    condition: d.condition,
    serialNumber: d.serialNumber,
    testResult: d.testResult,
    testNote: d.testNote,
    notes: d.notes,
  });
  return result.ok ? result.value : null;
}

function view(fields: ItemFields, i: number): InventoryItemView {
  const part = FIXTURE_PARTS.find((p) => p.id === fields.partId)!;
  return {
    ...fields,
    id: `item-${i}`,
    createdAt: '2024-06-01T00:00:00.000Z',
    updatedAt: '2024-06-01T00:00:00.000Z',
    part: { category: part.category, vendor: part.vendor, model: part.model },
    orderShippingMinor: null,
    orderTaxMinor: null,
    returnDeadline: null,
  };
}

const inventoryArb = fc
  .tuple(fc.array(draftArb, { maxLength: 15 }), fc.array(fc.tuple(maybe(amount(2)), maybe(amount(2))), { minLength: 4, maxLength: 4 }))
  .map(([drafts, orderAmounts]) => {
    // Items of one order share its currency: the first item's.
    const currencyOf = new Map<string, string>();
    const items = drafts
      .map((d) => {
        const currency = d.orderNumber ? (currencyOf.get(d.orderNumber) ?? d.currency) : d.currency;
        if (d.orderNumber && !currencyOf.has(d.orderNumber)) currencyOf.set(d.orderNumber, currency);
        return toFields(d, currency);
      })
      .filter((f): f is ItemFields => f !== null)
      .map(view);
    const orders: InventoryOrder[] = [];
    [...currencyOf.entries()].forEach(([orderNumber, currency], i) => {
      const [s, t] = orderAmounts[i]!;
      const minor = (text: string) => (text === '' ? null : currency === 'JPY' ? Number(text.replace('.', '')) : Math.round(Number(text) * 100));
      if (s === '' && t === '') return;
      if (!items.some((it) => it.orderNumber === orderNumber)) return;
      orders.push({ orderNumber, currency, shippingMinor: minor(s), taxMinor: minor(t) });
    });
    return { items, orders };
  });

describe('CSV export', () => {
  it('escape and unescape are inverse, and an escaped cell never starts with a trigger', () => {
    fc.assert(
      fc.property(nasty, (cell) => {
        expect(unescapeCell(escapeCell(cell))).toBe(cell);
        expect(startsWithFormulaTrigger(escapeCell(cell))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('export → import gives back the same records and orders; no cell starts with = + - @ tab or CR', async () => {
    await fc.assert(
      fc.asyncProperty(inventoryArb, async ({ items, orders }) => {
        const csv = inventoryCsv(items, orders);
        expect(csv.startsWith(BOM)).toBe(true);
        const cells = Papa.parse<string[]>(csv.slice(1), { delimiter: ',', newline: '\r\n' }).data.flat();
        for (const cell of cells) expect(startsWithFormulaTrigger(cell), JSON.stringify(cell)).toBe(false);
        if (items.length === 0) return;
        const back = await previewCsvBytes(new TextEncoder().encode(csv), { parts }, { yieldBetweenChunks: noYield });
        if (!back.ok) throw new Error(back.error.message);
        expect(back.issues).toEqual([]);
        expect(back.preview!.errors).toEqual([]);
        const strip = ({
          id: _i,
          createdAt: _c,
          updatedAt: _u,
          part: _p,
          orderShippingMinor: _s,
          orderTaxMinor: _t,
          returnDeadline: _r,
          ...fields
        }: InventoryItemView) => fields;
        expect(back.preview!.rows.map((r) => r.fields)).toEqual(items.map(strip));
        const expectedOrders = orders.map((o) => ({
          orderNumber: o.orderNumber,
          currency: o.currency,
          shipping: o.shippingMinor === null ? null : expect.any(String),
          tax: o.taxMinor === null ? null : expect.any(String),
        }));
        expect(back.preview!.orders).toEqual(expect.arrayContaining(expectedOrders));
        expect(back.preview!.orders).toHaveLength(orders.length);
      }),
      { numRuns: 300 },
    );
  });

  it('the streamed chunks (cells quoted without Papa) join to the same bytes as the one-string export, at any chunk size', () => {
    const edgy = fc.string({ unit: fc.constantFrom(' ', '\uFEFF', '"', ',', '\r', '\n', "'", '=', 'a', 'é'), maxLength: 6 });
    fc.assert(
      fc.property(inventoryArb, edgy, fc.integer({ min: 1, max: 7 }), ({ items, orders }, odd, rows) => {
        const withOdd = items.map((it, k) => (k % 2 === 0 ? { ...it, notes: odd, seller: ` ${odd}` } : it));
        expect([...inventoryCsvChunks(withOdd, orders, rows)].join('')).toBe(inventoryCsv(withOdd, orders));
      }),
      { numRuns: 500 },
    );
  });

  it('the template is the header line only, with the documented columns', () => {
    expect(templateCsv()).toBe(`${BOM}${TEMPLATE_COLUMNS.map((c) => c.header).join(',')}\r\n`);
    expect(TEMPLATE_COLUMNS.map((c) => c.header)).toEqual([
      'part_id',
      'part',
      'quantity',
      'status',
      'currency',
      'price',
      'shipping',
      'tax',
      'fees',
      'exchange_rate',
      'exchange_rate_currency',
      'order_number',
      'order_shipping',
      'order_tax',
      'seller',
      'listing_url',
      'ordered_on',
      'received_on',
      'return_days',
      'return_by',
      'condition',
      'serial_number',
      'test_result',
      'test_note',
      'notes',
      'title',
      'external_id',
    ]);
  });

  it("a build's bill of materials: owned parts at their landed cost, planned ones at their planned or typical price, unknown left empty", () => {
    const build: Build = {
      format: 'rackhive.build',
      version: 1,
      name: 'Bench',
      racks: [
        {
          id: 'r1',
          partId: 'board.supermicro.x10drg-o-pcie',
          pdus: [],
          chassis: [
            {
              id: 'srv-1',
              label: '=cmd|calc',
              partId: 'gpu.nvidia.tesla-p40',
              positionU: 1,
              cpus: [{ socket: 'cpu0', partId: 'cpu.intel.xeon-e5-2690-v4', plannedPrice: { amountMinor: 4000, currency: 'USD' } }],
              devices: [
                { id: 'gpu-0', slot: 'slot1', partId: 'gpu.nvidia.rtx-3090', inventoryItemId: 'item-1' },
                { id: 'gpu-1', slot: 'slot2', partId: 'gpu.nvidia.rtx-3090' },
              ],
              dimms: [],
              drives: [],
            },
          ],
        },
      ],
      workloads: [],
    };
    const owned = view(
      {
        ...toFields(
          {
            partId: 'gpu.nvidia.rtx-3090',
            quantity: '1',
            status: 'received',
            currency: 'USD',
            priceCents: '650.00',
            shippingCents: '20.00',
            taxCents: '',
            feesCents: '',
            fxRate: '',
            seller: 'gpu-guy',
            listingUrl: '',
            orderNumber: '',
            orderedOn: '',
            returnDays: '',
            returnBy: '',
            condition: '',
            serialNumber: '',
            testResult: '',
            testNote: '',
            notes: '',
          },
          'USD',
        )!,
      },
      1,
    );
    const catalog = FIXTURE_PARTS.map((p) => ({ ...p, typicalUsedPrice: p.typicalUsedPrice ?? null }));
    const csv = bomCsv(build, catalog, [owned]);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([
      'location',
      'kind',
      'part_id',
      'part',
      'category',
      'quantity',
      'source',
      'status',
      'seller',
      'order_number',
      'unit_cost',
      'line_cost',
      'currency',
    ]);
    expect(rows.slice(1)).toEqual([
      ['r1', 'rack', 'board.supermicro.x10drg-o-pcie', 'Supermicro X10DRG-O-PCIE', 'board', '1', 'to buy', '', '', '', '700.00', '700.00', 'USD'],
      ['r1 / U1 =cmd|calc', 'chassis', 'gpu.nvidia.tesla-p40', 'NVIDIA Tesla P40', 'gpu', '1', 'to buy', '', '', '', '', '', ''],
      [
        'r1 / U1 =cmd|calc / socket cpu0',
        'cpu',
        'cpu.intel.xeon-e5-2690-v4',
        'Intel Xeon E5-2690 v4',
        'cpu',
        '1',
        'to buy',
        '',
        '',
        '',
        '40.00',
        '40.00',
        'USD',
      ],
      [
        'r1 / U1 =cmd|calc / slot slot1',
        'device',
        'gpu.nvidia.rtx-3090',
        'NVIDIA GeForce RTX 3090',
        'gpu',
        '1',
        'owned',
        'received',
        'gpu-guy',
        '',
        '670.00',
        '670.00',
        'USD',
      ],
      [
        'r1 / U1 =cmd|calc / slot slot2',
        'device',
        'gpu.nvidia.rtx-3090',
        'NVIDIA GeForce RTX 3090',
        'gpu',
        '1',
        'to buy',
        '',
        '',
        '',
        '700.00',
        '700.00',
        'USD',
      ],
    ]);
  });
});

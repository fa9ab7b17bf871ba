// The committed corpus of import files (test/fixtures/csv): good files in
// every encoding, line ending and layout give exactly these records; bad ones
// give exactly this error, with line and column where a row is at fault.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { previewCsvBytes, type PreviewResult } from '#core/csv/preview';
import { MAX_CSV_BYTES } from '#core/csv/decode';
import { parseCsvText } from '#core/csv/read';
import type { ItemFields } from '#core/inventory/item';
import { FIXTURE_PARTS } from '../../helpers/db';
import { BLANK_ITEM_FIELDS } from '../../helpers/items';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/csv');
const parts = FIXTURE_PARTS.map((p) => ({ id: p.id, category: p.category, vendor: p.vendor, model: p.model }));
const noYield = () => Promise.resolve();

async function load(name: string, partChoices?: Record<number, string>): Promise<PreviewResult> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, name)));
  return previewCsvBytes(bytes, { parts, ...(partChoices ? { partChoices } : {}) }, { yieldBetweenChunks: noYield, chunkSize: 64 });
}

function ok(result: PreviewResult) {
  if (!result.ok) throw new Error(`expected a preview, got ${result.error.code}: ${result.error.message}`);
  return result;
}

const rec = (over: Partial<ItemFields>): ItemFields => ({ ...BLANK_ITEM_FIELDS, ...over });

function templateRecords(newline: string): ItemFields[] {
  return [
    rec({
      partId: 'gpu.nvidia.rtx-3090',
      quantity: 2,
      status: 'received',
      priceMinor: 69999,
      shippingMinor: 2500,
      taxMinor: 1050,
      seller: 'gpu-recycler-de',
      listingUrl: 'https://www.ebay.com/itm/125678901234',
      ebayItemNumber: '125678901234',
      orderedOn: '2024-05-01',
      receivedOn: '2024-05-08',
      returnDays: 30,
      condition: 'Used',
      serialNumber: 'SN123',
      testResult: 'passed',
      testNote: 'memtest 4 passes, burn-in 2 h',
      notes: `Fans replaced, repasted${newline}second line`,
    }),
    rec({ partId: 'gpu.nvidia.tesla-p40', priceMinor: 18000 }),
    rec({
      partId: 'cpu.intel.xeon-e5-2690-v4',
      quantity: 4,
      status: 'ordered',
      currency: 'EUR',
      priceMinor: 3550,
      feesMinor: 120,
      fxRate: 1.0843,
      fxCurrency: 'USD',
      orderNumber: 'ORD-77',
      seller: 'cpu-haus',
      orderedOn: '2024-06-01',
      returnDays: 14,
    }),
  ];
}

describe('CSV corpus: good files give exactly these records', () => {
  it.each([
    ['template-utf8.csv', '\n', 'utf-8'],
    ['template-utf8-bom-crlf.csv', '\r\n', 'utf-8-bom'],
    ['template-utf16le.csv', '\r\n', 'utf-16le'],
    ['template-utf16be.csv', '\n', 'utf-16be'],
    ['template-cr-only.csv', '\r', 'utf-8'],
  ])('%s', async (file, newline, encoding) => {
    const r = ok(await load(file));
    expect(r.preset).toBe('rackhive-template');
    expect(r.table.encoding).toBe(encoding);
    expect(r.issues).toEqual([]);
    expect(r.preview!.errors).toEqual([]);
    expect(r.preview!.rows.map((row) => row.line)).toEqual([2, 4, 5]);
    expect(r.preview!.rows.map((row) => row.fields)).toEqual(templateRecords(newline));
    expect(r.preview!.orders).toEqual([{ orderNumber: 'ORD-77', currency: 'EUR', shipping: '12.00', tax: '3.00' }]);
  });

  it('windows-1252.csv: Excel on Windows (accents, €), part by name, decimal comma in quotes', async () => {
    const r = ok(await load('windows-1252.csv'));
    expect(r.table.encoding).toBe('windows-1252');
    expect(r.preview!.rows.map((row) => row.fields)).toEqual([
      rec({ partId: 'gpu.nvidia.tesla-p40', status: 'received', currency: 'EUR', priceMinor: 14900, seller: 'Müller Computer', notes: 'café, 3 € Rabatt' }),
    ]);
  });

  it('semicolon-decimal-comma.csv: ";" separated, 1.299,99 and 15,50', async () => {
    const r = ok(await load('semicolon-decimal-comma.csv'));
    expect(r.table.delimiter).toBe(';');
    expect(r.preview!.rows.map((row) => row.fields)).toEqual([
      rec({ partId: 'gpu.nvidia.rtx-3090', status: 'ordered', currency: 'EUR', priceMinor: 129999, shippingMinor: 1550 }),
      rec({ partId: 'gpu.nvidia.tesla-p40', quantity: 2, status: 'ordered', currency: 'EUR', priceMinor: 14950 }),
    ]);
  });

  it("ebay-order-report.csv: eBay's layout (leading commas, padding, footer), titles matched to parts, shipping and tax per order", async () => {
    const r = ok(await load('ebay-order-report.csv'));
    expect(r.preset).toBe('ebay-order-report');
    expect(r.preview!.errors).toEqual([]);
    expect(r.preview!.skipped).toBe(2);
    // A Seller Hub report lists what the person sold; the listing title is kept, the order + item number identify the row.
    const common = { status: 'sold' as const, currency: 'USD' };
    expect(r.preview!.rows.map((row) => [row.line, row.fields])).toEqual([
      [
        4,
        rec({
          ...common,
          partId: 'gpu.nvidia.tesla-p40',
          quantity: 2,
          priceMinor: 17999,
          listingUrl: 'https://www.ebay.com/itm/125678901234',
          ebayItemNumber: '125678901234',
          orderNumber: '12-34567-89012',
          orderedOn: '2024-03-15',
          title: 'NVIDIA Tesla P40 24GB GDDR5 GPU Accelerator Card',
          externalId: 'ebay:12-34567-89012:125678901234',
        }),
      ],
      [
        5,
        rec({
          ...common,
          partId: 'nic.nvidia.connectx-3-fdr',
          priceMinor: 2999,
          listingUrl: 'https://www.ebay.com/itm/125678901235',
          ebayItemNumber: '125678901235',
          orderNumber: '12-34567-89012',
          orderedOn: '2024-03-15',
          title: 'Mellanox ConnectX-3 FDR InfiniBand dual port',
          externalId: 'ebay:12-34567-89012:125678901235',
        }),
      ],
      [
        6,
        rec({
          ...common,
          partId: 'gpu.nvidia.rtx-3090',
          priceMinor: 69900,
          listingUrl: 'https://www.ebay.com/itm/125678901236',
          ebayItemNumber: '125678901236',
          orderNumber: '11-11111-22222',
          orderedOn: '2024-03-20',
          title: 'EVGA GeForce RTX 3090 FTW3 ULTRA 24GB',
          externalId: 'ebay:11-11111-22222:125678901236',
        }),
      ],
    ]);
    expect(r.preview!.orders).toEqual([
      { orderNumber: '12-34567-89012', currency: 'USD', shipping: '20.00', tax: '17.41' },
      { orderNumber: '11-11111-22222', currency: 'USD', shipping: '25.00', tax: null },
    ]);
  });

  it('extra-unknown-columns.csv: columns Rackhive does not know are left out', async () => {
    const r = ok(await load('extra-unknown-columns.csv'));
    expect(r.mapping).toEqual(['partId', 'quantity', 'status', null, null]);
    expect(r.preview!.rows.map((row) => row.fields)).toEqual([rec({ partId: 'gpu.nvidia.tesla-p40', status: 'received' })]);
  });

  it('quoted-escapes.csv: doubled quotes, and formula-escaped cells read back without their quote', async () => {
    const r = ok(await load('quoted-escapes.csv'));
    expect(r.preview!.rows.map((row) => row.fields)).toEqual([
      rec({ partId: 'gpu.nvidia.tesla-p40', seller: 'Bob "the GPU" Smith', notes: '=SUM(A1:A9)' }),
      rec({ partId: 'gpu.nvidia.tesla-p40', seller: '-minus-seller', notes: '@home, "quoted"' }),
    ]);
  });
});

describe('CSV corpus: bad files give exactly this error', () => {
  it.each([
    ['empty.csv', 'EMPTY', 'The file is empty.'],
    ['whitespace-only.csv', 'EMPTY', 'The file is empty.'],
    ['binary-png.csv', 'BINARY', 'This is not a CSV text file (it contains binary data). Export the sheet as CSV and choose that file.'],
    ['xlsx-saved-as-csv.csv', 'BINARY', 'This is not a CSV text file (it contains binary data). Export the sheet as CSV and choose that file.'],
    ['header-only.csv', 'NO_ROWS', 'The file has column names but no rows below them.'],
    ['unclosed-quote.csv', 'MALFORMED', 'Line 3: a quoted cell is never closed or has text after its closing quote (a " is missing or extra).'],
  ])('%s → %s', async (file, code, message) => {
    expect(await load(file)).toEqual({ ok: false, error: { code, message } });
  });

  it('missing-part-column.csv: nothing says which part a row is', async () => {
    const r = ok(await load('missing-part-column.csv'));
    expect(r.preview).toBeNull();
    expect(r.issues).toEqual([
      { field: 'part', columns: [], message: 'No column says which part each row is: map a column to "Part name / listing title" or "Part id".' },
    ]);
  });

  it('duplicate-columns.csv: two "price" columns', async () => {
    const r = ok(await load('duplicate-columns.csv'));
    expect(r.preview).toBeNull();
    expect(r.issues).toEqual([
      { field: 'price', columns: [1, 3], message: 'Columns B "price" and D "price" are both imported as Price per unit: choose one of them.' },
    ]);
  });

  it('extra-cells-row.csv: an unquoted decimal comma makes a row one cell too long', async () => {
    const r = ok(await load('extra-cells-row.csv'));
    expect(r.preview!.validCount).toBe(1);
    expect(r.preview!.errors).toEqual([{ line: 3, column: null, message: 'Line 3: 4 of 3 columns (a comma inside an amount or text that needs "quotes"?)' }]);
  });

  it('bad-values.csv: each problem with its line and column', async () => {
    const r = ok(await load('bad-values.csv'));
    expect(r.preview!.rows.map((row) => row.fields === null)).toEqual([false, true, true, true]);
    expect(r.preview!.errors).toEqual([
      { line: 3, column: 'B "quantity"', message: 'Quantity must be a whole number, 1 or more' },
      { line: 4, column: 'C "status"', message: 'Status must be one of: wishlist, watching, ordered, shipped, received, tested, faulty, returned, sold' },
      { line: 4, column: 'D "price"', message: 'Price must be a number like 129.99' },
      { line: 4, column: 'E "ordered_on"', message: 'Ordered date must be a date like 2024-05-31' },
      { line: 5, column: 'D "price"', message: 'Price "1.299" could be read two ways: write 1299 for the whole amount, or use at most 2 decimals' },
      { line: 5, column: 'F "received_on"', message: 'Received date is before the ordered date' },
    ]);
  });

  it('unmatched-part.csv: unknown and ambiguous names are errors until the person chooses the part', async () => {
    const r = ok(await load('unmatched-part.csv'));
    expect(r.preview!.errors).toEqual([
      { line: 3, column: 'A "part"', message: '"NVIDIA" fits 4 catalog parts: choose one' },
      { line: 4, column: 'A "part"', message: 'No catalog part matches "Some Unknown Card 9000": choose the part' },
    ]);
    expect(r.preview!.rows[1]!.part).toMatchObject({
      status: 'ambiguous',
      candidates: [{ id: 'gpu.nvidia.rtx-3090' }, { id: 'gpu.nvidia.tesla-p40' }, { id: 'gpu.nvidia.rtx-a5000' }, { id: 'nic.nvidia.connectx-3-fdr' }],
    });
    const fixed = ok(await load('unmatched-part.csv', { 3: 'gpu.nvidia.rtx-a5000', 4: 'gpu.nvidia.tesla-p40' }));
    expect(fixed.preview!.errors).toEqual([]);
    expect(fixed.preview!.rows.map((row) => row.fields!.partId)).toEqual(['gpu.nvidia.tesla-p40', 'gpu.nvidia.rtx-a5000', 'gpu.nvidia.tesla-p40']);
  });

  it('a file over the size cap is refused in under a second, before decoding', async () => {
    const big = new Uint8Array(MAX_CSV_BYTES + 1).fill(0x41);
    const t0 = performance.now();
    const r = await previewCsvBytes(big, { parts });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r).toEqual({
      ok: false,
      error: { code: 'TOO_LARGE', message: 'The file is 20.0 MiB; files up to 20.0 MiB can be imported. Split it into smaller files.' },
    });
  });
});

describe('CSV reading in pieces', () => {
  it('reports progress up to 1 and gives the same rows as one piece, quoted line breaks included', async () => {
    const lines = ['a,b,c'];
    for (let i = 0; i < 500; i++) lines.push(`${i},"two\r\nlines ${i}","x,""y"""`);
    const text = lines.join('\r\n');
    const seen: number[] = [];
    const pieces = await parseCsvText(text, { chunkSize: 97, yieldBetweenChunks: noYield, onProgress: (f) => seen.push(f) });
    const whole = await parseCsvText(text, { chunkSize: 1 << 30 });
    expect(pieces).toEqual(whole);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    if (!pieces.ok) throw new Error('parse failed');
    expect(pieces.table.rows.at(-1)).toEqual({ line: 1 + 2 * 500 - 1, cells: ['499', 'two\r\nlines 499', 'x,"y"'] });
  });
});

// What an eBay buyer really has, imported through the real readers, the same
// preview the dialog shows and the real handlers into a real database file:
// order emails (US/UK/DE), a saved Purchases page, a replayed GetOrders
// response, the Seller Hub report (US/UK/DE), every date style, strict rows,
// NUL, a delivered/refunded mix, and importing the same purchases again.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useInventoryHandlers } from './harness';
import { fetchGetOrders } from '#host/ebay/getOrders';
import { InventoryPage } from '#core/api/inventory';
import { previewTable } from '#core/csv/preview';
import type { ConvertContext } from '#core/csv/convert';
import { readImportBytes } from '#core/import/source';
import { readGetOrders } from '#core/import/getOrders';
import { purchasesTable } from '#core/import/purchases';
import { landedPrefix } from '#core/inventory/totals';
import { FIXTURE_PARTS } from '../../helpers/db';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ebay');
const parts = FIXTURE_PARTS.map((p) => ({ id: p.id, category: p.category, vendor: p.vendor, model: p.model }));
const noYield = () => Promise.resolve();

async function preview(file: string, context: Partial<ConvertContext> = {}) {
  const read = await readImportBytes(new Uint8Array(fs.readFileSync(path.join(DIR, file))), { yieldBetweenChunks: noYield });
  if (!read.ok) throw new Error(`${file}: ${read.error.message}`);
  const result = previewTable(read.table, { parts, ...context }, read.preset ? { preset: read.preset } : {});
  if (!result.preview) throw new Error(`${file}: ${JSON.stringify(result.issues)}`);
  return { read, result, p: result.preview };
}

const { call, value } = useInventoryHandlers();
async function commit(file: string, onDuplicate: 'skip' | 'update' = 'skip', context: Partial<ConvertContext> = {}) {
  const { p } = await preview(file, context);
  const { importId } = await value<{ importId: string }>('inventory:importBegin', { fileName: file });
  const rows = p.rows.filter((r) => r.fields).map((r) => ({ line: r.line, draft: r.draft, source: r.source }));
  await value('inventory:importRows', { importId, rows });
  return value<{ imported: number; skipped: number; updated: number }>('inventory:importCommit', { importId, orders: p.orders, onDuplicate });
}

describe('order emails', () => {
  it('US confirmation: one purchase with the order, item number, title, price, shipping, tax, seller and date; status ordered', async () => {
    const { read, p } = await preview('email-us-confirmation.eml');
    expect(read.kind).toBe('email');
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => r.fields)).toMatchObject([
      {
        partId: 'gpu.nvidia.tesla-p40',
        status: 'ordered',
        currency: 'USD',
        priceMinor: 17999,
        quantity: 1,
        seller: 'gpu-depot',
        orderNumber: '25-50001-50001',
        ebayItemNumber: '126000000041',
        orderedOn: '2024-03-12',
        title: 'NVIDIA Tesla P40 24GB GPU Accelerator Card',
        externalId: 'ebay:25-50001-50001:126000000041',
      },
    ]);
    expect(p.orders).toEqual([{ orderNumber: '25-50001-50001', currency: 'USD', shipping: '20.00', tax: '15.80' }]);
  });

  it('UK multi-item (quoted-printable, £, VAT): two purchases of one order, the title kept with its accents', async () => {
    const { p } = await preview('email-uk-multi.eml');
    expect(p.rows.map((r) => [r.fields?.partId, r.fields?.quantity, r.fields?.priceMinor, r.fields?.currency, r.fields?.title])).toEqual([
      ['board.supermicro.x10drg-o-pcie', 1, 25000, 'GBP', 'Supermicro X10DRG-O-PCIE board – très bon état'],
      ['cpu.intel.xeon-e5-2690-v4', 2, 3550, 'GBP', 'Intel Xeon E5-2690 v4 CPU 14 core'],
    ]);
    expect(p.orders).toEqual([{ orderNumber: '26-60001-60001', currency: 'GBP', shipping: '12.00', tax: '64.20' }]);
  });

  it('German "versandt" email (HTML only): shipped, 116,99 €, VAT "inkl." stays unknown', async () => {
    const { p } = await preview('email-de-shipped.eml');
    expect(p.rows[0]!.fields).toMatchObject({
      partId: 'nic.nvidia.connectx-3-fdr',
      status: 'shipped',
      currency: 'EUR',
      priceMinor: 11699,
      seller: 'netzwerk-teile',
      orderNumber: '27-70001-70001',
    });
    expect(p.orders).toEqual([{ orderNumber: '27-70001-70001', currency: 'EUR', shipping: '4.99', tax: null }]);
    expect(p.rows[0]!.statusReason).toBe('shipped date given');
  });

  it('the "delivered" email of a purchase already imported: skipped by default, updated on request (received, with its order date kept)', async () => {
    expect(await commit('email-us-confirmation.eml')).toEqual({ imported: 1, skipped: 0, updated: 0, orders: 1 });
    expect(await commit('email-us-delivered.eml')).toEqual({ imported: 0, skipped: 1, updated: 0, orders: 0 });
    expect(await commit('email-us-delivered.eml', 'update')).toEqual({ imported: 0, skipped: 0, updated: 1, orders: 0 });
    const page = await value('inventory:list', {}, InventoryPage);
    expect(page.items.map((i) => [i.status, i.orderedOn, i.receivedOn, i.orderShippingMinor])).toEqual([['received', '2024-03-12', '2024-03-18', 2000]]);
    expect(page.totals.spent).toEqual([{ currency: 'USD', amountMinor: 17999 + 2000 + 1580 }]);
    const detail = await value<{ history: { toStatus: string; note: string | null }[] }>('inventory:get', { id: page.items[0]!.id });
    expect(detail.history.map((h) => h.toStatus)).toEqual(['ordered', 'received']);
    expect(detail.history[0]!.note).toMatch(/^Imported from email-us-confirmation\.eml, line 5: item_number: 126000000041; part: NVIDIA Tesla P40/);
  });
});

describe('the saved Purchases page', () => {
  it('every order on it, read by labels and item links (class names mean nothing); refunded → returned, delivered → received', async () => {
    const { read, p } = await preview('purchases-page.html');
    expect(read.kind).toBe('purchases-page');
    expect(
      p.rows.map(
        (r) =>
          r.fields && [
            r.fields.partId,
            r.fields.status,
            r.fields.priceMinor,
            r.fields.quantity,
            r.fields.orderNumber,
            r.fields.seller,
            r.fields.orderedOn,
            r.fields.receivedOn,
          ],
      ),
    ).toEqual([
      ['gpu.nvidia.tesla-p40', 'received', 16500, 1, '28-80001-80001', 'server-liquidators', '2024-04-02', '2024-04-08'],
      ['cpu.intel.xeon-e5-2690-v4', 'returned', 2850, 2, '28-80002-80002', 'cpu-world', '2024-04-20', null],
    ]);
  });

  it('a page with no purchases on it says so', async () => {
    const read = await readImportBytes(new TextEncoder().encode('<!DOCTYPE html><html><body><p>Sign in to see your purchases</p></body></html>'));
    expect(read).toMatchObject({ ok: false, error: { code: 'NO_ROWS' } });
    expect(!read.ok && read.error.message).toMatch(/No purchase could be read from this page/);
  });
});

describe('GetOrders (OrderRole=Buyer) against a local stub replaying the documented XML', () => {
  it('sends a buyer GetOrders request with the keys and reads the orders it returns', async () => {
    const xml = fs.readFileSync(path.join(DIR, 'getorders-buyer.xml'), 'utf8');
    const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(200, { 'Content-Type': 'text/xml' }).end(xml);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const pages = await fetchGetOrders(
        { appId: 'app', devId: 'dev', certId: 'cert', token: 'tok<&>' },
        { endpoint: `http://127.0.0.1:${port}/ws/api.dll`, days: 30 },
      );
      expect(seen).toHaveLength(1);
      expect(seen[0]!.headers['x-ebay-api-call-name']).toBe('GetOrders');
      expect(seen[0]!.headers['x-ebay-api-app-name']).toBe('app');
      expect(seen[0]!.body).toContain('<OrderRole>Buyer</OrderRole>');
      expect(seen[0]!.body).toContain('<eBayAuthToken>tok&lt;&amp;&gt;</eBayAuthToken>');
      expect(seen[0]!.body).toContain('<NumberOfDays>30</NumberOfDays>');
      const table = purchasesTable(pages.flatMap(readGetOrders));
      const p = previewTable(table, { parts }, { preset: 'ebay-purchases' }).preview!;
      expect(p.rows.map((r) => r.fields && [r.fields.partId, r.fields.status, r.fields.quantity, r.fields.priceMinor, r.fields.seller])).toEqual([
        ['gpu.nvidia.tesla-p40', 'received', 2, 17999, 'server-parts-direct'],
        ['nic.nvidia.connectx-3-fdr', 'shipped', 1, 3000, 'server-parts-direct'],
        ['gpu.nvidia.rtx-3090', 'returned', 1, 69900, 'gpu-recycler'],
      ]);
      expect(p.orders).toEqual([{ orderNumber: '24-40001-40001', currency: 'USD', shipping: '15.00', tax: null }]);
    } finally {
      server.close();
    }
  });
});

describe('the Seller Hub orders report — parts you sold', () => {
  it("US: a multi-item order's summary row gives the order's shipping and tax; rows are sold; the footer is no row", async () => {
    const { result, p } = await preview('seller-hub-us.csv');
    expect(result.preset).toBe('ebay-order-report');
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.line, r.fields?.status, r.fields?.priceMinor, r.fields?.quantity, r.fields?.title])).toEqual([
      [5, 'sold', 13000, 2, 'NVIDIA Tesla P40 24GB GDDR5 GPU Accelerator Card'],
      [6, 'sold', 4297, 1, 'Mellanox ConnectX-3 FDR InfiniBand dual port'],
      [7, 'sold', 69900, 1, 'EVGA GeForce RTX 3090 FTW3 ULTRA 24GB – très bon état'],
    ]);
    expect(p.orders).toEqual([
      { orderNumber: '21-10002-10002', currency: 'USD', shipping: '25.00', tax: '55.92' },
      { orderNumber: '21-10001-10001', currency: 'USD', shipping: '18.00', tax: '21.60' },
    ]);
  });

  it('UK sentence-case headers and German ";" report with "116,99 €" and "10-Dez-25" are recognised', async () => {
    const uk = await preview('seller-hub-uk.csv');
    expect(uk.result.preset).toBe('ebay-order-report');
    expect(uk.p.rows[0]!.fields).toMatchObject({ partId: 'gpu.nvidia.tesla-p40', currency: 'GBP', priceMinor: 15000, orderedOn: '2024-03-15', status: 'sold' });
    const de = await preview('seller-hub-de.csv');
    expect(de.result.preset).toBe('ebay-order-report');
    expect(de.p.errors).toEqual([]);
    expect(de.p.rows[0]!.fields).toMatchObject({
      partId: 'nic.nvidia.connectx-3-fdr',
      currency: 'EUR',
      priceMinor: 11699,
      orderedOn: '2025-12-10',
      ebayItemNumber: '126000000021',
    });
  });
});

describe('dates in every style, one day/month order per file', () => {
  it.each([
    ['dates-iso.csv', 'ymd-or-none'],
    ['dates-dotted.csv', 'dmy'],
    ['dates-dmy-slash.csv', 'dmy'],
    ['dates-mdy-slash.csv', 'mdy'],
    ['dates-d-mmm-yyyy.csv', 'none'],
    ['dates-mmm-dd-yy.csv', 'none'],
    ['dates-dd-mmm-yy.csv', 'none'],
    ['dates-mmm-d-yyyy-at.csv', 'none'],
  ])('%s reads as 1 and 13 June', async (file) => {
    const { p } = await preview(file);
    expect(p.errors).toEqual([]);
    const expected = file === 'dates-dd-mmm-yy.csv' ? ['2024-06-01', '2024-12-13'] : ['2024-06-01', '2024-06-13'];
    expect(p.rows.map((r) => r.fields?.orderedOn)).toEqual(expected);
  });

  it('an ambiguous column asks; the chosen order reads it, and flipping it reads the other way', async () => {
    const asked = await preview('dates-ambiguous.csv');
    expect(asked.p.dates).toMatchObject({ detected: 'ambiguous', order: null });
    expect(asked.p.errors.map((e) => e.message)).toEqual([
      '"01/06/2024" could be day/month or month/day: choose the date order in the column step',
      '"02/06/2024" could be day/month or month/day: choose the date order in the column step',
    ]);
    expect((await preview('dates-ambiguous.csv', { dateOrder: 'dmy' })).p.rows.map((r) => r.fields?.orderedOn)).toEqual(['2024-06-01', '2024-06-02']);
    expect((await preview('dates-ambiguous.csv', { dateOrder: 'mdy' })).p.rows.map((r) => r.fields?.orderedOn)).toEqual(['2024-01-06', '2024-02-06']);
    expect((await preview('dates-dmy-slash.csv')).p.dates).toMatchObject({ detected: 'dmy', evidence: '13/06/2024' });
  });
});

describe('rows as the file has them', () => {
  it('a short row is "line 4: 3 of 5 columns", before any part matching', async () => {
    const { p } = await preview('short-row.csv');
    expect(p.errors).toEqual([{ line: 4, column: null, message: 'Line 4: 3 of 5 columns (a cell is missing, or the line was cut)' }]);
    expect(p.validCount).toBe(3);
  });

  it('a NUL: a file with one reads as binary; a NUL typed or sent in any text field is a field error on every write path', async () => {
    const read = await readImportBytes(new Uint8Array(fs.readFileSync(path.join(DIR, 'nul-in-cell.csv'))));
    expect(read).toMatchObject({ ok: false, error: { code: 'BINARY' } });
    expect(await call('inventory:create', { partId: 'gpu.nvidia.tesla-p40', seller: 'nul\u0000seller' })).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'seller', message: 'Seller contains a NUL character (U+0000); remove it (only tabs and line breaks are kept)' }],
      },
    });
    const { importId } = await value<{ importId: string }>('inventory:importBegin', {});
    await value('inventory:importRows', { importId, rows: [{ line: 2, draft: { partId: 'gpu.nvidia.tesla-p40', notes: 'a\u0007b' } }] });
    expect(await call('inventory:importCommit', { importId })).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'rows.2.notes' }] } });
    expect((await value('inventory:list', {}, InventoryPage)).total).toBe(0);
  });

  it('a delivered / refunded / paid mix gets its statuses; a duplicate row is named; override sets all', async () => {
    const { p } = await preview('status-mix.csv');
    expect(p.rows.map((r) => [r.line, r.draft.status, r.statusReason, r.duplicateOf])).toEqual([
      [2, 'received', 'delivered date given', null],
      [3, 'returned', 'order status "Refunded"', null],
      [4, 'ordered', 'order status "Paid"', null],
      [5, 'received', 'delivered date given', 2],
    ]);
    expect(p.errors).toEqual([
      { line: 5, column: 'D "item_number"', message: 'Same purchase as line 2 (ebay:29-1-1:126000000081): a duplicate row in the file' },
    ]);
    const all = await preview('status-mix.csv', { statusOverride: 'tested' });
    expect(all.p.rows.map((r) => r.draft.status)).toEqual(['tested', 'tested', 'tested', 'tested']);
  });

  it('re-import: 0 new and N skipped, then N updated', async () => {
    expect(await commit('email-uk-multi.eml')).toMatchObject({ imported: 2, skipped: 0, updated: 0 });
    expect(await value('inventory:importExisting', { externalIds: ['ebay:26-60001-60001:126000000051', 'ebay:1-1:123456789'] })).toEqual({
      existing: ['ebay:26-60001-60001:126000000051'],
    });
    expect(await commit('email-uk-multi.eml')).toMatchObject({ imported: 0, skipped: 2, updated: 0 });
    expect(await commit('email-uk-multi.eml', 'update')).toMatchObject({ imported: 0, skipped: 0, updated: 2 });
    expect((await value('inventory:list', {}, InventoryPage)).total).toBe(2);
  });

  it('a landed total with tax or shipping unknown is a lower bound', () => {
    const item = {
      status: 'received' as const,
      currency: 'USD',
      priceMinor: 100,
      shippingMinor: 500,
      taxMinor: null,
      feesMinor: null,
      quantity: 1,
      orderShippingMinor: null,
      orderTaxMinor: null,
    };
    expect(landedPrefix(item)).toBe('≥ ');
    expect(landedPrefix({ ...item, orderTaxMinor: 12 })).toBe('');
  });
});

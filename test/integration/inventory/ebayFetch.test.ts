// The optional Trading API import through the real handler table: keys are
// checked at the boundary, stored (here in the browser host's session store)
// and never sent back; GetOrders goes to a local stub replaying documented
// XML, page by page; eBay's error codes, HTTP errors and an unreachable
// endpoint each come back as REMOTE with what to do; the pages read into the
// same purchases preview as a saved GetOrders file.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import { sessionKeyStore } from '#host/ebay/keyStore';
import type { Handlers } from '#core/api/contract';
import { readImportBytes, mergeTables } from '#core/import/source';
import { previewTable } from '#core/csv/preview';
import { cleanupTempDirs, FIXTURE_PARTS, makeTempDir, steppingClock } from '../../helpers/db';
import { ebayFixture, startEbayStub, twoPages, type EbayStub } from '../../helpers/ebayStub';

const KEYS = {
  appId: 'RackhiveT-Rackhive-PRD-1a2b3c4d5-6e7f8a9b',
  devId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  certId: 'PRD-1a2b3c4d5e6f-7a8b-9c0d',
  token: 'AgAAAA**AQAAAA**aAAAAA**' + 'x'.repeat(60),
};
const parts = FIXTURE_PARTS.map((p) => ({ id: p.id, category: p.category, vendor: p.vendor, model: p.model }));

let stub: EbayStub | null = null;
let close: () => void = () => undefined;
afterEach(async () => {
  close();
  cleanupTempDirs();
  await stub?.close();
  stub = null;
});

async function handlersFor(endpoint: string): Promise<(channel: string, args: unknown) => ReturnType<typeof dispatch>> {
  const dataDir = makeTempDir();
  const app = await openAppDatabase(dataDir, { builtinParts: FIXTURE_PARTS, now: () => new Date('2024-06-01T00:00:00Z') });
  const handlers: Handlers = createHandlers({
    db: app.db,
    dataDir,
    databasePath: app.path,
    host: 'http',
    now: steppingClock(),
    ebayKeys: sessionKeyStore(),
    ebayEndpoint: endpoint,
  });
  close = () => closeAppDatabase(app.db);
  return (channel, args) => dispatch(handlers, channel, args, { host: 'http' });
}

describe('eBay keys', () => {
  let call: Awaited<ReturnType<typeof handlersFor>>;
  beforeEach(async () => {
    call = await handlersFor('http://127.0.0.1:9/unused');
  });

  it('are off by default, stored on request, never sent back, and cleared', async () => {
    expect(await call('ebay:keys', {})).toEqual({ ok: true, value: { stored: false, storage: 'session', appIdHint: null } });
    const saved = await call('ebay:saveKeys', KEYS);
    expect(saved).toEqual({ ok: true, value: { stored: true, storage: 'session', appIdHint: 'Rackhive…' } });
    expect(JSON.stringify(saved)).not.toContain(KEYS.token);
    expect(JSON.stringify(await call('ebay:keys', {}))).not.toContain(KEYS.certId);
    expect(await call('ebay:forgetKeys', {})).toMatchObject({ ok: true, value: { stored: false } });
  });

  it('refuses malformed keys at the boundary with the field named', async () => {
    const res = await call('ebay:saveKeys', { ...KEYS, token: 'has spaces in it, not a token at all' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('BAD_REQUEST');
    expect(res.error.issues?.map((i) => i.path)).toEqual(['token']);
    expect(res.error.issues?.[0]?.message).toMatch(/may only hold/);
    const missing = await call('ebay:saveKeys', { ...KEYS, appId: ' ' });
    expect(!missing.ok && missing.error.issues?.map((i) => [i.path, i.message])).toEqual([['appId', 'App ID is required']]);
    const extra = await call('ebay:saveKeys', { ...KEYS, password: 'x' });
    expect(extra.ok).toBe(false);
    expect((await call('ebay:keys', {})).ok && ((await call('ebay:keys', {})) as { value: { stored: boolean } }).value.stored).toBe(false);
  });

  it('fetching without keys says to enter them, and makes no call', async () => {
    const res = await call('ebay:fetchOrders', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/No eBay developer keys are stored/) } });
  });
});

describe('GetOrders through the handlers against a local stub', () => {
  it('fetches page by page with the keys in the headers and reads both pages into one purchases preview', async () => {
    stub = await startEbayStub(twoPages);
    const call = await handlersFor(stub.endpoint);
    await call('ebay:saveKeys', KEYS);
    const first = await call('ebay:fetchOrders', { page: 1 });
    expect(first).toMatchObject({ ok: true, value: { page: 1, totalPages: 2, hasMore: true, orders: 1 } });
    const second = await call('ebay:fetchOrders', { page: 2 });
    expect(second).toMatchObject({ ok: true, value: { page: 2, totalPages: 2, hasMore: false, orders: 1 } });
    expect(stub.requests.map((r) => r.page)).toEqual([1, 2]);
    const req = stub.requests[0]!;
    expect(req.headers['x-ebay-api-call-name']).toBe('GetOrders');
    expect(req.headers['x-ebay-api-app-name']).toBe(KEYS.appId);
    expect(req.headers['x-ebay-api-dev-name']).toBe(KEYS.devId);
    expect(req.headers['x-ebay-api-cert-name']).toBe(KEYS.certId);
    expect(req.body).toContain('<OrderRole>Buyer</OrderRole>');
    expect(req.body).toContain('<NumberOfDays>90</NumberOfDays>');
    expect(req.body).toContain(`<eBayAuthToken>${KEYS.token}</eBayAuthToken>`);

    // The renderer hands the pages to the importer as files: the same reader and preview as a saved GetOrders file.
    const pages = [first, second].map((r) => (r as { value: { xml: string } }).value.xml);
    const tables = [];
    for (const [i, xml] of pages.entries()) {
      const read = await readImportBytes(new TextEncoder().encode(xml));
      if (!read.ok) throw new Error(read.error.message);
      expect(read.kind).toBe('get-orders');
      tables.push({ name: `eBay GetOrders page ${i + 1}`, table: read.table });
    }
    const merged = mergeTables(tables)!;
    const p = previewTable(merged.table, { parts }, { preset: 'ebay-purchases' }).preview!;
    expect(p.rows.map((r) => r.fields && [r.fields.partId, r.fields.status, r.fields.priceMinor, r.fields.seller, r.fields.orderNumber])).toEqual([
      ['gpu.nvidia.tesla-p40', 'received', 16900, 'server-parts-direct', '24-40010-40010'],
      ['nic.nvidia.connectx-3-fdr', 'ordered', 2800, 'nic-outlet', '24-40011-40011'],
    ]);
  });

  it('a refused token comes back as REMOTE naming eBay error 931 and what to do', async () => {
    stub = await startEbayStub(() => ebayFixture('getorders-error-931.xml'));
    const call = await handlersFor(stub.endpoint);
    await call('ebay:saveKeys', KEYS);
    const res = await call('ebay:fetchOrders', {});
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('REMOTE');
    expect(res.error.message).toContain('eBay error 931');
    expect(res.error.message).toContain('Validation of the authentication token in API request failed.');
    expect(res.error.message).toMatch(/Make a new token on developer\.ebay\.com/);
    expect(res.error.message).not.toContain(KEYS.token);
  });

  it('another eBay error code is shown as eBay gave it', async () => {
    const xml = ebayFixture('getorders-error-931.xml')
      .replace('931', '21917062')
      .replace('Validation of the authentication token in API request failed.', 'Internal error.');
    stub = await startEbayStub(() => ({ status: 500, body: xml }));
    const call = await handlersFor(stub.endpoint);
    await call('ebay:saveKeys', KEYS);
    const res = await call('ebay:fetchOrders', {});
    expect(!res.ok && res.error).toMatchObject({
      code: 'REMOTE',
      message: 'eBay answered GetOrders with an error (eBay error 21917062: Internal error.). Nothing was imported.',
    });
  });

  it('an HTTP error without XML and an answer that is not GetOrders are named', async () => {
    stub = await startEbayStub((r) =>
      r.headers['x-ebay-api-app-name'] === 'html' ? '<html><body>Sign in to the Wi-Fi</body></html>' : { status: 503, body: 'busy' },
    );
    const call = await handlersFor(stub.endpoint);
    await call('ebay:saveKeys', KEYS);
    expect(await call('ebay:fetchOrders', {})).toMatchObject({ ok: false, error: { code: 'REMOTE', message: expect.stringMatching(/answered HTTP 503/) } });
    await call('ebay:saveKeys', { ...KEYS, appId: 'html' });
    expect(await call('ebay:fetchOrders', {})).toMatchObject({
      ok: false,
      error: { code: 'REMOTE', message: expect.stringMatching(/not a GetOrders response/) },
    });
  });

  it('an endpoint nobody listens on is a network error naming the host', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const call = await handlersFor(`http://127.0.0.1:${port}/ws/api.dll`);
    await call('ebay:saveKeys', KEYS);
    const res = await call('ebay:fetchOrders', {});
    expect(!res.ok && res.error).toMatchObject({
      code: 'REMOTE',
      message: expect.stringMatching(new RegExp(`Could not reach eBay's Trading API at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`)),
    });
  });

  it('page and days are bounded by the contract', async () => {
    const call = await handlersFor('http://127.0.0.1:9/unused');
    expect(await call('ebay:fetchOrders', { days: 91 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('ebay:fetchOrders', { page: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

// A local stand-in for eBay's Trading API endpoint: answers each POST with
// what the test gives (usually a GetOrders XML file under test/fixtures/ebay)
// and records what was asked, so tests see the real request the app sends.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EBAY_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ebay');

export function ebayFixture(name: string): string {
  return fs.readFileSync(path.join(EBAY_FIXTURES, name), 'utf8');
}

export interface StubRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** <PageNumber> of a GetOrders request. */
  page: number;
}

export interface EbayStub {
  endpoint: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export type StubAnswer = { status?: number; body: string } | string;

export async function startEbayStub(answer: (request: StubRequest) => StubAnswer): Promise<EbayStub> {
  const requests: StubRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const page = Number(/<PageNumber>(\d+)<\/PageNumber>/.exec(body)?.[1] ?? 1);
      const request = { headers: req.headers, body, page };
      requests.push(request);
      const a = answer(request);
      const { status, body: text } = typeof a === 'string' ? { status: 200, body: a } : { status: a.status ?? 200, body: a.body };
      res.writeHead(status, { 'Content-Type': 'text/xml' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}/ws/api.dll`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The two-page buyer answer: page N of getorders-buyer-page<N>-of-2.xml. */
export const twoPages = (request: StubRequest): string => ebayFixture(`getorders-buyer-page${request.page}-of-2.xml`);

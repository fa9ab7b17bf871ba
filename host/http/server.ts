// The HTTP host: the built renderer and the API on 127.0.0.1, for browsers,
// headless lab machines and end-to-end tests. The page gets its token from the
// URL fragment (`/#token=…`), which browsers never send to the server.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ApiFailure } from '#core/api/errors';
import { openAppContext, type AppContext } from '../appContext';
import { hostSheetRenderer } from '../pdf/hostPrinter';
import { isWellFormedToken, newToken } from './guards';
import { refuse } from './respond';
import { route } from './router';
import { downloadTickets } from './downloads';

export const LOOPBACK = '127.0.0.1';

export interface HttpHostOptions {
  /** 0 picks a free port. */
  port?: number;
  dataDir: string;
  /** The built renderer; defaults to dist/renderer of this project. */
  staticDir?: string;
  /** Tests may fix the token; it must carry at least 128 bits. */
  token?: string;
  now?: () => Date;
  /** Tests: a local stub replaying GetOrders instead of api.ebay.com. */
  ebayEndpoint?: string;
}

export interface HttpHost {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The URL to open: `url` plus `#token=<token>`. */
  pageUrl: string;
  port: number;
  token: string;
  dataDir: string;
  databasePath: string;
  staticDir: string;
  /** Set when the database was damaged or missing at start-up (see db/recovery.ts). */
  readonly recovery: AppContext['recovery'];
  /** Stops listening, closes the database and releases the data-folder lock. */
  close(): Promise<void>;
}

export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../../dist/renderer', import.meta.url));
}

/** Listens first (port 0 → a real port for the lock's URL), then takes the lock and opens the database. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? newToken();
  if (!isWellFormedToken(token)) throw new ApiFailure('BAD_REQUEST', 'The token must be at least 22 base64url characters (128 bits).');
  const staticDir = path.resolve(options.staticDir ?? defaultStaticDir());
  const dataDir = path.resolve(options.dataDir);

  let ctx: AppContext | null = null;
  const downloads = downloadTickets();
  let port = 0;
  // requireHostHeader off: a request without Host gets our own 403 (and JSON), not Node's bare 400.
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    route(req, res, { port, token, staticDir, downloads, handlers: () => ctx?.handlers ?? null }).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      refuse(res, 500, 'INTERNAL', `Internal error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  port = await listen(server, options.port ?? 0);
  const url = `http://${LOOPBACK}:${port}/`;
  const pageUrl = `${url}#token=${token}`;
  try {
    // The host prints build sheets by pointing its Chromium at its own page (same token, same gate).
    const printSheet = hostSheetRenderer({ pageUrl: () => pageUrl, staticDir });
    ctx = await openAppContext({
      dataDir,
      host: 'http',
      url: pageUrl,
      now: options.now,
      printSheet,
      downloads,
      ...(options.ebayEndpoint ? { ebayEndpoint: options.ebayEndpoint } : {}),
    });
  } catch (err) {
    await stopServer(server);
    throw err;
  }
  const opened = ctx;
  let closing: Promise<void> | null = null;
  return {
    url,
    pageUrl,
    port,
    token,
    dataDir,
    databasePath: opened.databasePath,
    staticDir,
    get recovery() {
      return opened.recovery;
    },
    close() {
      closing ??= stopServer(server).finally(() => {
        ctx = null;
        opened.close();
      });
      return closing;
    },
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, lets requests in flight finish (briefly), then drops what is left. */
function stopServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => server.closeAllConnections(), 2_000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

// Every request passes the same gate before it is routed: Host (DNS rebinding),
// then Origin and fetch metadata (other sites' pages). Only then API or static.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX } from '#core/api/bridge';
import { handleApi, type ApiRoute } from './api';
import { isAllowedFetchSite, isAllowedHost, isAllowedOrigin } from './guards';
import { refuse } from './respond';
import { handleStatic } from './static';
import { DOWNLOAD_PREFIX, handleDownload, type DownloadTickets } from './downloads';

export interface RouteConfig extends ApiRoute {
  port: number;
  staticDir: string;
  /** One-time download links (the streamed CSV export). */
  downloads?: DownloadTickets;
}

/** Pure: is this request target an API call? (`/api` itself too, so it is refused as one rather than served as a page.) */
export function isApiPath(pathname: string): boolean {
  return pathname === API_PREFIX.slice(0, -1) || pathname.startsWith(API_PREFIX);
}

export async function route(req: IncomingMessage, res: ServerResponse, config: RouteConfig): Promise<void> {
  if (!isAllowedHost(req.headers.host, config.port)) {
    return refuse(res, 403, 'FORBIDDEN', `Refused: the Host header must be 127.0.0.1:${config.port} or localhost:${config.port}.`);
  }
  const pathname = (req.url ?? '').split(/[?#]/, 1)[0] ?? '';
  const api = isApiPath(pathname);
  if (!isAllowedOrigin(req.headers.origin, config.port)) return refuse(res, 403, 'FORBIDDEN', 'Refused: request from another origin.');
  if (!isAllowedFetchSite(single(req.headers['sec-fetch-site']), api ? 'api' : 'static')) {
    return refuse(res, 403, 'FORBIDDEN', 'Refused: cross-site request.');
  }
  if (api) return handleApi(req, res, pathname, config);
  if (pathname.startsWith(DOWNLOAD_PREFIX) && req.method === 'GET') return handleDownload(res, pathname, config.downloads ?? null);
  return handleStatic(req, res, config.staticDir);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

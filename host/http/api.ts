// POST /api/<channel>: token → channel → JSON body (capped) → dispatch().
// Host, Origin and fetch-site checks have already passed (router.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX, TOKEN_HEADER } from '#core/api/bridge';
import { isChannel, type Handlers } from '#core/api/contract';
import { dispatch } from '../dispatch';
import { MAX_BODY_BYTES, readBodyCapped } from './body';
import { isJsonContentType, tokenMatches } from './guards';
import { refuse, sendJson } from './respond';
import { statusForError } from './status';

export interface ApiRoute {
  token: string;
  /** Null until the database is open (the URL is not printed before then). */
  handlers: () => Handlers | null;
  maxBodyBytes?: number;
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, route: ApiRoute): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, 'BAD_REQUEST', 'API calls are POST requests.', { Allow: 'POST' });
  if (!tokenMatches(req.headers[TOKEN_HEADER], route.token)) {
    return refuse(res, 401, 'UNAUTHORIZED', `Missing or wrong ${TOKEN_HEADER} header. Open the URL that \`npm run serve\` printed.`);
  }
  const channel = channelFromPath(pathname);
  if (!isChannel(channel)) return refuse(res, 404, 'UNKNOWN_CHANNEL', `No such API channel: ${JSON.stringify(channel).slice(0, 80)}`);
  if (!isJsonContentType(req.headers['content-type'])) return refuse(res, 415, 'BAD_REQUEST', 'The body must be JSON (Content-Type: application/json).');

  const limit = route.maxBodyBytes ?? MAX_BODY_BYTES;
  const body = await readBodyCapped(req, limit);
  if (!body.ok) {
    if (body.reason === 'aborted') return void res.destroy();
    refuse(res, 413, 'BAD_REQUEST', `The request body is larger than ${limit} bytes.`, { Connection: 'close' });
    discardRest(req);
    return;
  }
  const args = parseJson(body.bytes);
  if (!args.ok) return refuse(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');

  const handlers = route.handlers();
  if (!handlers) return refuse(res, 503, 'INTERNAL', 'Rackhive is still starting.');
  const response = await dispatch(handlers, channel, args.value, { host: 'http' });
  sendJson(res, response.ok ? 200 : statusForError(response.error.code), response);
}

/** Pure: `/api/app:info` or `/api/app%3Ainfo` (a client may encode the ':') → `app:info`; undecodable → ''. */
export function channelFromPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice(API_PREFIX.length));
  } catch {
    return '';
  }
}

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

/**
 * After a 413 the rest of the body is read and thrown away (not buffered) so the
 * client can read the reply; a client that keeps sending is cut off after a while.
 */
function discardRest(req: IncomingMessage): void {
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), 2_000);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
}

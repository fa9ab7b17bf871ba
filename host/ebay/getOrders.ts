// The one optional network call besides updates: eBay's Trading API GetOrders
// with OrderRole=Buyer, made with the user's own developer keys and user token
// (kept by an EbayKeyStore: the OS keychain in the desktop app). Off until the
// user enters keys. The answer is read by core/import/getOrders.ts; every way
// the call can fail becomes an ApiFailure('REMOTE') that says what to do.
import { ApiFailure } from '#core/api/errors';
import { GET_ORDERS_MAX_DAYS, GET_ORDERS_MAX_PAGES } from '#core/api/ebay';
import { getOrdersErrors, getOrdersPagination, looksLikeGetOrders } from '#core/import/getOrders';

export { GET_ORDERS_MAX_DAYS };

export interface TradingApiKeys {
  appId: string;
  devId: string;
  certId: string;
  /** The user's Auth'n'Auth token (eBayAuthToken). */
  token: string;
}

export const TRADING_API_ENDPOINT = 'https://api.ebay.com/ws/api.dll';
/** How long one page may take before the call is given up. */
const TIMEOUT_MS = 30_000;
/** A page of 100 orders is a few hundred KB; anything far larger is not GetOrders. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function getOrdersRequest(token: string, days: number, page: number): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<GetOrdersRequest xmlns="urn:ebay:apis:eBLBaseComponents">
  <RequesterCredentials><eBayAuthToken>${escapeXml(token)}</eBayAuthToken></RequesterCredentials>
  <OrderRole>Buyer</OrderRole>
  <NumberOfDays>${Math.max(1, Math.min(GET_ORDERS_MAX_DAYS, Math.trunc(days)))}</NumberOfDays>
  <DetailLevel>ReturnAll</DetailLevel>
  <Pagination><EntriesPerPage>100</EntriesPerPage><PageNumber>${page}</PageNumber></Pagination>
</GetOrdersRequest>`;
}

// Error codes whose fix is a new user token. 931: "Auth token is invalid"
// (https://developer.ebay.com/support/kb-article?KBid=630); 932: the token has
// expired ("eBay Error (932): Auth token expired", as integrators report it:
// https://help.linnworks.com/support/solutions/articles/7000024275; tokens last 18 months:
// https://developer.ebay.com/api-docs/static/understand_auth_n_auth_tokens.html).
const TOKEN_ERRORS = new Set(['931', '932']);

/** An eBay error answer → what the person reads. */
export function explainGetOrdersErrors(errors: readonly { code: string; message: string }[]): string {
  const [error] = errors;
  if (!error) return 'eBay answered with an error.';
  const what = error.code ? `eBay error ${error.code}: ${error.message}` : error.message;
  if (TOKEN_ERRORS.has(error.code))
    return `eBay refused the user token (${what}). Make a new token on developer.ebay.com (User Tokens, Production, Auth'n'Auth) for the same keys, then enter it again. Nothing was imported.`;
  return `eBay answered GetOrders with an error (${what}). Nothing was imported.`;
}

function networkProblem(err: unknown, endpoint: string): ApiFailure {
  const host = (() => {
    try {
      return new URL(endpoint).host;
    } catch {
      return endpoint;
    }
  })();
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return new ApiFailure('REMOTE', `eBay's Trading API (${host}) did not answer within ${TIMEOUT_MS / 1000} s. Try again later; nothing was imported.`);
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  const code = cause?.code ? ` (${cause.code})` : '';
  return new ApiFailure(
    'REMOTE',
    `Could not reach eBay's Trading API at ${host}${code}. Check the internet connection (or a firewall) and try again; nothing was imported.`,
  );
}

/** One page of the buyer's orders of the last `days` days, checked: eBay's errors, HTTP errors and network failures throw ApiFailure('REMOTE'). */
export async function fetchGetOrdersPage(
  keys: TradingApiKeys,
  options: { page?: number; days?: number; endpoint?: string; siteId?: number } = {},
): Promise<{ xml: string; totalPages: number | null; hasMore: boolean; orders: number }> {
  const endpoint = options.endpoint ?? TRADING_API_ENDPOINT;
  const page = options.page ?? 1;
  let res: Response;
  let text: string;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/xml',
        'X-EBAY-API-CALL-NAME': 'GetOrders',
        'X-EBAY-API-COMPATIBILITY-LEVEL': '1349',
        'X-EBAY-API-SITEID': String(options.siteId ?? 0),
        'X-EBAY-API-APP-NAME': keys.appId,
        'X-EBAY-API-DEV-NAME': keys.devId,
        'X-EBAY-API-CERT-NAME': keys.certId,
      },
      body: getOrdersRequest(keys.token, options.days ?? GET_ORDERS_MAX_DAYS, page),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
    text = await res.text();
  } catch (err) {
    throw networkProblem(err, endpoint);
  }
  if (text.length > MAX_RESPONSE_BYTES) throw new ApiFailure('REMOTE', `eBay's answer to GetOrders page ${page} is larger than 32 MiB; nothing was imported.`);
  // eBay sends its errors as XML, usually with HTTP 200; read them before the status.
  if (looksLikeGetOrders(text)) {
    const errors = getOrdersErrors(text);
    if (errors.length > 0) throw new ApiFailure('REMOTE', explainGetOrdersErrors(errors));
  }
  if (!res.ok)
    throw new ApiFailure(
      'REMOTE',
      `eBay's Trading API answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}. Try again later; nothing was imported.`,
    );
  if (!looksLikeGetOrders(text))
    throw new ApiFailure('REMOTE', 'The answer was not a GetOrders response (a proxy or captive portal may be in the way); nothing was imported.');
  return { xml: text, ...getOrdersPagination(text) };
}

/** Every page of the buyer's orders of the last `days` days, as the XML texts eBay sent. */
export async function fetchGetOrders(keys: TradingApiKeys, options: { days?: number; endpoint?: string; siteId?: number } = {}): Promise<string[]> {
  const pages: string[] = [];
  for (let page = 1; page <= GET_ORDERS_MAX_PAGES; page++) {
    const answer = await fetchGetOrdersPage(keys, { ...options, page });
    pages.push(answer.xml);
    if (!answer.hasMore) break;
  }
  return pages;
}

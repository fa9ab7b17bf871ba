// The one optional network call besides updates: eBay's Trading API GetOrders
// with OrderRole=Buyer, made with the user's own developer keys and user token
// (stored by the desktop app with the OS keychain, electron/ebayKeys.ts). Off
// until the user enters keys. The answer is read by core/import/getOrders.ts.
export interface TradingApiKeys {
  appId: string;
  devId: string;
  certId: string;
  /** The user's Auth'n'Auth token (eBayAuthToken). */
  token: string;
}

export const TRADING_API_ENDPOINT = 'https://api.ebay.com/ws/api.dll';
/** eBay keeps buyer orders for GetOrders for 90 days. */
export const GET_ORDERS_MAX_DAYS = 90;

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

/** Every page of the buyer's orders of the last `days` days, as the XML texts eBay sent. */
export async function fetchGetOrders(keys: TradingApiKeys, options: { days?: number; endpoint?: string; siteId?: number } = {}): Promise<string[]> {
  const pages: string[] = [];
  for (let page = 1; page <= 50; page++) {
    const res = await fetch(options.endpoint ?? TRADING_API_ENDPOINT, {
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
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`eBay's Trading API answered HTTP ${res.status}`);
    const text = await res.text();
    pages.push(text);
    if (!/<HasMoreOrders>\s*true\s*<\/HasMoreOrders>/.test(text)) break;
  }
  return pages;
}

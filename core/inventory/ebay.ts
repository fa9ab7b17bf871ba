// eBay item numbers from listing URLs. Buyers paste whatever their browser shows,
// so every common form is accepted; anything whose host is not really eBay's
// gives null (and the URL stays a plain link). Parsed with URL, never substring
// checks: `www.ebay.com.evil.com` contains "ebay.com" but is not eBay.

/** eBay's registrable domains (country sites). The host must be one of these or a subdomain of one. */
export const EBAY_DOMAINS: readonly string[] = [
  'ebay.com',
  'ebay.co.uk',
  'ebay.de',
  'ebay.fr',
  'ebay.it',
  'ebay.es',
  'ebay.nl',
  'ebay.be',
  'ebay.at',
  'ebay.ch',
  'ebay.ie',
  'ebay.pl',
  'ebay.ca',
  'ebay.com.au',
  'ebay.com.hk',
  'ebay.com.sg',
  'ebay.com.my',
  'ebay.ph',
  'ebay.in',
  'ebay.us',
];

/** eBay item numbers are 9 to 14 digits (12 today; older listings had fewer). */
const ITEM_NUMBER = /^\d{9,14}$/;

export function isEbayHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return EBAY_DOMAINS.some((domain) => host === domain || host.endsWith('.' + domain));
}

/** Parses `text` as an http(s) URL, or null. Bare "www.ebay.com/itm/…" (no scheme) is read as https. */
export function parseWebUrl(text: string): URL | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url;
}

/**
 * The item number of an eBay listing URL, or null when the URL is not an eBay
 * listing. Forms: /itm/<n>, /itm/<title-slug>/<n>, /itm/<n>?…#…, and the old
 * ViewItem query forms ?item=<n> / ?itm=<n> / ?ItemId=<n>.
 */
export function ebayItemNumber(listingUrl: string): string | null {
  const url = parseWebUrl(listingUrl);
  if (!url || !isEbayHost(url.hostname)) return null;
  if (url.username !== '' || url.password !== '') return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const itm = segments.findIndex((s) => s.toLowerCase() === 'itm');
  if (itm >= 0) {
    // /itm/<n> or /itm/<slug>/<n>: the number is the last numeric segment after "itm".
    for (const segment of segments.slice(itm + 1).reverse()) {
      if (ITEM_NUMBER.test(segment)) return segment;
    }
  }
  for (const key of ['item', 'itm', 'ItemId', 'itemId', 'itemid']) {
    const value = url.searchParams.get(key);
    if (value !== null && ITEM_NUMBER.test(value)) return value;
  }
  return null;
}

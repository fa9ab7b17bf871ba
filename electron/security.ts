// Pure URL predicates for the Electron shell, plus the one place that may call
// shell.openExternal (a lint rule bans it everywhere else). Every check parses
// with URL: prefix or substring tests are how `https://www.ebay.com.evil.com`
// and `app://rackhive@evil/` get through.
import { EBAY_DOMAINS, isEbayHost } from '#core/inventory/ebay';

/** The page is served from this custom scheme (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rackhive';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

const MAX_EXTERNAL_URL_LENGTH = 2048;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * An external link (an eBay listing, the docs) may open in the system browser
 * only when it is a plain https: page on the public web: no credentials (they
 * hide the real host: `https://www.ebay.com@evil.com`), no explicit port, no IP
 * literal or single-label host (routers and intranet services on the LAN).
 * Listing links are what users paste most, so a host that dresses up as eBay
 * (`www.ebay.com.evil.com`, `ebay.de-login.example`) without being one of
 * eBay's domains is refused: it is there to be mistaken for a listing.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '') return false;
  if (u.port !== '') return false;
  const host = u.hostname;
  if (!host.includes('.') || host.endsWith('.')) return false;
  if (IPV4.test(host) || host.startsWith('[')) return false;
  if (isEbayLookalike(host)) return false;
  return true;
}

/** A host that contains one of eBay's domains as a label run but is not eBay's. */
export function isEbayLookalike(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (isEbayHost(host)) return false;
  const labels = host.split('.');
  return EBAY_DOMAINS.some((domain) => {
    const first = domain.split('.')[0] ?? domain;
    return labels.some((label, i) => (label === first || label.startsWith(first + '-')) && labels.slice(i).join('.').startsWith(domain));
  });
}

/** The subset of Electron's `shell` this needs (so tests pass a fake). */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Opens `url` in the system browser when it passes isSafeExternalUrl; returns whether it did. */
export async function safeOpenExternal(url: unknown, shell: ExternalOpener): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  // Hand over the normalised href, not the caller's string.
  const href = new URL(url as string).href;
  try {
    await shell.openExternal(href);
    return true;
  } catch {
    return false;
  }
}

/** True when `url` is a page of the app itself: scheme app:, host exactly `rackhive`, no user info, no port. */
export function isAppUrl(url: unknown): boolean {
  const u = parse(url);
  if (!u) return false;
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** IPC is answered only for frames showing the app's own pages (event.senderFrame.url). */
export function isTrustedSender(frameUrl: unknown): boolean {
  return isAppUrl(frameUrl);
}

/** The window may navigate (reload, in-app links) only within the app's origin. */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

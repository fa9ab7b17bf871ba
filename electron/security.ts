// Pure URL predicates for the Electron shell, plus the one place that may call
// shell.openExternal (a lint rule bans it everywhere else). Every check parses
// with URL: prefix or substring tests are how `https://www.ebay.com.evil.com`
// and `app://rackhive@evil/` get through.

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
 * A lookalike host such as `www.ebay.com.evil.com` is still just a web page
 * whose address bar shows the real host; deciding whether a URL *is* an eBay
 * listing is the inventory parser's job, which compares hostnames exactly.
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
  return true;
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

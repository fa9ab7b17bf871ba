// Pure URL predicates for the Electron shell, plus the one place that may call
// shell.openExternal (a lint rule bans it everywhere else). Every check parses
// with URL: prefix or substring tests are how `https://www.ebay.com.evil.com`
// and `app://rackhive@evil/` get through.
import { externalLinkDecision, isEbayLookalike, type LinkDecision } from '#core/links/external';

/** The page is served from this custom scheme (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rackhive';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export { isEbayLookalike };

/**
 * A plain https: page on the public web (core/links/external.ts refuses the
 * rest: credentials, ports, IP literals, single-label hosts, eBay lookalikes).
 * It may still need asking first: see safeOpenExternal.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  const d = externalLinkDecision(url);
  return d.kind === 'open' || (d.kind === 'ask' && !d.insecure);
}

/** The subset of Electron's `shell` this needs (so tests pass a fake). */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Asks the person whether to open an unlisted link; resolves to their answer. */
export type AskToOpen = (decision: Extract<LinkDecision, { kind: 'ask' }>) => Promise<boolean>;

/**
 * Opens `url` in the system browser: at once for eBay and the catalog's
 * sources, after `ask` for any other public http(s) page, never otherwise.
 * Returns whether it opened.
 */
export async function safeOpenExternal(url: unknown, shell: ExternalOpener, ask: AskToOpen = async () => false): Promise<boolean> {
  const d = externalLinkDecision(url);
  if (d.kind === 'refuse') return false;
  if (d.kind === 'ask' && !(await ask(d))) return false;
  try {
    // The normalised href, not the caller's string.
    await shell.openExternal(d.href);
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

// What happens when someone follows a link out of the app, decided in one
// place for the Electron shell and the browser host alike. Every check parses
// with URL: prefix or substring tests are how `https://www.ebay.com.evil.com`
// and `https://www.ebay.com@evil.com` get through.
import { EBAY_DOMAINS, isEbayHost } from '../inventory/ebay';
import { isTrustedLinkHost } from './trustedHosts';

const MAX_EXTERNAL_URL_LENGTH = 2048;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export type LinkDecision =
  /** An https: page on eBay or a host the catalog cites: opens at once. */
  | { kind: 'open'; href: string }
  /** Any other public http(s) page: opens after the person agrees, shown its host (IDN hosts in punycode, `xn--…`). */
  | { kind: 'ask'; href: string; host: string; insecure: boolean }
  /** Never opens. */
  | { kind: 'refuse'; reason: string };

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

/**
 * Only plain http(s) pages on the public web ever leave the app: no
 * credentials (they hide the real host), no explicit port, no IP literal or
 * single-label host (routers and intranet services on the LAN), and no host
 * that dresses up as eBay without being one of eBay's domains.
 */
export function externalLinkDecision(url: unknown, trusted: (host: string) => boolean = isTrustedLinkHost): LinkDecision {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return { kind: 'refuse', reason: 'not a link' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'refuse', reason: 'not a link' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { kind: 'refuse', reason: `${u.protocol} links are not opened` };
  if (u.username !== '' || u.password !== '') return { kind: 'refuse', reason: 'the link carries a user name or password' };
  if (u.port !== '') return { kind: 'refuse', reason: 'the link names a port' };
  // WHATWG URL gives the hostname lower-cased and IDN labels in punycode.
  const host = u.hostname;
  if (!host.includes('.') || host.endsWith('.')) return { kind: 'refuse', reason: 'not a public host' };
  if (IPV4.test(host) || host.startsWith('[')) return { kind: 'refuse', reason: 'an IP address, not a public host' };
  if (isEbayLookalike(host)) return { kind: 'refuse', reason: `${host} imitates an eBay address` };
  if (u.protocol === 'https:' && trusted(host)) return { kind: 'open', href: u.href };
  return { kind: 'ask', href: u.href, host, insecure: u.protocol === 'http:' };
}

/** The question asked before opening an unlisted link (both hosts word it the same). */
export function askToOpenText(d: Extract<LinkDecision, { kind: 'ask' }>): { message: string; detail: string } {
  return {
    message: `Open a page on ${d.host}?`,
    detail: `${d.href}\n\n${d.insecure ? 'The link is not encrypted (http). ' : ''}Rackhive opens eBay and the catalog's sources without asking; check that ${d.host} is the site you expect.`,
  };
}

// The hosts a link may open without asking: eBay's sites (listings people
// paste) and every host the built-in catalog cites as a source (datasheets,
// vendor pages). Derived from the data files themselves, so a new source
// needs no second list; http:-only sources are left out (they ask first).
import { BUILTIN_FILES } from '../catalog/files';
import { isEbayHost } from '../inventory/ebay';

/** Every https: URL at the start of a string anywhere in `value`. */
function collectUrls(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    const m = /^https:\/\/[^\s)]+/i.exec(value.trim());
    if (m) out.add(m[0]);
  } else if (Array.isArray(value)) {
    for (const v of value) collectUrls(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) collectUrls(v, out);
  }
}

/** The hostnames (lower case, punycode) of the https: sources in `files`. */
export function citedHosts(files: Record<string, unknown[]>): string[] {
  const urls = new Set<string>();
  collectUrls(Object.values(files), urls);
  const hosts = new Set<string>();
  for (const u of urls) {
    try {
      hosts.add(new URL(u).hostname);
    } catch {
      // not a URL after all: nothing to trust
    }
  }
  return [...hosts].sort();
}

export const CATALOG_SOURCE_HOSTS: readonly string[] = citedHosts(BUILTIN_FILES);
const cited = new Set(CATALOG_SOURCE_HOSTS);

/** eBay (any of its sites and their subdomains) or exactly a host the catalog cites. */
export function isTrustedLinkHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return isEbayHost(host) || cited.has(host);
}

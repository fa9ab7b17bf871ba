// Pure predicates the HTTP host applies to every request before anything else
// runs. The host listens on loopback only, but any web page the person visits
// can still make the browser send requests to 127.0.0.1: these checks keep such
// pages (and DNS-rebinding tricks) from reading or changing the inventory.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Loopback names a browser may use for this host; the port must be exactly ours. */
const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * `Host` must name loopback with our exact port. A DNS-rebinding page reaches
 * 127.0.0.1 under its own name (`evil.com:1234`), which fails here; a page on
 * another local port fails on the port.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_HOSTNAMES.some((name) => lower === `${name}:${port}`);
}

/** The origins our own page can have; `null` (sandboxed frames, file:) is foreign. */
export function ownOrigins(port: number): string[] {
  return LOOPBACK_HOSTNAMES.map((name) => `http://${name}:${port}`);
}

/** `Origin`, when a browser sends one, must be one of ours (compared exactly, lower-cased as browsers serialise it). */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return ownOrigins(port).includes(origin.toLowerCase());
}

/**
 * Fetch metadata: a cross-site request is never ours. API calls must also not be
 * same-site (another port on 127.0.0.1 is the same site but a different origin).
 * Absent (non-browser clients, older browsers): the other checks decide.
 */
export function isAllowedFetchSite(secFetchSite: string | undefined, kind: 'api' | 'static'): boolean {
  if (secFetchSite === undefined) return true;
  const value = secFetchSite.toLowerCase();
  if (kind === 'api') return value === 'same-origin' || value === 'none';
  return value !== 'cross-site';
}

/**
 * JSON only: `application/json`, optionally `; charset=utf-8`. This also keeps
 * out HTML form posts, which cannot send this type without a CORS preflight.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** 32 random bytes (256 bits), base64url: new on every start. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A caller-supplied token must carry at least 128 bits: 22+ base64url characters. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{22,}$/.test(token);
}

/**
 * Constant-time comparison. Hashing both sides first gives equal lengths for
 * timingSafeEqual and hides the expected token's length.
 */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

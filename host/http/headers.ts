// Response headers of the HTTP host. No Access-Control-* header is ever sent:
// without it browsers keep other origins from reading any response.
import { CONTENT_SECURITY_POLICY } from '../csp';

/** On every response. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff', // a JSON or text reply is never run as script
  'Referrer-Policy': 'no-referrer', // page URLs never leave in a Referer
  'X-Frame-Options': 'DENY', // no framing (clickjacking); CSP frame-ancestors says it too
  'Cross-Origin-Opener-Policy': 'same-origin', // a foreign opener gets no window handle
  'Cross-Origin-Resource-Policy': 'same-origin', // other sites cannot embed our files
};

/** Pages: the app's CSP, the same one the Electron shell sends. */
export const HTML_HEADERS: Readonly<Record<string, string>> = {
  ...BASE_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cache-Control': 'no-cache',
};

/** API replies and refusals: never cached, and inert if opened as a document. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  ...BASE_HEADERS,
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

// The two real transports. Electron's preload exposes `window.rackhive`; in a
// browser the page talks to the HTTP host with a per-start token that arrives
// once in the URL fragment (#token=…) printed by `npm run serve` / `npm start`.
import type { Transport } from '#core/api/contract';
import type { ApiResponse } from '#core/api/errors';
import { API_PREFIX, TOKEN_HEADER, type RackhiveBridge } from '#core/api/bridge';
import { ApiClientError } from './resultClient';

declare global {
  interface Window {
    rackhive?: RackhiveBridge;
  }
}

export function electronBridge(): RackhiveBridge | null {
  const bridge = typeof window === 'undefined' ? undefined : window.rackhive;
  return bridge && bridge.host === 'electron' ? bridge : null;
}

export function electronTransport(bridge: RackhiveBridge): Transport {
  return (channel, args) => {
    const method = bridge.call[channel] as ((a: unknown) => Promise<ApiResponse<unknown>>) | undefined;
    if (typeof method !== 'function') {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `The desktop shell has no channel ${channel}.` } });
    }
    return method(args);
  };
}

const TOKEN_KEY = 'rackhive.token';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

/**
 * Takes the token from `#token=…` (once), keeps it in sessionStorage so a reload
 * still works, and removes it from the visible URL so it does not end up in
 * screenshots, bookmarks or history. Returns null when there is none.
 */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const match = /(?:^#|[#&])token=([^&]*)/.exec(loc.hash);
  if (match) {
    const token = decodeURIComponent(match[1] ?? '');
    if (TOKEN_SHAPE.test(token)) storage.setItem(TOKEN_KEY, token);
    else storage.removeItem(TOKEN_KEY);
    window.history.replaceState(null, '', `${loc.pathname}${loc.search}#/`);
  }
  const stored = storage.getItem(TOKEN_KEY);
  return stored !== null && TOKEN_SHAPE.test(stored) ? stored : null;
}

export function forgetToken(storage: Storage = window.sessionStorage): void {
  storage.removeItem(TOKEN_KEY);
}

/** POST <base>/api/<channel> with the JSON args and the token header. */
export function httpTransport(token: string, base = ''): Transport {
  return async (channel, args) => {
    const res = await fetch(`${base}${API_PREFIX}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(args ?? {}),
      credentials: 'omit',
      cache: 'no-store',
    });
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (body && typeof body === 'object' && 'ok' in body) return body as ApiResponse<unknown>;
    if (res.status === 401) throw new ApiClientError(channel, 'UNAUTHORIZED', 'The page has no valid access token for this Rackhive host.');
    if (res.status === 403) throw new ApiClientError(channel, 'FORBIDDEN', 'The Rackhive host refused the request.');
    throw new ApiClientError(channel, 'BAD_RESPONSE', `${channel}: the host answered HTTP ${res.status} without a Rackhive response.`);
  };
}

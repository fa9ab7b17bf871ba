import { describe, expect, it } from 'vitest';
import { isAllowedFetchSite, isAllowedHost, isAllowedOrigin, isJsonContentType, isWellFormedToken, newToken, tokenMatches } from '#host/http/guards';

const PORT = 43117;

describe('isAllowedHost (DNS rebinding)', () => {
  const cases: Array<[string | undefined, boolean]> = [
    [`127.0.0.1:${PORT}`, true],
    [`localhost:${PORT}`, true],
    [`LOCALHOST:${PORT}`, true],
    [`[::1]:${PORT}`, true],
    [undefined, false],
    ['', false],
    ['127.0.0.1', false], // no port
    ['localhost', false],
    [`127.0.0.1:${PORT + 1}`, false],
    [`127.0.0.1:${PORT}0`, false],
    [`evil.com:${PORT}`, false],
    ['evil.com', false],
    [`localhost.:${PORT}`, false],
    [`127.0.0.1.evil.com:${PORT}`, false],
    [`127.0.0.2:${PORT}`, false],
    [`0.0.0.0:${PORT}`, false],
    [`[::ffff:127.0.0.1]:${PORT}`, false],
    [`127.0.0.1:${PORT}@evil.com`, false],
    [` 127.0.0.1:${PORT}`, false],
  ];
  it.each(cases)('%j → %s', (host, expected) => {
    expect(isAllowedHost(host, PORT)).toBe(expected);
  });
});

describe('isAllowedOrigin', () => {
  const cases: Array<[string | undefined, boolean]> = [
    [undefined, true], // not a browser, or a same-origin GET
    [`http://127.0.0.1:${PORT}`, true],
    [`http://localhost:${PORT}`, true],
    [`http://[::1]:${PORT}`, true],
    ['https://evil.com', false],
    ['null', false],
    ['', false],
    [`https://127.0.0.1:${PORT}`, false],
    [`http://127.0.0.1:${PORT + 1}`, false],
    ['http://127.0.0.1', false],
    [`http://127.0.0.1:${PORT}/`, false],
    [`http://127.0.0.1:${PORT}.evil.com`, false],
    [`http://evil.com:${PORT}`, false],
  ];
  it.each(cases)('%j → %s', (origin, expected) => {
    expect(isAllowedOrigin(origin, PORT)).toBe(expected);
  });
});

describe('isAllowedFetchSite', () => {
  const cases: Array<[string | undefined, 'api' | 'static', boolean]> = [
    [undefined, 'api', true],
    ['same-origin', 'api', true],
    ['none', 'api', true],
    ['same-site', 'api', false],
    ['cross-site', 'api', false],
    ['CROSS-SITE', 'api', false],
    ['garbage', 'api', false],
    [undefined, 'static', true],
    ['none', 'static', true],
    ['same-origin', 'static', true],
    ['same-site', 'static', true],
    ['cross-site', 'static', false],
  ];
  it.each(cases)('%j on %s → %s', (value, kind, expected) => {
    expect(isAllowedFetchSite(value, kind)).toBe(expected);
  });
});

describe('isJsonContentType', () => {
  const cases: Array<[string | undefined, boolean]> = [
    ['application/json', true],
    ['Application/JSON', true],
    ['application/json; charset=utf-8', true],
    ['application/json;charset=UTF-8', true],
    [undefined, false],
    ['', false],
    ['text/plain', false],
    ['text/plain; charset=utf-8', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['application/json; charset=latin1', false],
    ['application/jsonp', false],
    ['application/json-patch+json', false],
  ];
  it.each(cases)('%j → %s', (value, expected) => {
    expect(isJsonContentType(value)).toBe(expected);
  });
});

describe('tokens', () => {
  it('are 256 random bits in base64url, new each time', () => {
    const a = newToken();
    const b = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(isWellFormedToken(a)).toBe(true);
  });

  it.each([
    ['', false],
    ['short', false],
    ['a'.repeat(21), false],
    ['a'.repeat(22), true],
    ['has space in it and is long enough', false],
    ['abc+/=abcdefghijklmnopqrstu', false],
  ])('isWellFormedToken(%j) → %s', (token, expected) => {
    expect(isWellFormedToken(token)).toBe(expected);
  });

  const token = 'q8mR1VbXbqg3yPOUGA0b4fN8L5N0ZlPqAtc5o4ZJxVk';
  it.each<[string | string[] | undefined, boolean]>([
    [token, true],
    [undefined, false],
    ['', false],
    [token.slice(0, -1), false],
    [token + 'x', false],
    [token.toUpperCase(), false],
    [[token, token], false], // a repeated header is not accepted
  ])('tokenMatches(%j) → %s', (given, expected) => {
    expect(tokenMatches(given, token)).toBe(expected);
  });
});

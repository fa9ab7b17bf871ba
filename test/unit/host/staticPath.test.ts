import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, isInside, isSpaRoute, resolveInside, staticSegments } from '#host/http/staticPath';

describe('staticSegments', () => {
  const allowed: Array<[string, string[]]> = [
    ['/', []],
    ['/index.html', ['index.html']],
    ['/assets/app-1a2b.js', ['assets', 'app-1a2b.js']],
    ['/assets/app.js?v=3', ['assets', 'app.js']],
    ['/inventory', ['inventory']],
    ['//assets//x.css', ['assets', 'x.css']],
    ['/a%20b.png', ['a b.png']],
  ];
  it.each(allowed)('%s → %j', (url, segments) => {
    expect(staticSegments(url)).toEqual({ ok: true, segments });
  });

  const refused: Array<[string, number]> = [
    ['/../package.json', 403],
    ['/%2e%2e/package.json', 403],
    ['/%2E%2E/package.json', 403],
    ['/..%2fpackage.json', 403],
    ['/..%2Fpackage.json', 403],
    ['/assets/../../package.json', 403],
    ['/./index.html', 403],
    ['/%2e/index.html', 403],
    ['/..%5cpackage.json', 403],
    ['/..\\package.json', 400],
    ['/assets\\..\\..\\package.json', 400],
    ['/index.html%00.js', 403],
    ['/index.html\0', 400],
    ['/C:%5cWindows', 403],
    ['/C:/Windows/win.ini', 403],
    ['/index.html::$DATA', 403],
    ['/%E0%A4%A', 400],
    ['http://evil.com/index.html', 400],
    ['*', 400],
    ['/.env', 404], // dotfiles are never served
    ['/..foo.js', 404],
    ['/.git/config', 404],
  ];
  it.each(refused)('%s → refused %i', (url, status) => {
    const result = staticSegments(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(status);
  });
});

describe('resolveInside / isInside', () => {
  const root = path.resolve('/srv/app/dist/renderer');
  it('joins segments below the root', () => {
    expect(resolveInside(root, ['assets', 'a.js'])).toBe(path.join(root, 'assets', 'a.js'));
    expect(resolveInside(root, [])).toBe(root);
  });
  it('refuses anything that climbs out (defence in depth behind staticSegments)', () => {
    expect(resolveInside(root, ['..', 'package.json'])).toBeNull();
    expect(resolveInside(root, ['assets', '..', '..', 'x'])).toBeNull();
    expect(resolveInside(root, ['/etc/passwd'])).toBeNull();
  });
  it.each<[string, boolean]>([
    ['/srv/app/dist/renderer', true],
    ['/srv/app/dist/renderer/index.html', true],
    ['/srv/app/dist/renderer/..foo', true],
    ['/srv/app/dist/renderer-evil/index.html', false],
    ['/srv/app/dist', false],
    ['/srv/app/package.json', false],
    ['/etc/passwd', false],
  ])('isInside(root, %s) → %s', (candidate, expected) => {
    expect(isInside(root, path.resolve(candidate))).toBe(expected);
  });
});

describe('isSpaRoute', () => {
  it.each<[string[], boolean]>([
    [[], true],
    [['inventory'], true],
    [['builds', '12'], true],
    [['favicon.ico'], false],
    [['assets', 'missing.js'], false],
  ])('%j → %s', (segments, expected) => {
    expect(isSpaRoute(segments)).toBe(expected);
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.CSS', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['noext', 'application/octet-stream'],
    ['x.exe', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

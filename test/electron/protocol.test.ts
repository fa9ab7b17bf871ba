import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../host/csp';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppFile } from '../../electron/shell/protocol';

vi.mock('electron', () => ({}));

let tmp: string;
let root: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-protocol-'));
  root = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Rackhive</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the root');
  fs.writeFileSync(path.join(tmp, 'renderer-evil.txt'), 'a sibling whose name starts like the root');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the app scheme', () => {
  it('is standard and secure, and does not bypass CSP or enable CORS', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
  });
});

describe('resolveAppFile', () => {
  it.each([
    ['app://rackhive/', 'index.html'],
    ['app://rackhive/index.html', 'index.html'],
    ['app://rackhive/assets/index-abc.js?v=1#x', 'assets/index-abc.js'],
    ['app://rackhive/assets/', 'assets/index.html'],
    ['app://rackhive/a%20b.png', 'a b.png'],
  ])('%s → %s', (url, rel) => {
    expect(resolveAppFile(root, url)).toBe(path.join(root, rel));
  });

  it.each([
    'app://rackhive/..%2fsecret.txt',
    'app://rackhive/..%2F..%2Fetc%2Fpasswd',
    'app://rackhive/%2e%2e%2fsecret.txt',
    'app://rackhive/assets%2f..%2f..%2fsecret.txt',
    'app://rackhive/..%2frenderer-evil.txt',
    'app://rackhive/..%5csecret.txt',
    'app://rackhive/assets\\..\\..\\secret.txt',
    'app://rackhive/index.html%00.js',
    'app://rackhive/%E0%A4%A',
    'app://evil/index.html',
    'app://rackhive.evil/index.html',
    'app://rackhive@evil/index.html',
    'https://rackhive/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves index.html with the CSP header and a content type', async () => {
    const res = await handler()(new Request('app://rackhive/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Rackhive</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const res = await handler()(new Request('app://rackhive/assets/index-abc.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses traversal with 403 and never reads outside the root', async () => {
    const read = vi.fn(async (f: string) => fs.promises.readFile(f));
    const res = await createAppProtocolHandler(root, read)(new Request('app://rackhive/..%2fsecret.txt'));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('outside the root');
    expect(read).not.toHaveBeenCalled();
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    expect((await handler()(new Request('app://rackhive/nope.js'))).status).toBe(404);
    expect((await handler()(new Request('app://rackhive/', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('refuses requests for another host', async () => {
    expect((await handler()(new Request('app://evil/index.html'))).status).toBe(403);
  });
});

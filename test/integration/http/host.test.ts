// The HTTP host against a real SQLite file: every hostile request in the matrix
// is refused with its status, none of them changes the database, and the
// genuine page and API calls work.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '#host/csp';
import { startHttpHost, type HttpHost } from '#host/http/server';
import { MAX_BODY_BYTES } from '#host/http/body';
import { LOCK_FILE_NAME } from '#host/lock';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { putUserPart } from '#db/repositories/parts';
import { json, rawRequest, type RawRequest, type RawResponse } from './request';

let tmp: string;
let staticDir: string;
let host: HttpHost;
const seen: RawResponse[] = [];

const SECRET = 'secret-outside-the-static-folder';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-http-'));
  staticDir = path.join(tmp, 'site');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Rackhive test page</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  fs.writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body{}');
  // Things a traversal would reach: a file beside the folder and symlinks pointing at it.
  fs.writeFileSync(path.join(tmp, 'package.json'), SECRET);
  fs.mkdirSync(path.join(tmp, 'outside'));
  fs.writeFileSync(path.join(tmp, 'outside', 'x.txt'), SECRET);
  fs.symlinkSync(path.join(tmp, 'package.json'), path.join(staticDir, 'leak.json'));
  fs.symlinkSync(path.join(tmp, 'outside'), path.join(staticDir, 'linkdir'));
  const dataDir = path.join(tmp, 'data');
  const seeded = await openAppDatabase(dataDir);
  putUserPart(seeded.db, { id: PART_ID, category: 'gpu', vendor: 'NVIDIA', model: 'Tesla P40', revision: 1 });
  closeAppDatabase(seeded.db);
  host = await startHttpHost({ port: 0, dataDir, staticDir });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function send(r: Omit<RawRequest, 'port'>): Promise<RawResponse> {
  const res = await rawRequest({ port: host.port, ...r });
  seen.push(res);
  return res;
}

const good = () => ({ 'x-rackhive-token': host.token, 'content-type': 'application/json' });

/** sha256 of the database and its WAL: what "unchanged" means for an open SQLite file. */
function dbFingerprint(): string {
  const h = crypto.createHash('sha256');
  for (const f of [host.databasePath, `${host.databasePath}-wal`]) {
    h.update(f);
    h.update(fs.existsSync(f) ? fs.readFileSync(f) : Buffer.from('absent'));
  }
  return h.digest('hex');
}

// A valid write that would change the database if any refused request got
// through (its part is seeded into the data folder before the host starts).
const WRITE_PATH = '/api/inventory:create';
const PART_ID = 'test-tesla-p40';
const WRITE_BODY = JSON.stringify({ partId: PART_ID, status: 'wishlist', notes: 'written by a refused request' });

describe('HTTP host', () => {
  it('listens on 127.0.0.1 only, with a fresh 256-bit token in the page URL fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.pageUrl).toBe(`${host.url}#token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
    const lock = JSON.parse(fs.readFileSync(path.join(host.dataDir, LOCK_FILE_NAME), 'utf8')) as { url: string; pid: number };
    expect(lock).toMatchObject({ url: host.pageUrl, pid: process.pid });
  });

  it('is not reachable on any other interface of the machine', async (ctx) => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) return ctx.skip(); // no network interface besides loopback here
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: external.address, port: host.port }, () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('serves app:info to the page with its token', async () => {
    const res = await send({
      method: 'POST',
      path: '/api/app:info',
      headers: { ...good(), origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json(res)).toMatchObject({ ok: true, value: { name: 'Rackhive', host: 'http', dataDir: host.dataDir, databasePath: host.databasePath } });
  });

  it('accepts the channel percent-encoded, as the renderer’s client sends it', async () => {
    const res = await send({ method: 'POST', path: '/api/app%3Ainfo', headers: good(), body: '{}' });
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ ok: true, value: { name: 'Rackhive' } });
  });

  describe('refuses, leaving the database byte-for-byte unchanged', () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const matrix: Array<[string, number, string, () => Omit<RawRequest, 'port'>]> = [
      ['no token', 401, 'UNAUTHORIZED', () => ({ method: 'POST', path: WRITE_PATH, headers: { 'content-type': 'application/json' }, body: WRITE_BODY })],
      [
        'wrong token',
        401,
        'UNAUTHORIZED',
        () => ({
          method: 'POST',
          path: WRITE_PATH,
          headers: { ...good(), 'x-rackhive-token': crypto.randomBytes(32).toString('base64url') },
          body: WRITE_BODY,
        }),
      ],
      [
        'token in the query instead of the header',
        401,
        'UNAUTHORIZED',
        () => ({ method: 'POST', path: `${WRITE_PATH}?token=${host.token}`, headers: { 'content-type': 'application/json' }, body: WRITE_BODY }),
      ],
      ['Host: evil.com', 403, 'FORBIDDEN', () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), host: 'evil.com' }, body: WRITE_BODY })],
      [
        'Host: evil.com:<port> (DNS rebinding)',
        403,
        'FORBIDDEN',
        () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), host: `evil.com:${host.port}` }, body: WRITE_BODY }),
      ],
      [
        'Host: 127.0.0.1:<other port>',
        403,
        'FORBIDDEN',
        () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), host: `127.0.0.1:${host.port + 1}` }, body: WRITE_BODY }),
      ],
      ['no Host header', 403, 'FORBIDDEN', () => ({ method: 'POST', path: WRITE_PATH, headers: good(), noHost: true, body: WRITE_BODY })],
      [
        'Origin: https://evil.com',
        403,
        'FORBIDDEN',
        () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), origin: 'https://evil.com' }, body: WRITE_BODY }),
      ],
      ['Origin: null', 403, 'FORBIDDEN', () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), origin: 'null' }, body: WRITE_BODY })],
      [
        'Origin: another local port',
        403,
        'FORBIDDEN',
        () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), origin: `http://127.0.0.1:${host.port + 1}` }, body: WRITE_BODY }),
      ],
      [
        'Sec-Fetch-Site: cross-site',
        403,
        'FORBIDDEN',
        () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), 'sec-fetch-site': 'cross-site' }, body: WRITE_BODY }),
      ],
      [
        'Sec-Fetch-Site: same-site',
        403,
        'FORBIDDEN',
        () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), 'sec-fetch-site': 'same-site' }, body: WRITE_BODY }),
      ],
      [
        'Content-Type: text/plain',
        415,
        'BAD_REQUEST',
        () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), 'content-type': 'text/plain' }, body: WRITE_BODY }),
      ],
      [
        'form post',
        415,
        'BAD_REQUEST',
        () => ({ method: 'POST', path: WRITE_PATH, headers: { ...good(), 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }),
      ],
      ['no Content-Type', 415, 'BAD_REQUEST', () => ({ method: 'POST', path: WRITE_PATH, headers: { 'x-rackhive-token': host.token }, body: WRITE_BODY })],
      ['GET on /api/…', 405, 'BAD_REQUEST', () => ({ method: 'GET', path: WRITE_PATH, headers: good() })],
      ['PUT on /api/…', 405, 'BAD_REQUEST', () => ({ method: 'PUT', path: WRITE_PATH, headers: good(), body: WRITE_BODY })],
      ['unknown channel', 404, 'UNKNOWN_CHANNEL', () => ({ method: 'POST', path: '/api/db:drop', headers: good(), body: '{}' })],
      ['malformed JSON', 400, 'BAD_REQUEST', () => ({ method: 'POST', path: WRITE_PATH, headers: good(), body: '{"status": "wishlist",' })],
      ['invalid UTF-8', 400, 'BAD_REQUEST', () => ({ method: 'POST', path: WRITE_PATH, headers: good(), body: Buffer.from([0x7b, 0xff, 0x7d]) })],
      ['arguments failing the schema', 400, 'BAD_REQUEST', () => ({ method: 'POST', path: WRITE_PATH, headers: good(), body: JSON.stringify({ bogus: 1 }) })],
      ['oversize body (Content-Length)', 413, 'BAD_REQUEST', () => ({ method: 'POST', path: WRITE_PATH, headers: good(), body: big })],
      [
        'oversize body (streamed, no Content-Length)',
        413,
        'BAD_REQUEST',
        () => ({ method: 'POST', path: WRITE_PATH, headers: good(), chunks: Array.from({ length: 9 }, () => Buffer.alloc(1024 * 1024, 0x20)) }),
      ],
      ['/../package.json', 403, 'FORBIDDEN', () => ({ path: '/../package.json' })],
      ['/%2e%2e/package.json', 403, 'FORBIDDEN', () => ({ path: '/%2e%2e/package.json' })],
      ['/..%2fpackage.json', 403, 'FORBIDDEN', () => ({ path: '/..%2fpackage.json' })],
      ['/assets/..%5c..%5cpackage.json', 403, 'FORBIDDEN', () => ({ path: '/assets/..%5c..%5cpackage.json' })],
      ['backslash path', 400, 'BAD_REQUEST', () => ({ path: '/assets\\..\\..\\package.json' })],
      ['NUL in path', 403, 'FORBIDDEN', () => ({ path: '/index.html%00.js' })],
      ['symlink to a file outside', 403, 'FORBIDDEN', () => ({ path: '/leak.json' })],
      ['symlink to a folder outside', 403, 'FORBIDDEN', () => ({ path: '/linkdir/x.txt' })],
      ['absolute-form request target', 400, 'BAD_REQUEST', () => ({ path: `http://127.0.0.1:${host.port}/index.html` })],
      ['POST to a page', 405, 'BAD_REQUEST', () => ({ method: 'POST', path: '/index.html', body: 'x' })],
      ['static GET with Host: evil.com', 403, 'FORBIDDEN', () => ({ path: '/', headers: { host: 'evil.com' } })],
      ['page loaded cross-site', 403, 'FORBIDDEN', () => ({ path: '/', headers: { 'sec-fetch-site': 'cross-site' } })],
      ['missing asset', 404, 'NOT_FOUND', () => ({ path: '/assets/missing.js' })],
    ];

    let before: string;
    beforeAll(() => {
      before = dbFingerprint();
    });

    it.each(matrix)('%s → %i %s', async (_name, status, code, make) => {
      const res = await send(make());
      expect(res.status).toBe(status);
      expect(json(res)).toMatchObject({ ok: false, error: { code } });
      expect(res.body).not.toContain(SECRET);
      expect(dbFingerprint()).toBe(before);
    });

    it('the host still works after all of that', async () => {
      const res = await send({ method: 'POST', path: '/api/app:info', headers: good(), body: '{}' });
      expect(json(res).ok).toBe(true);
      expect(dbFingerprint()).toBe(before);
    });
  });

  it('a genuine write with the token does change the database (so the matrix above proves something)', async () => {
    const before = dbFingerprint();
    const res = await send({ method: 'POST', path: WRITE_PATH, headers: good(), body: WRITE_BODY });
    expect(json(res), res.body).toMatchObject({ ok: true });
    expect(dbFingerprint()).not.toBe(before);
  });

  describe('static files', () => {
    it('serves index.html with the CSP and hardening headers', async () => {
      const res = await send({ path: '/' });
      expect(res.status).toBe(200);
      expect(res.body).toContain('Rackhive test page');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
      });
    });

    it.each([['/inventory'], ['/builds/12'], ['/assets']])('falls back to index.html for the SPA route %s', async (p) => {
      const res = await send({ path: p });
      expect(res.status).toBe(200);
      expect(res.body).toContain('Rackhive test page');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    });

    it.each([
      ['/assets/app.js', 'text/javascript; charset=utf-8', 'console.log'],
      ['/assets/style.css?v=2', 'text/css; charset=utf-8', 'body{}'],
      ['/index.html', 'text/html; charset=utf-8', 'Rackhive test page'],
    ])('serves %s as %s', async (p, type, text) => {
      const res = await send({ path: p, headers: { host: `localhost:${host.port}` } });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.body).toContain(text);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('answers HEAD without a body', async () => {
      const res = await send({ method: 'HEAD', path: '/assets/app.js' });
      expect(res.status).toBe(200);
      expect(res.headers['content-length']).toBe(String(fs.statSync(path.join(staticDir, 'assets', 'app.js')).size));
      expect(res.body).toBe('');
    });
  });

  it('never sends an Access-Control-* header, on any response above', async () => {
    await send({ method: 'OPTIONS', path: '/api/app:info', headers: { origin: 'https://evil.com', 'access-control-request-method': 'POST' } });
    expect(seen.length).toBeGreaterThan(40);
    for (const res of seen) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });
});

describe('HTTP host without a built renderer', () => {
  it('serves a page saying how to build it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-http-empty-'));
    const h = await startHttpHost({ port: 0, dataDir: path.join(dir, 'data'), staticDir: path.join(dir, 'no-such-dir') });
    try {
      const res = await rawRequest({ port: h.port, path: '/' });
      expect(res.status).toBe(200);
      expect(res.body).toContain('npm run build:renderer');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect((await rawRequest({ port: h.port, path: '/assets/app.js' })).status).toBe(404);
    } finally {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a second host on the same data folder, naming the first one’s URL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-http-two-'));
    const first = await startHttpHost({ port: 0, dataDir: dir, staticDir: dir });
    try {
      await expect(startHttpHost({ port: 0, dataDir: dir, staticDir: dir })).rejects.toMatchObject({
        code: 'LOCKED',
        message: expect.stringContaining(first.pageUrl),
      });
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    const again = await startHttpHost({ port: 0, dataDir: dir, staticDir: dir }); // released on close: free again
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

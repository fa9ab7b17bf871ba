// The browser host's streamed export: the page asks for a link through the
// API (token checked), the link streams the same bytes as the one-string
// export once, then is gone; a made-up link is refused; other requests are
// answered while a large export streams.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '#host/http/server';
import { closeAppDatabase, openAppDatabase } from '#db/app';
import { putUserPart } from '#db/repositories/parts';
import { json, rawRequest } from './request';

const PART_ID = 'user.gpu.nvidia.tesla-p40-export';
let tmp: string;
let host: HttpHost;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-http-export-'));
  const staticDir = path.join(tmp, 'site');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const dataDir = path.join(tmp, 'data');
  const seeded = await openAppDatabase(dataDir);
  putUserPart(seeded.db, { id: PART_ID, category: 'gpu', vendor: 'NVIDIA', model: 'Tesla P40', revision: 1 });
  // Enough rows that the stream takes many chunks (1000 rows each).
  const insert = seeded.db.prepare(
    `INSERT INTO inventory_items (id, part_id, quantity, status, currency, price_minor, notes, created_at, updated_at) VALUES (?, ?, 1, 'received', 'USD', ?, ?, ?, ?)`,
  );
  seeded.db.transaction(() => {
    for (let i = 0; i < 20_000; i++) {
      const at = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
      insert.run(`item-${String(i).padStart(6, '0')}`, PART_ID, 10_000 + i, `note ${i}, "quoted"`, at, at);
    }
  })();
  closeAppDatabase(seeded.db);
  host = await startHttpHost({ port: 0, dataDir, staticDir });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const api = (channel: string, body: unknown) =>
  rawRequest({
    port: host.port,
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'x-rackhive-token': host.token, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('streamed export through the browser host', () => {
  it('a one-time link streams the bytes of the one-string export', async () => {
    const whole = json(await api('inventory:exportCsv', { today: '2024-06-02' })).value as { text: string; count: number };
    expect(whole.count).toBe(20_000);
    const link = json(await api('inventory:exportCsvStream', { today: '2024-06-02' })).value as { via: string; url: string; fileName: string };
    expect(link).toMatchObject({ via: 'download', fileName: 'rackhive-inventory-2024-06-02.csv' });
    expect(link.url).toMatch(/^\/download\/[A-Za-z0-9_-]{22}$/);
    const res = await rawRequest({ port: host.port, path: link.url });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="rackhive-inventory-2024-06-02.csv"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toBe(whole.text);
    // Used once: gone.
    expect((await rawRequest({ port: host.port, path: link.url })).status).toBe(404);
  });

  it('a made-up link is refused, and no link is handed out without the token', async () => {
    expect((await rawRequest({ port: host.port, path: '/download/AAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(404);
    const noToken = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/inventory:exportCsvStream',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).toBe(401);
  });

  it('other requests are answered while the export streams', async () => {
    const link = json(await api('inventory:exportCsvStream', {})).value as { url: string };
    let exportDone = false;
    const answeredBeforeEnd: boolean[] = [];
    // A slow reader: the stream waits on backpressure, the host goes on answering.
    const download = new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: link.url, agent: false }, (res) => {
        let bytes = 0;
        res.on('data', (d: Buffer) => {
          bytes += d.length;
          res.pause();
          setTimeout(() => res.resume(), 2);
        });
        res.on('end', () => {
          exportDone = true;
          resolve(bytes);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    for (let i = 0; i < 5; i++) {
      const page = await api('inventory:list', { limit: 10 });
      expect(page.status).toBe(200);
      answeredBeforeEnd.push(!exportDone);
    }
    expect(await download).toBeGreaterThan(1_000_000);
    expect(answeredBeforeEnd.filter(Boolean).length).toBeGreaterThan(0);
  });
});

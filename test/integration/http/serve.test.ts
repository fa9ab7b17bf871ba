// `npm run serve` as a person runs it: bin/serve.mjs in its own process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '#host/lock';
import { json, rawRequest } from './request';
import { startChild, type Child } from './childProcess';

const URL_LINE = /^Rackhive is running at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]{43})$/m;

let tmp: string;
let dataDir: string;
const children: Child[] = [];

function serve(...args: string[]): Child {
  const child = startChild(['bin/serve.mjs', ...args]);
  children.push(child);
  return child;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-serve-'));
  dataDir = path.join(tmp, 'data');
  fs.mkdirSync(path.join(tmp, 'site'));
  fs.writeFileSync(path.join(tmp, 'site', 'index.html'), '<!doctype html><title>served</title>');
});
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('bin/serve.mjs', () => {
  it('prints the URL line and the data folder, serves app:info with that token, refuses a second serve, and stops cleanly on SIGTERM', async () => {
    const first = serve('--port', '0', '--data-dir', dataDir, '--static-dir', path.join(tmp, 'site'), '--no-open');
    const [, url, port, token] = await first.waitForLine(URL_LINE, 30_000);
    await first.waitForLine(/^Data: .+$/m);
    const lines = first.stdout().trim().split('\n');
    expect(lines).toEqual([`Rackhive is running at ${url}#token=${token}`, `Data: ${dataDir}`]);

    const info = await rawRequest({
      port: Number(port),
      method: 'POST',
      path: '/api/app:info',
      headers: { 'x-rackhive-token': token!, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(info.status).toBe(200);
    expect(json(info)).toMatchObject({ ok: true, value: { host: 'http', dataDir } });
    const page = await rawRequest({ port: Number(port), path: '/' });
    expect(page.body).toContain('served');

    const second = serve('--port', '0', '--data-dir', dataDir, '--no-open');
    const { code } = await second.exited;
    expect(code).toBe(1);
    const err = second.stderr().trim();
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toContain(`pid ${first.proc.pid}`);
    expect(err).toContain(`${url}#token=${token}`);
    expect(second.stdout()).toBe('');

    first.proc.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    // Closed cleanly: the WAL was folded back into the database file.
    expect(fs.existsSync(path.join(dataDir, 'rackhive.db-wal'))).toBe(false);
  });

  it('stops cleanly on SIGINT too, and the folder is free again', async () => {
    const child = serve('--data-dir', dataDir, '--static-dir', path.join(tmp, 'site'));
    await child.waitForLine(URL_LINE, 30_000);
    child.proc.kill('SIGINT');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('says what is wrong with bad arguments (exit 2)', async () => {
    const child = serve('--port', 'eighty');
    expect((await child.exited).code).toBe(2);
    expect(child.stderr()).toContain('--port must be a whole number');
  });
});

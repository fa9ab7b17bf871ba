import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '#host/dataDir';
import { parseServeArgs, startFailure } from '#host/http/serveCli';
import { browserCommand, isOpenableUrl } from '#host/http/openBrowser';
import { declaredTooLarge } from '#host/http/body';
import { statusForError } from '#host/http/status';
import { isApiPath } from '#host/http/router';
import { channelFromPath } from '#host/http/api';
import { ApiFailure, ERROR_CODES } from '#core/api/errors';

describe('parseServeArgs', () => {
  it('defaults: free port, the desktop app’s data folder, no browser', () => {
    expect(parseServeArgs([])).toEqual({ ok: true, options: { port: 0, dataDir: defaultDataDir(), staticDir: undefined, open: false } });
  });
  it('reads --port, --data-dir, --static-dir, --open', () => {
    const r = parseServeArgs(['--port', '8123', '--data-dir', 'rel/dir', '--static-dir', 'out', '--open']);
    expect(r).toEqual({ ok: true, options: { port: 8123, dataDir: path.resolve('rel/dir'), staticDir: path.resolve('out'), open: true } });
  });
  it('--no-open wins over --open', () => {
    const r = parseServeArgs(['--open', '--no-open']);
    expect(r.ok && r.options.open).toBe(false);
  });
  it.each([['--port', 'abc'], ['--port', '-1'], ['--port', '65536'], ['--port', '1.5'], ['--port', ''], ['--data-dir', ''], ['--bogus'], ['extra']])(
    'refuses %j',
    (...argv) => {
      const r = parseServeArgs(argv);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.help).toBe(false);
    },
  );
  it('--help asks for usage', () => {
    const r = parseServeArgs(['--help']);
    expect(r.ok === false && r.help).toBe(true);
  });
});

describe('startFailure', () => {
  it('passes LOCKED messages through', () => {
    expect(startFailure(new ApiFailure('LOCKED', 'held by pid 7'), 0)).toBe('held by pid 7');
  });
  it('explains a busy port', () => {
    expect(startFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), 8123)).toContain('port 8123');
  });
});

describe('openBrowser guards', () => {
  it.each<[string, boolean]>([
    ['http://127.0.0.1:8123/', true],
    ['http://127.0.0.1:8123/#token=AbC_-09', true],
    ['https://127.0.0.1:8123/', false],
    ['http://evil.com/', false],
    ['http://127.0.0.1:8123/#token=a&calc.exe', false],
    ['http://127.0.0.1:8123/"', false],
    ['file:///etc/passwd', false],
  ])('isOpenableUrl(%s) → %s', (url, expected) => {
    expect(isOpenableUrl(url)).toBe(expected);
  });
  it('picks the platform opener', () => {
    expect(browserCommand('linux', 'u').command).toBe('xdg-open');
    expect(browserCommand('darwin', 'u').command).toBe('open');
    expect(browserCommand('win32', 'u')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', 'u'] });
  });
});

describe('small pure rules', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['0', false],
    ['1024', false],
    ['1025', true],
    ['abc', true],
    ['', false],
  ])('declaredTooLarge(%j, 1024) → %s', (value, expected) => {
    expect(declaredTooLarge(value, 1024)).toBe(expected);
  });
  it('every error code has a 4xx/5xx status', () => {
    for (const code of ERROR_CODES) expect(statusForError(code)).toBeGreaterThanOrEqual(400);
    expect(statusForError('UNAUTHORIZED')).toBe(401);
    expect(statusForError('BAD_REQUEST')).toBe(400);
  });
  it.each<[string, boolean]>([
    ['/api/app:info', true],
    ['/api/', true],
    ['/api', true],
    ['/apix', false],
    ['/API/app:info', false],
    ['/', false],
  ])('isApiPath(%s) → %s', (p, expected) => {
    expect(isApiPath(p)).toBe(expected);
  });
  it.each<[string, string]>([
    ['/api/app:info', 'app:info'],
    ['/api/app%3Ainfo', 'app:info'],
    ['/api/inventory%3alist', 'inventory:list'],
    ['/api/%E0%A4%A', ''],
    ['/api/', ''],
  ])('channelFromPath(%s) → %j', (p, channel) => {
    expect(channelFromPath(p)).toBe(channel);
  });
});

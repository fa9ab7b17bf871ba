import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { denyAllPermissions, hardenWebContents, webPreferences } from '../../electron/shell/baseline';

vi.mock('electron', () => ({}));

describe('webPreferences', () => {
  it('isolates, sandboxes and keeps Node.js out of the page', () => {
    const prefs = webPreferences('/app/dist-electron/preload.cjs', false);
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
  it('allows devtools only when asked (development)', () => {
    expect(webPreferences('/p.cjs', true).devTools).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('refuses every permission request, check and device', () => {
    const s = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(s as unknown as Session);
    const request = s.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      request({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = s.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'app://rackhive', {})).toBe(false);
    const device = s.setDevicePermissionHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});

function fakeContents() {
  const listeners = new Map<string, (event: { url: string; preventDefault: () => void }) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: vi.fn((name: string, fn: (event: { url: string; preventDefault: () => void }) => void) => listeners.set(name, fn)),
    setWindowOpenHandler: vi.fn((fn: (d: { url: string }) => { action: string }) => (openHandler = fn)),
  };
  const emit = (name: string, url = '') => {
    const event = { url, preventDefault: vi.fn() };
    listeners.get(name)!(event);
    return event.preventDefault;
  };
  return { contents: contents as unknown as WebContents, emit, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  it('denies window.open; http(s) links go to the checked openExternal (it opens or asks), others nowhere', () => {
    const { contents, open } = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents, openExternal);
    expect(open('https://www.ebay.com/itm/1')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://www.ebay.com/itm/1');
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenLastCalledWith('http://example.com/');
    for (const url of ['app://rackhive/', 'javascript:alert(1)', 'file:///etc/passwd', 'https://www.ebay.com.evil.com/', 'https://192.168.1.1/']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(2);
  });

  it('prevents navigation to another origin and allows in-app navigation', () => {
    const { contents, emit } = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents, openExternal);
    expect(emit('will-navigate', 'https://evil.com/')).toHaveBeenCalled();
    expect(emit('will-navigate', 'app://rackhive.evil/')).toHaveBeenCalled();
    expect(emit('will-navigate', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(emit('will-navigate', 'app://rackhive/#/inventory')).not.toHaveBeenCalled();
    expect(openExternal.mock.calls).toEqual([['https://evil.com/']]);
  });

  it('prevents redirects away from the app and <webview> attachment', () => {
    const { contents, emit } = fakeContents();
    hardenWebContents(contents, vi.fn());
    expect(emit('will-redirect', 'https://evil.com/')).toHaveBeenCalled();
    expect(emit('will-redirect', 'app://rackhive/index.html')).not.toHaveBeenCalled();
    expect(emit('will-attach-webview')).toHaveBeenCalled();
  });

  it('guards frame navigation like top-level navigation', () => {
    const { contents, emit } = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents, openExternal);
    expect(emit('will-frame-navigate', 'https://evil.com/')).toHaveBeenCalled();
    expect(emit('will-frame-navigate', 'app://rackhive/#/builds')).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });
});

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { buildIdOfUrl, createElectronSheetExporter, exportBuildSheetOfWindow, hiddenWindowOptions } from '../../../electron/pdf/electron';
import { webPreferences } from '../../../electron/shell/baseline';
import { findChromium, ChromiumNotFound } from '../../../host/pdf/chromium';
import { sheetFileName, waitForSheet } from '../../../host/pdf/wait';
import { groupFindings, isPrintHash, sheetIdFromHash, shortUrl, whereText } from '../../../renderer/src/views/sheet/sheet';

function fakeElectron(ready: string[]) {
  const windows: { opts: unknown; url: string; destroyed: boolean }[] = [];
  class BrowserWindow {
    w: { opts: unknown; url: string; destroyed: boolean };
    webContents = {
      executeJavaScript: vi.fn(async () => ready.shift() ?? 'true'),
      printToPDF: vi.fn(async () => Buffer.from('%PDF-1.4 fake')),
    };
    constructor(opts: unknown) {
      this.w = { opts, url: '', destroyed: false };
      windows.push(this.w);
    }
    async loadURL(url: string) {
      this.w.url = url;
    }
    isDestroyed() {
      return this.w.destroyed;
    }
    destroy() {
      this.w.destroyed = true;
    }
  }
  return { BrowserWindow: BrowserWindow as never, windows };
}

describe('desktop PDF export', () => {
  it("renders in a hidden window with the main window's webPreferences, then saves where chosen", async () => {
    const { BrowserWindow, windows } = fakeElectron(['', '', 'true']);
    const writeFile = vi.fn(async () => undefined);
    const showSaveDialog = vi.fn(async (_options: { defaultPath?: string }) => ({ canceled: false, filePath: '/home/me/sheet.pdf' }));
    const exporter = createElectronSheetExporter({
      BrowserWindow,
      dialog: { showSaveDialog } as never,
      preloadPath: '/app/preload.cjs',
      parent: () => null,
      writeFile,
    });
    const r = await exporter(12, 'Groq: 512 GroqCards');
    expect(r).toEqual({ saved: true, path: '/home/me/sheet.pdf', bytes: 13 });
    expect(windows).toHaveLength(1);
    expect(windows[0]!.url).toBe('app://rackhive/#/sheet/12?print');
    expect(windows[0]!.destroyed).toBe(true);
    expect(windows[0]!.opts).toEqual(hiddenWindowOptions('/app/preload.cjs'));
    expect((windows[0]!.opts as { show: boolean; webPreferences: unknown }).show).toBe(false);
    expect((windows[0]!.opts as { webPreferences: unknown }).webPreferences).toEqual(webPreferences('/app/preload.cjs', false));
    expect(showSaveDialog.mock.calls[0]![0]).toMatchObject({ defaultPath: 'groq-512-groqcards-build-sheet.pdf' });
    expect(writeFile).toHaveBeenCalledWith('/home/me/sheet.pdf', expect.any(Uint8Array));
  });

  it('writes nothing when the dialog is cancelled, and closes the window when the page fails', async () => {
    const ok = fakeElectron([]);
    const writeFile = vi.fn(async () => undefined);
    const cancel = createElectronSheetExporter({
      BrowserWindow: ok.BrowserWindow,
      dialog: { showSaveDialog: async () => ({ canceled: true, filePath: '' }) } as never,
      preloadPath: 'p',
      parent: () => null,
      writeFile,
    });
    expect(await cancel(1, 'x')).toMatchObject({ saved: false, path: null });
    expect(writeFile).not.toHaveBeenCalled();
    const bad = fakeElectron(['error']);
    const failing = createElectronSheetExporter({
      BrowserWindow: bad.BrowserWindow,
      dialog: { showSaveDialog: vi.fn() } as never,
      preloadPath: 'p',
      parent: () => null,
      writeFile,
    });
    await expect(failing(1, 'x')).rejects.toThrow(/could not load the build/);
    expect(bad.windows[0]!.destroyed).toBe(true);
  });

  it('the menu exports the build open in the window, or says to open one', async () => {
    const exportPdf = vi.fn(async () => undefined);
    const dialog = { showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })), showErrorBox: vi.fn() };
    const win = (url: string) => ({ webContents: { getURL: () => url } }) as never;
    await exportBuildSheetOfWindow(win('app://rackhive/#/builds/7'), exportPdf, dialog as never);
    expect(exportPdf).toHaveBeenCalledWith(7);
    await exportBuildSheetOfWindow(win('app://rackhive/#/inventory'), exportPdf, dialog as never);
    expect(dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'Open a build first' }));
    await exportBuildSheetOfWindow(
      win('app://rackhive/#/sheet/3'),
      async () => {
        throw new Error('disk full');
      },
      dialog as never,
    );
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Could not export the build sheet', 'disk full');
    expect(buildIdOfUrl('app://rackhive/#/builds/12?tab=bom')).toBe(12);
    expect(buildIdOfUrl('not a url')).toBeNull();
  });
});

describe('helpers', () => {
  it('waitForSheet gives up with a reason', async () => {
    await expect(waitForSheet(async () => '', { timeoutMs: 20, intervalMs: 10, sleep: async () => undefined })).rejects.toThrow(/not ready/);
    await expect(waitForSheet(async () => 'true')).resolves.toBeUndefined();
  });

  it('findChromium: RACKHIVE_CHROMIUM first, a clear error when nothing is there', () => {
    expect(findChromium({ RACKHIVE_CHROMIUM: '/opt/c' }, (p) => p === '/opt/c')).toBe('/opt/c');
    expect(findChromium({}, (p) => p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
    expect(() => findChromium({}, () => false)).toThrow(ChromiumNotFound);
    expect(() => findChromium({ RACKHIVE_CHROMIUM: '/nope' }, () => false)).toThrow(/RACKHIVE_CHROMIUM=\/nope/);
  });

  it("findChromium: the system paths, then google-chrome on PATH, then Playwright's download", () => {
    const opts = { platform: 'linux' as const, managed: '/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome' };
    expect(findChromium({ PATH: '/opt/bin:/usr/local/bin' }, (p) => p === '/usr/local/bin/google-chrome', opts)).toBe('/usr/local/bin/google-chrome');
    expect(findChromium({ PATH: '/opt/bin' }, (p) => p === opts.managed || p === '/usr/bin/chromium', opts)).toBe('/usr/bin/chromium');
    expect(findChromium({ PATH: '/opt/bin' }, (p) => p === opts.managed, opts)).toBe(opts.managed);
    expect(findChromium({}, (p) => p.endsWith('Google Chrome'), { platform: 'darwin', managed: null })).toBe(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    expect(() => findChromium({}, () => false, { platform: 'linux', managed: null })).toThrow(/npx playwright-core install chromium/);
  });

  it('npm test stops before the suite with one line naming the install command when no Chromium is found', () => {
    const script = fileURLToPath(new URL('../../../scripts/test-chromium.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      env: { ...process.env, RACKHIVE_CHROMIUM: '/nonexistent/chrome', RACKHIVE_NO_BROWSER_DOWNLOAD: '1' },
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm test: no Chromium .*run `npx playwright-core install chromium`/);
  });

  it('file names, routes and display helpers', () => {
    expect(sheetFileName('../../etc/passwd')).toBe('etc-passwd-build-sheet.pdf');
    expect(sheetFileName('<>')).toBe('build-build-sheet.pdf');
    expect(sheetIdFromHash('#/sheet/12')).toBe(12);
    expect(sheetIdFromHash('#/sheet/x')).toBeNull();
    expect(sheetIdFromHash('#/builds/12')).toBeNull();
    expect(sheetIdFromHash('#/sheet/12?print')).toBe(12);
    expect(isPrintHash('#/sheet/12?print')).toBe(true);
    expect(isPrintHash('#/sheet/12')).toBe(false);
    expect(isPrintHash('#/sheet/12?printer=x')).toBe(false);
    expect(isPrintHash('#/builds/12?print')).toBe(false);
    expect(whereText({ where: ['a', 'b', 'c', 'd', 'e'] })).toBe('a; b; c; and 2 more');
    expect(shortUrl('https://www.ebay.com/itm/123?hash=x')).toBe('www.ebay.com/itm/123');
    const f = (code: string, severity: 'error' | 'info') => ({ code, severity, subjects: [], message: code, hint: 'h', verified: true });
    expect(groupFindings([f('a', 'info'), f('b', 'error'), f('a', 'info')]).map((g) => [g.code, g.findings.length])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });
});

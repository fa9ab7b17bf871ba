import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  class FakeWindow {
    static created: FakeWindow[] = [];
    options: Record<string, unknown>;
    loaded: string[] = [];
    shown = 0;
    focused = 0;
    restored = 0;
    minimized = false;
    visible = true;
    destroyed = false;
    onceHandlers = new Map<string, () => void>();
    constructor(options: Record<string, unknown>) {
      this.options = options;
      FakeWindow.created.push(this);
    }
    once(name: string, fn: () => void) {
      this.onceHandlers.set(name, fn);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {
      this.shown++;
    }
    focus() {
      this.focused++;
    }
    restore() {
      this.restored++;
      this.minimized = false;
    }
    isMinimized() {
      return this.minimized;
    }
    isVisible() {
      return this.visible;
    }
    isDestroyed() {
      return this.destroyed;
    }
  }
  return { FakeWindow };
});

vi.mock('electron', () => ({ BrowserWindow: h.FakeWindow }));

import type { BrowserWindow } from 'electron';
import { createMainWindow, focusWindow } from '../../electron/shell/window';

beforeEach(() => {
  h.FakeWindow.created.length = 0;
});

describe('createMainWindow', () => {
  it('creates the window with the security baseline and the given preload', () => {
    createMainWindow({ preloadPath: '/app/dist-electron/preload.cjs', isPackaged: true, darkBackground: false });
    const win = h.FakeWindow.created[0]!;
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(win.options.show).toBe(false);
    expect(win.options.title).toBe('Rackhive');
  });

  it('loads the app from app://rackhive/, never file://, and shows once painted', () => {
    createMainWindow({ preloadPath: '/p.cjs', isPackaged: false, darkBackground: true });
    const win = h.FakeWindow.created[0]!;
    expect(win.loaded).toEqual(['app://rackhive/']);
    expect(win.shown).toBe(0);
    win.onceHandlers.get('ready-to-show')!();
    expect(win.shown).toBe(1);
  });

  it('does not stop the page from setting the title (no page-title-updated override)', () => {
    createMainWindow({ preloadPath: '/p.cjs', isPackaged: true, darkBackground: false });
    expect(h.FakeWindow.created[0]!.onceHandlers.has('page-title-updated')).toBe(false);
  });
});

describe('focusWindow', () => {
  it('restores a minimised window and focuses it', () => {
    const win = new h.FakeWindow({});
    win.minimized = true;
    focusWindow(win as unknown as BrowserWindow);
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
  });
  it('ignores a missing or destroyed window', () => {
    const win = new h.FakeWindow({});
    win.destroyed = true;
    focusWindow(win as unknown as BrowserWindow);
    focusWindow(null);
    expect(win.focused).toBe(0);
  });
});

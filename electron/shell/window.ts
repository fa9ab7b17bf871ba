// The main window: the security baseline's webPreferences, the page loaded
// from app://rackhive/ (never file://), shown once painted.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../security';
import { webPreferences } from './baseline';
import { DEFAULT_SIZE, MIN_SIZE, type WindowPlace } from './windowState';

export interface MainWindowOptions {
  preloadPath: string;
  isPackaged: boolean;
  darkBackground: boolean;
  iconPath?: string;
  /** Where it opens (windowState.ts restorePlace); default size, centred, without one. */
  place?: WindowPlace;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Rackhive', // then follows the page's <title> (Electron's default), which names the open build
    ...(opts.place ? opts.place.bounds : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    backgroundColor: opts.darkBackground ? '#1b1d21' : '#ffffff',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: webPreferences(opts.preloadPath, !opts.isPackaged),
  });
  if (opts.place?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Brings an existing window to the front (a second launch lands here). */
export function focusWindow(win: BrowserWindow | null | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

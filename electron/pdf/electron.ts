// File → Export Build Sheet… in the desktop app: the sheet route rendered in a
// hidden window made exactly like the main one (same sandboxed webPreferences,
// same preload, hardened by the app's web-contents-created hook), printed with
// printToPDF, then saved where the person chooses.
import type { BrowserWindow as BrowserWindowType, Dialog, WebContents } from 'electron';
import { APP_ENTRY_URL } from '../security';
import { webPreferences } from '../shell/baseline';
import type { SheetPdfExporter } from '#host/pdf/registry';
import { READY_EXPRESSION, sheetFileName, waitForSheet, type ReadyState } from '#host/pdf/wait';

export interface ElectronPdfDeps {
  BrowserWindow: typeof BrowserWindowType;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  preloadPath: string;
  /** The window the save dialog belongs to. */
  parent: () => BrowserWindowType | null;
  writeFile: (path: string, data: Uint8Array) => Promise<void>;
  timeoutMs?: number;
  /**
   * The dock/taskbar progress (BrowserWindow.setProgressBar): 2 = working, no
   * fraction known (indeterminate on Windows, a full bar on macOS), -1 = none.
   */
  progress?: (value: number) => void;
}

/** The hidden window's options: nothing but size and visibility differs from the main window. */
export function hiddenWindowOptions(preloadPath: string): Electron.BrowserWindowConstructorOptions {
  return { show: false, width: 900, height: 1270, paintWhenInitiallyHidden: true, webPreferences: webPreferences(preloadPath, false) };
}

export async function renderSheetInWindow(deps: Pick<ElectronPdfDeps, 'BrowserWindow' | 'preloadPath' | 'timeoutMs'>, buildId: number): Promise<Uint8Array> {
  const win = new deps.BrowserWindow(hiddenWindowOptions(deps.preloadPath));
  try {
    // ?print: the sheet holds the light theme even when the app is dark.
    await win.loadURL(`${APP_ENTRY_URL}#/sheet/${buildId}?print`);
    const contents: WebContents = win.webContents;
    await waitForSheet(() => contents.executeJavaScript(READY_EXPRESSION) as Promise<ReadyState>, { timeoutMs: deps.timeoutMs });
    const pdf = await contents.printToPDF({ printBackground: true, preferCSSPageSize: true, pageSize: 'A4' });
    return new Uint8Array(pdf);
  } finally {
    if (!win.isDestroyed()) win.destroy();
  }
}

export function createElectronSheetExporter(deps: ElectronPdfDeps): SheetPdfExporter {
  return async (buildId, title) => {
    let pdf: Uint8Array;
    deps.progress?.(2);
    try {
      pdf = await renderSheetInWindow(deps, buildId);
    } finally {
      deps.progress?.(-1);
    }
    const parent = deps.parent();
    const options = { title: 'Export Build Sheet', defaultPath: sheetFileName(title), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const choice = parent ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false, path: null, bytes: pdf.byteLength };
    await deps.writeFile(choice.filePath, pdf);
    return { saved: true, path: choice.filePath, bytes: pdf.byteLength };
  };
}

/** The build a window shows, from its URL (#/builds/12 or #/sheet/12); null when none is open. */
export function buildIdOfUrl(url: string): number | null {
  let hash: string;
  try {
    hash = new URL(url).hash;
  } catch {
    return null;
  }
  const m = /^#\/?(?:builds|sheet)\/(\d{1,15})(?:[/?].*)?$/.exec(hash);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The menu command: exports the build open in `win` through the sheet:exportPdf
 * handler (the same path as the page's Export PDF button); without an open
 * build it says what to do instead.
 */
export async function exportBuildSheetOfWindow(
  win: Pick<BrowserWindowType, 'webContents'> | null,
  exportPdf: (id: number) => Promise<unknown>,
  dialog: Pick<Dialog, 'showMessageBox' | 'showErrorBox'>,
): Promise<void> {
  const id = win ? buildIdOfUrl(win.webContents.getURL()) : null;
  if (id === null) {
    await dialog.showMessageBox({
      type: 'info',
      message: 'Open a build first',
      detail: 'Export Build Sheet makes a PDF of the build that is open in the editor.',
    });
    return;
  }
  try {
    await exportPdf(id);
  } catch (err) {
    dialog.showErrorBox('Could not export the build sheet', err instanceof Error ? err.message : String(err));
  }
}

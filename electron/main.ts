// Electron main process: one instance, one data folder, one window. Built by
// esbuild to dist-electron/main.cjs (CommonJS, so __dirname is that folder).
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell } from 'electron';
import type { MenuCommand } from '#core/api/bridge';
import { openAppContext, type AppContext } from '#host/appContext';
import { APP_SCHEME, isSafeExternalUrl, safeOpenExternal } from './security';
import { denyAllPermissions, hardenWebContents } from './shell/baseline';
import { MENU_COMMAND_CHANNEL } from './shell/channels';
import { registerIpc } from './shell/ipc';
import { buildMenuTemplate } from './shell/menu';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './shell/protocol';
import { createLinkPrompt } from './shell/linkPrompt';
import { describeStartupError } from './shell/startup';
import { createMainWindow, focusWindow } from './shell/window';
import { applySqliteBinding } from './native/applyBinding';
import { createElectronSheetExporter, exportBuildSheetOfWindow } from './pdf/electron';
import { setSheetPdfExporter } from '#host/pdf/registry';

const PRELOAD = path.join(__dirname, 'preload.cjs');
const RENDERER_ROOT = path.join(__dirname, '..', 'dist', 'renderer');
const ICON = path.join(__dirname, '..', 'assets', 'icons', 'icon.png');

// eBay and the catalog's sources open at once; any other http(s) page after a question.
const askToOpen = createLinkPrompt(dialog, () => BrowserWindow.getFocusedWindow() ?? mainWindow);
const openExternal = (url: unknown) => safeOpenExternal(url, shell, askToOpen);

let mainWindow: BrowserWindow | null = null;
let context: AppContext | null = null;

// Before `ready`: the scheme's privileges, and the same userData folder the
// HTTP host computes (electron/dataDir.ts), whatever the executable is called.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every renderer sandboxed, including any a future window forgets to ask for.
app.enableSandbox();
app.setName('Rackhive');
app.setPath('userData', path.join(app.getPath('appData'), 'Rackhive'));
// Every WebContents, whoever creates it: no navigation away, no new windows, no <webview>.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));

if (!app.requestSingleInstanceLock()) {
  // Another Rackhive runs: it gets 'second-instance' and comes to the front.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (context && BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
  });
  app.on('will-quit', () => {
    context?.close();
    context = null;
  });
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  const dataDir = process.env.RACKHIVE_DATA_DIR || app.getPath('userData');
  // Electron's own better-sqlite3 build (ABI 150), beside Node's (ABI 115).
  applySqliteBinding({ appPath: app.getAppPath(), isPackaged: app.isPackaged });
  try {
    context = await openAppContext({ dataDir, host: 'electron' });
  } catch (err) {
    fail(err);
    return;
  }
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT));
  denyAllPermissions(session.defaultSession);
  registerIpc(ipcMain, context.handlers, openExternal);
  setSheetPdfExporter(createElectronSheetExporter({ BrowserWindow, dialog, preloadPath: PRELOAD, parent: () => BrowserWindow.getFocusedWindow() ?? mainWindow, writeFile: (p, d) => fs.promises.writeFile(p, d) }));
  const docs = docsUrl();
  app.setAboutPanelOptions({ applicationName: 'Rackhive', applicationVersion: app.getVersion(), ...(docs ? { website: docs } : {}) });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isPackaged: app.isPackaged,
        platform: process.platform,
        send: sendMenuCommand,
        ...(docs ? { openDocs: () => void openExternal(docs) } : {}),
      }),
    ),
  );
  mainWindow = openWindow();
}

function openWindow(): BrowserWindow {
  const win = createMainWindow({
    preloadPath: PRELOAD,
    isPackaged: app.isPackaged,
    darkBackground: nativeTheme.shouldUseDarkColors,
    ...(process.platform === 'linux' && fs.existsSync(ICON) ? { iconPath: ICON } : {}),
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

function sendMenuCommand(command: MenuCommand): void {
  const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
  const handlers = context?.handlers;
  if (command === 'export-build-sheet' && handlers) return void exportBuildSheetOfWindow(win && !win.isDestroyed() ? win : null, async (id) => handlers['sheet:exportPdf']({ id }, { host: 'electron' }), dialog);
  if (win && !win.isDestroyed()) win.webContents.send(MENU_COMMAND_CHANNEL, command);
}

/** The Help menu's documentation link: package.json "homepage", when it is a safe https: URL. */
function docsUrl(): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(app.getAppPath(), 'package.json'), 'utf8')) as { homepage?: unknown };
    return isSafeExternalUrl(pkg.homepage) ? (pkg.homepage as string) : undefined;
  } catch {
    return undefined;
  }
}

/** Startup failures (LOCKED, DB_NEWER, DB_CORRUPT, …): one error box, then quit without opening a window. */
function fail(err: unknown): void {
  const { title, message } = describeStartupError(err);
  dialog.showErrorBox(title, message);
  context?.close();
  context = null;
  app.exit(1);
}

// Electron main process: one instance, one data folder, one window. Built by
// esbuild to dist-electron/main.cjs (CommonJS, so __dirname is that folder).
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell } from 'electron';
import type { MenuCommand } from '#core/api/bridge';
import { openAppContext, type AppContext } from '#host/appContext';
import { keychainKeyStore } from './ebayKeys';
import { createSaveFileAs } from './shell/saveFileAs';
import { APP_ENTRY_URL, APP_SCHEME, isSafeExternalUrl, safeOpenExternal } from './security';
import { denyAllPermissions, hardenWebContents } from './shell/baseline';
import { MENU_COMMAND_CHANNEL } from './shell/channels';
import { registerIpc } from './shell/ipc';
import { buildFilesInArgv } from './shell/buildFiles';
import { withShellHooks } from './shell/handlerHooks';
import { readJsonFile, writeJsonFile } from './shell/jsonFile';
import { buildMenuTemplate, type MenuDeps } from './shell/menu';
import { openBuildFile } from './shell/openBuildFile';
import { recordPlace, restorePlace, type DisplayArea } from './shell/windowState';
import { startUpdater } from './update/updater';
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
let recentBuilds: MenuDeps['recentBuilds'] = [];
let updateReady: MenuDeps['updateReady'];
/** Build files the OS handed over before the window was ready (macOS open-file fires early). */
const pendingFiles: string[] = buildFilesInArgv(process.argv.slice(1));
const HOST_CTX = { host: 'electron' } as const;
const userFile = (name: string) => path.join(app.getPath('userData'), name);

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
  app.on('second-instance', (_event, argv) => {
    focusWindow(mainWindow);
    for (const file of buildFilesInArgv(argv)) void openFile(file);
  });
  // macOS: a double-clicked or dropped .rackhive.json (possibly before ready).
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (context && mainWindow) void openFile(file);
    else pendingFiles.push(file);
  });
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
    context = await openAppContext({
      dataDir,
      host: 'electron',
      ebayKeys: keychainKeyStore(dataDir),
      saveFileAs: createSaveFileAs({ dialog, parent: () => BrowserWindow.getFocusedWindow() ?? mainWindow }),
    });
  } catch (err) {
    fail(err);
    return;
  }
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT));
  denyAllPermissions(session.defaultSession);
  // Native menus, dialogs and the title bar follow the app's theme setting; Open Recent follows the builds.
  context.handlers = withShellHooks(context.handlers, {
    onSettings: (settings) => (nativeTheme.themeSource = settings.theme),
    onBuildsChanged: () => void refreshRecentBuilds(),
  });
  registerIpc(ipcMain, context.handlers, openExternal);
  setSheetPdfExporter(
    createElectronSheetExporter({
      BrowserWindow,
      dialog,
      preloadPath: PRELOAD,
      parent: () => BrowserWindow.getFocusedWindow() ?? mainWindow,
      writeFile: (p, d) => fs.promises.writeFile(p, d),
      progress: (value) => {
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setProgressBar(value);
      },
    }),
  );
  const docs = docsUrl();
  app.setAboutPanelOptions({ applicationName: 'Rackhive', applicationVersion: app.getVersion(), ...(docs ? { website: docs } : {}) });
  rebuildMenu();
  await Promise.resolve(context.handlers['settings:get']({}, HOST_CTX)).catch(() => undefined);
  mainWindow = openWindow();
  void refreshRecentBuilds();
  for (const file of pendingFiles.splice(0)) void openFile(file);
  void startUpdates();
}

function rebuildMenu(): void {
  const docs = docsUrl();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isPackaged: app.isPackaged,
        platform: process.platform,
        send: sendMenuCommand,
        ...(docs ? { openDocs: () => void openExternal(docs) } : {}),
        recentBuilds,
        openBuild: showBuild,
        ...(updateReady ? { updateReady } : {}),
      }),
    ),
  );
}

async function refreshRecentBuilds(): Promise<void> {
  if (!context) return;
  try {
    const { builds } = await context.handlers['builds:list']({}, HOST_CTX);
    recentBuilds = builds.map((b) => ({ id: b.id, name: b.name }));
    rebuildMenu();
  } catch {
    // the menu keeps its last list
  }
}

/** Shows build `id` in the editor (a same-document hash change, no reload). */
function showBuild(id: number): void {
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = openWindow();
  focusWindow(mainWindow);
  void mainWindow.loadURL(`${APP_ENTRY_URL}#/builds/${Number(id)}`);
}

async function openFile(file: string): Promise<void> {
  if (!context) return;
  await openBuildFile(file, {
    handlers: context.handlers,
    dialog,
    readFile: (f) => fs.promises.readFile(f, 'utf8'),
    fileSize: async (f) => (await fs.promises.stat(f)).size,
    showBuild,
    addRecentDocument: (f) => app.addRecentDocument(f),
  });
}

function displays(): DisplayArea[] {
  return screen.getAllDisplays().map((d) => ({ id: d.id, workArea: d.workArea }));
}

async function startUpdates(): Promise<void> {
  if (!app.isPackaged || !context) return; // never in development
  const { autoUpdater } = await import('electron-updater');
  const handlers = context.handlers;
  startUpdater({
    autoUpdater,
    isPackaged: app.isPackaged,
    checkForUpdates: async () => (await handlers['settings:get']({}, HOST_CTX)).checkForUpdates,
    readRecord: () => readJsonFile(userFile('update-state.json')),
    writeRecord: (record) => writeJsonFile(userFile('update-state.json'), record),
    askRestart: async (text) => {
      const options = { type: 'info' as const, buttons: text.buttons, defaultId: 0, cancelId: 1, noLink: true, message: text.message, detail: text.detail };
      const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
      return (win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)).response === 0;
    },
    onReady: (version, restart) => {
      updateReady = { version, restart };
      rebuildMenu();
    },
    log: (line) => console.warn(`Rackhive: ${line}`),
  });
}

function openWindow(): BrowserWindow {
  const stateFile = userFile('window-state.json');
  const win = createMainWindow({
    place: restorePlace(readJsonFile(stateFile), displays()),
    preloadPath: PRELOAD,
    isPackaged: app.isPackaged,
    darkBackground: nativeTheme.shouldUseDarkColors,
    ...(process.platform === 'linux' && fs.existsSync(ICON) ? { iconPath: ICON } : {}),
  });
  // Where it was, per arrangement of displays: the normal bounds (what a maximised window returns to) and whether it was maximised.
  win.on('close', () => {
    try {
      writeJsonFile(stateFile, recordPlace(readJsonFile(stateFile), displays(), { bounds: win.getNormalBounds(), maximized: win.isMaximized() }, new Date()));
    } catch {
      // a read-only profile folder: the window opens at the default place next time
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

function sendMenuCommand(command: MenuCommand): void {
  const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
  const handlers = context?.handlers;
  if (command === 'export-build-sheet' && handlers)
    return void exportBuildSheetOfWindow(
      win && !win.isDestroyed() ? win : null,
      async (id) => handlers['sheet:exportPdf']({ id }, { host: 'electron' }),
      dialog,
    );
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

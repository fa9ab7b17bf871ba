// electron/main.ts with electron and the app context mocked: single instance,
// data folder, startup failures, and what gets registered before the window.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '#core/api/contract';

const h = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown;
  const state = {
    listeners: new Map<string, Fn[]>(),
    gotLock: true,
    readyResolve: undefined as undefined | (() => void),
    windows: [] as Array<FakeWindow>,
    order: [] as string[],
  };
  class FakeWindow {
    options: Record<string, unknown>;
    focused = 0;
    webContents = { send: vi.fn() };
    handlers = new Map<string, Fn>();
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this);
      state.order.push('window');
    }
    once(name: string, fn: Fn) {
      this.handlers.set(name, fn);
    }
    on(name: string, fn: Fn) {
      this.handlers.set(name, fn);
    }
    loadURL = vi.fn(async () => {});
    show = vi.fn();
    focus() {
      this.focused++;
    }
    restore = vi.fn();
    maximize = vi.fn();
    setProgressBar = vi.fn();
    isMinimized = () => false;
    isVisible = () => true;
    isDestroyed = () => false;
    static getAllWindows = () => state.windows;
    static getFocusedWindow = () => null;
  }
  const app = {
    on: vi.fn((name: string, fn: Fn) => {
      state.listeners.set(name, [...(state.listeners.get(name) ?? []), fn]);
      return app;
    }),
    emit: (name: string, ...args: unknown[]) => (state.listeners.get(name) ?? []).forEach((fn) => fn(...args)),
    setName: vi.fn(),
    addRecentDocument: vi.fn(),
    enableSandbox: vi.fn(),
    setPath: vi.fn(),
    getPath: vi.fn((name: string) => `/fake/${name}`),
    getAppPath: vi.fn(() => '/fake/app'),
    getVersion: vi.fn(() => '0.1.0'),
    setAboutPanelOptions: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.gotLock),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (state.readyResolve = resolve))),
    quit: vi.fn(),
    exit: vi.fn(),
    isPackaged: false,
  };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(() => state.order.push('ipc')) },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
    nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
    screen: { getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn(() => state.order.push('protocol')) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => state.order.push('permissions')),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn(async () => {}) },
  };
  const context = { handlers: {}, close: vi.fn() };
  const openAppContext = vi.fn(async (_opts: unknown): Promise<unknown> => context);
  return { state, electron, context, openAppContext, FakeWindow };
});

vi.mock('electron', () => h.electron);
vi.mock('../../host/appContext', () => ({ openAppContext: h.openAppContext }));

async function loadMain() {
  vi.resetModules();
  await import('../../electron/main');
}

async function ready() {
  h.state.readyResolve!();
  await vi.waitFor(() => expect(h.state.windows.length + h.electron.app.exit.mock.calls.length).toBeGreaterThan(0));
}

beforeEach(() => {
  h.state.listeners.clear();
  h.state.windows.length = 0;
  h.state.order.length = 0;
  h.state.gotLock = true;
  vi.clearAllMocks();
  h.openAppContext.mockImplementation(async () => h.context);
  delete process.env.RACKHIVE_DATA_DIR;
});
afterEach(() => {
  delete process.env.RACKHIVE_DATA_DIR;
});

describe('electron/main', () => {
  it('registers the app scheme as privileged before ready, and names the app', async () => {
    await loadMain();
    expect(h.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(h.electron.app.setName).toHaveBeenCalledWith('Rackhive');
    expect(h.electron.app.setPath).toHaveBeenCalledWith('userData', path.join('/fake/appData', 'Rackhive'));
    expect(h.electron.protocol.handle).not.toHaveBeenCalled();
  });

  it('a second instance quits at once and never opens the data folder', async () => {
    h.state.gotLock = false;
    await loadMain();
    expect(h.electron.app.quit).toHaveBeenCalled();
    expect(h.electron.app.whenReady).not.toHaveBeenCalled();
    expect(h.openAppContext).not.toHaveBeenCalled();
  });

  it('the first instance focuses its window when a second one starts', async () => {
    await loadMain();
    await ready();
    const win = h.state.windows[0]!;
    expect(win.focused).toBe(0);
    h.electron.app.emit('second-instance', {}, ['rackhive'], '/');
    expect(win.focused).toBe(1);
  });

  it('opens the data folder (userData, or RACKHIVE_DATA_DIR) as the electron host', async () => {
    await loadMain();
    await ready();
    expect(h.openAppContext).toHaveBeenCalledWith({
      dataDir: '/fake/userData',
      host: 'electron',
      ebayKeys: expect.objectContaining({ load: expect.any(Function) }),
      saveFileAs: expect.any(Function),
    });
    process.env.RACKHIVE_DATA_DIR = '/data/rackhive-elsewhere';
    h.state.windows.length = 0;
    await loadMain();
    await ready();
    expect(h.openAppContext).toHaveBeenLastCalledWith({
      dataDir: '/data/rackhive-elsewhere',
      host: 'electron',
      ebayKeys: expect.objectContaining({ load: expect.any(Function) }),
      saveFileAs: expect.any(Function),
    });
  });

  it('serves app://, denies permissions and registers IPC before the window exists', async () => {
    await loadMain();
    await ready();
    expect(h.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(h.electron.ipcMain.handle).toHaveBeenCalledTimes(CHANNELS.length + 1);
    const first = (step: string) => h.state.order.indexOf(step);
    expect(first('protocol')).toBeLessThan(first('window'));
    expect(first('permissions')).toBeLessThan(first('window'));
    expect(first('ipc')).toBeLessThan(first('window'));
    expect(h.electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('creates the window with the sandboxed preload bundle', async () => {
    await loadMain();
    await ready();
    const prefs = h.state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(path.isAbsolute(prefs.preload as string)).toBe(true);
    expect(path.basename(prefs.preload as string)).toBe('preload.cjs');
  });

  it('hardens every web contents the app creates', async () => {
    await loadMain();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    h.electron.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
  });

  it.each([
    ['LOCKED', 'Rackhive is already using this data folder'],
    ['DB_NEWER', 'This data was saved by a newer Rackhive'],
    ['DB_CORRUPT', 'The Rackhive database is damaged'],
  ] as const)('%s at start: an error box, no window, exit', async (code, title) => {
    h.openAppContext.mockImplementation(async () => {
      // The copy of errors.ts that main loaded after resetModules (instanceof is per module instance).
      const { ApiFailure } = await import('#core/api/errors');
      throw new ApiFailure(code, `details for ${code}`);
    });
    await loadMain();
    await ready();
    expect(h.electron.dialog.showErrorBox).toHaveBeenCalledWith(title, expect.stringContaining(`details for ${code}`));
    expect(h.state.windows).toHaveLength(0);
    expect(h.electron.app.exit).toHaveBeenCalledWith(1);
    expect(h.electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('closes the app context when quitting', async () => {
    await loadMain();
    await ready();
    h.electron.app.emit('will-quit', {});
    expect(h.context.close).toHaveBeenCalledOnce();
  });
});

describe('describeStartupError', () => {
  it('names an unexpected failure plainly', async () => {
    const { describeStartupError } = await import('../../electron/shell/startup');
    expect(describeStartupError(new Error('boom'))).toEqual({ title: 'Rackhive could not start', message: 'Internal error: boom' });
  });
});

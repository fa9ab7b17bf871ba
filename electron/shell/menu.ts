// The native menu as a pure template. Commands that belong to the page (undo
// history, export, settings) are sent to it as MENU_COMMANDS; the page falls
// back to text undo while an input has focus.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '#core/api/bridge';

export interface MenuDeps {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Sends a command to the focused window's page. */
  send(command: MenuCommand): void;
  /** Opens the project documentation (through safeOpenExternal); absent when unknown. */
  openDocs?: () => void;
  /** File → Open Recent: the most recently changed builds, newest first. */
  recentBuilds?: ReadonlyArray<{ id: number; name: string }>;
  openBuild?: (id: number) => void;
  /** Set once an update has downloaded: adds "Restart to Update". */
  updateReady?: { version: string; restart: () => void };
}

/** How many builds File → Open Recent lists. */
export const RECENT_BUILDS_IN_MENU = 10;

function recentSubmenu(deps: MenuDeps): MenuItemConstructorOptions[] {
  const builds = (deps.recentBuilds ?? []).slice(0, RECENT_BUILDS_IN_MENU);
  if (builds.length === 0) return [{ label: 'No Builds Yet', enabled: false }];
  // `&` would be read as an accelerator marker on Windows and Linux.
  return builds.map((b) => ({ label: b.name.replace(/&/g, '&&'), click: () => deps.openBuild?.(b.id) }));
}

export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const mac = deps.platform === 'darwin';
  const send = (command: MenuCommand) => () => deps.send(command);

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Recent', submenu: recentSubmenu(deps) },
      { type: 'separator' },
      { label: 'Export Build Sheet…', accelerator: 'CmdOrCtrl+E', click: send('export-build-sheet') },
      { label: 'Restore from Backup…', click: send('restore-backup') },
      { type: 'separator' },
      { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: send('open-settings') },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'quit' }] as MenuItemConstructorOptions[])),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(deps.isPackaged ? [] : ([{ type: 'separator' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: 'Help',
    submenu: [
      ...(deps.updateReady
        ? ([
            { label: `Restart to Update (${deps.updateReady.version})`, click: () => deps.updateReady?.restart() },
            { type: 'separator' },
          ] as MenuItemConstructorOptions[])
        : []),
      { label: 'Rackhive Documentation', enabled: Boolean(deps.openDocs), click: () => deps.openDocs?.() },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'about', label: 'About Rackhive' }] as MenuItemConstructorOptions[])),
    ],
  };

  // macOS puts About, Settings and Quit in the application menu.
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Rackhive',
          submenu: [
            { role: 'about', label: 'About Rackhive' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  return [...appMenu, file, edit, view, help];
}

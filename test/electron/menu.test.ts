import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS } from '#core/api/bridge';
import { buildMenuTemplate, type MenuDeps } from '../../electron/shell/menu';

vi.mock('electron', () => ({}));

function build(over: Partial<MenuDeps> = {}) {
  const send = vi.fn();
  const template = buildMenuTemplate({ isPackaged: true, platform: 'linux', send, ...over });
  const menu = (label: string) => template.find((m) => m.label === label)!.submenu as MenuItemConstructorOptions[];
  const item = (menuLabel: string, label: string) => menu(menuLabel).find((i) => i.label === label)!;
  const click = (i: MenuItemConstructorOptions) => (i.click as unknown as () => void)();
  return { template, menu, item, click, send };
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help', () => {
    expect(build().template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('Edit: Undo and Redo go to the page with their accelerators; clipboard items use roles', () => {
    const { item, menu, click, send } = build();
    const undo = item('Edit', 'Undo');
    const redo = item('Edit', 'Redo');
    expect(undo.accelerator).toBe('CmdOrCtrl+Z');
    expect(redo.accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(undo.role).toBeUndefined(); // the page owns undo history
    click(undo);
    click(redo);
    expect(send.mock.calls).toEqual([['undo'], ['redo']]);
    expect(
      menu('Edit')
        .map((i) => i.role)
        .filter(Boolean),
    ).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('File: export, restore and settings send their commands; Quit is a role', () => {
    const { item, menu, click, send } = build();
    click(item('File', 'Export Build Sheet…'));
    click(item('File', 'Restore from Backup…'));
    click(item('File', 'Settings'));
    expect(send.mock.calls).toEqual([['export-build-sheet'], ['restore-backup'], ['open-settings']]);
    expect(menu('File').some((i) => i.role === 'quit')).toBe(true);
  });

  it('sends only known menu commands', () => {
    const { template, click, send } = build();
    for (const top of template)
      for (const i of top.submenu as MenuItemConstructorOptions[]) if (i.click && !i.role && i.label !== 'Rackhive Documentation') click(i);
    for (const [command] of send.mock.calls) expect(MENU_COMMANDS).toContain(command);
  });

  it('View: reload, zoom and fullscreen; devtools only when not packaged', () => {
    const packaged = build({ isPackaged: true })
      .menu('View')
      .map((i) => i.role);
    expect(packaged).toEqual(expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(packaged).not.toContain('toggleDevTools');
    expect(
      build({ isPackaged: false })
        .menu('View')
        .map((i) => i.role),
    ).toContain('toggleDevTools');
  });

  it('Help: About, and the docs link enabled only when there is one', () => {
    const openDocs = vi.fn();
    const withDocs = build({ openDocs });
    const docs = withDocs.item('Help', 'Rackhive Documentation');
    expect(docs.enabled).toBe(true);
    withDocs.click(docs);
    expect(openDocs).toHaveBeenCalledOnce();
    expect(withDocs.menu('Help').some((i) => i.role === 'about')).toBe(true);
    expect(build().item('Help', 'Rackhive Documentation').enabled).toBe(false);
  });

  it('macOS: an application menu first holds About and Quit', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((m) => m.label)).toEqual(['Rackhive', 'File', 'Edit', 'View', 'Help']);
    const roles = (template[0]!.submenu as MenuItemConstructorOptions[]).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['about', 'quit']));
  });
});

// The app shell over the real handler table and a real SQLite file: sidebar,
// window title, the page-wide undo keys (left alone inside text fields),
// Electron's Edit-menu undo, and the missing-token page.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../renderer/src/App.svelte';
import type { Connection } from '../../renderer/src/lib/connection.svelte';
import type { MenuCommand, RackhiveBridge } from '../../core/api/bridge';
import { realBackend, type RealBackend } from './realBackend';

function connectionFor(backend: RealBackend, bridge: Partial<RackhiveBridge> | null = null): Connection {
  return { problem: null, api: backend.api, bridge, host: bridge ? 'electron' : 'http' } as unknown as Connection;
}

afterEach(() => {
  window.location.hash = '';
});

async function deleteP40() {
  await fireEvent.click(await screen.findByRole('button', { name: 'Delete NVIDIA Tesla P40' }));
  await waitFor(() => expect(screen.queryByRole('button', { name: 'NVIDIA Tesla P40' })).toBeNull());
}

describe('app shell', () => {
  it('links every view from the sidebar and names the view in the title', async () => {
    window.location.hash = '#/inventory';
    render(App, { props: { connection: connectionFor(await realBackend()) } });
    const nav = screen.getByRole('navigation', { name: 'Views' });
    const links = [...nav.querySelectorAll('a')].map((a) => a.textContent?.trim());
    expect(links).toEqual(['Builds', 'Inventory', 'Catalog', 'Compare', 'Settings']);
    expect(nav.querySelectorAll('[aria-disabled="true"]').length).toBe(0);
    expect(screen.getByRole('link', { name: 'Inventory' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.title).toBe('Inventory — Rackhive'));
  });

  it('Ctrl+Z undoes a delete outside text fields and leaves a text field its own undo; Ctrl+Shift+Z redoes', async () => {
    const backend = await realBackend();
    await backend.value('inventory:create', { partId: 'cpu.intel.xeon-e5-2690-v4' });
    await backend.value('inventory:create', { partId: 'gpu.nvidia.tesla-p40' });
    window.location.hash = '#/inventory';
    render(App, { props: { connection: connectionFor(backend) } });
    await deleteP40();

    const search = screen.getByRole('searchbox', { name: 'Search inventory' });
    await fireEvent.keyDown(search, { key: 'z', ctrlKey: true });
    expect(backend.callsTo('inventory:restore')).toHaveLength(0);

    await fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(backend.callsTo('inventory:restore')).toHaveLength(1));
    expect(await screen.findByRole('button', { name: 'NVIDIA Tesla P40' })).toBeTruthy();

    await fireEvent.keyDown(document.body, { key: 'Z', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(backend.callsTo('inventory:delete')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'NVIDIA Tesla P40' })).toBeNull());

    await fireEvent.keyDown(document.body, { key: 'z', metaKey: true });
    await waitFor(() => expect(backend.callsTo('inventory:restore')).toHaveLength(2));
  });

  it("follows the Electron Edit menu's undo and redo", async () => {
    let listener: ((command: MenuCommand) => void) | null = null;
    const bridge: Partial<RackhiveBridge> = {
      host: 'electron',
      onMenuCommand: (l) => {
        listener = l;
        return () => (listener = null);
      },
    };
    const backend = await realBackend();
    await backend.value('inventory:create', { partId: 'gpu.nvidia.tesla-p40' });
    window.location.hash = '#/inventory';
    render(App, { props: { connection: connectionFor(backend, bridge) } });
    await deleteP40();
    expect(listener).not.toBeNull();
    listener!('undo');
    await waitFor(() => expect(backend.callsTo('inventory:restore')).toHaveLength(1));
    listener!('redo');
    await waitFor(() => expect(backend.callsTo('inventory:delete')).toHaveLength(2));
  });

  it('explains how to open the app when the page has no token', () => {
    const connection = { problem: 'missing-token', api: null, bridge: null, host: 'http' } as unknown as Connection;
    render(App, { props: { connection } });
    expect(screen.getByRole('heading', { name: 'Open Rackhive from the link it printed' })).toBeTruthy();
    expect(screen.getByText('npm run serve')).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});

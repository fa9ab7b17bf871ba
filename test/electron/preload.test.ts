import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RackhiveBridge } from '#core/api/bridge';
import { CHANNELS } from '#core/api/contract';
import { MENU_COMMAND_CHANNEL, OPEN_EXTERNAL_CHANNEL } from '../../electron/shell/channels';

const h = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => h.exposed.set(key, api) },
  ipcRenderer: { invoke: h.invoke, on: h.on, removeListener: h.removeListener, send: vi.fn(), sendSync: vi.fn() },
}));

let bridge: RackhiveBridge;
beforeAll(async () => {
  await import('../../electron/preload');
  bridge = h.exposed.get('rackhive') as RackhiveBridge;
});

describe('preload', () => {
  it('exposes only window.rackhive, with host, call, onMenuCommand and openExternal', () => {
    expect([...h.exposed.keys()]).toEqual(['rackhive']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'host', 'onMenuCommand', 'openExternal']);
    expect(bridge.host).toBe('electron');
  });

  it('has one call method per contract channel, each an invoke on that channel', async () => {
    expect(Object.keys(bridge.call).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      h.invoke.mockClear();
      await (bridge.call[channel] as (a: unknown) => Promise<unknown>)({ probe: channel });
      expect(h.invoke).toHaveBeenCalledWith(channel, { probe: channel });
    }
  });

  it('passes menu commands to the listener without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onMenuCommand(listener);
    const [channel, wrapped] = h.on.mock.calls.at(-1) as [string, (...a: unknown[]) => void];
    expect(channel).toBe(MENU_COMMAND_CHANNEL);
    const fakeEvent = { sender: { send: vi.fn() }, ports: [] };
    wrapped(fakeEvent, 'undo');
    wrapped(fakeEvent, 'format-disk');
    wrapped(fakeEvent, { toString: () => 'undo' });
    expect(listener.mock.calls).toEqual([['undo']]);
    unsubscribe();
    expect(h.removeListener).toHaveBeenCalledWith(MENU_COMMAND_CHANNEL, wrapped);
  });

  it('openExternal invokes the checked channel with a string only', async () => {
    h.invoke.mockClear();
    await bridge.openExternal('https://www.ebay.com/itm/1');
    expect(h.invoke).toHaveBeenCalledWith(OPEN_EXTERNAL_CHANNEL, 'https://www.ebay.com/itm/1');
    h.invoke.mockClear();
    await expect(bridge.openExternal({ toString: () => 'https://x.y/' } as unknown as string)).resolves.toBe(false);
    expect(h.invoke).not.toHaveBeenCalled();
  });
});

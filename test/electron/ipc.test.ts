import { describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { CHANNELS, type Handlers } from '#core/api/contract';
import { FORBIDDEN_RESPONSE, registerIpc } from '../../electron/shell/ipc';
import { OPEN_EXTERNAL_CHANNEL } from '../../electron/shell/channels';

vi.mock('electron', () => ({}));

type Listener = (event: unknown, args: unknown) => Promise<unknown>;

function setup() {
  const registered = new Map<string, Listener>();
  const ipcMain = {
    handle: vi.fn((channel: string, fn: Listener) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, fn);
    }),
  };
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(() => ({ from: c }))])) as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>;
  const openExternal = vi.fn(async () => true);
  registerIpc(ipcMain as unknown as Pick<IpcMain, 'handle'>, handlers, openExternal);
  return { registered, handlers, openExternal };
}

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
// Every channel accepts an empty object today; a channel with required args
// still answers BAD_REQUEST rather than FORBIDDEN for a trusted sender.
const emptyArgs = {};

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel, plus open-external', () => {
    const { registered } = setup();
    expect([...registered.keys()].sort()).toEqual([...CHANNELS, OPEN_EXTERNAL_CHANNEL].sort());
  });

  it.each(['https://evil.com/', 'app://rackhive.evil/', 'app://rackhive@evil/', 'file:///index.html', 'about:blank'])(
    'answers FORBIDDEN to a sender at %s without calling any handler',
    async (url) => {
      const { registered, handlers } = setup();
      for (const channel of CHANNELS) {
        await expect(registered.get(channel)!(frame(url), emptyArgs)).resolves.toEqual(FORBIDDEN_RESPONSE);
        expect(handlers[channel]).not.toHaveBeenCalled();
      }
    },
  );

  it('refuses a destroyed frame and a subframe, even one at the app origin', async () => {
    const { registered, handlers } = setup();
    const channel = CHANNELS[0]!;
    await expect(registered.get(channel)!({ senderFrame: null }, emptyArgs)).resolves.toEqual(FORBIDDEN_RESPONSE);
    await expect(registered.get(channel)!(frame('app://rackhive/', { url: 'app://rackhive/' }), emptyArgs)).resolves.toEqual(FORBIDDEN_RESPONSE);
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it('passes a trusted call through dispatch to the handler, with host electron', async () => {
    const { registered, handlers } = setup();
    const res = await registered.get('app:info')!(frame('app://rackhive/#/inventory'), {});
    expect(res).toEqual({ ok: true, value: { from: 'app:info' } });
    expect(handlers['app:info']).toHaveBeenCalledWith({}, { host: 'electron' });
  });

  it('validates arguments for a trusted sender (BAD_REQUEST, handler not called)', async () => {
    const { registered, handlers } = setup();
    const res = (await registered.get('app:info')!(frame('app://rackhive/'), { unexpected: 1 })) as { ok: boolean; error: { code: string } };
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('BAD_REQUEST');
    expect(handlers['app:info']).not.toHaveBeenCalled();
  });

  it('opens external links only for the trusted page', async () => {
    const { registered, openExternal } = setup();
    const open = registered.get(OPEN_EXTERNAL_CHANNEL)!;
    await expect(open(frame('https://evil.com/'), 'https://www.ebay.com/itm/1')).resolves.toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
    await expect(open(frame('app://rackhive/'), 'https://www.ebay.com/itm/1')).resolves.toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://www.ebay.com/itm/1');
  });
});

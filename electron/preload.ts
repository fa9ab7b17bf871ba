// The preload: exposes `window.rackhive` (RackhiveBridge) and nothing else.
// invoke only, one method per contract channel; menu listeners are wrapped so
// the IpcRendererEvent (and with it ipcRenderer) never reaches the page.
// Bundled by esbuild to dist-electron/preload.cjs: a sandboxed preload must be one CommonJS file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { MENU_COMMANDS, type MenuCommand, type RackhiveBridge } from '#core/api/bridge';
import { CHANNELS } from '#core/api/contract';
import { MENU_COMMAND_CHANNEL, OPEN_EXTERNAL_CHANNEL } from './shell/channels';

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

const call = Object.fromEntries(CHANNELS.map((channel) => [channel, (args: unknown) => ipcRenderer.invoke(channel, args)])) as RackhiveBridge['call'];

const bridge = {
  host: 'electron',
  call,
  onMenuCommand(listener) {
    const wrapped = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, wrapped);
    };
  },
  openExternal(url) {
    return typeof url === 'string' ? ipcRenderer.invoke(OPEN_EXTERNAL_CHANNEL, url) : Promise.resolve(false);
  },
} satisfies RackhiveBridge;

contextBridge.exposeInMainWorld('rackhive', bridge);

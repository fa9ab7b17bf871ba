// Registers one ipcMain.handle per contract channel. Every call first checks
// that it comes from the app's own top-level page (event.senderFrame, parsed
// with URL), then takes the same dispatch path as the HTTP host.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Handlers } from '#core/api/contract';
import type { ApiResponse } from '#core/api/errors';
import { dispatch } from '#host/dispatch';
import { isTrustedSender } from '../security';
import { OPEN_EXTERNAL_CHANNEL } from './channels';

export const FORBIDDEN_RESPONSE: ApiResponse<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This call did not come from the Rackhive window.' },
};

/** A sender is trusted when its frame is a top-level frame showing an app:// page. */
export function isTrustedEvent(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated or was destroyed while the call was in flight
  if (frame.parent) return false; // subframes never need the API
  return isTrustedSender(frame.url);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, openExternal: (url: unknown) => Promise<boolean>): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!isTrustedEvent(event)) return FORBIDDEN_RESPONSE;
      return dispatch(handlers, channel, args, { host: 'electron' });
    });
  }
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, async (event, url: unknown) => {
    if (!isTrustedEvent(event)) return false;
    return openExternal(url); // safeOpenExternal: https: only, checked here in main
  });
}

// What the Electron preload exposes on `window.rackhive` (contextBridge). The
// renderer's client picks this transport when present and HTTP otherwise.
import type { ArgsIn, Channel } from './contract';
import type { ApiResponse } from './errors';

/** Commands the native menu sends to the page (the page owns undo history). */
export const MENU_COMMANDS = ['undo', 'redo', 'export-build-sheet', 'open-settings', 'restore-backup'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface RackhiveBridge {
  host: 'electron';
  /** One method per channel; the result is still `unknown` data until the client parses it. */
  call: { [C in Channel]: (args: ArgsIn<C>) => Promise<ApiResponse<unknown>> };
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Opens an https: link in the system browser (checked again in main). */
  openExternal(url: string): Promise<boolean>;
}

/** The HTTP host's wire format: POST /api/<channel>, JSON body = args, this header carries the token. */
export const TOKEN_HEADER = 'x-rackhive-token';
export const API_PREFIX = '/api/';

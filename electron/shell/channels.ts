// IPC channel names outside the API contract, shared by main and the preload.
// Kept free of imports so the preload bundle stays tiny.

/** main → page: a native menu command (see MENU_COMMANDS). */
export const MENU_COMMAND_CHANNEL = 'menu:command';
/** page → main: open an https: link in the system browser (checked again in main). */
export const OPEN_EXTERNAL_CHANNEL = 'app:open-external';

// The desktop app's save dialog for files the backend streams itself (the
// inventory CSV): the person picks the path, main writes there. Null: cancelled.
import type { BrowserWindow, Dialog } from 'electron';

export function createSaveFileAs(deps: {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  parent: () => BrowserWindow | null;
}): (suggestedName: string) => Promise<string | null> {
  return async (suggestedName) => {
    const ext = suggestedName.split('.').pop()?.toLowerCase() ?? '';
    const options = {
      title: 'Export',
      defaultPath: suggestedName,
      filters: ext === 'csv' ? [{ name: 'CSV', extensions: ['csv'] }] : [],
    };
    const parent = deps.parent();
    const choice = parent ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
    return choice.canceled || !choice.filePath ? null : choice.filePath;
  };
}

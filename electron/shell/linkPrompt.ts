// The question before an unlisted link opens in the system browser: a native
// box on the window showing the host (punycode for IDN hosts, so `xn--bay-…`
// cannot pass for `ebay`) and the full address. Cancel is the default.
import type { BrowserWindow, Dialog } from 'electron';
import { askToOpenText } from '#core/links/external';
import type { AskToOpen } from '../security';

export function createLinkPrompt(dialog: Pick<Dialog, 'showMessageBox'>, parent: () => BrowserWindow | null): AskToOpen {
  return async (decision) => {
    const { message, detail } = askToOpenText(decision);
    const options = {
      type: 'question' as const,
      buttons: ['Open in Browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      title: 'Open link',
      message,
      detail,
    };
    const win = parent();
    const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    return response === 0;
  };
}

// Following a link out of the app, the same way in both hosts: the Electron
// shell decides in main (safeOpenExternal asks with a native box); in a
// browser the same decision (core/links/external.ts) runs here: eBay and the
// catalog's sources open in a new tab without an opener, any other public
// http(s) page only after the person agrees to its host, the rest never.
import { askToOpenText, externalLinkDecision } from '#core/links/external';
import { electronBridge } from '../api/transports';

export function followExternalLink(event: MouseEvent, href: string): void {
  event.preventDefault();
  const bridge = electronBridge();
  if (bridge) {
    void bridge.openExternal(href);
    return;
  }
  const decision = externalLinkDecision(href);
  if (decision.kind === 'refuse') return;
  if (decision.kind === 'ask') {
    const { message, detail } = askToOpenText(decision);
    if (!window.confirm(`${message}\n\n${detail}`)) return;
  }
  window.open(decision.href, '_blank', 'noopener,noreferrer');
}

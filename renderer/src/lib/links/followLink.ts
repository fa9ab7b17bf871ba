// Following a link out of the app, the same way in both hosts: the Electron
// shell decides in main (safeOpenExternal asks with a native box); in a
// browser the same decision (core/links/external.ts) runs here: eBay and the
// catalog's sources open in a new tab without an opener, any other public
// http(s) page only after the person agrees to its host, the rest never.
// The decision is loaded on the first click: it carries the hosts the catalog
// cites, derived from the catalog's data files, which a page that only shows
// links (the printed build sheet) has no need to load.
import { electronBridge } from '../api/transports';
import type * as LinkPolicy from '#core/links/external';

let policy: Promise<typeof LinkPolicy> | null = null;

export function followExternalLink(event: MouseEvent, href: string): void {
  event.preventDefault();
  const bridge = electronBridge();
  if (bridge) {
    void bridge.openExternal(href);
    return;
  }
  // Within the click's user activation (seconds), so the new tab still opens.
  void (policy ??= import('#core/links/external')).then((p) => decideAndOpen(href, p));
}

function decideAndOpen(href: string, { askToOpenText, externalLinkDecision }: typeof LinkPolicy): void {
  const decision = externalLinkDecision(href);
  if (decision.kind === 'refuse') return;
  if (decision.kind === 'ask') {
    const { message, detail } = askToOpenText(decision);
    if (!window.confirm(`${message}\n\n${detail}`)) return;
  }
  window.open(decision.href, '_blank', 'noopener,noreferrer');
}

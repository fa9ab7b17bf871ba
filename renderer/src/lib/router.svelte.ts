// Hash routing (#/inventory, #/settings): works the same under Electron's app
// protocol and the HTTP host, and survives a reload.

export const VIEWS = [
  { id: 'builds', label: 'Builds', enabled: true, note: 'Racks, boards and parts, checked as you place them' },
  { id: 'inventory', label: 'Inventory', enabled: true, note: 'Owned and wishlist parts' },
  { id: 'catalog', label: 'Catalog', enabled: true, note: 'Parts with specs, sources and range filters' },
  { id: 'compare', label: 'Compare', enabled: true, note: 'Cost against tokens/s for every build' },
  { id: 'settings', label: 'Settings', enabled: true, note: 'App, data folder and database' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
export const DEFAULT_VIEW: ViewId = 'builds';

export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  const view = VIEWS.find((v) => v.id === id && v.enabled);
  return view ? view.id : DEFAULT_VIEW;
}

/** What follows the view in the hash: "#/builds/12" → "12"; null when nothing does. */
export function detailFromHash(hash: string): string | null {
  const rest = hash.replace(/^#\/?/, '').split('?')[0]?.split('/') ?? [];
  return rest.length > 1 && rest[1] ? decodeURIComponent(rest[1]) : null;
}

export function viewLabel(id: ViewId): string {
  return VIEWS.find((v) => v.id === id)?.label ?? id;
}

export class Router {
  current = $state<ViewId>(DEFAULT_VIEW);
  /** The item a view shows (#/builds/12 → "12"), or null for the view's list. */
  detail = $state<string | null>(null);
  /** Set by a view that has something open (a build's name): the window title names it. */
  title = $state<string | null>(null);

  constructor() {
    this.current = viewFromHash(window.location.hash);
    this.detail = detailFromHash(window.location.hash);
  }

  /** Starts following hashchange; returns the stop function. */
  listen(): () => void {
    const onHash = () => {
      this.current = viewFromHash(window.location.hash);
      this.detail = detailFromHash(window.location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }

  href(id: ViewId): string {
    return `#/${id}`;
  }
}

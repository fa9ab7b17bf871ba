// Hash routing (#/inventory, #/settings): works the same under Electron's app
// protocol and the HTTP host, and survives a reload.

export const VIEWS = [
  { id: 'builds', label: 'Builds', enabled: false, note: 'Coming with the build checker' },
  { id: 'inventory', label: 'Inventory', enabled: true, note: 'Owned and wishlist parts' },
  { id: 'catalog', label: 'Catalog', enabled: false, note: 'Coming with the full parts catalog' },
  { id: 'compare', label: 'Compare', enabled: false, note: 'Coming with the performance model' },
  { id: 'settings', label: 'Settings', enabled: true, note: 'App, data folder and database' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
export const DEFAULT_VIEW: ViewId = 'inventory';

export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  const view = VIEWS.find((v) => v.id === id && v.enabled);
  return view ? view.id : DEFAULT_VIEW;
}

export function viewLabel(id: ViewId): string {
  return VIEWS.find((v) => v.id === id)?.label ?? id;
}

export class Router {
  current = $state<ViewId>(DEFAULT_VIEW);

  constructor() {
    this.current = viewFromHash(window.location.hash);
  }

  /** Starts following hashchange; returns the stop function. */
  listen(): () => void {
    const onHash = () => {
      this.current = viewFromHash(window.location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }

  href(id: ViewId): string {
    return `#/${id}`;
  }
}

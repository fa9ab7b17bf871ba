// Each view is its own chunk, loaded the first time it is shown: the start-up
// bundle holds the shell only, and chart.js (compare, sheet) and papaparse
// (inventory import, the bill of materials) come with the views that use them.
// One promise per view, so going back to a view does not load it again.
import type { Component } from 'svelte';

// Views take different props; the shell passes each its own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type View = Component<any>;

const loaders = {
  builds: () => import('../views/builds/BuildsView.svelte'),
  inventory: () => import('../views/inventory/InventoryView.svelte'),
  catalog: () => import('../views/catalog/CatalogView.svelte'),
  compare: () => import('../views/compare/CompareView.svelte'),
  settings: () => import('../views/settings/SettingsView.svelte'),
  sheet: () => import('../views/sheet/SheetView.svelte'),
} satisfies Record<string, () => Promise<{ default: View }>>;

export type LazyViewId = keyof typeof loaders;

const loaded = new Map<LazyViewId, Promise<View>>();

/** The view's component; a failed load is forgotten so the next visit tries again. */
export function loadView(id: LazyViewId): Promise<View> {
  let p = loaded.get(id);
  if (!p) {
    p = loaders[id]().then((m) => m.default as View);
    p.catch(() => loaded.delete(id));
    loaded.set(id, p);
  }
  return p;
}

// The page's theme: the person's choice in Settings (system, light or dark),
// resolved against the system preference and written to <html data-theme>,
// which app.css keys its dark palette on. Views that paint canvases (charts)
// listen for THEME_EVENT to re-read the CSS colours.
import type { Theme } from '#core/settings/settings';

export const THEME_EVENT = 'rackhive:theme';

let choice: Theme = 'system';
let media: MediaQueryList | null = null;
/** Set by a page that is being printed: paper is light whatever the app's theme. */
let locked: 'light' | 'dark' | null = null;

function resolve(): 'light' | 'dark' {
  if (locked) return locked;
  if (choice !== 'system') return choice;
  return media?.matches ? 'dark' : 'light';
}

function paint(): void {
  const next = resolve();
  const root = document.documentElement;
  if (root.dataset.theme === next) return;
  root.dataset.theme = next;
  window.dispatchEvent(new CustomEvent(THEME_EVENT, { detail: next }));
}

/** Starts following the system preference; call once before mounting the app. */
export function startTheme(): void {
  media = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
  media?.addEventListener('change', paint);
  paint();
}

/** Applies the person's choice (from settings:get or a saved Settings form). */
export function setThemeChoice(next: Theme): void {
  choice = next;
  paint();
}

/** Holds the page in one theme (the build sheet while a PDF is made of it); null follows the choice again. */
export function lockTheme(next: 'light' | 'dark' | null): void {
  locked = next;
  paint();
}

// Typed contexts the app shell provides to every view. Keys are exported so a
// component test can pass them to `render(…, { context })` directly.
import { getContext, setContext } from 'svelte';
import type { ApiClient } from './api/client';
import type { UndoHistory } from './undo.svelte';
import type { Toasts } from './toasts.svelte';

export const API_KEY = Symbol('rackhive.api');
export const UNDO_KEY = Symbol('rackhive.undo');
export const TOASTS_KEY = Symbol('rackhive.toasts');

function required<T>(key: symbol, what: string): T {
  const value = getContext<T | undefined>(key);
  if (value === undefined) throw new Error(`${what} is not provided: render this inside the app shell (or pass it as context in tests).`);
  return value;
}

export const setApi = (api: ApiClient): ApiClient => setContext(API_KEY, api);
export const getApi = (): ApiClient => required<ApiClient>(API_KEY, 'The API client');
export const setUndo = (undo: UndoHistory): UndoHistory => setContext(UNDO_KEY, undo);
export const getUndo = (): UndoHistory => required<UndoHistory>(UNDO_KEY, 'The undo history');
export const setToasts = (toasts: Toasts): Toasts => setContext(TOASTS_KEY, toasts);
export const getToasts = (): Toasts => required<Toasts>(TOASTS_KEY, 'The toasts');

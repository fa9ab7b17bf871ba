// Short notices at the bottom of the window, optionally with one action
// ("Deleted RTX 3090 — Undo"). Errors stay until dismissed; others time out.

export type ToastKind = 'info' | 'warning' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: { label: string; run: () => void | Promise<void> };
}

export class Toasts {
  items = $state.raw<Toast[]>([]);
  #next = 1;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timer bookkeeping, never rendered
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(message: string, options: { kind?: ToastKind; action?: Toast['action']; timeoutMs?: number } = {}): number {
    const id = this.#next++;
    const kind = options.kind ?? 'info';
    const toast: Toast = options.action ? { id, kind, message, action: options.action } : { id, kind, message };
    // A plain notice replaces earlier plain notices; ones with an action (Undo) stay.
    const kept = options.action || kind === 'error' ? this.items : this.items.filter((t) => t.action || t.kind === 'error');
    for (const old of this.items) if (!kept.includes(old)) this.dismiss(old.id);
    this.items = [...kept.slice(-2), toast];
    const timeout = options.timeoutMs ?? (kind === 'error' ? 0 : 10_000);
    if (timeout > 0)
      this.#timers.set(
        id,
        setTimeout(() => this.dismiss(id), timeout),
      );
    return id;
  }

  dismiss(id: number): void {
    const timer = this.#timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(id);
    this.items = this.items.filter((t) => t.id !== id);
  }
}

// The Backups section's state: the list (with the start-up recovery notice),
// "Back up now" and restore. One instance per Settings view; the banner and
// the table both read it.
import type { BackupsState, RestoreReport } from '#core/api/backups';
import type { ApiClient } from '../../lib/api/client';
import { errorMessage } from '../../lib/api/client';

export class BackupsController {
  state = $state.raw<BackupsState | null>(null);
  loadError = $state<string | null>(null);
  /** 'create' | the file being restored | null */
  busy = $state<string | null>(null);
  #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async refresh(): Promise<void> {
    try {
      this.state = await this.#api.call('backups:list', {});
      this.loadError = null;
    } catch (err) {
      this.loadError = errorMessage(err);
    }
  }

  async create(): Promise<string> {
    this.busy = 'create';
    try {
      const entry = await this.#api.call('backups:create', {});
      await this.refresh();
      return entry.file;
    } finally {
      this.busy = null;
    }
  }

  async restore(file: string): Promise<RestoreReport> {
    this.busy = file;
    try {
      return await this.#api.call('backups:restore', { file });
    } finally {
      this.busy = null;
      await this.refresh();
    }
  }

  async dismissRecovery(): Promise<void> {
    await this.#api.call('backups:dismissRecovery', {});
    await this.refresh();
  }
}

export const KIND_LABELS: Record<string, string> = {
  startup: 'At start-up',
  scheduled: 'Automatic',
  manual: 'Manual',
  'before-migration': 'Before an upgrade',
  'before-restore': 'Before a restore',
};

/** "Jun 1, 2024, 14:05" in the person's locale. */
export function formatTakenAt(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms)
    ? iso
    : new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

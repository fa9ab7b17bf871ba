// When the desktop app looks for a new release: only a packaged app (a
// development run is whatever the clone is), only when the person has not
// turned it off in Settings or with RACKHIVE_NO_UPDATES=1, and at most once a
// day however often the app starts. Pure: the clock and the record are inputs.

export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What the app remembers between runs (update-state.json in userData). */
export interface UpdateRecord {
  /** ISO time of the last check that was started. */
  lastCheckAt: string | null;
}

export interface UpdatePolicyInput {
  isPackaged: boolean;
  /** Settings → "Check for updates". */
  checkForUpdates: boolean;
  record: unknown;
  now: Date;
  env: Record<string, string | undefined>;
}

export type UpdateDecision = { check: true } | { check: false; reason: string; retryInMs: number | null };

export function lastCheckOf(record: unknown): number | null {
  const at = typeof record === 'object' && record !== null ? (record as UpdateRecord).lastCheckAt : null;
  const ms = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

export function updateDecision(i: UpdatePolicyInput): UpdateDecision {
  if (!i.isPackaged) return { check: false, reason: 'development run: updates are never checked', retryInMs: null };
  if (i.env.RACKHIVE_NO_UPDATES === '1') return { check: false, reason: 'RACKHIVE_NO_UPDATES=1', retryInMs: null };
  if (!i.checkForUpdates) return { check: false, reason: 'turned off in Settings', retryInMs: null };
  const last = lastCheckOf(i.record);
  const now = i.now.getTime();
  // A last check in the future (clock moved back) counts as now: wait a day from here.
  if (last !== null && now - last < CHECK_INTERVAL_MS && last <= now) {
    return { check: false, reason: 'checked less than a day ago', retryInMs: CHECK_INTERVAL_MS - (now - last) };
  }
  if (last !== null && last > now) return { check: false, reason: 'the last check is dated in the future', retryInMs: CHECK_INTERVAL_MS };
  return { check: true };
}

/** The box shown when a download is ready: the person chooses when to restart. */
export function updateReadyText(version: string): { message: string; detail: string; buttons: [string, string] } {
  return {
    message: `Update ready — restart to use Rackhive ${version}`,
    detail: 'The new version was downloaded. Restart now, or keep working: it is installed the next time you quit Rackhive.',
    buttons: ['Restart Now', 'Later'],
  };
}

// electron-updater against the GitHub releases electron-builder publishes
// (electron-builder.yml `publish`). The policy (policy.ts) decides whether to
// check; a finished download is announced ("Update ready — restart") and
// installed only when the person says so, or when they next quit.
import type { AppUpdater } from 'electron-updater';
import { updateDecision, updateReadyText } from './policy';

export interface UpdaterDeps {
  autoUpdater: Pick<AppUpdater, 'checkForUpdates' | 'quitAndInstall' | 'on'> & { autoDownload: boolean; autoInstallOnAppQuit: boolean };
  isPackaged: boolean;
  /** The current "Check for updates" setting. */
  checkForUpdates: () => Promise<boolean>;
  readRecord: () => unknown;
  writeRecord: (record: { lastCheckAt: string }) => void;
  /** Shows the ready box; resolves to true for "Restart Now". */
  askRestart: (text: ReturnType<typeof updateReadyText>) => Promise<boolean>;
  /** Tells the menu an update waits (adds "Restart to Update"). */
  onReady: (version: string, restart: () => void) => void;
  now?: () => Date;
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

/** How often the policy is asked again while the app stays open (it still checks at most daily). */
export const POLL_MS = 60 * 60 * 1000;

export function startUpdater(deps: UpdaterDeps): { tick(): Promise<void>; stop(): void } {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => undefined);
  const updater = deps.autoUpdater;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  let announced = false;
  updater.on('error', (err) => log(`update check failed: ${err instanceof Error ? err.message : String(err)}`));
  updater.on('update-downloaded', (info) => {
    if (announced) return;
    announced = true;
    const restart = () => updater.quitAndInstall();
    deps.onReady(info.version, restart);
    void deps.askRestart(updateReadyText(info.version)).then((yes) => {
      if (yes) restart();
    });
  });
  const tick = async () => {
    const decision = updateDecision({
      isPackaged: deps.isPackaged,
      checkForUpdates: await deps.checkForUpdates(),
      record: deps.readRecord(),
      now: now(),
      env: deps.env ?? process.env,
    });
    if (!decision.check) return;
    deps.writeRecord({ lastCheckAt: now().toISOString() });
    await updater.checkForUpdates().catch((err: unknown) => log(`update check failed: ${err instanceof Error ? err.message : String(err)}`));
  };
  if (!deps.isPackaged) return { tick, stop: () => undefined };
  void tick();
  const timer = setInterval(() => void tick(), POLL_MS);
  timer.unref?.();
  return { tick, stop: () => clearInterval(timer) };
}

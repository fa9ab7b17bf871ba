// The update policy (packaged only, opt-out, at most daily) and the updater's
// "Update ready — restart" flow, with a fake autoUpdater.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CHECK_INTERVAL_MS, updateDecision, updateReadyText } from '../../electron/update/policy';
import { startUpdater } from '../../electron/update/updater';

vi.mock('electron', () => ({}));

const now = new Date('2026-12-07T12:00:00Z');
const base = { isPackaged: true, checkForUpdates: true, record: null, now, env: {} };
const hoursAgo = (h: number) => ({ lastCheckAt: new Date(now.getTime() - h * 3600_000).toISOString() });

describe('updateDecision', () => {
  it.each([
    ['a packaged app that never checked', base, true],
    ['a development run', { ...base, isPackaged: false }, false],
    ['turned off in Settings', { ...base, checkForUpdates: false }, false],
    ['RACKHIVE_NO_UPDATES=1', { ...base, env: { RACKHIVE_NO_UPDATES: '1' } }, false],
    ['checked 23 h ago', { ...base, record: hoursAgo(23) }, false],
    ['checked 25 h ago', { ...base, record: hoursAgo(25) }, true],
    ['an unreadable record', { ...base, record: { lastCheckAt: 'yesterday' } }, true],
    ['a last check dated tomorrow (clock moved back)', { ...base, record: hoursAgo(-24) }, false],
  ])('%s → check %s', (_name, input, check) => {
    expect(updateDecision(input).check).toBe(check);
  });
  it('says when to ask again after a recent check', () => {
    expect(updateDecision({ ...base, record: hoursAgo(20) })).toEqual({ check: false, reason: 'checked less than a day ago', retryInMs: 4 * 3600_000 });
    expect(updateDecision({ ...base, isPackaged: false })).toMatchObject({ retryInMs: null });
    expect(CHECK_INTERVAL_MS).toBe(24 * 3600_000);
  });
});

function fakeUpdater() {
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
}

describe('startUpdater', () => {
  it('never checks in development', async () => {
    const autoUpdater = fakeUpdater();
    const u = startUpdater({
      autoUpdater: autoUpdater as never,
      isPackaged: false,
      checkForUpdates: async () => true,
      readRecord: () => null,
      writeRecord: vi.fn(),
      askRestart: vi.fn(),
      onReady: vi.fn(),
      now: () => now,
    });
    await u.tick();
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('checks once a day, records it, and restarts only when the person says so', async () => {
    const autoUpdater = fakeUpdater();
    let record: unknown = null;
    const askRestart = vi.fn(async () => false);
    const onReady = vi.fn();
    let clock = now;
    const u = startUpdater({
      autoUpdater: autoUpdater as never,
      isPackaged: true,
      checkForUpdates: async () => true,
      readRecord: () => record,
      writeRecord: (r) => (record = r),
      askRestart,
      onReady,
      now: () => clock,
      env: {},
    });
    await u.tick(); // the start-up tick already ran; this one is within the day
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1));
    expect(record).toEqual({ lastCheckAt: now.toISOString() });
    clock = new Date(now.getTime() + CHECK_INTERVAL_MS + 1);
    await u.tick();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(autoUpdater.autoDownload).toBe(true);

    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    await vi.waitFor(() => expect(askRestart).toHaveBeenCalledWith(updateReadyText('0.2.0')));
    expect(onReady).toHaveBeenCalledWith('0.2.0', expect.any(Function));
    expect(autoUpdater.quitAndInstall).not.toHaveBeenCalled(); // "Later": no silent restart
    onReady.mock.calls[0]![1]();
    expect(autoUpdater.quitAndInstall).toHaveBeenCalledTimes(1); // the menu's "Restart to Update"
    u.stop();
  });

  it('respects the Settings opt-out at every tick', async () => {
    const autoUpdater = fakeUpdater();
    let allowed = false;
    const u = startUpdater({
      autoUpdater: autoUpdater as never,
      isPackaged: true,
      checkForUpdates: async () => allowed,
      readRecord: () => null,
      writeRecord: vi.fn(),
      askRestart: vi.fn(),
      onReady: vi.fn(),
      now: () => now,
      env: {},
    });
    await u.tick();
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    allowed = true;
    await u.tick();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    u.stop();
  });

  it('"Update ready — restart" names the version and both choices', () => {
    expect(updateReadyText('1.2.3')).toMatchObject({ message: 'Update ready — restart to use Rackhive 1.2.3', buttons: ['Restart Now', 'Later'] });
  });
});

// Opens the app's page in the person's browser. Best effort: on a headless
// machine there is no browser, and the printed URL is enough.
import { spawn } from 'node:child_process';

/** Pure: only our own loopback page URL is ever handed to a shell helper. */
export function isOpenableUrl(url: string): boolean {
  return /^http:\/\/127\.0\.0\.1:\d{1,5}\/(#token=[A-Za-z0-9_-]+)?$/.test(url);
}

/** Pure: the command that opens a URL on this platform. */
export function browserCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start`'s first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Returns false when the URL is not ours; failures to launch are ignored. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): boolean {
  if (!isOpenableUrl(url)) return false;
  const { command, args } = browserCommand(platform, url);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener on this machine: the printed URL is enough.
  }
  return true;
}

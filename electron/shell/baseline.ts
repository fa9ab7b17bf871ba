// Rackhive's Electron security baseline, in one place. The page is our own
// code, but it renders text from eBay listings and imported files, so each
// setting assumes the page could one day run hostile script and limits what
// that script could reach.
import type { Session, WebContents, WebPreferences } from 'electron';
import { externalLinkDecision } from '#core/links/external';
import { isAllowedNavigation } from '../security';

const mayLeave = (url: string) => externalLinkDecision(url).kind !== 'refuse';

export function webPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath, // a single CommonJS file: a sandboxed preload cannot require() our modules
    contextIsolation: true, // the page cannot touch the preload's scope or Electron internals
    sandbox: true, // the renderer is an OS-sandboxed Chromium process with no Node.js
    nodeIntegration: false, // no require() or process in the page
    nodeIntegrationInWorker: false, // nor in its workers
    nodeIntegrationInSubFrames: false, // nor in frames (CSP frame-src 'none' forbids them anyway)
    webSecurity: true, // same-origin policy stays on
    allowRunningInsecureContent: false, // no http: scripts in the app:// page
    webviewTag: false, // <webview> would embed arbitrary sites with their own preferences
    experimentalFeatures: false, // no experimental Blink features
    navigateOnDragDrop: false, // a file dropped on the window must not replace the app
    safeDialogs: true, // a looping alert() cannot lock the window
    spellcheck: false, // part numbers are not words, and the dictionary is a download
    devTools, // only while developing (not packaged)
  };
}

/**
 * Camera, microphone, notifications, geolocation, USB, serial, HID…: the app
 * needs none, so every request and every check is refused.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Applied to every WebContents the app creates: the page may not navigate or be
 * redirected away from app://rackhive (a navigated window keeps the preload's
 * bridge), may not open windows (an https: link goes to the system browser
 * instead), and may not attach <webview>s.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => unknown): void {
  const keepInApp = (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    if (mayLeave(url)) void openExternal(url); // it opens at once or asks (safeOpenExternal)
  };
  contents.on('will-navigate', (event) => keepInApp(event, event.url));
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  // Frames too (CSP frame-src 'none' already forbids them): no frame of the page may load another site.
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (mayLeave(url)) void openExternal(url); // it opens at once or asks (safeOpenExternal)
    return { action: 'deny' };
  });
}

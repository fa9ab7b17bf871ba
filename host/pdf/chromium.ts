// The build sheet through Chromium (playwright-core), for the CLI and headless
// machines: one browser, one page on a running HTTP host, each sheet route
// printed to A4 after emulating print media (chart.js canvases then print
// correctly; the sheet draws them without animation).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { READY_EXPRESSION, waitForSheet, type ReadyState } from './wait';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MAC_APPS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The one command that installs a Chromium this finder will see (Playwright's own download). */
export const CHROMIUM_INSTALL_COMMAND = 'npx playwright-core install chromium';

/**
 * Where a Chromium may be, in order: the usual Linux paths, the same names on
 * PATH, the macOS and Windows install folders, then the Chromium Playwright
 * downloads (`managed`, from playwright-core's registry).
 */
export function chromiumCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, managed: string | null): string[] {
  const out: string[] = [];
  if (platform === 'darwin') out.push(...MAC_APPS);
  else if (platform === 'win32') {
    for (const base of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA])
      if (base) out.push(path.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), path.join(base, 'Chromium', 'Application', 'chrome.exe'));
  } else {
    out.push(...CHROMIUM_CANDIDATES);
    for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir) for (const name of PATH_NAMES) out.push(path.join(dir, name));
  }
  if (managed) out.push(managed);
  return [...new Set(out)];
}

/** The Chromium `npx playwright-core install chromium` puts in its cache (whether or not it is there). */
export function playwrightManagedChromium(): string | null {
  try {
    const pw = createRequire(import.meta.url)('playwright-core') as { chromium: { executablePath(): string } };
    return pw.chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/** Flags for Chromium on lab machines and CI (no GPU, no sandbox user namespace, nothing phoning home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export class ChromiumNotFound extends Error {
  constructor(tried: string[]) {
    super(
      `no Chromium found (looked at ${tried.length > 6 ? `${tried.slice(0, 6).join(', ')} and ${tried.length - 6} more` : tried.join(', ')}). Install one: \`${CHROMIUM_INSTALL_COMMAND}\` (or apt-get install chromium), or point RACKHIVE_CHROMIUM at a Chromium or Chrome executable.`,
    );
    this.name = 'ChromiumNotFound';
  }
}

/**
 * RACKHIVE_CHROMIUM when set (and present), else the system's Chromium or
 * Chrome, else Playwright's download. The one finder for the PDF export, the
 * end-to-end tests and `npm test`'s check before the suite.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = fs.existsSync,
  options: { platform?: NodeJS.Platform; managed?: string | null } = {},
): string {
  const own = env.RACKHIVE_CHROMIUM;
  if (own) {
    if (exists(own)) return own;
    throw new ChromiumNotFound([`RACKHIVE_CHROMIUM=${own}`]);
  }
  const candidates = chromiumCandidates(
    env,
    options.platform ?? process.platform,
    options.managed === undefined ? playwrightManagedChromium() : options.managed,
  );
  const found = candidates.find((p) => exists(p));
  if (!found) throw new ChromiumNotFound(candidates);
  return found;
}

export async function launchChromium(executablePath: string = findChromium()): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface SheetPrinter {
  /** The PDF bytes of one build's sheet. */
  print(buildId: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** The build sheet's own small page (sheet.html) at the host's page URL, its #token kept. */
export function sheetPageUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  url.pathname = url.pathname.replace(/[^/]*$/, '') + 'sheet.html';
  return url.href;
}

/** Opens the host's page (its URL carries the token) once; each print() shows one sheet route and prints it. */
export async function openSheetPrinter(browser: Browser, pageUrl: string, options: { timeoutMs?: number } = {}): Promise<SheetPrinter> {
  const context = await browser.newContext({ viewport: { width: 900, height: 1270 }, colorScheme: 'light', deviceScaleFactor: 1 });
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(pageUrl);
  await page.emulateMedia({ media: 'print' });
  return {
    async print(buildId) {
      // Strings, not functions: this file is type-checked without the DOM library.
      await page.evaluate('delete document.documentElement.dataset.sheetReady');
      // ?print: the sheet holds the light theme whatever the app's (renderer/src/views/sheet/sheet.ts).
      await page.evaluate(`window.location.hash = '#/sheet/${Number(buildId)}?print'`);
      try {
        await waitForSheet(() => page.evaluate(READY_EXPRESSION) as Promise<ReadyState>, { timeoutMs: options.timeoutMs });
      } catch (err) {
        const why = problems.length ? ` (${problems.join('; ')})` : '';
        throw new Error(`${err instanceof Error ? err.message : String(err)}${why}`);
      }
      return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    },
    async close() {
      await context.close();
    },
  };
}

// The build sheet through Chromium (playwright-core), for the CLI and headless
// machines: one browser, one page on a running HTTP host, each sheet route
// printed to A4 after emulating print media (chart.js canvases then print
// correctly; the sheet draws them without animation).
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { READY_EXPRESSION, waitForSheet, type ReadyState } from './wait';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

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
      `no Chromium found (looked at ${tried.join(', ')}). Install one (Debian/Ubuntu: apt-get install chromium) or point RACKHIVE_CHROMIUM at a Chromium or Chrome executable.`,
    );
    this.name = 'ChromiumNotFound';
  }
}

/** RACKHIVE_CHROMIUM when set (and present), else the usual install paths. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync): string {
  const own = env.RACKHIVE_CHROMIUM;
  if (own) {
    if (exists(own)) return own;
    throw new ChromiumNotFound([`RACKHIVE_CHROMIUM=${own}`]);
  }
  const found = CHROMIUM_CANDIDATES.find((p) => exists(p));
  if (!found) throw new ChromiumNotFound(CHROMIUM_CANDIDATES);
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
      await page.evaluate(`window.location.hash = '#/sheet/${Number(buildId)}'`);
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

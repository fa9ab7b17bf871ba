// Shared end-to-end harness: the real HTTP host on a temporary data folder,
// Debian's Chromium through playwright-core, and a page that fails the test on
// any console error, uncaught exception, CSP violation or dialog.
//
//   const app = await startApp();            // host on port 0, fresh data folder
//   const browser = await launchBrowser();
//   const session = await openApp(browser, app);
//   …
//   session.assertClean();
//   await app.restart();                     // same data folder, new port and token
//   await shutdown(browser, app);
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startHttpHost, type HttpHost } from '../../host/http/server';
import { CHROMIUM_ARGS, findChromium } from '../../host/pdf/chromium';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const STATIC_DIR = path.join(ROOT, 'dist', 'renderer');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** The same Chromium, found the same way (RACKHIVE_CHROMIUM, else the usual paths), as the app's PDF export. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

export interface TestApp {
  /** The running host (replaced by restart()). */
  host: HttpHost;
  dataDir: string;
  /** Closes the host and starts a new one on the same data folder: new port, new token. */
  restart(): Promise<HttpHost>;
  close(): Promise<void>;
}

/** Starts the HTTP host on port 0 over a fresh temporary data folder (or the given one). */
export async function startApp(options: { dataDir?: string; ebayEndpoint?: string } = {}): Promise<TestApp> {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error('dist/renderer is not built: run `npm run test:e2e` (it builds first) or `npx vite build`.');
  }
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-e2e-'));
  const extra = options.ebayEndpoint ? { ebayEndpoint: options.ebayEndpoint } : {};
  let host = await startHttpHost({ port: 0, dataDir, staticDir: STATIC_DIR, ...extra });
  const app: TestApp = {
    get host() {
      return host;
    },
    dataDir,
    async restart() {
      await host.close();
      host = await startHttpHost({ port: 0, dataDir, staticDir: STATIC_DIR, ...extra });
      return host;
    },
    async close() {
      await host.close();
    },
  };
  return app;
}

export interface AppSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors, CSP violations, dialogs and failed requests seen so far. */
  problems: string[];
  /** Fails (throws) when anything went wrong in the page. */
  assertClean(): void;
  /** Opens the host's page URL (with its token) in this page and waits for the shell. */
  goto(host: HttpHost): Promise<void>;
}

/**
 * A new browser context at 1280×800 watching for trouble: any console error,
 * uncaught exception, CSP violation (reported by the page itself), JavaScript
 * dialog (dismissed and recorded) or HTTP error response fails `assertClean`.
 */
export async function openApp(browser: Browser, app: TestApp, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<AppSession> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: options.colorScheme ?? 'light', deviceScaleFactor: 1 });
  // Playwright's 30 s default fails on a busy 2-core machine; a real hang still ends at the test's limit.
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  const session: AppSession = {
    context,
    page,
    problems,
    assertClean() {
      if (problems.length > 0) throw new Error(`The page reported problems:\n  ${problems.join('\n  ')}`);
    },
    async goto(host) {
      await page.goto(host.pageUrl);
      await page.waitForSelector('nav[aria-label="Views"], main.page', { timeout: 120_000 });
    },
  };
  await session.goto(app.host);
  return session;
}

/** Saves a 1280×800 screenshot to test-results/<name>.png and returns its path. */
/** The editor palette's Catalog tab: narrow to a category and a search, and return the part's row once it shows. */
export async function findPart(page: Page, category: string, search: string, id: string): Promise<Locator> {
  await page.getByRole('combobox', { name: 'Category' }).selectOption(category);
  await page.getByRole('searchbox', { name: 'Search parts' }).fill(search);
  const p = page.locator(`[data-part-id="${id}"]`);
  await p.waitFor();
  return p;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  // Let fonts, layout and transitions settle; no animations are left running.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' });
  return file;
}

/** Closes every toast (so a screenshot shows the view itself). */
export async function dismissToasts(page: Page): Promise<void> {
  for (const button of await page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).all()) {
    await button.click().catch(() => undefined);
  }
}

export async function shutdown(browser: Browser | undefined, app: TestApp | undefined): Promise<void> {
  await browser?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true, maxRetries: 3 });
}

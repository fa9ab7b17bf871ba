// Links out of the browser host follow the same rule as the desktop app: an
// eBay listing opens in a new tab at once (no opener), any other web address
// asks first naming its host in punycode, and declining opens nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, shutdown, startApp, type TestApp } from '../helpers/e2e';

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(() => shutdown(browser, app));

async function create(page: Page, args: unknown): Promise<void> {
  const res = await page.evaluate(
    async ([a, tok]) => {
      const r = await fetch('/api/inventory:create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rackhive-token': tok },
        body: JSON.stringify(a),
      });
      return r.json();
    },
    [args, app.host.token] as const,
  );
  if (!res.ok) throw new Error(JSON.stringify(res.error));
}

describe('external links in the browser host', () => {
  it('opens eBay at once, asks before another host (shown in punycode), and opens nothing when declined', async () => {
    const session = await openApp(browser, app);
    const { page, context } = session;
    // Nothing leaves the machine in a test: every request outside the host is answered here.
    await context.route(
      (url) => !url.href.startsWith(app.host.url),
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>outside</title>' }),
    );
    await create(page, {
      partId: 'gpu.nvidia.tesla-p40',
      quantity: 1,
      status: 'ordered',
      currency: 'USD',
      price: '180.00',
      listingUrl: 'https://www.ebay.com/itm/123456789012',
    });
    await create(page, {
      partId: 'gpu.nvidia.tesla-p40',
      quantity: 1,
      status: 'ordered',
      currency: 'USD',
      price: '175.00',
      listingUrl: 'https://www.еbay-deals.com/p40',
    }); // Cyrillic "е"
    await page.goto(page.url().replace(/#.*$/, '') + '#/inventory');

    const popup = context.waitForEvent('page');
    await page.getByRole('link', { name: 'eBay listing 123456789012' }).click();
    const tab = await popup;
    expect(tab.url()).toBe('https://www.ebay.com/itm/123456789012');
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await tab.close();

    const seen: string[] = [];
    page.removeAllListeners('dialog');
    page.on('dialog', (d) => {
      seen.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    const pagesBefore = context.pages().length;
    await page.getByRole('link', { name: 'link' }).click();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatch(/^confirm: Open a page on www\.xn--bay-deals-.+\.com\?/);
    expect(seen[0]).toContain('https://www.xn--bay-deals-');
    expect(context.pages().length).toBe(pagesBefore);
    session.assertClean();
  });
});

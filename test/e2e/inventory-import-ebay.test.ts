// eBay purchases end to end in Chromium: the dialog lists the sources a buyer
// has; two order emails dropped together preview with the status each row
// gets; importing the same emails again shows "already in the inventory" and
// skips them. Screenshots at 1280x800 in light and dark:
// test-results/inventory-import-ebay-{sources,preview,existing}-{light,dark}.png.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { dismissToasts, launchBrowser, openApp, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ebay');
const email = (name: string) => ({ name, mimeType: 'message/rfc822', buffer: fs.readFileSync(path.join(FIXTURES, name)) });

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await shutdown(browser, app);
});

describe('eBay purchases, end to end', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`order emails: sources listed, statuses previewed, a second import skips them (${scheme})`, async () => {
      const session = await openApp(browser, app, { colorScheme: scheme });
      const { page } = session;
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Inventory' }).click();
      await page.getByRole('button', { name: 'Import CSV…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import purchases' });
      await dialog.waitFor();
      expect(await dialog.getByTestId('import-sources').innerText()).toMatch(
        /Order emails[\s\S]*Purchase history page[\s\S]*Trading API[\s\S]*Seller Hub orders report — parts you sold/,
      );
      await screenshot(page, `inventory-import-ebay-sources-${scheme}`);

      await page.getByTestId('import-file').setInputFiles([email('email-us-confirmation.eml'), email('email-uk-multi.eml')]);
      await dialog.getByTestId('import-rows').waitFor();
      const rows = (await dialog.getByTestId('import-rows').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      expect(rows).toHaveLength(3);
      for (const r of rows) expect(r).toMatch(/ordered/);
      expect(rows[1]).toContain('très bon état');
      await screenshot(page, `inventory-import-ebay-preview-${scheme}`);

      if (scheme === 'light') {
        await dialog.getByRole('button', { name: 'Import all 3 rows' }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-item-id]').length === 3, undefined, { timeout: 10_000 });
        await dismissToasts(page);
      } else {
        // The light run imported them: the same emails are "already in the inventory".
        await dialog.getByTestId('import-existing').waitFor();
        expect(await dialog.getByTestId('import-existing').innerText()).toContain('3 purchases already in the inventory');
        await screenshot(page, `inventory-import-ebay-existing-${scheme}`);
        await dialog.getByRole('button', { name: 'Import all 3 rows' }).click();
        await dialog.waitFor({ state: 'detached' });
        expect(await page.locator('tbody tr[data-item-id]').count()).toBe(3);
      }
      session.assertClean();
      await session.context.close();
    });
  }
});

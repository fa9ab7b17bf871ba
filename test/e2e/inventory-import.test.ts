// CSV import end to end in Chromium: a file with two bad rows shows both
// problems with their line and column and imports nothing; the fixed file
// imports all rows, which then show in the table with their totals.
// Screenshots: test-results/inventory-import-errors.png, inventory-imported.png.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { dismissToasts, launchBrowser, openApp, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await shutdown(browser, app);
});

const HEADER = 'part,quantity,status,currency,price,shipping,seller,order_number,order_shipping,received_on,notes';
const GOOD = [
  'NVIDIA Tesla P40,2,received,USD,179.99,,gpu-recycler,A-100,20.00,2024-05-20,"burn-in ok, 2 h"',
  'GeForce RTX 3090,1,ordered,USD,"1,299.00",25.00,rtx-seller,,,,',
  'NVIDIA Tesla P40,1,wishlist,USD,165.00,,,,,,watching the price',
];
const BAD_ROWS = ['ConnectX-3,1,received,USD,twelve,,nic-shop,A-100,20.00,2024-05-20,', 'Quantum Flux Card 9000,1,ordered,USD,99.00,,,,,,'];
const FIXED_ROWS = ['ConnectX-3,1,received,USD,12.00,,nic-shop,A-100,20.00,2024-05-20,', 'NVIDIA RTX A5000,1,ordered,USD,99.00,,,,,,'];

const file = (rows: string[]) => ({ name: 'purchases.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n', 'utf8') });

describe('CSV import, end to end', () => {
  it('shows the two bad rows, imports nothing; the fixed file imports all rows with their totals', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-inventory-import').catch(() => undefined);
    });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Inventory' }).click();
    await page.getByRole('button', { name: 'Import CSV…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import purchases' });
    await dialog.waitFor();

    await page.getByTestId('import-file').setInputFiles(file([GOOD[0]!, BAD_ROWS[0]!, GOOD[1]!, BAD_ROWS[1]!, GOOD[2]!]));
    await dialog.getByTestId('import-summary').waitFor();
    expect(await dialog.getByTestId('import-summary').innerText()).toContain('3 rows ready, 2 rows with problems');
    const errors = (await dialog.getByTestId('import-errors').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(errors[0]).toMatch(/^3 E "price" Price must be a number like 129\.99/);
    expect(errors[1]).toMatch(/^5 A "part" No catalog part matches "Quantum Flux Card 9000": choose the part/);
    expect(await dialog.getByRole('button', { name: 'Import all 5 rows' }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Import only the 3 valid rows' }).isVisible()).toBe(true);
    await screenshot(page, 'inventory-import-errors');

    // Fix the file and choose it again.
    await dialog.getByTestId('import-file').setInputFiles(file([GOOD[0]!, FIXED_ROWS[0]!, GOOD[1]!, FIXED_ROWS[1]!, GOOD[2]!]));
    await dialog.getByText('5 rows ready').waitFor();
    expect(await dialog.getByTestId('import-errors').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Import all 5 rows' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-item-id]').length === 5, undefined, { timeout: 10_000 });
    // Spent: 2 × 179.99 + 12.00 + 20.00 order shipping + (1,299 + 25) + 99 = 1,814.98; wishlist: 165.00.
    expect(await page.getByTestId('total-spent').innerText()).toContain('$1,814.98');
    expect(await page.getByTestId('total-wishlist').innerText()).toContain('$165.00');
    const p40 = page.locator('tbody tr', { hasText: 'gpu-recycler' });
    // Landed: 2 × 179.99 + its share of the order's 20.00 shipping by price (359.98 of 371.98) = 19.35.
    expect((await p40.innerText()).replace(/\s+/g, ' ')).toContain('$379.33');
    await dismissToasts(page);
    await page.getByRole('button', { name: 'By status & category' }).click();
    await page.getByRole('region', { name: 'Totals by status and category' }).waitFor();
    await screenshot(page, 'inventory-imported');
    session.assertClean();
  });
});

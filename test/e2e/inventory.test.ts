// End to end through the real HTTP host and Debian's Chromium: add three items
// (keyboard and mouse), edit one, delete and undo (toast, Ctrl+Z, redo), reload,
// restart the host on the same data folder — the data is as left — and hostile
// text stays text. Screenshots of each view go to test-results/.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { dismissToasts, launchBrowser, openApp, screenshot, shutdown, startApp, type AppSession, type TestApp } from '../helpers/e2e';

const HOSTILE = '<img src=x onerror=alert(1)>';
const EBAY_URL = 'https://www.ebay.com/itm/NVIDIA-GeForce-RTX-3090-24GB-GDDR6X/125678901234?hash=item1d4';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await shutdown(browser, app);
});

function isoDay(offsetDays: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const rows = (page: Page) => page.locator('tbody tr');
const partButton = (page: Page, name: string) => page.locator('tbody').getByRole('button', { name, exact: true });
// `has` locators are matched inside each row, so they must not start from tbody.
const rowOf = (page: Page, name: string) => rows(page).filter({ has: page.getByRole('button', { name, exact: true }) });

async function waitForRowCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('tbody tr').length === count, n, { timeout: 10_000 });
}

async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function partOrder(page: Page): Promise<string[]> {
  return page.locator('tbody button.open').allInnerTexts();
}

/** Checks what must survive a reload and a restart. */
async function expectDataAsLeft(page: Page): Promise<void> {
  await waitForRowCount(page, 3);
  const p40 = await cellTexts(rowOf(page, 'NVIDIA Tesla P40'));
  expect(p40).toContain('$160.00');
  expect(p40).toContain('Ordered');
  const rtx = await cellTexts(rowOf(page, 'NVIDIA GeForce RTX 3090'));
  expect(rtx).toEqual(expect.arrayContaining(['2', '$699.99', '$25.00', '$57.75', '$1,565.48', 'gpu-recycler-de', '125678901234']));
  const a5000 = await cellTexts(rowOf(page, 'NVIDIA RTX A5000'));
  expect(a5000).toEqual(expect.arrayContaining([HOSTILE, '$1,234.50', 'unknown']));
  await expectHostileIsText(page);
}

async function expectHostileIsText(page: Page): Promise<void> {
  expect(await page.getByText(HOSTILE, { exact: true }).first().isVisible()).toBe(true);
  expect(await page.locator('img').count()).toBe(0);
}

describe('inventory, end to end', () => {
  let session: AppSession;

  it('adds, edits, deletes with undo, and keeps the data across reload and restart', async () => {
    session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-inventory').catch(() => undefined);
    });
    // Builds is the home view; the inventory is one click away.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Inventory' }).click();

    // First run: the empty state, and the token is gone from the address bar.
    await page.getByRole('heading', { name: 'Your inventory is empty' }).waitFor();
    expect(page.url()).not.toContain('token=');
    expect(await page.title()).toBe('Inventory — Rackhive');
    await screenshot(page, 'inventory-empty');

    // 1 — entirely by keyboard: "n" opens the form with focus in the part field.
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('item-partId');
    await page.keyboard.type('rtx 3090');
    await dialog
      .getByRole('option', { name: /GeForce RTX 3090/ })
      .first()
      .waitFor();
    // "rtx 3090" also finds the NVLink bridges for it: arrow down to the card itself.
    const names = await dialog.getByRole('option').allInnerTexts();
    const card = names.findIndex((n) => /GeForce RTX 3090/.test(n) && !/Bridge|Ti/.test(n));
    for (let k = 0; k < card; k++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await dialog.getByRole('combobox', { name: 'Part' }).inputValue()).toBe('NVIDIA GeForce RTX 3090');
    await page.keyboard.press('Tab'); // quantity
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab'); // status
    await page.keyboard.type('rec');
    expect(await dialog.getByLabel('Status').inputValue()).toBe('received');
    await page.keyboard.press('Tab'); // price
    await page.keyboard.type('699.99');
    await page.keyboard.press('Tab'); // currency: USD by default
    await page.keyboard.press('Tab'); // shipping
    await page.keyboard.type('25');
    await page.keyboard.press('Tab'); // tax
    await page.keyboard.type('57.75');
    await page.keyboard.press('Tab'); // fees
    await page.keyboard.press('Tab'); // exchange rate
    await page.keyboard.press('Tab'); // seller
    await page.keyboard.type('gpu-recycler-de');
    await page.keyboard.press('Tab'); // order number
    await page.keyboard.type('12-34567-89012');
    await page.keyboard.press('Tab'); // listing URL
    await page.keyboard.type(EBAY_URL);
    expect(await dialog.getByTestId('listing-preview').innerText()).toContain('eBay item 125678901234');
    expect(await dialog.getByText('$1,565.48').isVisible()).toBe(true); // landed preview
    await dialog.getByLabel('Ordered').fill(isoDay(-20));
    await dialog.getByLabel('Received').fill(isoDay(-12));
    await dialog.getByLabel('Return by').fill(isoDay(18));
    await page.keyboard.press('ControlOrMeta+Enter');
    await dialog.waitFor({ state: 'detached' });
    await waitForRowCount(page, 1);

    // 2 — by mouse, a wishlist item.
    await page.getByRole('button', { name: 'Add part' }).click();
    await dialog.getByRole('combobox', { name: 'Part' }).click();
    await dialog.getByRole('combobox', { name: 'Part' }).fill('p40');
    await dialog
      .getByRole('option', { name: /Tesla P40/ })
      .first()
      .click();
    await dialog.getByLabel('Status').selectOption('wishlist');
    await dialog.getByLabel('Price per unit').fill('175');
    await dialog.getByRole('button', { name: 'Add to inventory' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForRowCount(page, 2);

    // 3 — hostile seller and notes, a non-eBay link, a return window closing soon.
    await page.getByRole('button', { name: 'Add part' }).click();
    await dialog.getByRole('combobox', { name: 'Part' }).fill('a5000');
    await dialog
      .getByRole('option', { name: /RTX A5000/ })
      .first()
      .click();
    await dialog.getByLabel('Status').selectOption('ordered');
    await dialog.getByLabel('Price per unit').fill('1,234.50');
    await dialog.getByLabel('Shipping per unit').fill('0');
    await dialog.getByLabel('Seller').fill(HOSTILE);
    await dialog.getByLabel('Listing URL').fill('https://example.com/listing/42');
    expect(await dialog.getByTestId('listing-preview').innerText()).toBe('not an eBay link — kept as a plain link');
    await dialog.getByLabel('Return by').fill(isoDay(3));
    await dialog.getByLabel('Notes').fill(HOSTILE);
    await dialog.getByRole('button', { name: 'Add to inventory' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForRowCount(page, 3);
    await expectHostileIsText(page);

    // Totals: spent = 3090 (699.99 + 25 + 57.75) × 2 + A5000 1,234.50; wishlist = P40 175.
    expect(await page.getByTestId('total-spent').innerText()).toContain('$2,799.98');
    expect(await page.getByTestId('total-wishlist').innerText()).toContain('$175.00');

    // Sort by landed cost, both ways, with aria-sort on the header.
    const landedHeader = page.getByRole('columnheader', { name: /Landed/ });
    await landedHeader.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('tbody button.open')?.textContent === 'NVIDIA Tesla P40');
    expect(await landedHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await partOrder(page)).toEqual(['NVIDIA Tesla P40', 'NVIDIA RTX A5000', 'NVIDIA GeForce RTX 3090']);
    await landedHeader.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('tbody button.open')?.textContent === 'NVIDIA GeForce RTX 3090');
    expect(await landedHeader.getAttribute('aria-sort')).toBe('descending');
    // Every column fits at 1280×800: no sideways scrolling.
    expect(await page.getByTestId('inventory-table').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await dismissToasts(page);
    await page.mouse.move(0, 799);
    await screenshot(page, 'inventory-items');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'inventory-items-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Search (debounced) and clear with Escape.
    const search = page.getByRole('searchbox', { name: 'Search inventory' });
    await search.fill('p40');
    await waitForRowCount(page, 1);
    await search.press('Escape');
    await waitForRowCount(page, 3);
    // Status multi-select: only the wishlist, then back to all.
    await page.getByRole('button', { name: /^Status:/ }).click();
    await page.getByRole('checkbox', { name: 'Wishlist' }).check();
    await waitForRowCount(page, 1);
    expect(await partOrder(page)).toEqual(['NVIDIA Tesla P40']);
    await page.getByRole('checkbox', { name: 'Ordered' }).check();
    await waitForRowCount(page, 2);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForRowCount(page, 3);

    await search.fill(HOSTILE); // the hostile text is searchable like any other
    await waitForRowCount(page, 1);
    await expectHostileIsText(page);
    await search.press('Escape');
    await waitForRowCount(page, 3);

    // Edit the P40: a bad price shows its error next to the field; fix it and save.
    await partButton(page, 'NVIDIA Tesla P40').click();
    await dialog.getByRole('heading', { name: 'Edit NVIDIA Tesla P40' }).waitFor();
    const price = dialog.getByLabel('Price per unit');
    await price.fill('17.5.0');
    await price.press('Tab');
    const priceField = dialog.locator('.field').filter({ has: page.getByLabel('Price per unit') });
    await priceField.getByText('Price must be a number like 129.99').waitFor();
    expect(await price.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'inventory-edit-error');
    await price.fill('160');
    await dialog.getByLabel('Status').selectOption('ordered');
    await dialog.getByLabel('Ordered').fill(isoDay(-1));
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => [...document.querySelectorAll('tbody td')].some((td) => td.textContent?.trim() === '$160.00'));
    expect(await cellTexts(rowOf(page, 'NVIDIA Tesla P40'))).toEqual(expect.arrayContaining(['Ordered', '$160.00']));

    // Delete the P40 and undo from the toast.
    await page.getByRole('button', { name: 'Delete NVIDIA Tesla P40' }).click();
    await waitForRowCount(page, 2);
    const toast = page.getByTestId('toast').filter({ hasText: 'Deleted NVIDIA Tesla P40' });
    await toast.waitFor();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await waitForRowCount(page, 3);
    expect(await cellTexts(rowOf(page, 'NVIDIA Tesla P40'))).toContain('$160.00');

    // Delete the A5000 and undo with Ctrl+Z; redo with Ctrl+Shift+Z.
    await page.getByRole('button', { name: 'Delete NVIDIA RTX A5000' }).click();
    await waitForRowCount(page, 2);
    await page.keyboard.press('ControlOrMeta+z');
    await waitForRowCount(page, 3);
    await page.locator('h1').click(); // focus off any control
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await waitForRowCount(page, 2);

    // Inside a text field Ctrl+Z is the field's own undo, not the app's.
    await search.click();
    await page.keyboard.type('zz');
    await page.keyboard.press('ControlOrMeta+z');
    expect(await search.inputValue()).toBe('');
    await page.waitForTimeout(600); // past the search debounce
    await waitForRowCount(page, 2);
    await page.locator('h1').click();
    await page.keyboard.press('ControlOrMeta+z');
    await waitForRowCount(page, 3);
    await expectDataAsLeft(page);

    // Reload: same data (the token survives in sessionStorage).
    await page.reload();
    await expectDataAsLeft(page);

    // Restart the host on the same data folder: new port, new token, same data.
    const oldPort = app.host.port;
    await app.restart();
    expect(app.host.port).not.toBe(oldPort);
    await session.goto(app.host);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Inventory' }).click();
    await expectDataAsLeft(page);

    // Settings shows where the data lives.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByText(app.host.databasePath, { exact: true }).waitFor();
    expect(await page.title()).toBe('Settings — Rackhive');
    expect(await page.getByText(app.dataDir, { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'settings');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'settings-dark');

    session.assertClean();
    await session.context.close();
  });

  it('explains a missing or expired token with a full-page message', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });

    await page.goto(app.host.url);
    await page.getByRole('heading', { name: 'Open Rackhive from the link it printed' }).waitFor();
    expect(await page.getByText('npm run serve').isVisible()).toBe(true);
    await screenshot(page, 'no-token');

    await page.goto(`${app.host.url}#token=${'A'.repeat(43)}`);
    await page.reload(); // a fresh document reads the (wrong) token
    await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

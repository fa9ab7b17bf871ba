// End to end through the real HTTP host and Debian's Chromium: open the
// catalog, filter GPUs to VRAM ≥ 24 GB and sort by bandwidth (the filter
// survives a reload), open the RTX 3090, add it to the wishlist and find it in
// the inventory, clone a built-in and rename the clone, and look at a board's
// topology. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

const partButton = (page: Page, name: string) => page.locator('tbody').getByRole('button', { name, exact: true });

/** The numbers in one column of the table, in row order (null where the cell says unknown). */
async function columnNumbers(page: Page, key: string): Promise<(number | null)[]> {
  return page.evaluate((k) => {
    const headers = [...document.querySelectorAll<HTMLElement>('thead tr:first-child th')];
    const index = headers.findIndex((h) => h.dataset.col === k);
    return [...document.querySelectorAll('tbody tr')].map((row) => {
      const text = (row.children[index] as HTMLElement | undefined)?.innerText.trim() ?? '';
      if (text.startsWith('unknown')) return null;
      return Number(text.replace(/[^0-9.]/g, ''));
    });
  }, key);
}

describe('catalog, end to end', () => {
  it('filters, sorts, opens a part, adds it to the wishlist, clones a built-in and shows a board topology', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-catalog').catch(() => undefined);
    });

    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    expect(await page.title()).toBe('Catalog — Rackhive');
    await partButton(page, 'NVIDIA GeForce RTX 3090').waitFor();

    // GPUs with VRAM ≥ 24 GB, by bandwidth (largest first).
    await page.getByRole('group', { name: 'Category' }).getByRole('button', { name: /^GPU/ }).click();
    await page.locator('thead th[data-col="memBandwidthGBps"]').waitFor();
    const allGpus = await page.locator('tbody tr').count();
    await page.getByLabel('Memory (board total): at least (GB)').fill('24');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('tbody tr').length < n, allGpus);
    await page.locator('thead th[data-col="memBandwidthGBps"] button').click();
    await page.waitForFunction(() => document.querySelector('thead th[data-col="memBandwidthGBps"]')?.getAttribute('aria-sort') === 'descending');
    await page.waitForFunction(() => window.location.hash.includes('sort=-memBandwidthGBps'));
    const vram = await columnNumbers(page, 'vramGB');
    expect(vram.length).toBeGreaterThan(5);
    expect(vram.every((v) => v !== null && v >= 24)).toBe(true);
    const bandwidth = await columnNumbers(page, 'memBandwidthGBps');
    const known = bandwidth.filter((b): b is number => b !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(bandwidth.slice(known.length).every((b) => b === null)).toBe(true); // unknowns last
    expect(page.url()).toContain('min.vramGB=24');
    await partButton(page, 'NVIDIA GeForce RTX 3090').waitFor();
    await screenshot(page, 'catalog-gpus');

    // The filter is in the URL: a reload keeps it.
    await page.reload();
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    await partButton(page, 'NVIDIA GeForce RTX 3090').waitFor();
    expect(await page.getByLabel('Memory (board total): at least (GB)').inputValue()).toBe('24');
    expect(await page.locator('thead th[data-col="memBandwidthGBps"]').getAttribute('aria-sort')).toBe('descending');

    // The RTX 3090 by keyboard: focus its row, Enter opens the detail pane.
    await partButton(page, 'NVIDIA GeForce RTX 3090').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const pane = page.getByTestId('part-detail');
    await pane.getByRole('heading', { name: 'NVIDIA GeForce RTX 3090' }).waitFor();
    expect(await pane.locator('[data-spec="memBandwidthGBps"]').innerText()).toBe('936 GB/s');
    // INT8 comes from the GA102 whitepaper now; a spec no source gives (low profile or not) reads unknown.
    expect(await pane.locator('[data-spec="int8Tops"]').innerText()).toBe('284 TOPS');
    expect(await pane.locator('[data-spec="lowProfile"]').innerText()).toContain('unknown');
    const firstSource = pane.getByRole('link').first();
    expect(await firstSource.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await firstSource.getAttribute('target')).toBe('_blank');
    await screenshot(page, 'catalog-detail');

    // Add to wishlist → the toast leads to the inventory, where the item is.
    await pane.getByRole('button', { name: 'Add to wishlist' }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'Added NVIDIA GeForce RTX 3090 to the wishlist' });
    await toast.getByRole('button', { name: 'Open inventory' }).click();
    await page.getByRole('heading', { name: 'Inventory', level: 1 }).waitFor();
    const row = page.locator('tbody tr').filter({ has: page.getByRole('button', { name: 'NVIDIA GeForce RTX 3090', exact: true }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('Wishlist');

    // Clone a built-in and rename the clone.
    await page.goto(`${new URL(page.url()).origin}/#/catalog?cat=gpu&part=gpu.nvidia.tesla-p40`);
    await pane.getByRole('heading', { name: 'NVIDIA Tesla P40' }).waitFor();
    await pane.getByRole('button', { name: 'Clone to edit' }).click();
    const model = pane.getByLabel('Model');
    await model.waitFor();
    expect(await model.inputValue()).toBe('Tesla P40 (my copy)');
    await model.fill('Tesla P40 bench card');
    await pane.getByLabel('TDP (W)').fill('200');
    await pane.getByRole('button', { name: 'Save' }).click();
    await pane.getByRole('heading', { name: 'NVIDIA Tesla P40 bench card' }).waitFor();
    expect(await pane.locator('[data-spec="tdpW"]').innerText()).toBe('200 W');
    await partButton(page, 'NVIDIA Tesla P40 bench card').waitFor();
    // The built-in is untouched.
    expect(await partButton(page, 'NVIDIA Tesla P40').count()).toBe(1);

    // A board with its PCIe topology.
    await page.goto(`${new URL(page.url()).origin}/#/catalog?cat=board&part=board.supermicro.x10drg-o-pcie`);
    await pane.getByTestId('topology').waitFor();
    const topology = await pane.getByTestId('topology').innerText();
    expect(topology).toContain('PEX8796');
    expect(topology).toContain('unverified');
    expect(topology).toContain('4:1 oversubscribed');
    await dismissToasts(page);
    await screenshot(page, 'catalog-board-detail');

    session.assertClean();
  });
});

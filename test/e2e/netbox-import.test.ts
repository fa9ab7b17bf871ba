// End to end through the real HTTP host and Debian's Chromium: the catalog's
// NetBox import on real devicetype-library files. A built-in model is offered
// (keep it, or import a copy), a GPU server is saved and opened with its PSU
// bays and GPU positions, a node is refused with its role. Screenshots in
// light and dark at 1280×800 and 1920×1080 go to test-results/.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dismissToasts, launchBrowser, openApp, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

const FIX = path.join(__dirname, '../fixtures/netbox');
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await shutdown(browser, app);
});

async function openCatalog(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
}

async function importFile(page: Page, file: string) {
  await page.getByTestId('netbox-file').setInputFiles(path.join(FIX, file));
}

describe('NetBox import, end to end', () => {
  it('offers the built-in, saves a GPU server with its PSU bays and GPU positions, refuses a node', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-netbox-import').catch(() => undefined);
    });
    await openCatalog(page);

    // A model that is built in: offered, nothing saved until the person chooses.
    await importFile(page, 'SYS-4029GP-TRT.yaml');
    const offer = page.getByTestId('builtin-offer');
    await offer.waitFor();
    expect(await offer.innerText()).toContain('SYS-4029GP-TRT.yaml describes SYS-4029GP-TRT, which is built in.');
    expect(await offer.innerText()).toContain('“SYS-4029GP-TRT (NetBox)”');
    await screenshot(page, 'netbox-builtin-offer-1280-light');
    await offer.getByRole('button', { name: 'Keep the built-in' }).focus();
    await page.keyboard.press('Enter');
    const notes = page.getByTestId('import-notes');
    await notes.waitFor();
    expect(await notes.innerText()).toContain('Kept the built-in SYS-4029GP-TRT; nothing was saved.');
    await page.waitForFunction(() => window.location.hash.includes('part=chassis.supermicro.sys-4029gp-trt'));

    // A GPU server the catalog does not have: saved and opened, the disagreement said.
    await importFile(page, 'AS-8125GS-TNMR2.yml');
    await page.waitForFunction(() => window.location.hash.includes('part=user.chassis.as-8125gs-tnmr2'));
    await notes.waitFor();
    expect(await notes.innerText()).toContain('8 PSU bays in module-bays but 6 power-ports');
    const detail = page.getByRole('complementary').or(page.locator('[data-testid="part-detail"]')).first();
    await page.getByText('GPU positions', { exact: true }).first().waitFor();
    const pane = await page.locator('body').innerText();
    expect(pane).toContain('Supermicro AS-8125GS-TNMR2');
    expect(pane).toMatch(/PSU bays\s+8/);
    expect(pane).toMatch(/GPU positions\s+8/);
    expect(detail).toBeTruthy();
    await dismissToasts(page);
    await screenshot(page, 'netbox-imported-1280-light');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'netbox-imported-1920-light');
    await page.setViewportSize({ width: 1280, height: 800 });
    session.assertClean();

    // A node: refused with its role (the failed request is the expected 422, so the page is not asserted clean after it).
    await importFile(page, 'PowerEdge-C6420.yaml');
    const error = page.getByTestId('import-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('subdevice_role');
    expect(await error.innerText()).toContain('is a node (subdevice_role: child)');
    await session.context.close();
  });

  it('the offer and the notes read in the dark theme at both sizes', async () => {
    const session = await openApp(browser, app, { colorScheme: 'dark' });
    const { page } = session;
    await openCatalog(page);
    await importFile(page, 'AP7900B.yaml');
    await page.getByTestId('builtin-offer').waitFor();
    expect(await page.getByTestId('builtin-offer').innerText()).toContain('inputPlug: NEMA L5-20P in the file (built-in: NEMA 5-15P)');
    await screenshot(page, 'netbox-builtin-offer-1280-dark');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'netbox-builtin-offer-1920-dark');
    await page.getByTestId('builtin-offer').getByRole('button', { name: 'Import a copy' }).click();
    await page.waitForFunction(() => window.location.hash.includes('part=user.pdu.ap7900b-netbox'));
    await page.getByText('Outlets', { exact: true }).first().waitFor();
    expect(await page.locator('body').innerText()).toContain('8x NEMA 5-15R');
    await dismissToasts(page);
    await screenshot(page, 'netbox-pdu-copy-1920-dark');
    session.assertClean();
    await session.context.close();
  });

  it('keeping a built-in shows what the file adds as a note on its page, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const session = await openApp(browser, app, { colorScheme });
      const { page } = session;
      await openCatalog(page);
      await importFile(page, 'AP7900B.yaml');
      await page.getByTestId('builtin-offer').getByRole('button', { name: 'Keep the built-in' }).click();
      await page.waitForFunction(() => window.location.hash.includes('part=pdu.apc.ap7900b'));
      expect(await page.getByTestId('import-notes').innerText()).toMatch(/Kept the built-in AP7900B.*; what AP7900B.yaml adds is saved as a note on it\./);
      const notes = page.getByTestId('user-part-notes');
      await notes.waitFor();
      const text = await notes.innerText();
      expect(text).toMatch(/your notes/i);
      expect(text).toContain('From the NetBox file AP7900B.yaml: inputPlug: NEMA L5-20P in the file (built-in: NEMA 5-15P).');
      expect(text).toContain('Source: AP7900B.yaml');
      await notes.scrollIntoViewIfNeeded();
      await dismissToasts(page);
      await screenshot(page, `netbox-kept-note-1280-${colorScheme}`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await screenshot(page, `netbox-kept-note-1920-${colorScheme}`);
      session.assertClean();
      await session.context.close();
    }
  });
});

// Settings end to end through the real HTTP host and Chromium: change the mains
// voltage (a bad value first: the message sits next to the field), reload — it
// is still set; back up now — the new row appears; restore it through the
// keyboard-reachable confirmation. Screenshot: test-results/settings-backups.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { dismissToasts, launchBrowser, openApp, screenshot, shutdown, startApp, type AppSession, type TestApp } from '../helpers/e2e';

let app: TestApp;
let browser: Browser;
let session: AppSession;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  session = await openApp(browser, app);
});

afterAll(async () => {
  await shutdown(browser, app);
});

describe('Settings', () => {
  it('mains voltage: a field error next to the field, then saved and still set after a reload', async () => {
    const { page } = session;
    await page.evaluate(() => (window.location.hash = '#/settings'));
    const volts = page.getByLabel('Mains voltage (V)');
    await volts.waitFor();
    await expect(volts.inputValue()).resolves.toBe('120');
    await volts.fill('400');
    await expect(page.locator('[data-field-error="mainsVolts"]').innerText()).resolves.toContain('from 100 to 240');
    await expect(page.getByRole('button', { name: 'Save settings' }).isDisabled()).resolves.toBe(true);
    await volts.fill('230');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();

    await page.reload();
    await page.waitForSelector('nav[aria-label="Views"]');
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await page.getByLabel('Mains voltage (V)').waitFor();
    await expect(page.getByLabel('Mains voltage (V)').inputValue()).resolves.toBe('230');
  });

  it('back up now adds a healthy row; restore asks first (keyboard), then restores', async () => {
    const { page } = session;
    const rows = page.locator('[data-testid="backups-table"] tbody tr');
    const before = await rows.count();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="backups-table"] tbody tr').length === n + 1, before);
    await expect(rows.first().innerText()).resolves.toMatch(/Manual[\s\S]*Healthy/);
    await expect(page.getByTestId('backups-dir').innerText()).resolves.toContain('backups');

    // Change something, then restore the backup from the keyboard: Enter on the row's button, Tab to Restore, Enter.
    const volts = page.getByLabel('Mains voltage (V)');
    await volts.fill('120');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await rows
      .first()
      .getByRole('button', { name: /Restore the backup from/ })
      .focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Cancel');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(/Restored the backup from/).waitFor();
    await page.reload();
    await page.waitForSelector('nav[aria-label="Views"]');
    await page.evaluate(() => (window.location.hash = '#/settings'));
    await page.getByLabel('Mains voltage (V)').waitFor();
    await expect(page.getByLabel('Mains voltage (V)').inputValue()).resolves.toBe('230');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="backups-table"] tbody tr').length >= n, before + 2);
    await expect(page.locator('[data-testid="backups-table"]').innerText()).resolves.toContain('Before a restore');

    await dismissToasts(page);
    await page.evaluate(() => (window.location.hash = '#/settings/backups'));
    await page.waitForTimeout(200);
    await screenshot(page, 'settings-backups');
    session.assertClean();
  });
});

// Editor comfort in Chromium: a chassis from the catalog arrives with the PSUs
// it ships with (removable), "+ PSU" / "+ CPU" / "+ DIMM" open a picker of what
// fits that works from the keyboard, an empty memory bank is a finding, arrow
// keys move a carried card between the slots that take it (Esc cancels, Enter
// drops), and the inspector shows the part's key specs with units and sources.
// Screenshots of the picker and the inspector at 1280×800 and 1920×1080, light
// and dark: test-results/comfort-*.png.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dismissToasts, findPart, launchBrowser, openApp, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

let app: TestApp;
let browser: Browser;
let buildUrl = '';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await shutdown(browser, app);
});

const active = (page: Page, attr: string) => page.evaluate((a) => document.activeElement?.closest(`[${a}]`)?.getAttribute(a) ?? null, attr);
const psuCount = async (page: Page) => (await page.locator('.bay h3').first().innerText()).replace(/\s+/g, ' ').trim();

describe('editor comfort', () => {
  it('a chassis comes with its PSUs; the pickers add a PSU, a CPU and a DIMM by keyboard; an empty bank is flagged', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-comfort').catch(() => undefined);
    });
    await page.getByLabel('New build name').fill('Comfort build');
    await page.getByRole('button', { name: 'New build' }).click();
    await page.getByRole('heading', { name: 'Comfort build' }).waitFor();
    buildUrl = page.url();

    // The TRT by keyboard into the new rack: it arrives with the four PSUs it ships with.
    const chassis = await findPart(page, 'chassis', '4028GR-TRT', 'chassis.supermicro.sys-4028gr-trt');
    await chassis.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('[data-chassis-id="srv-1"]').waitFor();
    expect(await psuCount(page)).toBe('PSU bays 4 of 4');
    const shipped = page.locator('.bay .part', { hasText: '4× PWS-2K05A-1R' });
    expect(await shipped.isEnabled()).toBe(true);

    // Removable like any planned part.
    await shipped.click();
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelector('.bay h3')?.textContent?.includes('3 of 4'));
    expect(await page.getByTestId('notice').innerText()).not.toMatch(/psu-|srv-1\/psu/);

    // "+ PSU": a picker of PSUs, the system's own first; Arrow down + Enter adds it.
    await page.getByRole('button', { name: '+ PSU' }).click();
    const picker = page.getByTestId('part-picker');
    await picker.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Filter the parts');
    const first = picker.locator('[data-pick]').first();
    expect(await first.getAttribute('data-pick')).toBe('psu.supermicro.pws-2k05a-1r');
    expect(await first.innerText()).toMatch(/ships with this system/i);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-pick'))).toBe('psu.supermicro.pws-2k05a-1r');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    expect(await psuCount(page)).toBe('PSU bays 4 of 4');

    // "+ CPU" on CPU1: only the board's socket type; typing filters; Enter places it.
    await page.locator('[data-socket-id="cpu1"] .slot-empty').click();
    await picker.waitFor();
    const cpus = await picker.locator('[data-pick]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pick')));
    expect(cpus.length).toBeGreaterThan(1);
    expect(cpus.every((id) => /xeon-e5-26\d\d.?-v[34]|xeon-e5-26\d\dw?-v[34]/.test(id ?? ''))).toBe(true);
    await page.keyboard.type('2680 v4');
    expect(await picker.locator('[data-pick]').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('[data-socket-id="cpu1"] .cpu').waitFor();

    // A CPU and no DIMMs: the findings say the bank is empty.
    const empty = page.locator('.finding[data-code="memory.bank-empty"]');
    await empty.first().waitFor();
    expect(await empty.first().innerText()).toMatch(/CPU1 has a CPU but no DIMMs/);

    // "+ DIMM": DDR4 only; Esc closes and gives focus back; again, and Enter adds one.
    const addDimm = page.getByRole('button', { name: /^Add a DIMM to CPU1/ });
    await addDimm.click();
    await picker.waitFor();
    expect(await picker.locator('[data-pick]').evaluateAll((els) => els.every((e) => /ddr4/.test(e.getAttribute('data-pick') ?? '')))).toBe(true);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Add a DIMM to CPU1/);
    await page.keyboard.press('Enter');
    await picker.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await page.waitForFunction(() => !document.querySelector('.finding[data-code="memory.bank-empty"]'));

    // Undo names the part, not an id.
    await dismissToasts(page);
    await page.locator('body').press('Control+z');
    const toast = page.locator('.toast .message').last();
    await toast.waitFor();
    expect(await toast.innerText()).toMatch(/^Undone: Added .+ to CPU1 channel 0/);
    await page.locator('body').press('Control+Shift+z');
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'Saved');

    session.assertClean();
    await session.context.close();
  });

  it('arrow keys move a carried card between the slots that take it; Esc cancels, Enter drops; the inspector shows specs and sources', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-comfort-arrows').catch(() => undefined);
    });
    await page.goto(buildUrl);
    await page.getByRole('heading', { name: 'Comfort build' }).waitFor();
    await page.locator('[data-chassis-id="srv-1"]').waitFor();

    const gpu = await findPart(page, 'gpu', 'Tesla P40', 'gpu.nvidia.tesla-p40');
    await gpu.focus();
    await page.keyboard.press('Enter');
    const start = await active(page, 'data-slot-id');
    expect(start).not.toBeNull();
    await page.keyboard.press('ArrowDown');
    const next = await active(page, 'data-slot-id');
    expect(next).not.toBeNull();
    expect(next).not.toBe(start);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-drop-ok'))).toBe('true');
    await page.keyboard.press('ArrowUp');
    expect(await active(page, 'data-slot-id')).toBe(start);
    await page.keyboard.press('ArrowDown');
    // Esc: put back, nothing placed.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('notice').innerText()).toMatch(/Put back Tesla P40/);
    expect(await page.locator('[data-device-id]').count()).toBe(0);
    // Again, one step down, Enter: the card lands in that second slot.
    await gpu.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    const target = await active(page, 'data-slot-id');
    await page.keyboard.press('Enter');
    const card = page.locator(`[data-slot-id="${target}"] [data-device-id]`);
    await card.waitFor();

    // The inspector: key specs with units, unknowns as unknown, sources as links.
    await card.click();
    const specs = page.getByLabel('Key specs');
    await specs.waitFor();
    const text = await specs.innerText();
    expect(text).toMatch(/24 GB/);
    expect(text).toMatch(/GB\/s/);
    expect(text).toMatch(/\d+ W/);
    expect(await page.locator('.inspector a[href^="http"]').count()).toBeGreaterThan(0);
    await dismissToasts(page);
    await screenshot(page, 'comfort-inspector-1280-light');
    // The next test reopens this build: let the debounced save land first.
    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved$/ })
      .waitFor();

    session.assertClean();
    await session.context.close();
  });

  it('screenshots: the picker and the inspector at 1280×800 and 1920×1080, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const session = await openApp(browser, app, { colorScheme: scheme });
      const { page } = session;
      await page.goto(buildUrl);
      await page.getByRole('heading', { name: 'Comfort build' }).waitFor();
      await page.locator('[data-device-id]').first().waitFor();
      for (const [w, h] of [
        [1280, 800],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.locator('[data-device-id]').first().click();
        await page.getByLabel('Key specs').waitFor();
        await dismissToasts(page);
        await screenshot(page, `comfort-inspector-${w}-${scheme}`);
        await page.locator('[data-socket-id="cpu2"] .slot-empty').click();
        await page.getByTestId('part-picker').waitFor();
        await screenshot(page, `comfort-picker-${w}-${scheme}`);
        await page.keyboard.press('Escape');
        await page.getByTestId('part-picker').waitFor({ state: 'detached' });
      }
      session.assertClean();
      await session.context.close();
    }
  });
});

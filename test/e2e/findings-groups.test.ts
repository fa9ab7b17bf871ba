// One number per quantity, findings and the bill of materials by what they
// say: the Groq example's peak draw reads the same in Findings, Estimates,
// Compare and the build sheet; its findings are one row per message shape with
// exact counts; a row lights every chassis it names; the 512 GroqCards are one
// bill-of-materials row. Screenshots (findings on Groq and X10DRG, BOM grouped)
// at 1280×800 and 1920×1080, light and dark: test-results/findings-*.png.
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

const SIZES = [
  [1280, 800],
  [1920, 1080],
] as const;

async function shots(page: Page, name: string): Promise<void> {
  for (const [w, h] of SIZES)
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `${name}-${w}x${h}-${scheme}`);
    }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

const figureOf = (text: string) => /([\d,.]+ k?W)/.exec(text)?.[1] ?? `no figure in ${JSON.stringify(text)}`;

async function openExample(page: Page, id: string): Promise<number> {
  await page.goto(page.url().replace(/#.*$/, '') + '#/builds');
  await page.locator(`[data-example="${id}"]`).click();
  await page.getByTestId('hive-verdict').waitFor();
  const m = /#\/builds\/(\d+)/.exec(page.url());
  expect(m).not.toBeNull();
  return Number(m![1]);
}

describe('one figure, grouped findings and bill of materials', () => {
  it('Groq: one peak figure in Findings, Estimates, Compare and the sheet; one row per message shape; one BOM row for the cards', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-findings-groups').catch(() => undefined);
    });
    const id = await openExample(page, 'groq-8-racks');

    const verdict = await page.getByTestId('hive-verdict').innerText();
    expect(verdict).toMatch(/^Llama 2 70B INT8 at 4K context needs ≥ \d+ chips; 512 placed in 8 racks; peak draw \(DC\) [\d.]+ kW$/);

    // Findings: the peak figure, and one row per message shape with exact counts.
    const findings = page.getByTestId('findings');
    const inFindings = await findings.getByTestId('peak-power').innerText();
    expect(inFindings).toMatch(/^Peak draw \(DC\) [\d.]+ kW$/);
    const figure = figureOf(inFindings);
    expect(verdict).toContain(figure);
    const tally = await findings.getByTestId('finding-tally').innerText();
    const [, total, rowsText] = /^([\d,]+) findings in (\d+) rows: 0 errors · [\d,]+ warnings · ([\d,]+) notes$/.exec(tally.replace(/\s+/g, ' ').trim()) ?? [];
    expect(total, tally).toBeDefined();
    const rows = findings.locator('button.finding');
    expect(await rows.count()).toBe(Number(rowsText));
    // Card fit, GPU connectors, rack weight, the empty host memory banks (the example plans no GroqNode DIMMs).
    expect(Number(rowsText)).toBeLessThanOrEqual(5);
    const counts = (await findings.getByTestId('finding-count').allInnerTexts()).map((t) => Number(t.replace(/[^\d]/g, '')));
    expect(counts.reduce((a, b) => a + b, 0) + (Number(rowsText) - counts.length)).toBe(Number(total!.replace(/,/g, '')));
    // No NIC-placement notes for cards on their own fabric.
    expect(await findings.locator('[data-code^="nic."]').count()).toBe(0);
    // A row lights every chassis it names.
    await rows.first().click();
    expect(await page.locator('[data-chassis-id].hl').count()).toBeGreaterThan(8);
    // Expanding shows each finding.
    await findings
      .getByRole('button', { name: /^Show each of the \d+ findings$/ })
      .first()
      .click();
    expect(await findings.locator('.each button.one').count()).toBe(counts[0]);
    await dismissToasts(page);
    await shots(page, 'findings-1-groq');
    await findings
      .getByRole('button', { name: /^Hide each of the \d+ findings$/ })
      .first()
      .click();

    // Estimates: the same figure.
    await page.getByRole('tab', { name: 'Estimates' }).click();
    const inEstimates = await page.locator('.estimates').getByTestId('peak-power').first().innerText();
    expect(inEstimates).toBe(figure);

    // Bill of materials: the 512 cards are one row.
    await page.getByRole('tab', { name: 'Bill of materials' }).click();
    const groups = page.getByTestId('bom-group');
    await groups.first().waitFor();
    expect(await groups.count()).toBeLessThan(20);
    const cards = groups.filter({ hasText: 'GroqCard' });
    expect(await cards.count()).toBe(1);
    expect(await cards.locator('td.num').first().innerText()).toBe('512');
    expect(await cards.locator('td.num').nth(2).innerText()).toBe('$256,000.00');
    await shots(page, 'findings-2-bom-groq');

    // Compare: the same figure in the Groq build's row.
    await page.goto(page.url().replace(/#.*$/, '') + '#/compare');
    const row = page.locator('tbody tr').filter({ hasText: 'Groq' });
    await row.first().waitFor();
    expect(await row.first().getByTestId('peak-power').innerText()).toBe(figure);

    // The sheet: the same figure.
    await page.goto(page.url().replace(/#.*$/, '') + `#/sheet/${id}`);
    await page.waitForFunction(() => document.documentElement.dataset.sheetReady === 'true');
    expect(await page.getByTestId('sheet').getByTestId('peak-power').innerText()).toBe(figure);

    session.assertClean();
    await session.context.close();
  });

  it('X10DRG: grouped findings and the BOM by part', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    await openExample(page, 'sys-4028gr-x10drg');
    const findings = page.getByTestId('findings');
    await findings.getByTestId('peak-power').waitFor();
    await dismissToasts(page);
    await shots(page, 'findings-3-x10drg');
    await page.getByRole('tab', { name: 'Bill of materials' }).click();
    const p40 = page.getByTestId('bom-group').filter({ hasText: 'Tesla P40' });
    expect(await p40.count()).toBe(1);
    expect(await p40.locator('td.num').first().innerText()).toBe('8');
    await p40.getByRole('button', { name: 'show the 8 places' }).click();
    expect(await page.locator('tr.unit').count()).toBe(8);
    await shots(page, 'findings-4-bom-x10drg');
    session.assertClean();
    await session.context.close();
  });
});

// The Topology tab's P2P matrix at 1280×800: DGX-1's twelve columns (8 GPUs +
// 4 NICs) are wider than the side panel. Once the NIC columns were cut off with
// nothing to say so; now the matrix scrolls inside its panel (by mouse or, once
// focused, by keyboard), says that it does, and keeps its row labels in view.
// A matrix that fits (Groq's eight GroqCards) says nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await shutdown(browser, app);
});

async function openTopology(page: Page, exampleId: string): Promise<void> {
  await page.locator(`[data-example="${exampleId}"]`).click();
  await page.getByRole('tab', { name: /Topology/ }).click();
  await page.locator('.matrix-wrap table').waitFor();
}

const geometry = (page: Page) =>
  page.evaluate(() => {
    const wrap = document.querySelector<HTMLElement>('.matrix-wrap')!;
    const panel = document.querySelector<HTMLElement>('.side-body')!;
    const head = wrap.querySelector<HTMLElement>('th.row-head')!;
    const w = wrap.getBoundingClientRect();
    const p = panel.getBoundingClientRect();
    return {
      scrollWidth: wrap.scrollWidth,
      clientWidth: wrap.clientWidth,
      scrollLeft: wrap.scrollLeft,
      wrapLeft: w.left,
      wrapRight: w.right,
      panelRight: p.right,
      headLeft: head.getBoundingClientRect().left,
    };
  });

describe('topology matrix in the side panel', () => {
  it('DGX-1: scrolls inside the panel, says so, and keeps the row labels in view', async () => {
    const { page, assertClean } = await openApp(browser, app);
    await openTopology(page, 'dgx-1-v100');
    const before = await geometry(page);
    expect(before.scrollWidth).toBeGreaterThan(before.clientWidth);
    // The region stays inside the panel (nothing spills past its edge).
    expect(before.wrapRight).toBeLessThanOrEqual(before.panelRight + 0.5);
    await page.getByTestId('matrix-scroll-hint').waitFor();
    // The last NIC column is reachable: focus the region, scroll with the keyboard.
    await page.getByRole('region', { name: /P2P matrix/ }).focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    // Keyboard scrolling is animated: wait until it has come to rest at the far edge.
    await page.waitForFunction(() => {
      const w = document.querySelector<HTMLElement>('.matrix-wrap')!;
      return w.scrollLeft > 0 && w.scrollLeft + w.clientWidth >= w.scrollWidth - 1;
    });
    const after = await geometry(page);
    expect(after.scrollLeft).toBeGreaterThan(0);
    // The row labels stay at the region's left edge while the columns move under them.
    expect(Math.abs(after.headLeft - after.wrapLeft)).toBeLessThan(1.5);
    const nic3 = page.locator('.matrix thead th', { hasText: 'NIC3' });
    const box = (await nic3.boundingBox())!;
    await screenshot(page, 'topology-dgx1-scrolled');
    expect(box.x + box.width).toBeLessThanOrEqual(after.wrapRight + 0.5);
    assertClean();
  });

  it('Groq: a matrix that fits says nothing about scrolling', async () => {
    const { page, assertClean } = await openApp(browser, app);
    await openTopology(page, 'groq-8-racks');
    const g = await geometry(page);
    expect(g.scrollWidth).toBeLessThanOrEqual(g.clientWidth);
    expect(await page.getByTestId('matrix-scroll-hint').count()).toBe(0);
    assertClean();
  });
});

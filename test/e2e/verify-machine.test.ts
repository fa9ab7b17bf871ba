// "Verify against the machine" in the build editor, end to end: the seed
// SYS-4028GR with X10DRG-O-PCIE example, the SYS-4028GR-TRT's real
// `nvidia-smi topo -m` pasted in: the panel names the TRT board (not the one
// planned), lists the differences as findings and shows both matrices side by
// side; an lspci tree pasted in the topo box says what was expected and the
// first line. Nothing is saved. Screenshots: test-results/verify-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

let app: TestApp | undefined;
let browser: Browser;
const fx = (f: string) => readFileSync(new URL(`../fixtures/asbuilt/${f}`, import.meta.url), 'utf8');

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await shutdown(browser, app);
});

/** Each test starts on a fresh data folder, so the first-run examples are offered. */
async function freshApp(): Promise<TestApp> {
  if (app) await shutdown(undefined, app);
  app = await startApp();
  return app;
}

const topoBox = (page: Page) => page.getByRole('textbox', { name: /^nvidia-smi topo -m/ });

async function openVerify(page: Page): Promise<void> {
  await page.locator('[data-example="sys-4028gr-x10drg"]').click();
  await page.getByTestId('hive-verdict').waitFor();
  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByTestId('open-verify').waitFor();
  await screenshot(page, 'verify-tab');
  await page.getByTestId('open-verify').click();
  await page.getByRole('dialog', { name: 'Verify against the machine' }).waitFor();
}

describe('verify against the machine', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`names the delivered board, lists differences and shows both matrices (${colorScheme})`, async () => {
      const session = await openApp(browser, await freshApp(), { colorScheme });
      const { page } = session;
      onTestFailed(async () => {
        await screenshot(page, `failure-verify-${colorScheme}`).catch(() => undefined);
      });
      await openVerify(page);
      await topoBox(page).fill(fx('sys-4028gr-trt.topo.txt'));
      await page.getByTestId('run-verify').click();
      await page.getByTestId('verify-summary').waitFor();
      expect(await page.getByTestId('verify-summary').innerText()).toBe(
        'This is the SYS-4028GR-TRT (X10DRG-OT+-CPU TRT) layout (two hives of three, across two sockets), not the SYS-4028GR-TR (X10DRG-O-PCIE) you planned.',
      );
      expect(await page.locator('[data-code="asbuilt.board-differs"]').count()).toBe(1);
      expect(await page.locator('[data-code="asbuilt.device-missing"]').count()).toBe(2);
      const planned = page.getByTestId('matrix-planned');
      const observed = page.getByTestId('matrix-observed');
      expect(await planned.locator('tbody tr').count()).toBe(9);
      expect(await observed.locator('td.diff').count()).toBeGreaterThan(0);
      // Side by side: the observed matrix starts right of the planned one, on the same row.
      const a = (await planned.boundingBox())!;
      const b = (await observed.boundingBox())!;
      expect(b.x).toBeGreaterThan(a.x + a.width);
      expect(Math.abs(b.y - a.y)).toBeLessThan(2);
      await screenshot(page, `verify-1280-${colorScheme}`);
      // Measured speed: a llama-bench table is read into tokens/s per test.
      await page
        .getByRole('textbox', { name: 'llama-bench or vLLM benchmark output' })
        .fill(
          '| model | size | params | backend | ngl | test | t/s |\n| --- | ---: | ---: | --- | --: | ---: | ---: |\n| llama 8B Q4_K - Medium | 4.58 GiB | 8.03 B | CUDA | 99 | tg128 | 52.10 ± 0.20 |\n',
        );
      expect(await page.getByTestId('bench-results').locator('tbody tr').first().innerText()).toMatch(/generate 128 tokens\s+52\.1 tok\/s ± 0\.2/);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await screenshot(page, `verify-1920-${colorScheme}`);
      session.assertClean();
      await session.context.close();
    });
  }

  it('an lspci tree in the topo box: what was expected and the first line that did not fit; keyboard reachable', async () => {
    const session = await openApp(browser, await freshApp());
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-verify-mixed').catch(() => undefined);
    });
    await openVerify(page);
    await topoBox(page).fill(fx('lspci-t-chipset-switch.txt'));
    await page.getByTestId('run-verify').focus();
    await page.keyboard.press('Enter');
    const problem = page.getByTestId('verify-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toBe(
      'Expected nvidia-smi topo -m output: no header row of GPU0 GPU1 … columns was found (line 1: "-[0000:00]-+-00.0") — this looks like lspci -tv output',
    );
    expect(await page.getByTestId('verify-summary').count()).toBe(0);
    await screenshot(page, 'verify-mixed-up');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog', { name: 'Verify against the machine' }).isVisible()).toBe(false);
    session.assertClean();
    await session.context.close();
  });
});

// The editor answers "which model, how fast, what to type": an empty build
// gets a SYS-4028GR-TRT, two CPUs and two Tesla P40; "What runs on this build"
// lists models that fit; one click adds one as a workload (undoable), its
// decode tok/s appears, and its serving plan is copied; "Export build sheet
// (PDF)" in the editor header downloads the sheet the host's Chromium printed,
// and its text has the workload and its command line. Screenshots at both
// sizes, light and dark: test-results/workloads-*.png.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { dismissToasts, findPart, launchBrowser, openApp, RESULTS_DIR, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await shutdown(browser, app);
});

describe('workloads in the editor', () => {
  it('adds a workload from "What runs on this build", shows its decode speed and copies its serving plan', async () => {
    const session = await openApp(browser, app);
    const { page, context } = session;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    onTestFailed(async () => {
      await screenshot(page, 'failure-workloads').catch(() => undefined);
    });

    await page.getByLabel('New build name').fill('Two P40 bench');
    await page.getByRole('button', { name: 'New build' }).click();
    await page.getByRole('heading', { name: 'Two P40 bench' }).waitFor();

    const chassis = await findPart(page, 'chassis', '4028GR-TRT', 'chassis.supermicro.sys-4028gr-trt');
    const rack = page.locator('[data-rack-id="(new)"]');
    const rackBox = (await rack.boundingBox())!;
    await chassis.dragTo(rack, { targetPosition: { x: rackBox.width / 2, y: rackBox.height - 4 } });
    await page.locator('[data-chassis-id="srv-1"]').waitFor();

    const cpu = await findPart(page, 'cpu', 'E5-2680 v4', 'cpu.intel.xeon-e5-2680-v4');
    for (const socket of ['cpu1', 'cpu2']) {
      await cpu.dragTo(page.locator(`[data-socket-id="${socket}"]`));
      await page.locator(`[data-socket-id="${socket}"] .cpu`).waitFor();
    }
    const p40 = await findPart(page, 'gpu', 'Tesla P40', 'gpu.nvidia.tesla-p40');
    for (const slot of ['gpu1', 'gpu2']) {
      await p40.dragTo(page.locator(`[data-slot-id="${slot}"]`));
      await page.locator(`[data-slot-id="${slot}"] [data-device-id]`).waitFor();
    }

    await page.getByRole('tab', { name: 'Estimates' }).click();
    await page.getByText('No workloads yet.').waitFor();
    await page.getByRole('button', { name: 'Find what runs' }).click();
    const table = page.locator('.what-runs table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // Every listed speed is a number with its band; unknown stays a word.
    for (const text of await rows.locator('td:nth-child(2)').allInnerTexts()) expect(text).toMatch(/^[\d,.]+ tok\/s \([\d,.]+–[\d,.]+\)$/);
    await dismissToasts(page);
    await screenshot(page, 'workloads-1-what-runs');

    const first = rows.first();
    const name = (await first.locator('td.model').innerText()).replace(/\s+\S+$/, '').trim();
    await first.getByRole('button', { name: /^Add / }).click();
    const workload = page.getByRole('region', { name: `Workload 1: ${name}` });
    await workload.waitFor();
    const decode = workload.getByTestId('decode-tps');
    await decode.waitFor();
    expect(await decode.innerText()).toMatch(/^[\d,.]+ tok\/s \([\d,.]+–[\d,.]+\)$/);

    // The serving plan names both GPUs in nvidia-smi order and a runtime command.
    const line = workload.getByTestId('plan-line').first();
    expect(await line.innerText()).toMatch(
      /^CUDA_DEVICE_ORDER=PCI_BUS_ID CUDA_VISIBLE_DEVICES=0,1 llama-server -m \S+\.gguf -ngl 999 -c 4096 --port 8000 --split-mode layer$/,
    );
    await workload.getByRole('button', { name: 'Copy' }).click();
    await workload.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('CUDA_VISIBLE_DEVICES=0,1 llama-server');
    await dismissToasts(page);
    await screenshot(page, 'workloads-2-added');

    // Undo takes the workload away; redo brings it back.
    await page.locator('body').press('Control+z');
    await workload.waitFor({ state: 'detached' });
    await page.locator('body').press('Control+Shift+z');
    await workload.waitFor();

    // Edit it by hand: a bad number is refused in place, a good one saved.
    await workload.getByRole('button', { name: 'Edit workload 1' }).click();
    const form = workload.getByRole('form', { name: 'Edit workload' });
    await form.getByLabel('Instances').fill('two');
    await form.getByRole('button', { name: 'Save workload' }).click();
    expect(await form.getByRole('alert').innerText()).toBe('Instances must be a whole number from 1 to 4,096.');
    await form.getByLabel('Instances').fill('2');
    await form.getByLabel('Split').selectOption('single');
    await form.getByRole('button', { name: 'Save workload' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await workload.getByTestId('plan-line').allInnerTexts()).toEqual([
      expect.stringContaining('CUDA_VISIBLE_DEVICES=0 '),
      expect.stringContaining('CUDA_VISIBLE_DEVICES=1 '),
    ]);

    for (const [w, h] of [
      [1280, 800],
      [1920, 1080],
    ] as const)
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `workloads-3-${w}x${h}-${scheme}`);
      }

    // The sheet PDF from the editor header: the host's Chromium prints it and the page downloads it (no print dialog).
    const planLine = (await workload.getByTestId('plan-line').first().innerText()).trim();
    const exportButton = page.getByRole('button', { name: 'Export build sheet (PDF)' });
    const downloading = page.waitForEvent('download');
    await exportButton.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Rendering the build sheet PDF' })
      .waitFor()
      .catch(() => undefined);
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('two-p40-bench-build-sheet.pdf');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-dl-'));
    try {
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Two P40 bench');
      expect(text).toContain(name);
      // Long command lines wrap on paper: compare without whitespace.
      expect(text.replace(/\s+/g, '')).toContain(planLine.replace(/\s+/g, ''));
      // The first page, for a person to look at.
      execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', file, path.join(tmp, 'page')]);
      const png = fs.readdirSync(tmp).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
      fs.copyFileSync(path.join(tmp, png), path.join(RESULTS_DIR, 'workloads-4-sheet-page-1.png'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    await page.getByTestId('toast').filter({ hasText: 'Build sheet downloaded: two-p40-bench-build-sheet.pdf' }).waitFor();
    session.assertClean();

    // Without a Chromium on the host, the page says why and what to install.
    const saved = process.env.RACKHIVE_CHROMIUM;
    process.env.RACKHIVE_CHROMIUM = path.join(os.tmpdir(), 'no-such-chromium');
    try {
      await exportButton.click();
      const failure = page.getByTestId('toast').filter({ hasText: 'Could not export the build sheet' });
      await failure.waitFor();
      expect(await failure.innerText()).toMatch(/no Chromium found.*npx playwright-core install chromium/s);
    } finally {
      if (saved === undefined) delete process.env.RACKHIVE_CHROMIUM;
      else process.env.RACKHIVE_CHROMIUM = saved;
    }
    await context.close();
  });
});

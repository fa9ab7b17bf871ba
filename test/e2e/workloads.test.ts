// The editor answers "which model, how fast, what to type": an empty build
// gets a SYS-4028GR-TRT, two CPUs and two Tesla P40; "What runs on this build"
// lists models that fit; one click adds one as a workload (undoable), its
// decode tok/s appears, and its serving plan is copied. Screenshots at both
// sizes, light and dark: test-results/workloads-*.png.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { dismissToasts, findPart, launchBrowser, openApp, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

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
    expect(await line.innerText()).toMatch(/^CUDA_DEVICE_ORDER=PCI_BUS_ID CUDA_VISIBLE_DEVICES=0,1 llama-server -m \S+\.gguf -ngl 999 -c 4096 --port 8000 --split-mode layer$/);
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

    for (const [w, h] of [[1280, 800], [1920, 1080]] as const)
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `workloads-3-${w}x${h}-${scheme}`);
      }
    session.assertClean();
    await context.close();
  });
});

// Measured speed in the editor: a build with one RTX 4080 and a Qwen2.5 7B
// Q4_K_M workload; the llama-bench -o json of exactly that (llama.cpp's README,
// test/fixtures/asbuilt/llama-bench-rtx4080.json) is pasted, saved with the
// build, shown next to the estimate with the difference, and calibrates it
// (marked as such). Still there after a reload. Screenshots at 1280×800 and
// 1920×1080, light and dark: test-results/measured-speed-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dismissToasts, launchBrowser, openApp, screenshot, shutdown, startApp, type TestApp } from '../helpers/e2e';

let app: TestApp;
let browser: Browser;
const ROOT = path.resolve(import.meta.dirname, '../..');
const fixture = fs.readFileSync(path.join(ROOT, 'test/fixtures/asbuilt/llama-bench-rtx4080.json'), 'utf8');

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await shutdown(browser, app);
});

async function api<T>(page: Page, token: string, channel: string, args: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([ch, a, tok]) => {
      const r = await fetch(`/api/${ch}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rackhive-token': tok },
        body: JSON.stringify(a),
      });
      return r.json();
    },
    [channel, args, token] as const,
  );
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

describe('measured speed next to the estimate', () => {
  it('pastes llama-bench output, keeps it with the build, shows the difference and the calibrated band', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-measured-speed').catch(() => undefined);
    });
    const token = app.host.token;
    const created = await api<{ id: number; build: Record<string, unknown> & { freeStanding: { chassis: { devices: unknown[] }[] } } }>(
      page,
      token,
      'builds:create',
      { exampleId: 'tower-wrx80-3xp40-1x3090', name: 'RTX 4080 bench' },
    );
    const build = structuredClone(created.build);
    build.freeStanding.chassis[0]!.devices = [{ id: 'gpu-0', slot: 'slot1', partId: 'gpu.nvidia.rtx-4080' }];
    build.workloads = [{ modelId: 'qwen2.5-7b', quant: 'Q4_K_M', runtime: 'llama.cpp', split: 'single', instances: 1 }];
    await api(page, token, 'builds:save', { id: created.id, build });

    await page.goto(page.url().replace(/#.*$/, '') + `#/builds/${created.id}`);
    await page.getByRole('tab', { name: 'Estimates' }).click();
    const workload = page.getByRole('region', { name: 'Workload 1: Qwen2.5 7B' });
    await workload.getByTestId('decode-tps').waitFor();
    const memory = workload.getByTestId('estimate-memory');
    expect(await memory.innerText()).toMatch(
      /^Memory: [\d.]+ GiB of 16\.0 GiB on GeForce RTX 4080 \(weights [\d.]+ GiB, KV cache [\d.]+ GiB at 4,096 tokens\)/,
    );
    const measured = workload.getByTestId('measured-speed');
    expect(await measured.innerText()).toContain('Not measured yet.');

    await measured.getByTestId('measured-add').click();
    await measured.getByTestId('measured-paste').fill(fixture);
    await measured.getByText('Decode: 128 tokens generated').waitFor();
    expect(await measured.getByLabel('GPU').inputValue()).toBe('GeForce RTX 4080');
    await measured.getByLabel('measured on').fill('2025-04-24');
    await measured.getByRole('button', { name: 'Save 2 with the build' }).click();

    const rows = measured.getByTestId('measured-row');
    await expect.poll(() => rows.count()).toBe(2);
    const decodeRow = (await rows.allInnerTexts()).find((t) => t.startsWith('Decode'))!;
    expect(decodeRow.replace(/\s+/g, ' ')).toMatch(
      /^Decode 128 tokens generated llama\.cpp · 1 × GeForce RTX 4080 · 2025-04-24 measured 119 tok\/s ± 1 estimate [\d,.]+ tok\/s at 1,024 tokens of context difference [+−][\d.]+ %/,
    );
    const calibrated = measured.getByTestId('measured-calibrated');
    await expect.poll(() => calibrated.count()).toBe(2);
    expect((await calibrated.first().innerText()).replace(/\s+/g, ' ')).toMatch(
      /^CALIBRATED Decode: 119 tok\/s \(115–122\) — measured on this build \(1 run\); the model said [+−][\d.]+ %/i,
    );

    // Unticking one run takes its calibration away; the row stays.
    await measured.getByRole('checkbox', { name: /Calibrate the estimate with this run \(Prefill/ }).click();
    await expect.poll(() => calibrated.count()).toBe(1);

    await dismissToasts(page);
    await measured.scrollIntoViewIfNeeded();
    await screenshot(page, 'measured-speed-1280-light');
    await page.setViewportSize({ width: 1920, height: 1080 });

    // Kept with the build: a reload shows the same rows.
    await page.reload();
    await page.getByRole('tab', { name: 'Estimates' }).click();
    await expect.poll(() => page.getByTestId('measured-row').count()).toBe(2);
    await expect.poll(() => page.getByTestId('measured-calibrated').count()).toBe(1);
    await dismissToasts(page);
    await page.getByTestId('measured-speed').scrollIntoViewIfNeeded();
    await screenshot(page, 'measured-speed-1920-light');
    session.assertClean();
    await session.context.close();

    const dark = await openApp(browser, app, { colorScheme: 'dark' });
    await dark.page.goto(dark.page.url().replace(/#.*$/, '') + `#/builds/${created.id}`);
    await dark.page.getByRole('tab', { name: 'Estimates' }).click();
    await expect.poll(() => dark.page.getByTestId('measured-row').count()).toBe(2);
    await dark.page.getByTestId('decode-tps').waitFor();
    await dismissToasts(dark.page);
    await dark.page.getByTestId('measured-speed').scrollIntoViewIfNeeded();
    await screenshot(dark.page, 'measured-speed-1280-dark');
    await dark.page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(dark.page, 'measured-speed-1920-dark');
    dark.assertClean();
    await dark.context.close();
  });
});

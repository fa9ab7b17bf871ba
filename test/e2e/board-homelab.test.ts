// Home-lab shapes in the editor, end to end in Chromium: the open-frame example
// (ROMED8-2T, four RTX 3090 on riser cables, one NVLink pair) stands outside
// any rack and shows in the free-standing area; its board nests each riser's
// output under its slot; a GPU moves onto a riser output with the keyboard; the
// bridge is removed, placed again from the palette onto a card, and undone.
// Screenshots: test-results/homelab-*.png (1280×800 and 1920×1080, light and dark).
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

interface SavedChassis {
  id: string;
  devices: { id: string; slot: string }[];
  bridges?: { partId: string; devices: string[] }[];
}

async function savedFrame(page: Page, token: string, id: number): Promise<SavedChassis> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'Saved', null, { timeout: 10_000 });
  const detail = await api<{ build: { freeStanding?: { chassis: SavedChassis[] } } }>(page, token, 'builds:get', { id });
  return detail.build.freeStanding!.chassis[0]!;
}

async function openExample(page: Page, exampleId: string): Promise<number> {
  const build = await api<{ id: number }>(page, app.host.token, 'builds:create', { exampleId });
  await page.goto(page.url().replace(/#.*$/, '') + `#/builds/${build.id}`);
  // The board's mode toggle: there in both modes (a board too wide for the side panel opens wide, the Findings tab folded away).
  await page.locator('.board .wide-toggle').waitFor();
  return build.id;
}

describe('home-lab shapes in the board view', () => {
  it('an open frame with risers and a bridge: seen outside the racks, a GPU moved onto a riser output by keyboard, the bridge removed, placed from the palette and undone', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-homelab').catch(() => undefined);
    });
    const token = app.host.token;
    const id = await openExample(page, 'open-frame-romed8-4x3090');

    // The frame stands in the free-standing area and its board is shown.
    const frame = page.locator('.floor [data-chassis-id="frame-1"]');
    await frame.waitFor();
    expect(await frame.getAttribute('aria-label')).toContain('free-standing');
    expect(await page.locator('.board .head').innerText()).toContain('free-standing');
    // Each riser cable's output is nested under its slot and holds its GPU.
    for (const [riser, gpu] of [
      ['riser-0', 'gpu-0'],
      ['riser-1', 'gpu-1'],
      ['riser-2', 'gpu-2'],
      ['riser-3', 'gpu-3'],
    ] as const) {
      await page.locator(`[data-slot-id="${riser}/a"] [data-device-id="${gpu}"]`).waitFor();
    }
    // The bridge is drawn between its two cards, as nvidia-smi names it.
    const tag = page.locator('.bridge-tag[data-bridge-index="0"]');
    expect(await tag.innerText()).toBe('NV4');
    expect(await tag.getAttribute('aria-label')).toMatch(/^NVLink bridge GPU0 – GPU1: NV4/);
    await dismissToasts(page);
    await screenshot(page, 'homelab-1-open-frame');

    // Free riser-3's output, then move GPU2 there with the keyboard only.
    await page.locator('[data-device-id="gpu-3"]').click();
    await page.keyboard.press('Delete');
    await page.locator('[data-device-id="gpu-3"]').waitFor({ state: 'detached' });
    await page.locator('[data-device-id="gpu-2"]').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('notice').innerText()).toMatch(/^Picked up GPU2/);
    const output = page.locator('[data-slot-id="riser-3/a"] .slot-empty');
    expect(await output.getAttribute('data-drop-ok')).toBe('true');
    // A taken output refuses, with the reason from core.
    expect(await page.locator('[data-slot-id="riser-0/a"] [data-device-id]').getAttribute('data-drop-ok')).toBe('false');
    await output.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-slot-id="riser-3/a"] [data-device-id="gpu-2"]').waitFor();
    expect((await savedFrame(page, token, id)).devices.find((d) => d.id === 'gpu-2')!.slot).toBe('riser-3/a');

    // Remove the bridge: select its tag, Delete.
    await tag.click();
    await page.keyboard.press('Delete');
    await tag.waitFor({ state: 'detached' });
    expect((await savedFrame(page, token, id)).bridges).toBeUndefined();

    // A bridge from the palette onto GPU0: core pairs it with the other 3090 it can join (GPU1).
    const bridge = await findPart(page, 'bridge', '3090', 'bridge.nvidia.geforce-rtx-nvlink-3slot');
    await bridge.focus();
    await page.keyboard.press('Enter');
    const gpu0 = page.locator('[data-device-id="gpu-0"]');
    expect(await gpu0.getAttribute('data-drop-ok')).toBe('true');
    await gpu0.focus();
    await page.keyboard.press('Enter');
    await page.locator('.bridge-tag[data-bridge-index="0"]').waitFor();
    expect(await page.getByTestId('notice').innerText()).toMatch(/riser/);
    expect((await savedFrame(page, token, id)).bridges).toEqual(
      [{ partId: 'bridge.nvidia.geforce-rtx-nvlink-3slot', devices: ['gpu-0', 'gpu-1'] }].map((b) => expect.objectContaining(b)),
    );
    await dismissToasts(page);
    await screenshot(page, 'homelab-2-bridged');

    // Undo takes the new bridge away again.
    await page.locator('body').press('Control+z');
    await page.locator('.bridge-tag').waitFor({ state: 'detached' });
    expect((await savedFrame(page, token, id)).bridges).toBeUndefined();

    session.assertClean();
    await session.context.close();
  });

  it('the build sheet names the machines that stand outside every rack under its elevation', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    const id = await openExample(page, 'open-frame-romed8-4x3090');
    await page.evaluate((h) => (location.hash = h), `#/sheet/${id}`);
    const elevation = page.locator('section.block', { has: page.getByRole('heading', { name: 'Rack elevation' }) });
    await expect
      .poll(async () => (await elevation.innerText()).replace(/\s+/g, ' '))
      .toContain('No racks: every machine stands free. frame-1 (Generic Open mining frame, 8 GPU positions).');
    session.assertClean();
    await session.context.close();
  });

  it('looks right at 1280×800 and 1920×1080, light and dark; the A100 board fits without sideways scrolling', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const session = await openApp(browser, app, { colorScheme });
      const { page } = session;
      for (const [example, name] of [
        ['open-frame-romed8-4x3090', 'open-frame'],
        ['tower-wrx80-3xp40-1x3090', 'tower'],
        ['octal-a100-sxm', 'a100'],
      ] as const) {
        await openExample(page, example);
        for (const size of [
          { width: 1280, height: 800 },
          { width: 1920, height: 1080 },
        ]) {
          await page.setViewportSize(size);
          await page.locator('.board .scroll').waitFor();
          await dismissToasts(page);
          await screenshot(page, `homelab-${name}-${size.width}-${colorScheme}`);
          if (name === 'a100') {
            // The HGX board does not fit beside the side panel at 1280×800, so it opens wide on its own
            // (until the person picks a mode); wide, the whole board is in view, no sideways scrolling.
            const toggle = page.locator('.board .wide-toggle');
            if (size.width === 1280) await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
            else await page.getByRole('button', { name: 'Wide board' }).click();
            const { sw, cw } = await page.locator('.board .scroll').evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
            expect(sw, `${size.width}×${size.height}`).toBeLessThanOrEqual(cw);
            await screenshot(page, `homelab-${name}-wide-${size.width}-${colorScheme}`);
            await page.getByRole('button', { name: 'Side panel' }).click();
          }
        }
        await page.setViewportSize({ width: 1280, height: 800 });
      }
      session.assertClean();
      await session.context.close();
    }
  });
});

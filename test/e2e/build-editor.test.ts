// The build editor end to end, through the real HTTP host and Debian's
// Chromium, by native HTML5 drag and drop: an empty build gets a SYS-4028GR-TRT
// with the X10DRG-O-PCIE board, two CPUs, eight Tesla P40 and a ConnectX-3 —
// one hive of eight; the NIC moved to the other socket's slot raises the
// affinity warning; undo takes it away. A refused drop says why. The build is
// saved and survives a reload. Screenshots of each step: test-results/editor-*.png.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
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

const part = (page: Page, id: string) => page.locator(`[data-part-id="${id}"]`);

async function findPart(page: Page, category: string, search: string, id: string): Promise<Locator> {
  await page.getByRole('combobox', { name: 'Category' }).selectOption(category);
  await page.getByRole('searchbox', { name: 'Search parts' }).fill(search);
  const p = part(page, id);
  await p.waitFor();
  return p;
}

async function waitForSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'Saved', null, { timeout: 10_000 });
}

async function verdict(page: Page): Promise<string> {
  return (await page.getByTestId('hive-verdict').innerText()).trim();
}

describe('build editor, end to end', () => {
  it('places a SYS-4028GR-TRT with X10DRG-O-PCIE by drag and drop, shows one hive of eight, flags the NIC move and undoes it', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-build-editor').catch(() => undefined);
    });

    // First run: Builds is home and offers the seed systems.
    await page.getByRole('heading', { name: 'No builds yet' }).waitFor();
    expect(await page.locator('[data-example="sys-4028gr-x10drg"]').isVisible()).toBe(true);
    await screenshot(page, 'editor-0-first-run');

    // An empty build.
    await page.getByLabel('New build name').fill('Bench P40 box');
    await page.getByRole('button', { name: 'New build' }).click();
    await page.getByRole('heading', { name: 'Bench P40 box' }).waitFor();
    await page.waitForFunction(() => document.title === 'Bench P40 box — Rackhive');
    expect(await verdict(page)).toBe('no GPUs placed yet');

    // 1 — the chassis into the (new) rack, near the bottom.
    const chassis = await findPart(page, 'chassis', '4028GR-TRT', 'chassis.supermicro.sys-4028gr-trt');
    const rack = page.locator('[data-rack-id="(new)"]');
    const rackBox = (await rack.boundingBox())!;
    // A drop near the top is refused as it happens: the ghost turns red and the status says why.
    await chassis.hover();
    await page.mouse.down();
    await page.mouse.move(rackBox.x + rackBox.width / 2, rackBox.y + 2, { steps: 4 });
    await page.mouse.move(rackBox.x + rackBox.width / 2, rackBox.y + 3, { steps: 2 });
    await page.mouse.up();
    expect(await page.getByTestId('notice').innerText()).toMatch(/would reach U4[3-5]; Rack 1 has 42 U/);
    expect(await page.locator('[data-chassis-id]').count()).toBe(0);

    await chassis.dragTo(rack, { targetPosition: { x: rackBox.width / 2, y: rackBox.height - 4 } });
    const placed = page.locator('[data-chassis-id="srv-1"]');
    await placed.waitFor();
    expect(await placed.getAttribute('aria-label')).toContain('at U1–U4');
    await screenshot(page, 'editor-1-chassis');

    // 2 — the X10DRG-O-PCIE board instead of the one the TRT ships with.
    const board = await findPart(page, 'board', 'X10DRG-O-PCIE', 'board.supermicro.x10drg-o-pcie');
    await board.dragTo(page.locator('.board-drop'));
    await page.getByText('Board: X10DRG-O+-CPU + X10DRG-O-PCIE (single root)').waitFor();

    // 3 — two CPUs.
    const cpu = await findPart(page, 'cpu', 'E5-2680 v4', 'cpu.intel.xeon-e5-2680-v4');
    for (const socket of ['cpu1', 'cpu2']) {
      await cpu.dragTo(page.locator(`[data-socket-id="${socket}"]`));
      await page.locator(`[data-socket-id="${socket}"] .cpu`).waitFor();
    }
    await screenshot(page, 'editor-2-board-cpus');

    // 4 — eight GPUs and the NIC.
    const p40 = await findPart(page, 'gpu', 'Tesla P40', 'gpu.nvidia.tesla-p40');
    for (let i = 1; i <= 8; i++) {
      await p40.dragTo(page.locator(`[data-slot-id="gpu${i}"]`));
      await page.locator(`[data-slot-id="gpu${i}"] [data-device-id]`).waitFor();
    }
    const nic = await findPart(page, 'nic', 'ConnectX-3', 'nic.mellanox.connectx-3-vpi-fdr');
    await nic.dragTo(page.locator('[data-slot-id="cpu1-x8"]'));
    await page.locator('[data-slot-id="cpu1-x8"] [data-device-id]').waitFor();

    expect(await verdict(page)).toBe('one hive of eight GPUs');
    expect(await page.locator('[data-testid="verdict"]').innerText()).toContain('one hive of eight GPUs');
    expect(await page.locator('.finding[data-code="nic.hive-without-nic"]').count()).toBe(0);
    // Every GPU wears hive A's colour.
    expect(await page.locator('[data-slot-id^="gpu"] .hive-tag').allInnerTexts()).toEqual(Array(8).fill('A'));
    await dismissToasts(page);
    await screenshot(page, 'editor-3-one-hive');

    // 5 — the NIC to the other socket's slot: the hive has no NIC under its root complex.
    await page.locator('[data-slot-id="cpu1-x8"] [data-device-id]').dragTo(page.locator('[data-slot-id="cpu2-x8"]'));
    const warning = page.locator('.finding[data-code="nic.hive-without-nic"]');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/Hive GPU0, GPU1, .*GPU7 has no NIC under its root complex \(NIC0 is SYS/);
    // Clicking it lights up what it concerns.
    await warning.click();
    expect(await page.locator('[data-slot-id="gpu1"].hl').count()).toBe(1);
    await screenshot(page, 'editor-4-nic-moved');

    // 6 — undo: the NIC is back on CPU1 and the warning is gone.
    await page.locator('body').press('Control+z');
    await page.locator('[data-slot-id="cpu1-x8"] [data-device-id]').waitFor();
    await warning.waitFor({ state: 'detached' });
    expect(await verdict(page)).toBe('one hive of eight GPUs');
    await dismissToasts(page);
    await screenshot(page, 'editor-5-undone');

    // Saved on its own; a reload shows the same build.
    await waitForSaved(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Bench P40 box' }).waitFor();
    await page.locator('[data-slot-id="cpu1-x8"] [data-device-id]').waitFor();
    expect(await verdict(page)).toBe('one hive of eight GPUs');

    // The bill of materials exports as a spreadsheet-safe CSV.
    await page.getByRole('tab', { name: 'Bill of materials' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('Bench-P40-box-bill-of-materials.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.match(/Tesla P40/g)?.length).toBe(8);
    expect(csv).toContain('ConnectX-3');

    session.assertClean();
    await session.context.close();
  });

  it('places, moves and removes by keyboard alone', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-build-editor-keyboard').catch(() => undefined);
    });
    await page.goto(page.url().replace(/#.*$/, '') + '#/builds');
    await page.getByLabel('New build name').fill('Keyboard build');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Keyboard build' }).waitFor();

    // Pick up a chassis with Enter: focus goes to the rack; arrows choose the unit; Enter drops.
    const chassis = await findPart(page, 'chassis', 'ESC4000 G4', 'chassis.asus.esc4000-g4');
    await chassis.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-rack-id'))).toBe('(new)');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const placed = page.locator('[data-chassis-id="srv-1"]');
    await placed.waitFor();
    expect(await placed.getAttribute('aria-label')).toContain('at U3–U4');
    // The placed chassis has focus: arrows move it, refused below U1 with the reason.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-chassis-id'))).toBe('srv-1');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('[data-chassis-id="srv-1"]')?.getAttribute('aria-label')?.includes('U2–U3'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('notice').innerText()).toMatch(/below the bottom/);
    await screenshot(page, 'editor-6-keyboard');

    // A GPU into the first free slot by keyboard, then removed with Delete.
    const gpu = await findPart(page, 'gpu', 'RTX A5000', 'gpu.nvidia.rtx-a5000');
    await gpu.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const card = page.locator('[data-device-id="gpu-1"]');
    await card.waitFor();
    await card.focus();
    await page.keyboard.press('Delete');
    await card.waitFor({ state: 'detached' });
    // Esc puts a carried part back.
    await gpu.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('notice').innerText()).toMatch(/Put back/);

    session.assertClean();
    await session.context.close();
  });

  it('shows an example’s verdict within seconds, and a readable 8-rack plan in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const session = await openApp(browser, app, { colorScheme });
      const { page } = session;
      await page.goto(page.url().replace(/#.*$/, '') + '#/builds');
      const t0 = Date.now();
      await page.locator('[data-example="groq-8-racks"]').click();
      await page.getByTestId('hive-verdict').waitFor();
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(await verdict(page)).toMatch(/64 hives of eight GPUs across 64 chassis/);
      expect(await page.locator('.rack').count()).toBe(8);
      // Fit: all eight racks side by side in the middle column, none clipped.
      const area = (await page.locator('.racks .area').boundingBox())!;
      const last = (await page.locator('.rack').nth(7).boundingBox())!;
      expect(last.x + last.width).toBeLessThanOrEqual(area.x + area.width + 1);
      await dismissToasts(page);
      await screenshot(page, `editor-7-groq-${colorScheme}`);
      session.assertClean();
      await session.context.close();
    }
  });
});

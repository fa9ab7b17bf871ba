// The build editor end to end, through the real HTTP host and Debian's
// Chromium, by native HTML5 drag and drop: an empty build gets a SYS-4028GR-TRT
// with the X10DRG-O-PCIE board, two CPUs, eight Tesla P40 and a ConnectX-3 —
// one hive of eight; the NIC moved to the other socket's slot raises the
// affinity warning; undo takes it away. A refused drop says why. The build is
// saved and survives a reload. Screenshots of each step: test-results/editor-*.png.
import { readFile } from 'node:fs/promises';
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

async function waitForSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'Saved', null, { timeout: 10_000 });
}

/** Calls the host's API from the page (same origin, the session's token). */
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
    expect(await verdict(page)).toBe('no GPUs or accelerators placed yet');

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
    expect(await warning.innerText()).toMatch(/The hive of GPU0, GPU1, .* and GPU7 has no NIC under its root complex \(NIC0 is on the other socket/);
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

    // With the mouse and no drag: a click picks a chassis up, a click on a rack unit puts it there.
    const second = await findPart(page, 'chassis', 'ESC4000 G4', 'chassis.asus.esc4000-g4');
    await second.click();
    const rackBody = page.locator('[data-rack-id]').first();
    const box = (await rackBody.boundingBox())!;
    const pxPerU = box.height / 42;
    // A click on the taken units is refused with the reason; nothing moves.
    await rackBody.click({ position: { x: box.width / 2, y: box.height - pxPerU * 1.5 } });
    expect(await page.getByTestId('notice').innerText()).toMatch(/^U2–U3 collides with srv-1 at U1–U2/);
    expect(await page.locator('[data-chassis-id]').count()).toBe(1);
    // U20 (from the top: 22 units down) takes it: the 2 U chassis sits at U20–U21.
    await rackBody.click({ position: { x: box.width / 2, y: (42 - 20) * pxPerU + pxPerU / 2 } });
    const clicked = page.locator('[data-chassis-id="srv-2"]');
    await clicked.waitFor();
    expect(await clicked.getAttribute('aria-label')).toContain('at U20–U21');
    await screenshot(page, 'editor-6b-click-place');

    session.assertClean();
    await session.context.close();
  });

  it('places an owned inventory item: Total / Reserved / Available in the Owned tab, the paid price in the inspector and the bill of materials', async () => {
    const session = await openApp(browser, app);
    const { page } = session;
    onTestFailed(async () => {
      await screenshot(page, 'failure-build-editor-owned').catch(() => undefined);
    });
    const token = app.host.token;
    // Three Tesla P40 owned (two on one order at $150 + $20 shipping each, one tested) and a pair of CPUs; a wishlist item is not placeable.
    const pair = await api<{ id: string }>(page, token, 'inventory:create', {
      partId: 'gpu.nvidia.tesla-p40',
      quantity: 2,
      status: 'received',
      currency: 'USD',
      price: '150.00',
      shipping: '20.00',
      seller: 'bench-parts',
      orderNumber: 'ORD-1001',
    });
    await api(page, token, 'inventory:create', {
      partId: 'gpu.nvidia.tesla-p40',
      quantity: 1,
      status: 'tested',
      currency: 'USD',
      price: '185.00',
      serialNumber: 'PH400-0042',
    });
    await api(page, token, 'inventory:create', { partId: 'cpu.intel.xeon-e5-2680-v4', quantity: 2, status: 'received', currency: 'USD', price: '50.00' });
    await api(page, token, 'inventory:create', { partId: 'gpu.nvidia.tesla-p40', quantity: 4, status: 'wishlist', currency: 'USD', price: '150.00' });
    const build = await api<{ id: number }>(page, token, 'builds:create', { exampleId: 'sys-4028gr-x10drg' });

    await page.goto(page.url().replace(/#.*$/, '') + `#/builds/${build.id}`);
    await page.getByTestId('hive-verdict').waitFor();
    await page.getByRole('tab', { name: 'Owned' }).click();
    const p40 = page.locator('.owned-part', { has: page.getByRole('heading', { name: 'NVIDIA Tesla P40' }) });
    await p40.waitFor();
    expect((await p40.locator('.alloc').innerText()).replace(/\s+/g, ' ')).toBe('Total 3 · Reserved 0 · Available 3');
    expect(await p40.locator('[data-item-id]').count()).toBe(2);
    expect(await page.locator('.owned-part').count()).toBe(2);

    // A planned P40 reads the price its bill-of-materials line has (core's price basis): the typical used price and its month.
    const planned = page.locator('[data-slot-id="gpu8"] [data-device-id] .price');
    expect((await planned.innerText()).replace(/\s+/g, ' ')).toBe('planned · $170.00 (typical 2026-02)');
    expect(await planned.getAttribute('data-basis')).toBe('typical');

    // Free GPU7's slot (planned P40), then drag one of the owned pair into it.
    await page.locator('[data-slot-id="gpu8"] [data-device-id]').click();
    await page.keyboard.press('Delete');
    await page.locator('[data-slot-id="gpu8"] [data-device-id]').waitFor({ state: 'detached' });
    await p40.locator(`[data-item-id="${pair.id}"]`).dragTo(page.locator('[data-slot-id="gpu8"]'));
    const card = page.locator('[data-slot-id="gpu8"] [data-device-id]');
    await card.waitFor();
    expect(await card.innerText()).toContain('owned · $170.00');
    expect(await verdict(page)).toBe('one hive of eight GPUs');

    // The inspector says owned, with what was paid (landed: price + shipping, per unit).
    await card.click();
    expect((await page.locator('.inspector .money').innerText()).replace(/\s+/g, ' ')).toMatch(/owned paid \$170\.00 each/i);

    // Saved: the allocation counts it, and the item shows one of two free.
    await waitForSaved(page);
    await expect
      .poll(async () => (await p40.locator('.alloc').innerText()).replace(/\s+/g, ' '), { timeout: 10_000 })
      .toBe('Total 3 · Reserved 1 · Available 2');
    expect(await p40.locator(`[data-item-id="${pair.id}"]`).innerText()).toContain('1 of 2 free');

    // The bill of materials: the owned line at its paid price, the rest planned.
    await page.getByRole('tab', { name: 'Bill of materials' }).click();
    const ownedLine = page.locator('.bom tbody tr', { has: page.locator('.owned') });
    expect(await ownedLine.count()).toBe(1);
    expect((await ownedLine.innerText()).replace(/\s+/g, ' ')).toMatch(/Tesla P40 owned .*gpu8 1 \$170\.00/);
    expect(await page.getByTestId('bom-owned').innerText()).toContain('$170.00');
    await dismissToasts(page);
    await screenshot(page, 'editor-8-owned');

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
      // An SRAM machine's verdict is its fit and power, with the numbers the estimate and the checker compute.
      const groq = /^Llama 2 70B INT8 at 4K context needs ≥ 478 chips; 512 placed in 8 racks; peak draw \(DC\) 186\.2 kW$/;
      expect(await verdict(page)).toMatch(groq);
      expect(await page.getByTestId('verdict').innerText()).toContain('needs ≥ 478 chips; 512 placed in 8 racks');
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

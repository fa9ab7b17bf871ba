// End to end through the real HTTP host and Debian's Chromium: four example
// builds, the Compare view on the seed workload (a 70B Llama in int8), the cost
// toggle, a click on a point that lands in that build, and the CSV export.
// Screenshots: test-results/compare.png and compare-toggled.png.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot, shutdown, startApp, type AppSession, type TestApp } from '../helpers/e2e';

let app: TestApp;
let browser: Browser;
let session: AppSession;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  session = await openApp(browser, app);
});

afterAll(async () => {
  await shutdown(browser, app);
});

async function createExample(page: Page, token: string, exampleId: string): Promise<{ id: number; name: string }> {
  const res = await page.evaluate(
    async ([ex, tok]) => {
      const r = await fetch('/api/builds:create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rackhive-token': tok },
        body: JSON.stringify({ exampleId: ex }),
      });
      return r.json();
    },
    [exampleId, token] as const,
  );
  if (!res.ok) throw new Error(`builds:create ${exampleId}: ${JSON.stringify(res.error)}`);
  return { id: res.value.id, name: res.value.build.name };
}

interface DrawnPoint {
  buildId: number;
  x: number;
  y: number;
  /** Drawn at the edge of the fitted axis ('x', 'y' or 'xy'), with an arrow and its value. */
  edge: string | null;
}

async function drawnPoints(page: Page): Promise<DrawnPoint[]> {
  await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('[data-testid="scatter"]')?.dataset.points, null, { timeout: 20_000 });
  // Let the entry animation finish so the points stand where they are drawn.
  await page.waitForTimeout(600);
  return JSON.parse((await page.getAttribute('[data-testid="scatter"]', 'data-points')) ?? '[]') as DrawnPoint[];
}

describe('Compare', () => {
  it('shows every build on the seed workload, toggles the cost axis and opens a build from its point', async () => {
    const { page } = session;
    const builds = [];
    for (const ex of ['groq-8-racks', 'octal-a100-sxm', 'sys-4028gr-x10drg', 'asus-esc4000-4x-a5000'])
      builds.push(await createExample(page, app.host.token, ex));
    const [groq, a100, x10] = builds;

    await page.getByRole('link', { name: 'Compare' }).click();
    await page.waitForSelector('[data-testid="compare-table"] tbody tr');
    const points = await drawnPoints(page);
    // The A100 box has no public used price for any part: listed beside the chart with the reason, not dropped.
    // The ESC4000 has one priced part (its 1600 W PSUs), so it is drawn as a lower bound.
    expect(points.map((p) => p.buildId).sort()).toEqual([groq!.id, x10!.id, builds[3]!.id].sort());
    // The $256k Groq rack is drawn at the edge of the axes fitted to the X10DRG box, not squeezing it into a corner.
    expect(points.find((p) => p.buildId === groq!.id)!.edge).toMatch(/x/);
    expect(points.find((p) => p.buildId === x10!.id)!.edge).toBeNull();
    const off = page.getByRole('complementary', { name: 'Builds not on the chart' });
    await expect.poll(() => off.innerText()).toContain(a100!.name);
    expect(await off.innerText()).toContain('cost unknown: 37 parts without a price');
    expect(await off.innerText()).not.toContain(builds[3]!.name);
    // Every drawn build is in the numbered key under the chart.
    const key = page.getByTestId('chart-key');
    for (const b of [groq, x10, builds[3]]) expect(await key.innerText()).toContain(b!.name);
    // The table has all four, the A100's cost unknown but its speed estimated.
    expect(await page.locator('[data-testid="compare-table"] tbody tr').count()).toBe(4);
    const a100Row = page.locator('[data-testid="compare-table"] tbody tr', { hasText: a100!.name });
    expect(await a100Row.locator('td').nth(1).innerText()).toContain('unknown');
    expect(await a100Row.locator('td').nth(2).innerText()).toMatch(/^\d+(\.\d)? ?$/m);
    await screenshot(page, 'compare');

    // Still to buy: nothing is bound to inventory, so it equals the total here; Already spent is $0 for every build.
    await page.getByTestId('cost-toggle').getByText('Already spent').click();
    await expect.poll(async () => (await page.locator('[data-testid="compare-table"] thead').innerText()).includes('Already spent cost')).toBe(true);
    const spent = await drawnPoints(page);
    expect(new Set(spent.map((p) => p.x)).size).toBe(1); // all at $0
    await page.getByTestId('cost-toggle').getByText('Still to buy').click();
    await expect.poll(async () => (await page.locator('[data-testid="compare-table"] thead').innerText()).includes('Still to buy cost')).toBe(true);
    const toggled = await drawnPoints(page);
    await screenshot(page, 'compare-toggled');

    // Click the Groq point: the build opens.
    const target = toggled.find((p) => p.buildId === groq!.id)!;
    const box = (await page.locator('[data-testid="scatter"]').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForFunction((id) => window.location.hash === `#/builds/${id}`, groq!.id, { timeout: 10_000 });
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toContain(groq!.name);
    session.assertClean();
  });

  it('exports the table as CSV with formula-looking cells defused', async () => {
    const { page } = session;
    const res = await page.evaluate(async (tok) => {
      const r = await fetch('/api/builds:create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rackhive-token': tok },
        body: JSON.stringify({ name: '=HYPERLINK("http://x")' }),
      });
      return r.json();
    }, app.host.token);
    expect(res.ok).toBe(true);
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-table"] tbody tr').length === 5, null, { timeout: 20_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('Total cost (USD)');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toMatch(/Groq: 512 GroqCards in 8 racks,256000\.00,yes,/);
    session.assertClean();
  });
});

// Edit → findings repainted in the real editor (Chromium, the HTTP host, the
// built renderer) on the 512-card, 8-rack Groq example (goal <= 50 ms). Inside
// the page: a Delete key on a placed card (then Ctrl+Z to put it back), timed
// from the key event until the findings panel shows the new result and a frame
// has been painted. Needs `npx vite build` and Debian's Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, openApp, shutdown, startApp, STATIC_DIR, type TestApp } from '../test/helpers/e2e';
import type { Browser } from 'playwright-core';

const ROUNDS = 41;

export default async function bench(): Promise<void> {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    console.log('editor: skipped (dist/renderer is not built; run `npx vite build`)');
    return;
  }
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await startApp();
    browser = await launchBrowser();
    const session = await openApp(browser, app);
    const { page } = session;
    await page.locator('[data-example="groq-8-racks"]').click();
    await page.getByTestId('hive-verdict').waitFor();
    await page.locator('[data-device-id]').first().waitFor();

    // tsx names functions with an `__name` helper that the page does not have.
    await page.evaluate('window.__name = (f) => f');
    const times = await page.evaluate(async (rounds: number) => {
      const panel = () => document.querySelector<HTMLElement>('[data-testid="findings"]')!;
      const painted = () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => resolve();
            ch.port2.postMessage(null);
          }),
        );
      const repaint = (before: string | undefined) =>
        new Promise<void>((resolve, reject) => {
          const timeout = setTimeout(() => reject(new Error('the findings panel did not update')), 5000);
          const check = () => {
            if (panel().dataset.revision !== before) {
              clearTimeout(timeout);
              observer.disconnect();
              void painted().then(resolve);
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-revision'] });
          check();
        });
      const key = (target: EventTarget, init: KeyboardEventInit) => target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
      const out: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const card = document.querySelector<HTMLElement>('[data-device-id]')!;
        card.focus();
        await painted();
        let before = panel().dataset.revision;
        let t0 = performance.now();
        key(card, { key: 'Delete' });
        await repaint(before);
        out.push(performance.now() - t0);

        before = panel().dataset.revision;
        t0 = performance.now();
        key(document.body, { key: 'z', ctrlKey: true });
        await repaint(before);
        out.push(performance.now() - t0);
      }
      return out;
    }, ROUNDS);
    session.assertClean();
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
    console.log(`editor edit -> findings repainted, groq-8-racks (512 cards): ${median.toFixed(1)} ms median, ${p90.toFixed(1)} ms p90 over ${times.length} edits (goal <= 50 ms)`);
  } finally {
    await shutdown(browser, app);
  }
}

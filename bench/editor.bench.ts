// Edit → findings repainted in the real editor (Chromium, the HTTP host, the
// built renderer) on an 80-GPU rack (goal <= 16 ms, one frame) and on the
// 512-card, 8-rack Groq example (goal <= 50 ms). Inside the page: a Delete key
// on a placed card (then Ctrl+Z to put it back), timed from the key event until
// the findings panel shows the new result and a frame has been painted. The
// baseline, for scale, is one frame of the same page with nothing changed.
// Needs `npx vite build` and Debian's Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, openApp, shutdown, startApp, STATIC_DIR, type TestApp } from '../test/helpers/e2e';
import type { Browser, Page } from 'playwright-core';
import { rack80Text } from './builds';
import { limitRow, skip } from './harness';

const ROUNDS = 41;

/** Delete on a placed card and Ctrl+Z, ROUNDS times each, timed inside the page until the findings have repainted. */
async function timeEdits(page: Page): Promise<{ edits: number[]; frame: number }> {
  // tsx names functions with an `__name` helper that the page does not have.
  await page.evaluate('window.__name = (f) => f');
  return page.evaluate(async (rounds: number) => {
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
    const key = (target: EventTarget, init: KeyboardEventInit) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    const edits: number[] = [];
    const frames: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const card = document.querySelector<HTMLElement>('[data-device-id]')!;
      card.focus();
      await painted();
      let t0 = performance.now();
      await painted();
      frames.push(performance.now() - t0);
      let before = panel().dataset.revision;
      t0 = performance.now();
      key(card, { key: 'Delete' });
      await repaint(before);
      edits.push(performance.now() - t0);

      before = panel().dataset.revision;
      t0 = performance.now();
      key(document.body, { key: 'z', ctrlKey: true });
      await repaint(before);
      edits.push(performance.now() - t0);
    }
    frames.sort((a, b) => a - b);
    return { edits, frame: frames[Math.floor(frames.length / 2)]! };
  }, ROUNDS);
}

export default async function bench(): Promise<void> {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    skip('editor edit -> findings repainted', 'dist/renderer is not built; run `npx vite build`');
    return;
  }
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await startApp();
    browser = await launchBrowser();
    const session = await openApp(browser, app);
    const { page } = session;
    const token = app.host.token;
    const api = (channel: string, args: unknown) =>
      page.evaluate(
        async ([ch, a, tok]) => {
          const r = await fetch(`/api/${ch}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-rackhive-token': tok },
            body: JSON.stringify(a),
          });
          return (await r.json()) as { ok: boolean; value?: { id: number | null }; error?: unknown };
        },
        [channel, args, token] as const,
      );
    const rack80 = await api('builds:import', { text: rack80Text() });
    const groq = await api('builds:create', { exampleId: 'groq-8-racks' });
    if (!rack80.ok || !groq.ok) throw new Error(`could not create the bench builds: ${JSON.stringify(rack80.error ?? groq.error)}`);
    for (const [name, id, limit] of [
      ['80-GPU rack (8 × SYS-4028GR-TR2, 80 P100)', rack80.value!.id!, 16],
      ['groq-8-racks (512 cards)', groq.value!.id!, 50],
    ] as const) {
      await page.goto(page.url().replace(/#.*$/, '') + `#/builds/${id}`);
      await page.getByTestId('hive-verdict').waitFor();
      await page.locator('[data-device-id]').first().waitFor();
      const { edits, frame } = await timeEdits(page);
      const sorted = [...edits].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
      limitRow(
        `editor edit -> findings repainted, ${name}`,
        median,
        'ms',
        limit,
        { what: 'one frame of the same page, nothing changed', figure: frame },
        {
          note: `median of ${edits.length} edits (Delete, then Ctrl+Z); p90 ${p90.toFixed(1)} ms`,
        },
      );
    }
    session.assertClean();
  } finally {
    await shutdown(browser, app);
  }
}

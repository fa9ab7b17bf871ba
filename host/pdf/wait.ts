// Waiting for the sheet page to say it is drawn: it sets
// <html data-sheet-ready="true"> (or "error") once its data is in and its
// charts are painted. Pure over an evaluate function, so it is tested without a browser.

export const SHEET_READY_TIMEOUT_MS = 30_000;

export type ReadyState = 'true' | 'error' | '';

/** The expression both renderers evaluate in the page. */
export const READY_EXPRESSION = "document.documentElement.dataset.sheetReady || ''";

/** Polls `read` until the sheet is ready; throws with the page's reason when it failed or took too long. */
export async function waitForSheet(
  read: () => Promise<ReadyState>,
  options: { timeoutMs?: number; intervalMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const timeout = options.timeoutMs ?? SHEET_READY_TIMEOUT_MS;
  // 10 ms: each poll is one tiny evaluate, and a 50 ms step left the print waiting 25 ms on average after the page was ready.
  const interval = options.intervalMs ?? 10;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let waited = 0; ; waited += interval) {
    const state = await read();
    if (state === 'true') return;
    if (state === 'error') throw new Error('the build sheet page could not load the build');
    if (waited >= timeout) throw new Error(`the build sheet page was not ready after ${Math.round(timeout / 1000)} s`);
    await sleep(interval);
  }
}

/** "Groq: 512 GroqCards" → "groq-512-groqcards-build-sheet.pdf" (no path characters, never empty). */
export function sheetFileName(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return `${stem || 'build'}-build-sheet.pdf`;
}

// Time to export the 512-card, 8-rack Groq example as a build-sheet PDF through
// the CLI's path (temporary host, import, Chromium printing the sheet route),
// goal <= 3 s. Skipped with a note when Chromium or the built renderer is missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportSheets } from '#host/pdf/export';
import { findChromium } from '#host/pdf/chromium';

export default async function bench(): Promise<void> {
  try {
    findChromium();
  } catch (err) {
    console.log(`sheet groq-8-racks: skipped (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  const text = fs.readFileSync(new URL('../assets/examples/groq-8-racks.json', import.meta.url), 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-bench-sheet-'));
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await exportSheets([{ text, out: path.join(dir, `groq-${i}.pdf`) }]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const size = fs.statSync(path.join(dir, 'groq-0.pdf')).size;
    console.log(`sheet groq-8-racks (PDF, ${Math.round(size / 1024)} KB): ${(times[1]! / 1000).toFixed(2)} s (goal <= 3 s)`);
  } catch (err) {
    console.log(`sheet groq-8-racks: failed (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

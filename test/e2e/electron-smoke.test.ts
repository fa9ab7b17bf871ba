// A smoke test on a real Electron: the built app starts (its own better-sqlite3
// build, app:// page, preload bridge), opens an example build, shows the
// verdict the checker computes, and exports the build sheet to a PDF through
// the desktop exporter. It needs an Electron binary (fetched by `npm start` on
// first run), Electron's better-sqlite3 build (`npm run native:electron`) and a
// display; where any is missing it is reported as skipped, with the reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface StartScript {
  electronPackageDir(): string | null;
  installedElectronBinary(dir: string | null): string | null;
  hasDisplay(): boolean;
}
interface SqliteScript {
  electronAbi(exe: string): number | null;
  electronSqliteStatus(q: { abi: number }): { problem: string | null };
}

/** Why the smoke test cannot run here, or null when it can. */
async function whyNot(): Promise<{ reason: string | null; exe: string | null }> {
  const start = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'start.mjs')).href)) as StartScript;
  const exe = start.installedElectronBinary(start.electronPackageDir());
  if (!exe) return { reason: 'no Electron binary on this machine (`npm start` downloads it on first run where the network allows)', exe };
  if (!start.hasDisplay()) return { reason: 'no display for an Electron window (run under xvfb-run on a headless machine)', exe };
  const sqlite = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'electron-sqlite.mjs')).href)) as SqliteScript;
  const abi = sqlite.electronAbi(exe);
  const problem = abi === null ? 'Electron did not report its ABI' : sqlite.electronSqliteStatus({ abi }).problem;
  if (problem) return { reason: `${problem} (run \`npm run native:electron\`)`, exe };
  return { reason: null, exe };
}

const { reason, exe } = await whyNot();
if (reason) console.log(`Electron smoke test not run: ${reason}.`);

describe.skipIf(reason !== null)(`the desktop app on a real Electron${reason ? ` (not run: ${reason})` : ''}`, () => {
  let app: ElectronApplication | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-electron-'));
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('starts, opens an example build, shows its verdict and exports the sheet', async () => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const env = { ...process.env, RACKHIVE_DATA_DIR: dataDir } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await _electron.launch({ executablePath: exe!, args: [ROOT, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])], env, cwd: ROOT });
    const page = await app.firstWindow();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    expect(page.url()).toMatch(/^app:\/\/rackhive\//);
    await page.evaluate(() => (window.location.hash = '#/builds'));
    await page.locator('[data-example="sys-4028gr-x10drg"]').click();
    await page.getByTestId('hive-verdict').waitFor();
    expect((await page.getByTestId('hive-verdict').innerText()).trim()).toBe('one hive of eight GPUs');

    // The save dialog is answered in main, the rest is the app's own path (hidden window, printToPDF).
    const out = path.join(dataDir, 'sheet.pdf');
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
    }, out);
    const id = /#\/builds\/(\d+)/.exec(page.url())?.[1];
    expect(id).toBeDefined();
    await page.evaluate((buildId) => (window.location.hash = `#/sheet/${buildId}`), id!);
    await page.getByRole('button', { name: 'Export PDF' }).click();
    await expect.poll(() => fs.existsSync(out) && fs.statSync(out).size > 10_000, { timeout: 60_000 }).toBe(true);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems).toEqual([]);
  });
});

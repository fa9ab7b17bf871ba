// Build files → build-sheet PDFs without the desktop app: a temporary HTTP host
// on a throwaway data folder, each build imported through the API (as a person
// would), the app's site settings set to the build's own site, and the sheet
// route printed by Chromium. Used by `rackhive sheet` and the sheet tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { API_PREFIX, TOKEN_HEADER } from '#core/api/bridge';
import type { ArgsIn, Channel, Result } from '#core/api/contract';
import type { ApiResponse } from '#core/api/errors';
import { parseBuildText, formatIssues } from '#core/build/file';
import { defaultStaticDir, startHttpHost, type HttpHost } from '../http/server';
import { findChromium, launchChromium, openSheetPrinter, sheetPageUrl } from './chromium';

export interface SheetJob {
  /** The build file's text. */
  text: string;
  /** Where the PDF goes. */
  out: string;
}

export interface SheetExportOptions {
  staticDir?: string;
  /** A Chromium executable; default: RACKHIVE_CHROMIUM or the usual paths. */
  chromium?: string;
  timeoutMs?: number;
}

export interface SheetExported {
  out: string;
  bytes: number;
  buildId: number;
  title: string;
}

export class SheetExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetExportError';
  }
}

async function call<C extends Channel>(host: HttpHost, channel: C, args: ArgsIn<C>): Promise<Result<C>> {
  const res = await fetch(`${host.url.replace(/\/$/, '')}${API_PREFIX}${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as ApiResponse<Result<C>>;
  if (!body.ok) {
    const where = body.error.issues?.[0] ? ` (${body.error.issues[0].path}: ${body.error.issues[0].message})` : '';
    throw new SheetExportError(`${channel}: ${body.error.message}${where}`);
  }
  return body.value;
}

/** Whole-volt and whole-amp values the settings accept; a site outside them keeps the defaults. */
function siteDraft(site: { mainsVolts: number; circuitAmps: number } | undefined): { mainsVolts: number; circuitAmps: number } | null {
  if (!site) return null;
  const v = Math.round(site.mainsVolts);
  const a = Math.round(site.circuitAmps);
  return v >= 100 && v <= 240 && a >= 1 && a <= 200 ? { mainsVolts: v, circuitAmps: a } : null;
}

export async function exportSheets(jobs: readonly SheetJob[], options: SheetExportOptions = {}): Promise<SheetExported[]> {
  // Refuse bad files before starting anything.
  const parsed = jobs.map((j) => {
    const r = parseBuildText(j.text);
    if (!r.ok) throw new SheetExportError(`not a valid build file:\n${formatIssues(r.issues)}`);
    return { ...j, build: r.build };
  });
  const executable = options.chromium ?? findChromium();
  const staticDir = options.staticDir ?? defaultStaticDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new SheetExportError(`the app's pages are not built (${staticDir} has no index.html): run \`npm run build:renderer\` first`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-sheet-'));
  let host: HttpHost | null = null;
  let browser: Browser | null = null;
  try {
    // The host and Chromium start side by side; both are settled before going on, so neither is left running on a failure.
    const [started, launched] = await Promise.allSettled([startHttpHost({ port: 0, dataDir, staticDir }), launchChromium(executable)]);
    if (started.status === 'fulfilled') host = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const running = host!;
    // The sheet's own entry when the build has it (the whole app otherwise): a fraction of the script to load.
    const page = fs.existsSync(path.join(staticDir, 'sheet.html')) ? sheetPageUrl(running.pageUrl) : running.pageUrl;
    // The page loads while the first build is imported.
    const opening = openSheetPrinter(browser!, page, { timeoutMs: options.timeoutMs });
    opening.catch(() => undefined); // awaited below; an import failing first must not leave it unhandled
    const done: SheetExported[] = [];
    for (const job of parsed) {
      const site = siteDraft(job.build.site);
      if (site) await call(running, 'settings:update', site);
      const imported = await call(running, 'builds:import', { text: job.text, dryRun: false });
      if (imported.id === null) throw new SheetExportError('the build was not imported');
      const pdf = await (await opening).print(imported.id);
      fs.mkdirSync(path.dirname(path.resolve(job.out)), { recursive: true });
      fs.writeFileSync(job.out, pdf);
      done.push({ out: job.out, bytes: pdf.byteLength, buildId: imported.id, title: job.build.name });
    }
    await (await opening).close();
    return done;
  } finally {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

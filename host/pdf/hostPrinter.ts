// The HTTP host's own build-sheet PDFs: the page asks (sheet:exportPdf), the
// host points its Chromium at its own sheet page (127.0.0.1, the same per-run
// token, so the request passes the same Host/Origin/token gate as the page) and
// hands the bytes back for the browser to download. One print at a time; the
// browser is started for the print and closed after it, so an idle host holds
// no Chromium.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiFailure } from '#core/api/errors';
import { ChromiumNotFound, findChromium, launchChromium, openSheetPrinter, sheetPageUrl } from './chromium';

/** Renders one build's sheet to PDF bytes. */
export type SheetPdfRenderer = (buildId: number) => Promise<Uint8Array>;

export interface HostPrinterOptions {
  /** The host's page URL with its token (`http://127.0.0.1:<port>/#token=…`). */
  pageUrl: () => string;
  staticDir: string;
  /** Defaults to findChromium() at each print (a Chromium installed while the host runs is then found). */
  chromium?: () => string;
  /** Ready wait of the sheet page; a 64-node build takes a while on a busy machine. */
  timeoutMs?: number;
}

export function hostSheetRenderer(options: HostPrinterOptions): SheetPdfRenderer {
  let queue: Promise<unknown> = Promise.resolve();
  const printOne = async (buildId: number): Promise<Uint8Array> => {
    let executable: string;
    try {
      executable = (options.chromium ?? findChromium)();
    } catch (err) {
      if (err instanceof ChromiumNotFound)
        throw new ApiFailure('INTERNAL', `The build sheet PDF is printed by Chromium on the machine running Rackhive: ${err.message}`);
      throw err;
    }
    const page = fs.existsSync(path.join(options.staticDir, 'sheet.html')) ? sheetPageUrl(options.pageUrl()) : options.pageUrl();
    let browser: Browser | null = null;
    try {
      try {
        browser = await launchChromium(executable);
      } catch (err) {
        throw new ApiFailure('INTERNAL', `Chromium (${executable}) did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
      const printer = await openSheetPrinter(browser, page, { timeoutMs: options.timeoutMs ?? 120_000 });
      try {
        return new Uint8Array(await printer.print(buildId));
      } catch (err) {
        throw new ApiFailure('INTERNAL', `Chromium could not print the build sheet: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await printer.close().catch(() => undefined);
      }
    } finally {
      await browser?.close().catch(() => undefined);
    }
  };
  return (buildId) => {
    const next = queue.then(
      () => printOne(buildId),
      () => printOne(buildId),
    );
    queue = next.catch(() => undefined);
    return next;
  };
}

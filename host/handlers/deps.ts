// What handlers are built over: the open database and where the data lives.
// Handlers are plain functions of these; they never see ipcMain or HTTP.
import type Database from 'better-sqlite3';
import type { SheetPdfRenderer } from '../pdf/hostPrinter';
import type { EbayKeyStore } from '../ebay/keyStore';
import type { DownloadTickets } from '../http/downloads';

export interface HandlerDeps {
  db: Database.Database;
  dataDir: string;
  databasePath: string;
  host: 'electron' | 'http';
  /** Injected clock so tests are deterministic. */
  now: () => Date;
  /** HTTP host: prints a build sheet with its Chromium (host/pdf/hostPrinter.ts); the desktop app uses its own window. */
  printSheet?: SheetPdfRenderer;
  /** Where the eBay keys live: the desktop app passes its keychain store; otherwise they stay in memory for the session. */
  ebayKeys?: EbayKeyStore;
  /** Tests: a local stub replaying GetOrders instead of api.ebay.com. */
  ebayEndpoint?: string;
  /** HTTP host: one-time download links, so a large export streams to the browser. */
  downloads?: DownloadTickets;
  /** Desktop app: the save dialog (null: cancelled); a large export streams to the chosen file. */
  saveFileAs?: (suggestedName: string) => Promise<string | null>;
}

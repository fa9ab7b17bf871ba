// Any import file → a table: CSV, an eBay order email (.eml), a saved eBay
// Purchases page (.html) or a GetOrders response (.xml), told apart by their
// content, not their name. The CLI and the dialog both read files through here.
import { readCsvBytes, type CsvTable, type ReadOptions } from '../csv/read';
import { decodeCsvBytes, type CsvEncoding, type CsvFileError } from '../csv/decode';
import type { ImportPreset } from '../csv/fields';
import { looksLikeEmail, readEmail } from './eml';
import { looksLikeHtml, readPurchasesPage } from './html';
import { getOrdersError, looksLikeGetOrders, readGetOrders } from './getOrders';
import { purchasesTable, type Purchase } from './purchases';

export type SourceKind = 'csv' | 'email' | 'purchases-page' | 'get-orders';

export const SOURCE_LABELS: Record<SourceKind, string> = {
  csv: 'CSV file',
  email: 'eBay order email',
  'purchases-page': 'saved eBay Purchases page',
  'get-orders': 'eBay GetOrders response',
};

export type SourceRead = { ok: true; kind: SourceKind; table: CsvTable; encoding: CsvEncoding; preset?: ImportPreset } | { ok: false; error: CsvFileError };

export function detectSource(text: string): SourceKind {
  if (looksLikeGetOrders(text)) return 'get-orders';
  if (looksLikeEmail(text)) return 'email';
  if (looksLikeHtml(text)) return 'purchases-page';
  return 'csv';
}

function fromPurchases(kind: SourceKind, purchases: Purchase[], encoding: CsvEncoding, what: string): SourceRead {
  if (purchases.length === 0) {
    return {
      ok: false,
      error: {
        code: 'NO_ROWS',
        message: `No purchase could be read from this ${what}: no eBay item number (9 to 14 digits after "Item number", "Item ID" or "Artikelnummer", or in an /itm/ link) was found.`,
      },
    };
  }
  return { ok: true, kind, table: purchasesTable(purchases), encoding, preset: 'ebay-purchases' };
}

export async function readImportBytes(bytes: Uint8Array, options: ReadOptions & { maxBytes?: number } = {}): Promise<SourceRead> {
  const decoded = decodeCsvBytes(bytes, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  if (!decoded.ok) return decoded;
  const kind = detectSource(decoded.text);
  if (kind === 'get-orders') {
    const error = getOrdersError(decoded.text);
    if (error) return { ok: false, error: { code: 'MALFORMED', message: `eBay's GetOrders answered with an error: ${error}` } };
    return fromPurchases(kind, readGetOrders(decoded.text), decoded.encoding, 'GetOrders response');
  }
  if (kind === 'email') return fromPurchases(kind, readEmail(decoded.text).purchases, decoded.encoding, 'email');
  if (kind === 'purchases-page')
    return fromPurchases(
      kind,
      readPurchasesPage(decoded.text),
      decoded.encoding,
      'page (it may not be the Purchases page, or it was saved before it finished loading)',
    );
  const read = await readCsvBytes(bytes, options);
  if (!read.ok) return read;
  return { ok: true, kind, table: read.table, encoding: read.table.encoding ?? decoded.encoding };
}

/** Several files (emails, usually) as one table: lines are numbered per file in `files`. */
export function mergeTables(tables: readonly { name: string; table: CsvTable }[]): { table: CsvTable; lineFile: Map<number, string> } | null {
  const first = tables[0];
  if (!first) return null;
  const same = tables.every((t) => t.table.headers.join('\u0000') === first.table.headers.join('\u0000'));
  if (!same) return null;
  const lineFile = new Map<number, string>();
  const rows: CsvTable['rows'] = [];
  let line = 0;
  for (const { name, table } of tables) {
    for (const row of table.rows) {
      line++;
      lineFile.set(line, `${name} line ${row.line}`);
      rows.push({ line, cells: row.cells });
    }
  }
  return { table: { ...first.table, rows }, lineFile };
}

// CSV text → header and rows, with the physical line number each row starts
// on (quoted cells may hold line breaks, so row ≠ line). Parsed by papaparse in
// chunks; between chunks the parser pauses for a macrotask so a large file
// shows progress and the page stays responsive. Delimiter (, ; tab |) and line
// endings (CRLF, LF, CR) are detected.
import Papa from 'papaparse';
import { decodeCsvBytes, type CsvEncoding, type CsvFileError } from './decode';
import { unescapeCell } from './escape';

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  /** Line of the header row. */
  headerLine: number;
  /** Data rows after the header; rows whose cells are all blank are left out. */
  rows: CsvRow[];
  delimiter: string;
  encoding?: CsvEncoding;
}

export type CsvReadResult = { ok: true; table: CsvTable } | { ok: false; error: CsvFileError };

export interface ReadOptions {
  /** 0…1 as the text is parsed. */
  onProgress?: (fraction: number) => void;
  /** Characters per chunk; smaller = more frequent progress. */
  chunkSize?: number;
  /** Wait between chunks (default: a macrotask); tests pass a no-op. */
  yieldBetweenChunks?: () => Promise<void>;
}

const DEFAULT_CHUNK = 256 * 1024;
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function blank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The delimiter of the first line with text (the header, or eBay's line of
 * bare commas): the candidate it holds most often outside quotes, "," on a
 * tie. Cells below can then hold any of them without swaying the guess.
 */
export function guessDelimiter(text: string, linebreak: string): string {
  let start = 0;
  let line = '';
  while (start < text.length) {
    const end = text.indexOf(linebreak, start);
    line = text.slice(start, end < 0 ? text.length : end);
    if (line.trim() !== '') break;
    start = end < 0 ? text.length : end + linebreak.length;
  }
  const outside = line.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = outside.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/**
 * Where the piece starting at `from` may end: the first line break at or after
 * `from + size` that is outside quotes (an even number of " before it), or the
 * end of the text. Pieces split there parse exactly as the whole would.
 */
function pieceEnd(text: string, from: number, size: number, linebreak: string): number {
  if (from + size >= text.length) return text.length;
  let quotes = 0;
  for (let i = from; i < from + size; i++) if (text.charCodeAt(i) === 34) quotes++;
  for (let i = from + size; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quotes++;
    else if (quotes % 2 === 0 && text.startsWith(linebreak, i)) return i + linebreak.length;
  }
  return text.length;
}

/**
 * Parses CSV text (the delimiter and line break are guessed from its start).
 * The text is cut into pieces at line breaks outside quotes; each is parsed by
 * papaparse, with a macrotask between pieces for progress and responsiveness.
 */
export async function parseCsvText(text: string, options: ReadOptions = {}): Promise<CsvReadResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const pause = options.yieldBetweenChunks ?? macrotask;
  const sniff = Papa.parse<string[]>(text.slice(0, 64 * 1024), { delimiter: ',', preview: 2 });
  const linebreak = sniff.meta.linebreak || '\n';
  const delimiter = guessDelimiter(text, linebreak);
  const mark = linebreak === '\r' ? '\r' : '\n';
  const rows: CsvRow[] = [];
  let line = 1;
  let pos = 0;
  while (pos < text.length) {
    const end = pieceEnd(text, pos, chunkSize, linebreak);
    let piece = text.slice(pos, end);
    const endsWithBreak = piece.endsWith(linebreak);
    if (endsWithBreak) piece = piece.slice(0, -linebreak.length);
    const parsed = Papa.parse<string[]>(piece, { delimiter, newline: linebreak as '\n', skipEmptyLines: false });
    const first = rows.length;
    for (const cells of parsed.data) {
      rows.push({ line, cells });
      // A row takes one line plus one per line break inside its quoted cells.
      let breaks = 0;
      for (const c of cells) if (c.length > 0 && c.includes(mark)) breaks += c.split(mark).length - 1;
      line += 1 + breaks;
    }
    const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
    if (quoteError) {
      const at = rows[first + (quoteError.row ?? 0)]?.line ?? line;
      return {
        ok: false,
        error: { code: 'MALFORMED', message: `Line ${at}: a quoted cell is never closed or has text after its closing quote (a " is missing or extra).` },
      };
    }
    pos = end;
    options.onProgress?.(pos / text.length);
    if (pos < text.length) await pause();
  }
  return toTable(rows, delimiter);
}

function toTable(all: CsvRow[], delimiter: string): CsvReadResult {
  const headerIndex = all.findIndex((r) => !blank(r.cells));
  if (headerIndex < 0) return { ok: false, error: { code: 'EMPTY', message: 'The file is empty.' } };
  const header = all[headerIndex]!;
  const headers = header.cells.map((h) => unescapeCell(h).trim());
  // Trailing unnamed columns (a row of "a,b,c," from a spreadsheet) are dropped.
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length === 0) return { ok: false, error: { code: 'NO_HEADER', message: 'The first line with text has no column names.' } };
  const rows = all.slice(headerIndex + 1).filter((r) => !blank(r.cells));
  if (rows.length === 0) return { ok: false, error: { code: 'NO_ROWS', message: 'The file has column names but no rows below them.' } };
  return { ok: true, table: { headers, headerLine: header.line, rows, delimiter } };
}

/** Bytes → table: size cap, encoding, binary check, then parsing. */
export async function readCsvBytes(bytes: Uint8Array, options: ReadOptions & { maxBytes?: number } = {}): Promise<CsvReadResult> {
  const decoded = decodeCsvBytes(bytes, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  if (!decoded.ok) return decoded;
  const result = await parseCsvText(decoded.text, options);
  if (result.ok) result.table.encoding = decoded.encoding;
  return result;
}

// Bytes of a CSV file → text. People's files come from Excel, LibreOffice,
// eBay and scripts: UTF-8 with or without a byte-order mark, UTF-16 (with a
// BOM, or without one when every other byte is zero), and Windows-1252 from
// older Excel. Anything else that does not read as text is refused as binary.
// Pure: TextDecoder only.

/** Files larger than this are refused before anything is decoded. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type CsvFileErrorCode = 'TOO_LARGE' | 'EMPTY' | 'BINARY' | 'NO_HEADER' | 'NO_ROWS' | 'MALFORMED';

export interface CsvFileError {
  code: CsvFileErrorCode;
  message: string;
}

export type DecodeResult = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; error: CsvFileError };

export function tooLargeError(size: number, cap = MAX_CSV_BYTES): CsvFileError {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return { code: 'TOO_LARGE', message: `The file is ${mib(size)}; files up to ${mib(cap)} can be imported. Split it into smaller files.` };
}

/** Windows-1252's characters for bytes 0x80–0x9F (where it differs from Latin-1); undefined bytes stay as their C1 code. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 by table: some runtimes' TextDecoder('windows-1252') is really
 * Latin-1 (Node's is), which turns € into an invisible control character.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = new Array<number>(Math.min(CHUNK, bytes.length - start));
    for (let i = 0; i < codes.length; i++) {
      const b = bytes[start + i]!;
      codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Zero bytes at even (BE) or odd (LE) positions of the first bytes: UTF-16 without a BOM. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero === 0) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero === 0) return 'utf-16be';
  return null;
}

/** NUL or many control characters: not a text file (an image, a spreadsheet's .xlsx zip, …). */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) control++;
  }
  return control > Math.max(2, sample.length * 0.01);
}

export function decodeCsvBytes(bytes: Uint8Array, options: { maxBytes?: number } = {}): DecodeResult {
  const cap = options.maxBytes ?? MAX_CSV_BYTES;
  if (bytes.length > cap) return { ok: false, error: tooLargeError(bytes.length, cap) };
  let encoding: CsvEncoding;
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else {
    encoding = sniffUtf16(bytes) ?? 'utf-8';
  }
  let text: string;
  try {
    const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    if (encoding !== 'utf-8')
      return { ok: false, error: { code: 'BINARY', message: `The file says it is ${encoding.toUpperCase()} but its bytes are not; it may be damaged.` } };
    // Not UTF-8: older Excel writes Windows-1252 ("Save as CSV" on Windows).
    encoding = 'windows-1252';
    text = decodeWindows1252(body);
  }
  if (looksBinary(text))
    return {
      ok: false,
      error: { code: 'BINARY', message: 'This is not a CSV text file (it contains binary data). Export the sheet as CSV and choose that file.' },
    };
  if (text.trim() === '') return { ok: false, error: { code: 'EMPTY', message: 'The file is empty.' } };
  return { ok: true, text, encoding };
}

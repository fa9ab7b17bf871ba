// Text an item may hold. Control characters other than tab and newline (NUL
// among them) are refused: they are invisible in the app, and a NUL makes an
// exported CSV read as a binary file. Line breaks of any system (LF, CRLF, CR)
// count as newlines.

/** C0 controls except tab, LF and CR; DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The first control character in `text` as "U+0000", or null. */
export function controlCharacter(text: string): string | null {
  const m = CONTROL.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

export function controlMessage(label: string, text: string): string | null {
  const c = controlCharacter(text);
  if (c === null) return null;
  const name = c === 'U+0000' ? 'a NUL character (U+0000)' : `a control character (${c})`;
  return `${label} contains ${name}; remove it (only tabs and line breaks are kept)`;
}

/** ISO 8601 UTC timestamp as the app writes them: 2024-05-31T12:34:56.789Z (seconds and fraction optional). */
export function isTimestamp(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return false;
  const t = Date.parse(text);
  return Number.isFinite(t) && t >= Date.UTC(1990, 0, 1) && t <= Date.UTC(2200, 0, 1);
}

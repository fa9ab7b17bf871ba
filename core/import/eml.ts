// An eBay order email saved as .eml (or its text pasted): the MIME headers,
// the text part (or the HTML part as text), quoted-printable or base64. The
// subject says which message it is — order confirmed, shipped, delivered — in
// US, UK or German wording; that sets the purchase's dates and so its status.
import { htmlToText } from './html';
import { purchasesFromText } from './text';
import type { Purchase } from './purchases';

export type EmailKind = 'confirmation' | 'shipped' | 'delivered' | 'unknown';

const KIND_WORDS: readonly [EmailKind, RegExp][] = [
  ['delivered', /delivered|zugestellt|geliefert|wurde zugestellt/i],
  ['shipped', /shipped|dispatched|on its way|is on the way|versandt|verschickt|unterwegs/i],
  [
    'confirmation',
    /order confirmed|confirmed|you('| ha)ve? (bought|purchased|paid)|your order|bestellung bestätigt|bestätigt|gekauft|vielen dank für ihren kauf/i,
  ],
];

export function emailKind(subject: string): EmailKind {
  for (const [kind, re] of KIND_WORDS) if (re.test(subject)) return kind;
  return 'unknown';
}

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (m) headers.set(m[1]!.toLowerCase(), m[2]!);
  }
  return headers;
}

function splitPart(text: string): MimePart {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { headers: parseHeaders(text), body: '' };
  return { headers: parseHeaders(text.slice(0, m.index)), body: text.slice(m.index + m[0].length) };
}

function charsetOf(contentType: string): string {
  return /charset="?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
}

function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const charset = charsetOf(part.headers.get('content-type') ?? '');
  if (encoding === 'base64') {
    const bin = atob(part.body.replace(/\s+/g, ''));
    return decodeBytes(
      Uint8Array.from(bin, (c) => c.charCodeAt(0)),
      charset,
    );
  }
  if (encoding === 'quoted-printable') {
    const soft = part.body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const c = soft[i]!;
      if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        for (const b of new TextEncoder().encode(c)) bytes.push(b);
      }
    }
    return decodeBytes(Uint8Array.from(bytes), charset);
  }
  return part.body;
}

/** "=?UTF-8?Q?Bestellung_best=C3=A4tigt?=" → text (RFC 2047). */
function decodeWords(header: string): string {
  return header.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, charset: string, enc: string, text: string) => {
    if (enc.toUpperCase() === 'B')
      return decodeBytes(
        Uint8Array.from(atob(text), (c) => c.charCodeAt(0)),
        charset.toLowerCase(),
      );
    const bytes: number[] = [];
    const t = text.replace(/_/g, ' ');
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '=' && /^[0-9A-F]{2}$/i.test(t.slice(i + 1, i + 3))) {
        bytes.push(parseInt(t.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(t.charCodeAt(i));
    }
    return decodeBytes(Uint8Array.from(bytes), charset.toLowerCase());
  });
}

/** The text of the message: its text/plain part, else its text/html part as text. */
function messageText(part: MimePart): { text: string | null; html: string | null } {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
    if (!boundary) return { text: null, html: null };
    let text: string | null = null;
    let html: string | null = null;
    for (const chunk of part.body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const inner = messageText(splitPart(chunk.replace(/^\r?\n/, '')));
      text ??= inner.text;
      html ??= inner.html;
    }
    return { text, html };
  }
  if (type.startsWith('text/html')) return { text: null, html: decodeBody(part) };
  if (type.startsWith('text/')) return { text: decodeBody(part), html: null };
  return { text: null, html: null };
}

/** "Tue, 12 Mar 2024 15:04:05 -0700" → 2024-03-12 (the date as the sender wrote it). */
function headerDate(date: string): string {
  const m = /(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})/.exec(date);
  if (!m) return '';
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const mi = months.indexOf(m[2]!.toLowerCase());
  return mi < 0 ? '' : `${m[3]}-${String(mi + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

export interface EmailRead {
  kind: EmailKind;
  subject: string;
  purchases: Purchase[];
}

/** Does this text look like a saved email (RFC 822 headers first)? */
export function looksLikeEmail(text: string): boolean {
  const head = text.slice(0, 4000);
  return /^(From|Subject|Date|Received|MIME-Version|Return-Path|Delivered-To|Message-ID):/im.test(head) && /^Subject:/im.test(head);
}

/** Purchases in one email (saved .eml, or pasted text without headers). */
export function readEmail(raw: string): EmailRead {
  const isMime = looksLikeEmail(raw);
  const message = isMime ? splitPart(raw) : { headers: new Map<string, string>(), body: raw };
  const subject = decodeWords(message.headers.get('subject') ?? '');
  const { text, html } = isMime ? messageText(message) : { text: raw, html: null };
  const body = text ?? (html !== null ? htmlToText(html) : '');
  const kind = emailKind(subject || body.slice(0, 300));
  const date = headerDate(message.headers.get('date') ?? '');
  const defaults: Partial<Purchase> = {};
  if (kind === 'shipped' && date) defaults.shippedOn = date;
  if (kind === 'delivered' && date) defaults.deliveredOn = date;
  if (kind === 'confirmation' && date) defaults.orderedOn = date;
  const { purchases } = purchasesFromText(body, defaults);
  return { kind, subject, purchases };
}

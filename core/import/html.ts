// eBay's Purchases page as a browser saves it (File → Save page), and the HTML
// part of order emails: read as text with each item link's number kept, never
// by class names, so a redesign of the page still reads while its words stay.
import { purchasesFromText } from './text';
import type { Purchase } from './purchases';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', euro: '€', pound: '£' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * HTML → lines of text. Block elements and <br> end a line; a link to an eBay
 * listing (/itm/<number>) becomes its text on one line and "Item number: <n>"
 * on the next, so titles and numbers read the same as in a text email.
 */
export function htmlToText(html: string): string {
  let t = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|noscript|svg)[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, inner: string) => {
      const number = /\/itm\/(?:[^/"?]*\/)?(\d{9,14})/.exec(decodeEntities(href))?.[1];
      const label = inner
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      return number && label !== '' && !/^\d+$/.test(label) ? `\n${label}\nItem number: ${number}\n` : ` ${inner} `;
    })
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h[1-6]|\/td|\/th|\/dt|\/dd|\/span)\b[^>]*>/gi, (m) => (/^<\/(td|th|span)/i.test(m) ? ' \n' : '\n'))
    .replace(/<[^>]+>/g, ' ');
  t = decodeEntities(t);
  return t
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)/i.test(text.slice(0, 2000)) || /<html[\s>]/i.test(text.slice(0, 2000));
}

/** Every purchase on a saved Purchases page. */
export function readPurchasesPage(html: string): Purchase[] {
  return purchasesFromText(htmlToText(html)).purchases;
}

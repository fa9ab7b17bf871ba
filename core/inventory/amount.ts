// Reading an amount of money as a person typed it into the inventory form or
// a CSV cell. Only well-formed numbers are accepted; anything that could mean
// two different amounts is refused rather than guessed at, because a wrong
// price is worse than a question.
import { minorDigits } from '../money';

export type TypedAmount = { ok: true; minor: number } | { ok: false; reason: 'invalid' | 'ambiguous' | 'too-precise' };

/**
 * Accepted forms (an optional currency sign or code around them is ignored):
 * 1299 · 1299.99 · .99 · 1,299.99 (comma groups) · 1299,99 (decimal comma) ·
 * 1.299,99 (dot groups) · 1 299,99 (space groups). "1.299" alone is 1299 in
 * Germany and 1.299 elsewhere: refused as ambiguous for currencies with cents;
 * it is grouping for a currency without a minor unit (JPY) and a decimal for
 * one with three decimals (BHD), the only readings those allow.
 */
export function parseTypedAmount(text: string, currency: string): TypedAmount {
  const digits = minorDigits(currency);
  let core = text
    .trim()
    .replace(/^[^\d\-+.,]+|[^\d.,]+$/g, '')
    .trim();
  let negative = false;
  if (/^[-+]/.test(core)) {
    negative = core.startsWith('-');
    core = core.slice(1);
  }
  let whole: string;
  let frac = '';
  let m: RegExpExecArray | null;
  if (/^\d+$/.test(core)) {
    whole = core;
  } else if ((m = /^([1-9]\d{0,2})\.(\d{3})$/.exec(core)) && digits !== 3) {
    if (digits > 0) return { ok: false, reason: 'ambiguous' };
    whole = m[1]! + m[2]!;
  } else if ((m = /^(\d*)\.(\d+)$/.exec(core))) {
    whole = m[1] || '0';
    frac = m[2]!;
  } else if ((m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(core))) {
    whole = m[1]!.replace(/,/g, '');
    frac = m[2] ?? '';
  } else if ((m = /^(\d+),(\d{1,2})$/.exec(core))) {
    whole = m[1]!;
    frac = m[2]!;
  } else if ((m = /^([1-9]\d{0,2}(?:\.\d{3})+)(?:,(\d+))?$/.exec(core))) {
    whole = m[1]!.replace(/\./g, '');
    frac = m[2] ?? '';
  } else if ((m = /^([1-9]\d{0,2}(?:[ \u00a0]\d{3})+)(?:[.,](\d+))?$/.exec(core))) {
    whole = m[1]!.replace(/[ \u00a0]/g, '');
    frac = m[2] ?? '';
  } else {
    return { ok: false, reason: 'invalid' };
  }
  if (frac.length > digits && /[1-9]/.test(frac.slice(digits))) return { ok: false, reason: 'too-precise' };
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0').slice(0, digits) || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'invalid' };
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

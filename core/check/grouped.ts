// "1,234.5": a number as en-US writes it (comma groups, at most `digits`
// decimals, trailing zeros dropped, halves rounded away from zero), the same
// text Intl.NumberFormat('en-US', { maximumFractionDigits }) gives. Written by
// hand because the first Intl formatter of a process costs tens of
// milliseconds (ICU loads its data), a large part of a `rackhive check`.
// Rounds the shortest decimal form of the double (String(value)), as ICU does;
// what that form cannot say plainly (exponents, non-finite) goes to Intl.

let intl: Map<number, Intl.NumberFormat> | undefined;

function viaIntl(value: number, digits: number): string {
  intl ??= new Map();
  let f = intl.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    intl.set(digits, f);
  }
  return f.format(value);
}

/** Adds one to a string of decimal digits ("0999" → "1000"). */
function increment(digitsText: string): string {
  const d = digitsText.split('');
  let i = d.length - 1;
  while (i >= 0) {
    if (d[i] === '9') {
      d[i] = '0';
      i--;
    } else {
      d[i] = String.fromCharCode(d[i]!.charCodeAt(0) + 1);
      return d.join('');
    }
  }
  return '1' + d.join('');
}

export function groupedNumber(value: number, digits = 0): string {
  const text = String(Math.abs(value));
  if (!Number.isFinite(value) || text.includes('e') || !Number.isInteger(digits) || digits < 0 || digits > 20) return viaIntl(value, digits);
  const dot = text.indexOf('.');
  let int = dot < 0 ? text : text.slice(0, dot);
  let frac = dot < 0 ? '' : text.slice(dot + 1);
  if (frac.length > digits) {
    const roundUp = frac.charCodeAt(digits) >= 53; // '5'
    frac = frac.slice(0, digits);
    if (roundUp) {
      const bumped = increment(int + frac);
      int = bumped.slice(0, bumped.length - digits);
      frac = bumped.slice(bumped.length - digits);
    }
  }
  frac = frac.replace(/0+$/, '');
  let grouped = '';
  for (let end = int.length; end > 0; end -= 3) grouped = int.slice(Math.max(0, end - 3), end) + (grouped ? ',' + grouped : '');
  // Intl keeps the sign of a negative that rounds to zero ("-0") and of -0 itself.
  const negative = value < 0 || Object.is(value, -0);
  return (negative ? '-' : '') + grouped + (frac ? '.' + frac : '');
}

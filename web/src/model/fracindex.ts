// Fractional indices: strings of [0-9A-Za-z] compared as plain ASCII, never ending in '0'
// (PROTOCOL.md "Element model"). The digit alphabet is in ASCII order, so a key reads as a
// base-62 fraction and there is always room between two keys.
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MID = 'V';
const idx = (c: string): number => DIGITS.indexOf(c);

/** The shortest key greater than a (a may be any valid key, or '' for "nothing yet"). */
function after(a: string): string {
  if (a === '') return MID;
  for (let i = 0; i < a.length; i++) {
    const d = idx(a[i]);
    if (d < DIGITS.length - 1) return a.slice(0, i) + DIGITS[d + 1];
  }
  return a + MID;
}

/** A short key less than b. */
function before(b: string): string {
  for (let i = 0; i < b.length; i++) {
    const d = idx(b[i]);
    if (d > 1) return b.slice(0, i) + DIGITS[d - 1];
  }
  return mid('', b);
}

/** A key strictly between a and b (a < b; a may be '' meaning "below everything"). */
function mid(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  if (n > 0) return b.slice(0, n) + mid(a.slice(n), b.slice(n));
  if (b === '') throw new Error('no key between ' + a + ' and ' + b);
  const da = a === '' ? -1 : idx(a[0]);
  const db = idx(b[0]);
  if (db - da > 1) {
    const m = Math.floor((da + db + 1) / 2);
    return m === 0 ? DIGITS[0] + MID : DIGITS[m];
  }
  if (da === -1) return DIGITS[0] + mid('', b.slice(1)); // b starts with '0'
  if (b.length > 1) return b[0];
  return a[0] + after(a.slice(1));
}

/** A key k with a < k < b; null bounds mean open ends. */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null) {
    if (a >= b) throw new Error(`keyBetween: ${a} >= ${b}`);
    return mid(a, b);
  }
  if (a !== null) return after(a);
  if (b !== null) return before(b);
  return MID;
}

/** n keys in ascending order between a and b, kept short by bisection. */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [keyBetween(a, b)];
  if (b === null && a !== null && n > 4) {
    // open end: bisect between a and a comfortably larger bound
    return keysBetween(a, after(after(a)), n);
  }
  if (a === null && b === null) return keysBetween('0V', 'zV', n);
  const m = keyBetween(a, b);
  const left = Math.floor((n - 1) / 2);
  return [...keysBetween(a, m, left), m, ...keysBetween(m, b, n - 1 - left)];
}

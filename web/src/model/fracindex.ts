// Fractional indices: strings of [0-9A-Za-z] compared as plain ASCII, never ending in '0'
// (PROTOCOL.md "Element model"). The digit alphabet is in ASCII order, so a key reads as a
// base-62 fraction in (0, 1) and there is always room between two keys.
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const B = 62n;
const idx = (c: string): number => DIGITS.indexOf(c);

/** Fixed-point value of key k with L digits (k padded with zeros). */
function toInt(k: string, L: number): bigint {
  let v = 0n;
  for (let i = 0; i < L; i++) v = v * B + BigInt(i < k.length ? idx(k[i]) : 0);
  return v;
}

function fromInt(v: bigint, L: number): string {
  const out: string[] = new Array(L);
  for (let i = L - 1; i >= 0; i--) {
    out[i] = DIGITS[Number(v % B)];
    v /= B;
  }
  let len = L;
  while (len > 0 && out[len - 1] === '0') len--;
  return out.slice(0, len).join('');
}

/**
 * n keys in ascending order strictly between a and b (null = open end), evenly spread with as few
 * digits as the gap allows. Appending after the last key repeatedly stays short: each new key
 * uses a fraction of the remaining room rather than a fixed digit.
 */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return [];
  if (a !== null && b !== null && a >= b) throw new Error(`keysBetween: ${a} >= ${b}`);
  const base = Math.max(a?.length ?? 0, b?.length ?? 0, 1);
  // smallest extra precision that leaves room for n keys, at least 2 digits when a bound is open
  for (let L = base; L < base + 12; L++) {
    const lo = a === null ? 0n : toInt(a, L);
    const hi = b === null ? B ** BigInt(L) : toInt(b, L);
    const gap = hi - lo;
    const need = BigInt(n + 1) * (a === null || b === null ? 62n * 62n : 1n);
    if (gap < need && L < base + 11) continue;
    const keys: string[] = [];
    if (b === null && a !== null) {
      // append: small steps so that many later appends still fit at this length
      const step = gap / BigInt(n + 1) / 62n > 0n ? gap / BigInt(n + 1) / 62n : 1n;
      for (let i = 1; i <= n; i++) keys.push(fromInt(lo + step * BigInt(i), L));
    } else if (a === null && b !== null) {
      const step = gap / BigInt(n + 1) / 62n > 0n ? gap / BigInt(n + 1) / 62n : 1n;
      for (let i = n; i >= 1; i--) keys.push(fromInt(hi - step * BigInt(i), L));
    } else {
      for (let i = 1; i <= n; i++) keys.push(fromInt(lo + (gap * BigInt(i)) / BigInt(n + 1), L));
    }
    if (keys.every((k, i) => k.length > 0 && (i === 0 || k > keys[i - 1]) && (a === null || k > a) && (b === null || k < b))) return keys;
  }
  throw new Error(`no room for ${n} keys between ${a} and ${b}`);
}

/** A key k with a < k < b; null bounds mean open ends. */
export function keyBetween(a: string | null, b: string | null): string {
  return keysBetween(a, b, 1)[0];
}

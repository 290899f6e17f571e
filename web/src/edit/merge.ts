// Three-way merge of a card's text: what I typed (mine) and what someone else saved meanwhile
// (theirs), both changed from the text I started from (base). Texts are cut into tokens (words,
// runs of spaces, single CJK characters, single other characters), each side is diffed against
// base, and the two sets of changes are applied together when they touch different parts of
// base. Changes that touch the same part (or insert at the same place) differently are a
// conflict: then nobody's words are dropped silently, the caller lets the person choose.

/** Words, spaces, single CJK characters and single punctuation marks. */
export function tokenize(s: string): string[] {
  return s.match(/[\p{L}\p{N}_]+|\s+|[\s\S]/gu)?.flatMap((t) => (/[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/.test(t) ? [...t] : [t])) ?? [];
}

/** One change of base: tokens [start, end) replaced by `insert`. */
export interface Hunk { start: number; end: number; insert: string[] }

/**
 * The changes that turn a into b (Myers' O(ND) diff over tokens), as hunks in order. Common
 * prefix and suffix are stripped first: typical edits touch a small part of a card.
 */
export function diff(a: readonly string[], b: readonly string[]): Hunk[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf), B = b.slice(pre, b.length - suf);
  const matches = myers(A, B);
  const hunks: Hunk[] = [];
  let ai = 0, bi = 0;
  for (const [mx, my] of [...matches, [A.length, B.length] as const]) {
    if (mx > ai || my > bi) hunks.push({ start: pre + ai, end: pre + mx, insert: B.slice(bi, my) });
    ai = mx + 1;
    bi = my + 1;
  }
  return hunks;
}

/** The matched positions [i in A, j in B] of a shortest edit script, in order. */
function myers(A: readonly string[], B: readonly string[]): [number, number][] {
  const n = A.length, m = B.length;
  if (!n || !m) return [];
  const max = n + m;
  const off = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let dEnd = -1;
  for (let d = 0; d <= max && dEnd < 0; d++) {
    trace.push(v.slice()); // the furthest points before step d
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) { x++; y++; }
      v[off + k] = x;
      if (x >= n && y >= m) { dEnd = d; break; }
    }
  }
  const out: [number, number][] = [];
  let x = n, y = m;
  for (let d = dEnd; d > 0; d--) {
    const pv = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && pv[off + k - 1] < pv[off + k + 1]) ? k + 1 : k - 1;
    const prevX = pv[off + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; out.push([x, y]); }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) { x--; y--; out.push([x, y]); }
  return out.reverse();
}

export type MergeResult = { ok: true; text: string } | { ok: false };

const sameHunk = (a: Hunk, b: Hunk) => a.start === b.start && a.end === b.end && a.insert.join('') === b.insert.join('');

/** Do two changes of base (one per side) touch the same place? An insertion touches the edges of a replaced range too. */
function clash(a: Hunk, b: Hunk): boolean {
  const ea = a.start === a.end, eb = b.start === b.end;
  if (ea && eb) return a.start === b.start;
  if (ea) return b.start <= a.start && a.start <= b.end;
  if (eb) return a.start <= b.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** mine and theirs both edited base: one text with both edits, or a conflict. */
export function mergeText(base: string, mine: string, theirs: string): MergeResult {
  if (mine === theirs || theirs === base) return { ok: true, text: mine };
  if (mine === base) return { ok: true, text: theirs };
  const b = tokenize(base);
  const hm = diff(b, tokenize(mine));
  const ht = diff(b, tokenize(theirs));
  const dup = new Set<Hunk>();
  for (const x of hm) {
    for (const y of ht) {
      if (!clash(x, y)) continue;
      if (!sameHunk(x, y)) return { ok: false };
      dup.add(y); // both made the same change: once
    }
  }
  const picked = [...hm, ...ht.filter((h) => !dup.has(h))].sort((p, q) => p.start - q.start || p.end - q.end);
  const out: string[] = [];
  let pos = 0;
  for (const h of picked) {
    out.push(...b.slice(pos, h.start), ...h.insert);
    pos = h.end;
  }
  out.push(...b.slice(pos));
  return { ok: true, text: out.join('') };
}

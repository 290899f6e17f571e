// Avatar initials: the first letters of the name's words, CJK-aware. A Chinese, Japanese or
// Korean name gets its first character (李娜 → 李); other names the first letters of the first
// and last word, upper-cased ("Sam Lee" → SL, "sam (editor)" → SE, "Alex" → A). Brackets, digits
// and other signs never become initials.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** a word: letters (with their combining marks), apostrophes and hyphens inside */
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;

export function initials(name: string): string {
  const words: string[] = [...(name.normalize('NFC').match(WORD) ?? [])];
  if (!words.length) {
    // no letters at all (digits, emoji): the first visible character
    const first = [...name.trim()].find((c) => /[\p{N}\p{S}\p{P}]/u.test(c));
    return first ?? '?';
  }
  const c0 = [...words[0]][0];
  if (CJK.test(c0)) return c0;
  const c1 = words.length > 1 ? [...words[words.length - 1]][0] : '';
  // a Latin first name followed by a CJK word: the Latin initial alone reads better than "S李"
  return (c0 + (c1 && !CJK.test(c1) ? c1 : '')).toLocaleUpperCase();
}

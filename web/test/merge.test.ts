// Three-way merge of card text (src/edit/merge.ts): two people typed into one card at once.
import { describe, expect, it } from 'vitest';
import { diff, mergeText, tokenize } from '../src/edit/merge';

const apply = (a: string[], hunks: ReturnType<typeof diff>) => {
  const out: string[] = [];
  let pos = 0;
  for (const h of hunks) { out.push(...a.slice(pos, h.start), ...h.insert); pos = h.end; }
  return [...out, ...a.slice(pos)].join('');
};

describe('text merge', () => {
  it('cuts words, spaces, CJK characters and punctuation apart', () => {
    expect(tokenize('Pay now, 支付快')).toEqual(['Pay', ' ', 'now', ',', ' ', '支', '付', '快']);
  });

  it('diffs turn one text into the other (random edits)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const words = ['a', 'b', 'c', ' ', '支', '付', 'x'];
    for (let i = 0; i < 300; i++) {
      const a = Array.from({ length: Math.floor(rnd() * 12) }, () => words[Math.floor(rnd() * words.length)]);
      const b = Array.from({ length: Math.floor(rnd() * 12) }, () => words[Math.floor(rnd() * words.length)]);
      expect(apply(a, diff(a, b))).toBe(b.join(''));
    }
  });

  it('keeps both edits when they touch different words', () => {
    expect(mergeText('Checkout has too many steps', 'Checkout has far too many steps', 'Checkout has too many steps and fields'))
      .toEqual({ ok: true, text: 'Checkout has far too many steps and fields' });
    expect(mergeText('支付步骤多', '支付方式少步骤多', '支付步骤太多')).toEqual({ ok: true, text: '支付方式少步骤太多' });
  });

  it('takes the one side that changed, and a change both made once', () => {
    expect(mergeText('a b', 'a b', 'a c')).toEqual({ ok: true, text: 'a c' });
    expect(mergeText('a b', 'a c', 'a b')).toEqual({ ok: true, text: 'a c' });
    expect(mergeText('one two three', 'one 2 three!', 'one 2 three')).toEqual({ ok: true, text: 'one 2 three!' });
  });

  it('is a conflict when both changed the same words differently', () => {
    expect(mergeText('Size chart unclear', 'Size chart missing', 'Size chart confusing')).toEqual({ ok: false });
    // two insertions at one place: their order would be a guess
    expect(mergeText('ab', 'a X b', 'a Y b')).toEqual({ ok: false });
    expect(mergeText('', 'mine', 'theirs')).toEqual({ ok: false });
  });
});

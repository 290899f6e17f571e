import { describe, expect, it } from 'vitest';
import { keyBetween, keysBetween } from '../src/model/fracindex';
import { isValidIndex } from '../src/model/doc';

describe('fractional index', () => {
  it('makes valid keys between bounds', () => {
    const cases: [string | null, string | null][] = [
      [null, null], ['a0'.slice(0, 1), null], [null, 'V'], ['V', 'W'], ['V', 'V1'], ['1', '2'], [null, '1'], [null, '01'],
      ['a1V', 'b'], ['zz', null], ['0V', '0W'], ['A', 'A01'], ['Vz', 'W'], ['y', 'z'], ['z', 'zV'],
    ];
    for (const [a, b] of cases) {
      const k = keyBetween(a, b);
      expect(isValidIndex(k), `${a}..${b} -> ${k}`).toBe(true);
      if (a !== null) expect(k > a, `${k} > ${a}`).toBe(true);
      if (b !== null) expect(k < b, `${k} < ${b}`).toBe(true);
    }
  });

  it('stays short when appending and prepending repeatedly', () => {
    let last: string | null = null;
    for (let i = 0; i < 2000; i++) {
      const k = keyBetween(last, null);
      if (last !== null) expect(k > last).toBe(true);
      last = k;
    }
    expect(last!.length).toBeLessThan(40);
    let first: string | null = null;
    for (let i = 0; i < 500; i++) {
      const k = keyBetween(null, first);
      expect(isValidIndex(k)).toBe(true);
      if (first !== null) expect(k < first).toBe(true);
      first = k;
    }
  });

  it('bisects repeatedly between two keys', () => {
    let a = 'V';
    const b = 'W';
    for (let i = 0; i < 300; i++) {
      const k = keyBetween(a, b);
      expect(k > a && k < b && isValidIndex(k)).toBe(true);
      a = k;
    }
  });

  it('makes many sorted short keys at once', () => {
    for (const [a, b] of [[null, null], ['V', null], [null, 'V'], ['V', 'W']] as [string | null, string | null][]) {
      const keys = keysBetween(a, b, 2000);
      expect(keys.length).toBe(2000);
      for (let i = 0; i < keys.length; i++) {
        expect(isValidIndex(keys[i])).toBe(true);
        if (i) expect(keys[i] > keys[i - 1]).toBe(true);
        if (a) expect(keys[i] > a).toBe(true);
        if (b) expect(keys[i] < b).toBe(true);
        expect(keys[i].length).toBeLessThanOrEqual(6);
      }
    }
    // 40,000 expects: seconds on a shared, busy machine; the test is about the keys, not the time
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { cleanName, identity, KeyValueStore, PALETTE, personColor, rememberColor, rememberName } from '../src/ui/identity';
import { initials } from '../src/ui/initials';

const memory = (): KeyValueStore & { m: Map<string, string> } => {
  const m = new Map<string, string>();
  return { m, getItem: (k) => m.get(k) ?? null, setItem: (k, v) => { m.set(k, v); } };
};

describe('initials', () => {
  it('takes the first letters of words, CJK-aware', () => {
    expect(initials('李娜')).toBe('李');
    expect(initials('欧阳 娜娜')).toBe('欧');
    expect(initials('Sam Lee')).toBe('SL');
    expect(initials('sam lee')).toBe('SL');
    expect(initials('Alex')).toBe('A');
    expect(initials('Anna Maria de la Cruz')).toBe('AC');
  });

  it('never makes initials of brackets, digits or signs', () => {
    expect(initials('Sam (editor)')).toBe('SE');
    expect(initials('(Sam)')).toBe('S');
    expect(initials('  in  ')).toBe('I');
    expect(initials('2nd floor team')).toBe('NT');
    expect(initials("O'Brien Ñoño")).toBe('OÑ');
    expect(initials('Sam 李')).toBe('S');
    expect(initials('田中 Taro')).toBe('田');
    expect(initials('김민준')).toBe('김');
  });

  it('falls back to a visible character, or ?', () => {
    expect(initials('42')).toBe('4');
    expect(initials('🙂')).toBe('🙂');
    expect(initials('   ')).toBe('?');
  });
});

describe('identity', () => {
  it('makes a person id once and keeps it for every later page and tab', () => {
    const s = memory();
    const a = identity(s);
    expect(a.person).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(identity(s).person).toBe(a.person);
    expect(a.name).toBeNull();
    expect(a.color).toBe(personColor(a.person));
  });

  it('replaces a damaged id, and keeps the name and the colour the server gave', () => {
    const s = memory();
    s.setItem('jb.person', 'x');
    const a = identity(s);
    expect(a.person).not.toBe('x');
    rememberName('李娜', s);
    rememberColor('#2f9e44', s);
    rememberColor('red; background:url(x)', s); // not a colour: ignored
    expect(identity(s)).toEqual({ person: a.person, name: '李娜', color: '#2f9e44' });
  });

  it('derives the same palette colour from the same person id', () => {
    expect(personColor('abcdefghijklmnop')).toBe(personColor('abcdefghijklmnop'));
    expect(PALETTE).toContain(personColor('abcdefghijklmnop'));
    const colours = new Set(Array.from({ length: 60 }, (_, i) => personColor(`person-${i}-xxxxxxxxxxxx`)));
    expect(colours.size).toBeGreaterThan(6);
  });

  it('works when storage throws (blocked)', () => {
    const broken: KeyValueStore = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); } };
    expect(identity(broken).person).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('cleanName', () => {
  it('trims, caps at 64 code points and wants a visible character', () => {
    expect(cleanName('  Sam  ')).toBe('Sam');
    expect(cleanName('\u0000')).toBeNull();
    expect(cleanName('\u200b\u200d ')).toBeNull();
    expect(cleanName('')).toBeNull();
    expect([...cleanName('李'.repeat(80))!].length).toBe(64);
  });
});

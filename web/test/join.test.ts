import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../src/ui/identity';
import { AddressBar, keepToken, parseBoardLocation, takeBoardAddress } from '../src/ui/join';

const memory = (): KeyValueStore => {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => { m.set(k, v); } };
};
function bar(pathname: string, hash = '', search = ''): AddressBar & { replaced: string[] } {
  const replaced: string[] = [];
  const b = { location: { pathname, hash, search }, replaced, replace: (url: string) => { replaced.push(url); const u = new URL(url, 'http://x'); b.location = { pathname: u.pathname, hash: u.hash, search: u.search }; } };
  return b;
}

describe('the board address', () => {
  it('reads the board and token of a link', () => {
    expect(parseBoardLocation({ pathname: '/b/abc123', hash: '#t=tok-1' })).toEqual({ boardId: 'abc123', token: 'tok-1' });
    expect(parseBoardLocation({ pathname: '/b/abc123', hash: '' })).toBeNull();
    expect(parseBoardLocation({ pathname: '/x/abc123', hash: '#t=a' })).toBeNull();
  });

  it('moves the token from the address bar into the tab, and a reload finds it there', () => {
    const store = memory();
    const b = bar('/b/abc123', '#t=secret-token');
    expect(takeBoardAddress(b, store)).toEqual({ boardId: 'abc123', token: 'secret-token' });
    expect(b.replaced).toEqual(['/b/abc123']);
    // reload: no fragment any more
    expect(takeBoardAddress(b, store)).toEqual({ boardId: 'abc123', token: 'secret-token' });
    expect(b.replaced.length).toBe(1);
    // another board in the same tab has its own token
    expect(takeBoardAddress(bar('/b/other'), store)).toBeNull();
  });

  it('keeps other fragment parts and the query, and keeps the token in the address when the tab cannot store it', () => {
    const b = bar('/b/abc123', '#t=tok&x=1', '?lang=zh');
    takeBoardAddress(b, memory());
    expect(b.replaced).toEqual(['/b/abc123?lang=zh#x=1']);
    const blocked: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('blocked'); } };
    const b2 = bar('/b/abc123', '#t=tok');
    expect(takeBoardAddress(b2, blocked)).toEqual({ boardId: 'abc123', token: 'tok' });
    expect(b2.replaced).toEqual([]);
  });

  it('a new token after new links replaces the old one for the next reload', () => {
    const store = memory();
    takeBoardAddress(bar('/b/abc123', '#t=old'), store);
    keepToken('abc123', 'new', store);
    expect(takeBoardAddress(bar('/b/abc123'), store)?.token).toBe('new');
  });
});

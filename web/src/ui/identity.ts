// Who this browser is: a persistent person id (random, in localStorage, so every tab of this
// browser and every reload is the same person: removals and role changes apply to it, PROTOCOL.md
// hello.person), the display name, and the colour the server last gave this person (sent again
// in hello.color so a server that keeps colours per person can keep it; until one does, it is the
// server's colour of the last visit or one derived from the person id).
import { randomId } from '../model/ids';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Identity { person: string; name: string | null; color: string }

const PERSON_KEY = 'jb.person';
const NAME_KEY = 'jb.name';
const COLOR_KEY = 'jb.color';
const PERSON = /^[A-Za-z0-9_-]{16,64}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** The server's participant colours (Members.COLORS), so a derived colour looks like theirs. */
export const PALETTE = ['#e8590c', '#1971c2', '#2f9e44', '#c2255c', '#6741d9', '#0c8599',
  '#f08c00', '#5c940d', '#d6336c', '#364fc7', '#087f5b', '#862e9c'] as const;

/** A colour from the person id alone: the same on every device that knows the id. FNV-1a, 32 bit. */
export function personColor(person: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < person.length; i++) {
    h ^= person.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PALETTE[h % PALETTE.length];
}

/** localStorage where the browser allows it; else a store that lives as long as the page. */
export function browserStore(): KeyValueStore {
  try {
    const s = globalThis.localStorage;
    const probe = 'jb.probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    const m = new Map<string, string>();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => { m.set(k, v); } };
  }
}

function get(store: KeyValueStore, key: string): string | null {
  try { return store.getItem(key); } catch { return null; }
}
function set(store: KeyValueStore, key: string, value: string): void {
  try { store.setItem(key, value); } catch { /* storage full or blocked */ }
}

/** This browser's identity; the person id is made on the first visit. */
export function identity(store: KeyValueStore = browserStore()): Identity {
  let person = get(store, PERSON_KEY);
  if (!person || !PERSON.test(person)) {
    set(store, PERSON_KEY, randomId(22));
    // another tab may have made one at the same moment: whichever was written last wins for all
    person = get(store, PERSON_KEY);
    if (!person || !PERSON.test(person)) person = randomId(22);
  }
  const name = get(store, NAME_KEY)?.trim() || null;
  const saved = get(store, COLOR_KEY);
  return { person, name, color: saved && COLOR.test(saved) ? saved : personColor(person) };
}

export function rememberColor(color: string, store: KeyValueStore = browserStore()): void {
  if (COLOR.test(color)) set(store, COLOR_KEY, color);
}

export function rememberName(name: string, store: KeyValueStore = browserStore()): void {
  set(store, NAME_KEY, name);
}

/** A display name the server takes: 1..64 code points after trimming, with a visible character. */
export function cleanName(raw: string): string | null {
  const name = [...raw.trim()].slice(0, 64).join('');
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(name) ? name : null;
}

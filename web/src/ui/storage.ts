// What the browser remembers: boards created here (with their links), recent boards, the
// creation key. The person, name and colour are in identity.ts, a tab's board token in join.ts.
export interface KnownBoard { id: string; title: string; role?: string; links?: Record<string, string>; openedAt: number; url?: string; dataToken?: string }

const BOARDS_KEY = 'jb.boards';
const CREATE_KEY = 'jb.createKey';

function read<T>(key: string, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}
function write(key: string, v: unknown): void {
  try { localStorage.setItem(key, JSON.stringify(v)); } catch { /* storage full or blocked */ }
}

/** The server's creation key (JB_CREATE_TOKEN), once someone typed it on this device. */
export function creationKey(): string | null {
  return read<string | null>(CREATE_KEY, null);
}
export function rememberCreationKey(key: string | null): void {
  if (key) write(CREATE_KEY, key);
  else try { localStorage.removeItem(CREATE_KEY); } catch { /* ignore */ }
}

export function knownBoards(): KnownBoard[] {
  return read<KnownBoard[]>(BOARDS_KEY, []).sort((a, b) => b.openedAt - a.openedAt);
}
export function rememberBoard(b: Partial<KnownBoard> & { id: string }): void {
  const all = read<KnownBoard[]>(BOARDS_KEY, []);
  const i = all.findIndex((x) => x.id === b.id);
  const merged: KnownBoard = { ...(i >= 0 ? all[i] : { title: '', openedAt: 0 }), ...b, openedAt: Date.now() } as KnownBoard;
  if (i >= 0) all[i] = merged;
  else all.push(merged);
  write(BOARDS_KEY, all.sort((a, b2) => b2.openedAt - a.openedAt).slice(0, 30));
}
/** The board's data token (integrations), known to the facilitator who created it here or rotated its links. */
export function boardDataToken(id: string): string | undefined {
  return read<KnownBoard[]>(BOARDS_KEY, []).find((x) => x.id === id)?.dataToken;
}
export function boardLinks(id: string): Record<string, string> | undefined {
  return read<KnownBoard[]>(BOARDS_KEY, []).find((x) => x.id === id)?.links;
}
/** A deleted board leaves the recent list. */
export function forgetBoard(id: string): void {
  write(BOARDS_KEY, read<KnownBoard[]>(BOARDS_KEY, []).filter((x) => x.id !== id));
}

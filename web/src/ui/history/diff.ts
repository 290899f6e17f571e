// What changed between two points of a board (issue 17 §2: "what changed since"): which cards were
// added, removed and changed, and a document to show it on: the later board with the removed
// cards put back where they were (when their lane and stage are still there), so the map can
// outline all three. Pure: Vitest covers it.
import { BoardDoc } from '../../model/doc';
import type { BoardElement } from '../../model/types';

export type ChangeKind = 'added' | 'removed' | 'changed';
export interface CardChange { id: string; kind: ChangeKind; el: BoardElement; before: BoardElement | null }
export interface BoardDiff {
  changes: CardChange[];
  /** the later board, with the removed cards that still have a place put back */
  shown: BoardDoc;
  /** ids drawn on the map, by kind */
  kinds: Map<string, ChangeKind>;
}

const same = (a: BoardElement, b: BoardElement): boolean =>
  a.parent === b.parent && a.index === b.index && JSON.stringify(a.props) === JSON.stringify(b.props);

const isCard = (e: BoardElement): boolean => e.type === 'card' && typeof e.props.private !== 'string';

/** The cards' differences from `before` to `after`, in the later board's order of ids. */
export function diffBoards(before: BoardDoc, after: BoardDoc): BoardDiff {
  const changes: CardChange[] = [];
  for (const e of after.values()) {
    if (!isCard(e)) continue;
    const b = before.get(e.id);
    if (!b) changes.push({ id: e.id, kind: 'added', el: e, before: null });
    else if (!same(b, e)) changes.push({ id: e.id, kind: 'changed', el: e, before: b });
  }
  const back: BoardElement[] = [];
  for (const e of before.values()) {
    if (!isCard(e) || after.has(e.id)) continue;
    changes.push({ id: e.id, kind: 'removed', el: e, before: e });
    const stage = typeof e.props.stage === 'string' ? e.props.stage : null;
    if (e.parent !== null && after.has(e.parent) && stage !== null && after.has(stage)) back.push(e);
  }
  const shown = back.length ? new BoardDoc([...after.values(), ...back]) : after;
  const kinds = new Map<string, ChangeKind>();
  for (const c of changes) if (c.kind !== 'removed' || shown.has(c.id)) kinds.set(c.id, c.kind);
  return { changes, shown, kinds };
}

/** What differs in a changed card: its property names, "moved" for another cell or place. */
export function changedFields(c: CardChange): string[] {
  if (c.kind !== 'changed' || !c.before) return [];
  const a = c.before.props, b = c.el.props;
  const out: string[] = [];
  if (c.before.parent !== c.el.parent || c.before.index !== c.el.index || a.stage !== b.stage) out.push('moved');
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k !== 'stage' && JSON.stringify(a[k]) !== JSON.stringify(b[k])) out.push(k);
  }
  return out;
}

/** Per board, the seq I saw last (localStorage), read once at a visit's start. */
const SEEN_KEY = (boardId: string) => `jb.seen.${boardId}`;

export function lastSeen(boardId: string, store: Pick<Storage, 'getItem'> = localStorage): number | null {
  try {
    const v = Number(store.getItem(SEEN_KEY(boardId)));
    return Number.isSafeInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function rememberSeen(boardId: string, seq: number, store: Pick<Storage, 'setItem'> = localStorage): void {
  try { store.setItem(SEEN_KEY(boardId), String(seq)); } catch { /* storage full or blocked */ }
}

// Keyboard navigation over the map: Tab order (the cards in reading order, lane by lane and stage
// by stage, then the free items) and the neighbour of a card in an arrow's direction (the
// nearest card whose centre lies that way, straight lines preferred).
import type { BoardDoc } from '../model/doc';
import { freeBounds, GridLayout, Rect } from './layout';

export type Direction = 'left' | 'right' | 'up' | 'down';

/** Ids in Tab order: cards lane by lane, each lane stage by stage, then free items with a box. */
export function tabOrder(L: GridLayout): string[] {
  const cards = [...L.cards].sort((a, b) => a.lane.i - b.lane.i || a.stage.i - b.stage.i || a.slot - b.slot);
  return [...cards.map((b) => b.el.id), ...L.free.filter((f) => f.type !== 'connector').map((f) => f.id)];
}

/** The next (or previous) id after `current` in Tab order; the first (last) one without current; null past the end. */
export function nextInOrder(L: GridLayout, current: string | null, back: boolean): string | null {
  const order = tabOrder(L);
  if (!order.length) return null;
  const i = current ? order.indexOf(current) : -1;
  if (i < 0) return back ? order[order.length - 1] : order[0];
  const j = i + (back ? -1 : 1);
  return j >= 0 && j < order.length ? order[j] : null;
}

const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** The card (or free item) nearest to `current` in direction dir, or null at the edge. */
export function neighbour(doc: BoardDoc, L: GridLayout, current: string, dir: Direction): string | null {
  const rectOf = (id: string): Rect | null => L.cardById.get(id) ?? (doc.get(id) ? freeBounds(doc.get(id)!, doc, L) : null);
  const from = rectOf(current);
  if (!from) return null;
  const c = centre(from);
  let best: string | null = null;
  let bestScore = Infinity;
  const consider = (id: string, r: Rect) => {
    if (id === current) return;
    const p = centre(r);
    const dx = p.x - c.x, dy = p.y - c.y;
    const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
    const across = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) return;
    // prefer what lies straight that way: sideways distance counts thrice
    const score = along + 3 * across;
    if (score < bestScore) { bestScore = score; best = id; }
  };
  for (const b of L.cards) consider(b.el.id, b);
  for (const f of L.free) {
    if (f.type === 'connector') continue;
    const r = freeBounds(f, doc, L);
    if (r) consider(f.id, r);
  }
  return best;
}

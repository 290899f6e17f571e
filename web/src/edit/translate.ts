// Moving free items: what moves with a drag, the updates of x/y, and frames (an item dropped
// entirely inside a shape joins it; dropped outside its frame, it leaves).
import type { BoardDoc } from '../model/doc';
import type { BoardElement, Op } from '../model/types';
import { freeBounds, Rect } from '../render/layout';
import { round1 } from './geometry';
import { nextChildIndex } from './indices';

// stages and lanes stay put; connectors follow their ends
const notDragged = (t: string) => t === 'stage' || t === 'lane' || t === 'connector';

/**
 * Ids that move with a drag of el: the selection (if el is in it) of el's kind (cards with cards,
 * free items with free items; connectors follow their ends), plus the children of moved frames.
 */
export function dragIds(doc: BoardDoc, selection: ReadonlySet<string>, el: BoardElement): Set<string> {
  const base = selection.has(el.id) ? [...selection] : [el.id];
  const ids = new Set<string>();
  for (const id of base) {
    const e = doc.get(id);
    if (!e || notDragged(e.type)) continue;
    if (el.type === 'card' ? e.type !== 'card' && e.type !== 'sticky' && e.type !== 'text' && e.type !== 'shape' && e.type !== 'ink' : e.type === 'card') continue;
    ids.add(id);
  }
  const queue = [...ids].filter((id) => doc.get(id)?.type === 'shape');
  while (queue.length) {
    const sid = queue.pop()!;
    for (const c of doc.values()) {
      if (c.parent === sid && !ids.has(c.id) && c.type !== 'connector') {
        ids.add(c.id);
        if (c.type === 'shape') queue.push(c.id);
      }
    }
  }
  return ids;
}

/** The smallest shape (not among exclude) that fully contains r. */
export function frameAt(doc: BoardDoc, r: Rect, exclude: ReadonlySet<string>): BoardElement | null {
  let best: BoardElement | null = null;
  let bestArea = Infinity;
  for (const e of doc.values()) {
    if (e.type !== 'shape' || exclude.has(e.id)) continue;
    const b = freeBounds(e, doc, null)!;
    if (r.x >= b.x && r.y >= b.y && r.x + r.w <= b.x + b.w && r.y + r.h <= b.y + b.h && b.w * b.h < bestArea) {
      best = e;
      bestArea = b.w * b.h;
    }
  }
  return best;
}

/** Updates of x/y by (dx, dy) for the free items among ids, and moves into or out of frames. */
export function translateOps(doc: BoardDoc, ids: ReadonlySet<string>, dx: number, dy: number): Op[] {
  if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) return [];
  const ops: Op[] = [];
  for (const id of ids) {
    const el = doc.get(id);
    if (!el || el.type === 'card' || typeof el.props.x !== 'number' || typeof el.props.y !== 'number') continue;
    ops.push({ op: 'update', id, set: { x: round1(el.props.x + dx), y: round1(el.props.y + dy) } });
  }
  for (const id of ids) {
    const el = doc.get(id);
    // an item whose frame moves along stays in it
    if (!el || el.type === 'card' || el.type === 'connector' || (el.parent !== null && ids.has(el.parent))) continue;
    const r0 = freeBounds(el, doc, null);
    if (!r0) continue;
    const frame = frameAt(doc, { ...r0, x: r0.x + dx, y: r0.y + dy }, ids);
    const target = frame?.id ?? null;
    if (target !== el.parent) ops.push({ op: 'move', id, parent: target, index: nextChildIndex(doc, target) });
  }
  return ops;
}

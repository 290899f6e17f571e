// New free items: a sticky or text box (inside the frame it is drawn in), a shape from a drag, a
// connector between two items, an ink stroke, a sticky from pasted plain text.
import type { BoardDoc } from '../model/doc';
import type { Op } from '../model/types';
import type { Rect } from '../render/layout';
import { normRect, round1 } from './geometry';
import { nextChildIndex, nextFreeIndex } from './indices';
import { frameAt } from './translate';

export interface NewFreeText {
  type: 'sticky' | 'text';
  rect: Rect;
  /** the frame the box opens in, or null */
  parent: string | null;
  index: string;
}

/** A sticky (180×140) or text box (240×36) with its top-left at (x, y). */
export function newFreeTextAt(doc: BoardDoc, type: 'sticky' | 'text', x: number, y: number): NewFreeText {
  const rect = type === 'sticky' ? { x, y, w: 180, h: 140 } : { x, y, w: 240, h: 36 };
  const parent = frameAt(doc, rect, new Set())?.id ?? null;
  const index = parent ? nextChildIndex(doc, parent) : nextFreeIndex(doc);
  return { type, rect, parent, index };
}

/** The create op of a new sticky or text box with its text; none for empty text. */
export function createFreeTextOps(id: string, item: NewFreeText, text: string): Op[] {
  if (!text.trim()) return [];
  const { type, rect } = item;
  return [{ op: 'create', id, type, parent: item.parent, index: item.index, props: { x: round1(rect.x), y: round1(rect.y), w: rect.w, h: rect.h, text, ...(type === 'text' ? { size: 20 } : {}) } }];
}

/** A shape dragged from (x0, y0) to (x1, y1); a click (under 12 px) gives a 160×100 one around it. */
export function createShapeOps(doc: BoardDoc, id: string, shape: 'rect' | 'ellipse', x0: number, y0: number, x1: number, y1: number): Op[] {
  let r = normRect(x0, y0, x1, y1);
  if (r.w < 12 || r.h < 12) r = { x: x0 - 80, y: y0 - 50, w: 160, h: 100 };
  return [{ op: 'create', id, type: 'shape', parent: null, index: nextFreeIndex(doc), props: { shape, x: round1(r.x), y: round1(r.y), w: round1(r.w), h: round1(r.h) } }];
}

export function createConnectorOps(doc: BoardDoc, id: string, from: string, to: string): Op[] {
  return [{ op: 'create', id, type: 'connector', parent: null, index: nextFreeIndex(doc), props: { from, to } }];
}

/** An ink stroke through world points (x0, y0, x1, y1, …), at most 1000 points kept. */
export function createInkOps(doc: BoardDoc, id: string, points: readonly number[], color: string, size = 3): Op[] {
  const pts = simplify(points, 1000);
  const x0 = pts[0], y0 = pts[1];
  const rel = pts.map((v, i) => round1(v - (i % 2 === 0 ? x0 : y0)));
  return [{ op: 'create', id, type: 'ink', parent: null, index: nextFreeIndex(doc), props: { x: round1(x0), y: round1(y0), points: rel, size, color } }];
}

/** Pasted plain text becomes a sticky centred on the point (text cut to the board's text limit). */
export function createStickyFromTextOps(doc: BoardDoc, id: string, at: { x: number; y: number }, text: string, maxTextLength: number): Op[] {
  return [{ op: 'create', id, type: 'sticky', parent: null, index: nextFreeIndex(doc), props: { x: round1(at.x - 90), y: round1(at.y - 70), w: 180, h: 140, text: text.slice(0, maxTextLength) } }];
}

/** Keeps at most max points of a polyline (flat list x0,y0,x1,y1…), first and last kept. */
export function simplify(pts: readonly number[], max: number): number[] {
  const n = pts.length / 2;
  if (n <= max) return pts.length >= 2 ? [...pts] : [0, 0];
  const out: number[] = [];
  for (let i = 0; i < max; i++) {
    const j = Math.round((i * (n - 1)) / (max - 1));
    out.push(pts[2 * j], pts[2 * j + 1]);
  }
  return out;
}

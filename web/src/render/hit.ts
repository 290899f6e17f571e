// Hit testing, the inverse of drawing: which element is under a world point (free items over the
// sticky headers over cards), the "+" buttons and the resize handle of a selected item.
import type { BoardDoc } from '../model/doc';
import type { BoardElement } from '../model/types';
import { addButtonRects } from './headers';
import { elementBounds, freeBounds, GridLayout, Rect } from './layout';
import { headerAt, NATURAL, Sticky } from './sticky';

/** Top-most element under a world point; tolerances are 6 screen pixels at the given zoom. */
export function hitTest(doc: BoardDoc, L: GridLayout, x: number, y: number, zoom: number, sticky: Sticky = NATURAL): BoardElement | null {
  const tol = 6 / zoom;
  for (let i = L.free.length - 1; i >= 0; i--) {
    const el = L.free[i];
    if (el.type === 'connector') {
      if (hitConnector(doc, L, el, x, y, tol)) return el;
      continue;
    }
    const r = freeBounds(el, doc, L);
    if (!r || x < r.x - tol || x > r.x + r.w + tol || y < r.y - tol || y > r.y + r.h + tol) continue;
    if (el.type === 'ink' && !hitInk(el, x, y, tol + ((el.props.size as number) ?? 3))) continue;
    if (el.type === 'shape' && insideFrame(doc, el, x, y, tol)) continue;
    return el;
  }
  const header = headerAt(L, sticky, x, y);
  if (header) return header.id ? doc.get(header.id) ?? null : null;
  for (let i = L.cards.length - 1; i >= 0; i--) {
    const b = L.cards[i];
    if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return b.el;
  }
  return null;
}

/** A large shape works as a frame: it is grabbed by its border only, not inside. */
function insideFrame(doc: BoardDoc, el: BoardElement, x: number, y: number, tol: number): boolean {
  const r = freeBounds(el, doc, null)!;
  if (r.w < 240 || r.h < 160) return false;
  return x > r.x + 16 + tol && x < r.x + r.w - 16 - tol && y > r.y + 16 + tol && y < r.y + r.h - 16 - tol;
}

function hitConnector(doc: BoardDoc, L: GridLayout, el: BoardElement, x: number, y: number, tol: number): boolean {
  const a = elementBounds(doc.get(el.props.from as string), doc, L);
  const b = elementBounds(doc.get(el.props.to as string), doc, L);
  if (!a || !b) return false;
  return distToSegment(x, y, a.x + a.w / 2, a.y + a.h / 2, b.x + b.w / 2, b.y + b.h / 2) <= tol + 2;
}

function hitInk(el: BoardElement, x: number, y: number, tol: number): boolean {
  const pts = el.props.points as number[];
  const ox = el.props.x as number, oy = el.props.y as number;
  if (pts.length === 2) return Math.hypot(ox + pts[0] - x, oy + pts[1] - y) <= tol;
  for (let i = 0; i + 3 < pts.length; i += 2) {
    if (distToSegment(x, y, ox + pts[i], oy + pts[i + 1], ox + pts[i + 2], oy + pts[i + 3]) <= tol) return true;
  }
  return false;
}

/** The "+" button (new stage or lane) under a world point. */
export function hitAddButton(L: GridLayout, x: number, y: number, sticky: Sticky = NATURAL): 'stage' | 'lane' | null {
  const b = addButtonRects(L, sticky);
  const inR = (r: Rect) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
  return inR(b.stage) ? 'stage' : inR(b.lane) ? 'lane' : null;
}

/** The id of the one selected sticky, text or shape whose resize handle is under the point. */
export function hitResizeHandle(doc: BoardDoc, selection: ReadonlySet<string>, x: number, y: number, zoom: number): string | null {
  if (selection.size !== 1) return null;
  const id = [...selection][0];
  const el = doc.get(id);
  if (!el || (el.type !== 'sticky' && el.type !== 'text' && el.type !== 'shape')) return null;
  const r = freeBounds(el, doc, null)!;
  const hs = 10 / zoom;
  return Math.abs(x - (r.x + r.w)) <= hs && Math.abs(y - (r.y + r.h)) <= hs ? id : null;
}

export function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t0 = l2 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  t0 = Math.max(0, Math.min(1, t0));
  return Math.hypot(px - (ax + t0 * dx), py - (ay + t0 * dy));
}

// The comment badge: a speech bubble with the number of open threads at the top-right corner of
// a card or free item. Comments are children of the item they are on (a `comment` without
// `replyTo` is a thread; one without `resolved` is open). The bubble keeps a readable screen size
// at low zoom (it grows in world units as the zoom shrinks), so a facilitator zoomed out over a
// large board still sees where discussions are open. Only on screen (chrome), not in the PNG.
import type { BoardDoc } from '../model/doc';
import { FONT_FAMILY, freeBounds, rectsIntersect } from './layout';
import type { Rect } from './layout';
import type { Scene } from './scene';

export const COMMENT_BADGE_COLOR = '#1c7ed6';

/** A drawn bubble, in world coordinates (the UI opens the item's threads on a click there; tests read it). */
export interface DrawnCommentBadge { id: string; open: number; rect: Rect }

const cache = new WeakMap<BoardDoc, { version: number; counts: Map<string, number> }>();

/** Open threads per item id (items without any are absent); cached per document version. */
export function openThreadCounts(doc: BoardDoc): ReadonlyMap<string, number> {
  const hit = cache.get(doc);
  if (hit && hit.version === doc.version) return hit.counts;
  const counts = new Map<string, number>();
  for (const e of doc.values()) {
    if (e.type !== 'comment' || e.parent === null || e.props.replyTo !== undefined || e.props.resolved === true) continue;
    counts.set(e.parent, (counts.get(e.parent) ?? 0) + 1);
  }
  cache.set(doc, { version: doc.version, counts });
  return counts;
}

/** Where the bubble of an item with bounds r goes at zoom z, over its top-right corner: 24 × 18 world units, and never under 24 × 18 screen pixels (down to zoom 0.04). */
export function commentBadgeRect(r: Rect, z: number): Rect {
  const k = Math.max(1, Math.min(25, 1 / z));
  const w = 24 * k, h = 18 * k;
  return { x: r.x + r.w - w * 0.75, y: r.y - h * 0.55, w, h };
}

export function drawCommentBadges(ctx: CanvasRenderingContext2D, s: Scene, view: Rect): DrawnCommentBadge[] {
  const counts = openThreadCounts(s.doc);
  const out: DrawnCommentBadge[] = [];
  if (!counts.size) return out;
  const z = s.camera.zoom;
  const drag = s.overlay.drag;
  ctx.save();
  for (const [id, open] of counts) {
    const el = s.doc.get(id);
    if (!el) continue;
    let r: Rect | null = el.type === 'card' ? s.layout.cardById.get(id) ?? null : freeBounds(el, s.doc, s.layout);
    if (!r) continue;
    if (drag?.ids.has(id)) r = { ...r, x: r.x + drag.dx, y: r.y + drag.dy };
    const b = commentBadgeRect(r, z);
    if (!rectsIntersect(b, view)) continue;
    bubble(ctx, b, open > 99 ? '99+' : String(open));
    out.push({ id, open, rect: b });
  }
  ctx.restore();
  return out;
}

function bubble(ctx: CanvasRenderingContext2D, b: Rect, label: string): void {
  const k = b.h / 18;
  ctx.fillStyle = COMMENT_BADGE_COLOR;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.5 * k;
  ctx.beginPath();
  ctx.roundRect(b.x, b.y, b.w, b.h, 6 * k);
  // the tail that makes it a speech bubble
  ctx.moveTo(b.x + 5 * k, b.y + b.h - 1);
  ctx.lineTo(b.x + 3 * k, b.y + b.h + 5 * k);
  ctx.lineTo(b.x + 11 * k, b.y + b.h - 1);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.font = `700 ${11 * k}px ${FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, b.x + b.w / 2, b.y + b.h / 2 + 0.5 * k);
}

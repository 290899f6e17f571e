// Marks of the action loop on the map, in world coordinates: the TOP key points (an orange-red
// outline and a "TOP n" tag, on screen and in the PNG, as in the server's SVG and PDF), and for an
// editor the cells their department may not edit (dimmed; the cells come from the document's
// scope rule, see ui/departments/guard.ts).
import { Rect, rectsIntersect } from './layout';
import type { Scene } from './scene';
import { drawTag, type TagStyle } from './tag';

/** The colour of TOP key points (Java handoff.Theme.TOP). */
export const TOP_COLOR = '#d9480f';
const TOP_TAG: TagStyle = { font: '700 11px', color: TOP_COLOR, height: 16, pad: 12 };

export function drawPlanMarks(ctx: CanvasRenderingContext2D, s: Scene, view: Rect): void {
  const z = s.camera.zoom;
  ctx.save();
  for (const r of s.outOfScope ?? []) {
    if (!rectsIntersect(r, view)) continue;
    ctx.fillStyle = 'rgba(73,80,87,0.16)';
    ctx.fillRect(r.x, r.y, r.w, r.h);
    // diagonal hatching says "not yours" without a colour of its own
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.clip();
    ctx.strokeStyle = 'rgba(73,80,87,0.18)';
    ctx.lineWidth = 1 / z;
    ctx.beginPath();
    for (let d = -r.h; d < r.w; d += 18) {
      ctx.moveTo(r.x + d, r.y + r.h);
      ctx.lineTo(r.x + d + r.h, r.y);
    }
    ctx.stroke();
    ctx.restore();
  }
  const drag = s.overlay.drag;
  for (const b of s.layout.cards) {
    const top = b.el.props.top;
    if (typeof top !== 'number' || !Number.isInteger(top) || top < 1) continue;
    const x = b.x + (drag?.ids.has(b.el.id) ? drag.dx : 0), y = b.y + (drag?.ids.has(b.el.id) ? drag.dy : 0);
    if (!rectsIntersect({ x: x - 4, y: y - 12, w: b.w + 8, h: b.h + 16 }, view)) continue;
    ctx.strokeStyle = TOP_COLOR;
    ctx.lineWidth = Math.max(2.5, 2 / z);
    ctx.beginPath();
    ctx.roundRect(x - 1.5, y - 1.5, b.w + 3, b.h + 3, 9);
    ctx.stroke();
    if (z < 0.3) continue;
    drawTag(ctx, `TOP ${top}`, x + 8, y - 9, TOP_TAG);
  }
  ctx.restore();
}

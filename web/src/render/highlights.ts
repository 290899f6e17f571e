// The render hook of "what changed since" (issue 17 §2): cards outlined in the colour of how they
// changed. The UI decides what changed (ui/history/diff.ts) and passes id → colour in the scene;
// removed cards are drawn faded under a dashed outline, so they read as "no longer there".
import { Rect, rectsIntersect } from './layout';
import type { Scene } from './scene';

/** One highlighted card: its outline colour, and whether it is gone (dashed, faded). */
export interface Highlight { color: string; removed?: boolean }

export function drawHighlights(ctx: CanvasRenderingContext2D, s: Scene, view: Rect): void {
  const marks = s.highlights;
  if (!marks || marks.size === 0) return;
  const z = s.camera.zoom;
  ctx.save();
  for (const [id, m] of marks) {
    const b = s.layout.cardById.get(id);
    if (!b || !rectsIntersect({ x: b.x - 6, y: b.y - 6, w: b.w + 12, h: b.h + 12 }, view)) continue;
    if (m.removed) {
      ctx.fillStyle = 'rgba(255,255,255,0.6)';
      ctx.fillRect(b.x, b.y, b.w, b.h);
    }
    ctx.strokeStyle = m.color;
    ctx.lineWidth = Math.max(3, 2.5 / z);
    ctx.setLineDash(m.removed ? [8 / Math.max(z, 0.4), 5 / Math.max(z, 0.4)] : []);
    ctx.strokeRect(b.x - 4, b.y - 4, b.w + 8, b.h + 8);
  }
  ctx.restore();
}

// Small canvas path helpers shared by the drawing modules.
import type { Rect } from './layout';

export function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, Math.min(r, w / 2, h / 2));
}

export function outline(ctx: CanvasRenderingContext2D, r: Rect, color: string, width: number, radius: number): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  if (radius > 0) {
    roundRect(ctx, r.x, r.y, r.w, r.h, radius);
    ctx.stroke();
  } else ctx.strokeRect(r.x, r.y, r.w, r.h);
}

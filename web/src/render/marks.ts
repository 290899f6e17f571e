// Facilitation marks on the canvas, in world coordinates: lock icons on locked stages, lanes and
// items, the dashed frame and tag of private items, the frame of the lanes being voted on, and my
// dots on cards during a vote.
import { FONT_FAMILY, freeBounds, G } from './layout';
import type { FacilitationMarks, Scene } from './scene';
import type { Sticky } from './sticky';
import { drawTag, type TagStyle } from './tag';

const DOT_COLOR = '#7048e8';
const PRIVATE_COLOR = '#7048e8';
const PRIVATE_TAG: TagStyle = { font: '600 10px', color: PRIVATE_COLOR, height: 15, pad: 10 };

export function drawMarks(ctx: CanvasRenderingContext2D, s: Scene, marks: FacilitationMarks, sticky: Sticky): void {
  const L = s.layout;
  const zoom = s.camera.zoom;
  const vote = marks.vote;
  ctx.save();
  // the icons keep a readable screen size on the headers (drawn where the sticky rule puts them)
  const k = Math.max(1, Math.min(3, 0.8 / zoom));
  for (const st of L.stages) if (st.el.props.locked === true) lockIcon(ctx, st.x + st.w - 26 * k, sticky.top + 14 * Math.min(k, 1.6), k);
  for (const ln of L.lanes) if (ln.el.props.locked === true) lockIcon(ctx, sticky.left + G.headerW - 26 * k, Math.max(ln.y, sticky.top + G.headerH) + 8, k);
  if (vote) {
    // the lanes being voted on get a soft frame
    ctx.strokeStyle = 'rgba(112,72,232,0.55)';
    ctx.lineWidth = 2 / zoom;
    for (const ln of L.lanes) if (vote.lanes.includes(ln.el.id)) ctx.strokeRect(ln.x + 1 / zoom, ln.y + 1 / zoom, ln.w - 2 / zoom, ln.h - 2 / zoom);
  }
  if (zoom >= 0.25) {
    const kc = Math.max(1, Math.min(2, 0.6 / zoom));
    for (const b of L.cards) {
      const p = b.el.props;
      if (p.private !== undefined) privateMark(ctx, b.x, b.y, b.w, b.h, zoom, s.labels.privateMark);
      if (p.locked === true) lockIcon(ctx, b.x + b.w - 22 * kc - (p.mot === true ? 24 * kc : 0), b.y + 6, kc);
      const dots = vote ? vote.mine[b.el.id] ?? 0 : 0;
      if (dots > 0) drawDots(ctx, b.x + b.w - 8, b.y + b.h - 10, dots);
    }
  }
  for (const el of L.free) {
    if (el.props.locked !== true && el.props.private === undefined) continue;
    const r = freeBounds(el, s.doc, L);
    if (!r) continue;
    if (el.props.private !== undefined && el.type !== 'connector' && el.type !== 'ink') privateMark(ctx, r.x, r.y, r.w, r.h, zoom, s.labels.privateMark);
    if (el.props.locked === true) lockIcon(ctx, r.x + r.w - 20, r.y + 4);
  }
  ctx.restore();
}

/** A padlock with its top-left at (x, y), k times its 14 px size. */
function lockIcon(ctx: CanvasRenderingContext2D, x: number, y: number, k = 1): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(k, k);
  x = 0;
  y = 0;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.beginPath();
  ctx.roundRect(x - 2, y - 2, 18, 20, 5);
  ctx.fill();
  ctx.strokeStyle = '#495057';
  ctx.fillStyle = '#495057';
  ctx.lineWidth = 1.8;
  ctx.beginPath();
  ctx.arc(x + 7, y + 7, 4, Math.PI, 0);
  ctx.lineTo(x + 11, y + 9);
  ctx.moveTo(x + 3, y + 9);
  ctx.lineTo(x + 3, y + 7);
  ctx.stroke();
  ctx.beginPath();
  ctx.roundRect(x + 1, y + 8.5, 12, 8, 2);
  ctx.fill();
  ctx.restore();
}

function privateMark(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, zoom: number, label: string): void {
  ctx.save();
  ctx.strokeStyle = PRIVATE_COLOR;
  ctx.lineWidth = 1.5 / zoom;
  ctx.setLineDash([5 / zoom, 4 / zoom]);
  ctx.beginPath();
  ctx.roundRect(x - 3, y - 3, w + 6, h + 6, 10);
  ctx.stroke();
  ctx.setLineDash([]);
  drawTag(ctx, label, x + 6, y - 9, PRIVATE_TAG);
  ctx.restore();
}

/** n dots, right-aligned, ending at (xr, y). */
function drawDots(ctx: CanvasRenderingContext2D, xr: number, y: number, n: number): void {
  const r = 5;
  const shown = Math.min(n, 6);
  ctx.fillStyle = DOT_COLOR;
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1.5;
  for (let i = 0; i < shown; i++) {
    ctx.beginPath();
    ctx.arc(xr - r - i * (2 * r + 3), y, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
  if (n > shown) {
    ctx.font = `600 10px ${FONT_FAMILY}`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(`+${n - shown}`, xr - shown * (2 * r + 3) - 2, y);
  }
}

// Free canvas items: sticky notes, text, shapes (frames), ink strokes and connector arrows, with
// their selection outline and resize handle.
import type { BoardElement } from '../model/types';
import { BADGE_FONT } from './cards';
import { elementBounds, FONT_FAMILY, freeBounds, Rect, rectsIntersect } from './layout';
import { outline, roundRect } from './paint';
import type { Scene } from './scene';
import type { TextLayout } from './text';
import { COLORS, textOn } from './theme';

export function drawFree(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, text: TextLayout): void {
  const z = s.camera.zoom;
  const drag = s.overlay.drag;
  for (const el of s.layout.free) {
    let r = freeBounds(el, s.doc, s.layout);
    if (!r) continue;
    if (drag && drag.ids.has(el.id)) r = { ...r, x: r.x + drag.dx, y: r.y + drag.dy };
    if (s.overlay.resize && s.overlay.resize.id === el.id) r = { ...r, w: s.overlay.resize.w, h: s.overlay.resize.h };
    if (el.type !== 'connector' && !rectsIntersect(r, view)) continue;
    drawFreeItem(ctx, el, r, s, text);
    if (s.chrome && el.type === 'connector' && s.selection.has(el.id)) {
      ctx.save();
      ctx.globalAlpha = 0.45;
      ctx.lineWidth = 6 / z;
      const a = elementBounds(s.doc.get(el.props.from as string), s.doc, s.layout);
      const b = elementBounds(s.doc.get(el.props.to as string), s.doc, s.layout);
      if (a && b) {
        ctx.strokeStyle = COLORS.select;
        ctx.beginPath();
        ctx.moveTo(a.x + a.w / 2, a.y + a.h / 2);
        ctx.lineTo(b.x + b.w / 2, b.y + b.h / 2);
        ctx.stroke();
      }
      ctx.restore();
    } else if (s.chrome && s.selection.has(el.id)) {
      outline(ctx, { x: r.x - 3, y: r.y - 3, w: r.w + 6, h: r.h + 6 }, COLORS.select, 1.5 / z, 4);
      if (s.selection.size === 1 && s.canEdit && (el.type === 'sticky' || el.type === 'text' || el.type === 'shape')) {
        const hs = 10 / z;
        ctx.fillStyle = '#fff';
        ctx.strokeStyle = COLORS.select;
        ctx.lineWidth = 1.5 / z;
        ctx.fillRect(r.x + r.w - hs / 2, r.y + r.h - hs / 2, hs, hs);
        ctx.strokeRect(r.x + r.w - hs / 2, r.y + r.h - hs / 2, hs, hs);
      }
    }
  }
}

export function drawFreeItem(ctx: CanvasRenderingContext2D, el: BoardElement, r: Rect, s: Scene, text: TextLayout): void {
  const p = el.props;
  const editing = s.editingId === el.id;
  switch (el.type) {
    case 'sticky': {
      const fill = (p.color as string) ?? '#fff3bf';
      ctx.shadowColor = 'rgba(0,0,0,0.15)';
      ctx.shadowBlur = 8;
      ctx.shadowOffsetY = 3;
      ctx.fillStyle = fill;
      ctx.fillRect(r.x, r.y, r.w, r.h);
      ctx.shadowColor = 'transparent';
      ctx.shadowBlur = 0;
      ctx.shadowOffsetY = 0;
      if (!editing) drawTextBlock(ctx, text, (p.text as string) ?? '', `15px ${FONT_FAMILY}`, 20, r, textOn(fill), 'left');
      if (typeof p.votes === 'number' && p.votes > 0) {
        ctx.font = BADGE_FONT;
        ctx.fillStyle = '#1864ab';
        ctx.textAlign = 'right';
        ctx.fillText(`▲ ${p.votes}`, r.x + r.w - 8, r.y + r.h - 10);
      }
      break;
    }
    case 'text': {
      const size = (p.size as number) ?? 20;
      if (!editing) drawTextBlock(ctx, text, (p.text as string) ?? '', `${size}px ${FONT_FAMILY}`, size * 1.3, { ...r, x: r.x - 10, y: r.y - 10, w: r.w + 20, h: r.h + 20 }, (p.color as string) ?? '#212529', 'left');
      break;
    }
    case 'shape': {
      const color = (p.color as string) ?? '#495057';
      ctx.lineWidth = 2;
      ctx.strokeStyle = color;
      ctx.fillStyle = color + '14';
      ctx.beginPath();
      if (p.shape === 'ellipse') ctx.ellipse(r.x + r.w / 2, r.y + r.h / 2, r.w / 2, r.h / 2, 0, 0, Math.PI * 2);
      else roundRect(ctx, r.x, r.y, r.w, r.h, 6);
      ctx.fill();
      ctx.stroke();
      if (!editing && p.text) drawTextBlock(ctx, text, p.text as string, `15px ${FONT_FAMILY}`, 20, r, '#212529', 'center');
      break;
    }
    case 'ink': {
      const pts = (p.points as number[]) ?? [];
      const ox = (p.x as number) ?? 0, oy = (p.y as number) ?? 0;
      ctx.strokeStyle = (p.color as string) ?? '#212529';
      ctx.lineWidth = (p.size as number) ?? 3;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.beginPath();
      for (let i = 0; i + 1 < pts.length; i += 2) {
        if (i === 0) ctx.moveTo(ox + pts[i], oy + pts[i + 1]);
        else ctx.lineTo(ox + pts[i], oy + pts[i + 1]);
      }
      if (pts.length === 2) ctx.lineTo(ox + pts[0] + 0.1, oy + pts[1]);
      ctx.stroke();
      break;
    }
    case 'connector': {
      const a = elementBounds(s.doc.get(p.from as string), s.doc, s.layout);
      const b = elementBounds(s.doc.get(p.to as string), s.doc, s.layout);
      if (!a || !b) break;
      const d = s.overlay.drag;
      const shift = (id: string, q: Rect) => (d && d.ids.has(id) ? { ...q, x: q.x + d.dx, y: q.y + d.dy } : q);
      const isEllipse = (id: string) => s.doc.get(id)?.props.shape === 'ellipse';
      drawArrow(ctx, shift(p.from as string, a), shift(p.to as string, b), (p.color as string) ?? '#495057', isEllipse(p.from as string), isEllipse(p.to as string));
      break;
    }
  }
}

function drawArrow(ctx: CanvasRenderingContext2D, a: Rect, b: Rect, color: string, aEllipse = false, bEllipse = false): void {
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const p0 = aEllipse ? clipToEllipse(cb, ca, a) : clipToRect(cb, ca, a);
  const p1 = bEllipse ? clipToEllipse(ca, cb, b) : clipToRect(ca, cb, b);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(p0.x, p0.y);
  ctx.lineTo(p1.x, p1.y);
  ctx.stroke();
  const ang = Math.atan2(p1.y - p0.y, p1.x - p0.x);
  ctx.beginPath();
  ctx.moveTo(p1.x, p1.y);
  ctx.lineTo(p1.x - 12 * Math.cos(ang - 0.4), p1.y - 12 * Math.sin(ang - 0.4));
  ctx.lineTo(p1.x - 12 * Math.cos(ang + 0.4), p1.y - 12 * Math.sin(ang + 0.4));
  ctx.closePath();
  ctx.fill();
}

function drawTextBlock(ctx: CanvasRenderingContext2D, text: TextLayout, s: string, font: string, lineH: number, r: Rect, color: string, align: 'left' | 'center'): void {
  const pad = 10;
  const maxLines = Math.max(1, Math.floor((r.h - 2 * pad) / lineH));
  const lines = text.wrap(s, font, Math.max(10, r.w - 2 * pad), maxLines);
  ctx.font = font;
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  ctx.textAlign = align;
  const top = align === 'center' ? r.y + (r.h - lines.length * lineH) / 2 : r.y + pad;
  const x = align === 'center' ? r.x + r.w / 2 : r.x + pad;
  for (let i = 0; i < lines.length; i++) ctx.fillText(lines[i], x, top + i * lineH + lineH / 2);
}

type Pt = { x: number; y: number };

/** Scales the offset from center towards from by k (the point on the border where k is the border's reach). */
const towards = (center: Pt, dx: number, dy: number, k: number): Pt => ({ x: center.x + dx * k, y: center.y + dy * k });

/** The point where the segment from outside point `from` to the centre of r crosses r's border. */
export function clipToRect(from: Pt, center: Pt, r: Rect): Pt {
  const dx = from.x - center.x, dy = from.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const sx = dx !== 0 ? r.w / 2 / Math.abs(dx) : Infinity;
  const sy = dy !== 0 ? r.h / 2 / Math.abs(dy) : Infinity;
  return towards(center, dx, dy, Math.min(sx, sy, 1));
}

/** Like clipToRect for the ellipse inscribed in r. */
export function clipToEllipse(from: Pt, center: Pt, r: Rect): Pt {
  const dx = from.x - center.x, dy = from.y - center.y;
  const a = r.w / 2, b = r.h / 2;
  const k = Math.sqrt((dx * dx) / (a * a) + (dy * dy) / (b * b));
  if (!(k > 1)) return center;
  return towards(center, dx, dy, 1 / k);
}

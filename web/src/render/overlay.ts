// What is not part of the document: the feedback of my gesture in progress (drop target, box
// selection, connector, ink and shape being drawn) and the other people's selections and cursors.
import { elementBounds, FONT_FAMILY, Rect } from './layout';
import { outline, roundRect } from './paint';
import type { PeerView, Scene } from './scene';
import type { TextLayout } from './text';
import { COLORS, textOn } from './theme';

export function drawOverlay(ctx: CanvasRenderingContext2D, s: Scene): void {
  const o = s.overlay;
  const z = s.camera.zoom;
  if (o.dropCell) highlight(ctx, o.dropCell, 1.5 / z);
  if (o.dropLine) {
    ctx.fillStyle = COLORS.select;
    ctx.fillRect(o.dropLine.x, o.dropLine.y - 1.5 / z, o.dropLine.w, 3 / z);
  }
  if (o.reorder) {
    ctx.fillStyle = 'rgba(34,139,230,0.10)';
    ctx.fillRect(o.reorder.x, o.reorder.y, o.reorder.w, o.reorder.h);
    outline(ctx, o.reorder, COLORS.select, 1.5 / z, 0);
  }
  if (o.dropBar) {
    ctx.fillStyle = COLORS.select;
    ctx.fillRect(o.dropBar.x, o.dropBar.y, o.dropBar.w, o.dropBar.h);
  }
  if (o.box) highlight(ctx, o.box, 1 / z);
  if (o.connector) {
    ctx.strokeStyle = COLORS.select;
    ctx.setLineDash([6 / z, 4 / z]);
    ctx.lineWidth = 2 / z;
    ctx.beginPath();
    ctx.moveTo(o.connector.from.x, o.connector.from.y);
    ctx.lineTo(o.connector.to.x, o.connector.to.y);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (o.ink && o.ink.points.length >= 2) {
    ctx.strokeStyle = o.ink.color;
    ctx.lineWidth = o.ink.size;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    const pts = o.ink.points;
    ctx.moveTo(pts[0], pts[1]);
    for (let i = 2; i + 1 < pts.length; i += 2) ctx.lineTo(pts[i], pts[i + 1]);
    ctx.stroke();
  }
  if (o.shape) {
    const r = o.shape.rect;
    ctx.strokeStyle = COLORS.select;
    ctx.lineWidth = 2 / z;
    ctx.beginPath();
    if (o.shape.kind === 'ellipse') ctx.ellipse(r.x + r.w / 2, r.y + r.h / 2, Math.max(1, r.w / 2), Math.max(1, r.h / 2), 0, 0, Math.PI * 2);
    else ctx.rect(r.x, r.y, r.w, r.h);
    ctx.stroke();
  }
}

/** A translucent blue area with a selection-coloured border (drop cell, box selection). */
function highlight(ctx: CanvasRenderingContext2D, r: Rect, width: number): void {
  ctx.fillStyle = 'rgba(34,139,230,0.08)';
  ctx.fillRect(r.x, r.y, r.w, r.h);
  outline(ctx, r, COLORS.select, width, 0);
}

export function drawPeers(ctx: CanvasRenderingContext2D, s: Scene, text: TextLayout): void {
  const z = s.camera.zoom;
  for (const peer of s.peers) {
    for (const id of peer.selection) {
      if (id === peer.editing) continue;
      const el = s.doc.get(id);
      const r = elementBounds(el, s.doc, s.layout);
      if (r) outline(ctx, { x: r.x - 4, y: r.y - 4, w: r.w + 8, h: r.h + 8 }, peer.color, 2 / z, 10);
    }
  }
  for (const peer of s.peers) if (peer.editing) drawEditingTag(ctx, s, text, peer);
  for (const peer of s.peers) {
    if (!peer.cursor) continue;
    const { x, y } = peer.cursor;
    ctx.save();
    ctx.translate(x, y);
    ctx.scale(1 / z, 1 / z);
    ctx.fillStyle = peer.color;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(0, 17);
    ctx.lineTo(4.5, 13);
    ctx.lineTo(8, 20);
    ctx.lineTo(10.5, 19);
    ctx.lineTo(7.2, 12);
    ctx.lineTo(12.5, 12);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    ctx.font = `600 12px ${FONT_FAMILY}`;
    const w = text.width(peer.name, `600 12px ${FONT_FAMILY}`) + 12;
    ctx.fillStyle = peer.color;
    roundRect(ctx, 12, 18, w, 20, 10);
    ctx.fill();
    ctx.fillStyle = textOn(peer.color);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(peer.name, 18, 28.5);
    ctx.restore();
  }
}

/** Someone types into an element: a thick frame in their colour and their name on it. */
function drawEditingTag(ctx: CanvasRenderingContext2D, s: Scene, text: TextLayout, peer: PeerView): void {
  const z = s.camera.zoom;
  const r = elementBounds(s.doc.get(peer.editing!), s.doc, s.layout);
  if (!r) return;
  outline(ctx, { x: r.x - 4, y: r.y - 4, w: r.w + 8, h: r.h + 8 }, peer.color, 3 / z, 10);
  const label = s.labels.editingTag ? s.labels.editingTag(peer.name) : `✎ ${peer.name}`;
  const font = `600 12px ${FONT_FAMILY}`;
  ctx.save();
  // the tag keeps its screen size at every zoom, above the card's top-left corner
  ctx.translate(r.x - 4, r.y - 4);
  ctx.scale(1 / z, 1 / z);
  const w = Math.min(text.width(label, font) + 14, Math.max(60, r.w * z + 8));
  ctx.fillStyle = peer.color;
  roundRect(ctx, 0, -20, w, 20, 6);
  ctx.fill();
  ctx.fillStyle = textOn(peer.color);
  ctx.font = font;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(text.wrap(label, font, w - 12, 1)[0] ?? '', 7, -9.5);
  ctx.restore();
}

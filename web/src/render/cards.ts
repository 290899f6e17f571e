// Cards in their cells: fill by lane kind, moment-of-truth flag, text and badge rows as laid out
// at full detail; screen-sized text cut to a line or two and key-badge chips at low zoom; plain
// blocks when tiny. The data block (metric rows, feedback) sits between text and badges at full
// detail. Low-zoom cards are drawn in passes (bodies, text, chips) so the canvas
// changes font twice per frame, not twice per card.
import type { Badge } from './badges';
import { BADGE_FONT } from './badges';
import { drawCardData } from './data-draw';
import { CardBox, CARD_FONT, FONT_FAMILY, G, Rect, rectsIntersect } from './layout';
import { Lod, lodFor, LowCardCache, lowSizes } from './lod';
import { outline, roundRect } from './paint';
import { drawPersonaCard } from './persona-card';
import type { Scene } from './scene';
import type { TextLayout } from './text';
import { COLORS, LANE_STYLE, textOn } from './theme';

export { BADGE_FONT } from './badges';

const fillOf = (b: CardBox): string => (b.el.props.color as string) ?? (LANE_STYLE[b.kind] ?? LANE_STYLE.custom).card;

/** Draws the visible cards (dragged ones lifted at the drag offset); answers how many were drawn. */
export function drawCards(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, low: LowCardCache, text: TextLayout): number {
  const drag = s.overlay.drag;
  const lod = lodFor(s.camera.zoom);
  const visible: CardBox[] = [];
  for (const b of s.layout.cards) {
    if (drag && drag.ids.has(b.el.id)) continue;
    if (rectsIntersect(b, view)) visible.push(b);
  }
  if (lod.level === 0) for (const b of visible) drawCard(ctx, b, b.x, b.y, s, text);
  else if (lod.level === 1) {
    for (const b of visible) if (b.persona) drawCard(ctx, b, b.x, b.y, s, text);
    drawLowCards(ctx, visible.filter((b) => !b.persona), s, lod, low);
  }
  else drawBlocks(ctx, visible, s);
  if (drag) {
    ctx.save();
    ctx.globalAlpha = 0.85;
    for (const id of drag.ids) {
      const b = s.layout.cardById.get(id);
      if (!b) continue;
      if (lod.level === 0) drawCard(ctx, b, b.x + drag.dx, b.y + drag.dy, s, text, true);
      else {
        ctx.translate(drag.dx, drag.dy);
        drawLowCards(ctx, [b], s, lod.level === 1 ? lod : lodFor(BLOCK_LIFT), low);
        ctx.translate(-drag.dx, -drag.dy);
      }
    }
    ctx.restore();
  }
  return visible.length;
}
/** a card dragged at block zoom is drawn at the lowest bucket, so it can be told apart */
const BLOCK_LIFT = 0.25;

/** One card at (x, y) with everything laid out: text, badge rows, the moment-of-truth flag. */
export function drawCard(ctx: CanvasRenderingContext2D, b: CardBox, x: number, y: number, s: Scene, text: TextLayout, lifted = false): void {
  const fill = fillOf(b);
  const z = s.camera.zoom;
  // a profile stays a profile down to the zoom where cards become plain blocks: it must be readable at Fit
  if (b.persona) {
    drawPersonaCard(ctx, { ...b, persona: b.persona }, x, y, s);
    if (s.chrome && s.selection.has(b.el.id)) outline(ctx, { x: x - 2, y: y - 2, w: b.w + 4, h: b.h + 4 }, COLORS.select, 2 / z, 12);
    return;
  }
  if (lifted) {
    ctx.shadowColor = 'rgba(0,0,0,0.18)';
    ctx.shadowBlur = 12;
    ctx.shadowOffsetY = 4;
  }
  ctx.fillStyle = fill;
  roundRect(ctx, x, y, b.w, b.h, 8);
  ctx.fill();
  ctx.shadowColor = 'transparent';
  ctx.shadowBlur = 0;
  ctx.shadowOffsetY = 0;
  ctx.strokeStyle = 'rgba(0,0,0,0.10)';
  ctx.lineWidth = 1 / z;
  ctx.stroke();
  if (b.el.props.mot === true) motFlag(ctx, x + b.w, y, 1);
  if (s.editingId !== b.el.id) {
    ctx.fillStyle = textOn(fill);
    ctx.font = CARD_FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    if (b.lines.length === 1 && b.lines[0] === '') {
      ctx.fillStyle = COLORS.subText;
      ctx.fillText(s.labels.emptyCard, x + G.cardPad, y + G.cardPad + G.lineH / 2);
    } else {
      for (let i = 0; i < b.lines.length; i++) ctx.fillText(b.lines[i], x + G.cardPad, y + G.cardPad + i * G.lineH + G.lineH / 2);
    }
  }
  drawCardData(ctx, b, x, y + G.cardPad + b.lines.length * G.lineH, text);
  if (b.badgeRows) { const o = badgeOrigin(b, x, y); drawBadges(ctx, b.badges, o.x, o.y); }
  if (s.chrome && s.selection.has(b.el.id)) outline(ctx, { x: x - 2, y: y - 2, w: b.w + 4, h: b.h + 4 }, COLORS.select, 2 / z, 10);
}

/** Where the badge rows of a card drawn at (x, y) start: above its bottom padding. */
export function badgeOrigin(b: CardBox, x: number, y: number): { x: number; y: number } {
  return { x: x + G.cardPad - 2, y: y + b.h - G.cardPad + 4 - b.badgeRows * G.badgeH };
}

/** Badge pills placed by the layout, rows from y0 (each pill 18 high). */
function drawBadges(ctx: CanvasRenderingContext2D, badges: readonly Badge[], x0: number, y0: number): void {
  ctx.font = BADGE_FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const b of badges) {
    if (b.lowOnly) continue;
    const x = x0 + b.x, y = y0 + b.row * G.badgeH;
    ctx.fillStyle = b.bg;
    roundRect(ctx, x, y, b.w, 18, 9);
    ctx.fill();
    ctx.fillStyle = b.fg;
    ctx.fillText(b.text, x + 6, y + 9.5);
  }
}

/** The moment-of-truth corner flag with a star, at the card's top-right corner, scaled by k. */
function motFlag(ctx: CanvasRenderingContext2D, right: number, top: number, k: number): void {
  const a = 26 * k, r = 8 * k;
  ctx.fillStyle = COLORS.mot;
  ctx.beginPath();
  ctx.moveTo(right - a, top);
  ctx.lineTo(right - r, top);
  ctx.quadraticCurveTo(right, top, right, top + r);
  ctx.lineTo(right, top + a);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = `bold ${10 * k}px ${FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('★', right - 7 * k, top + 8 * k);
}

/** Low zoom: bodies, then all text in one font, then the chips in another. */
function drawLowCards(ctx: CanvasRenderingContext2D, cards: readonly CardBox[], s: Scene, lod: Lod, low: LowCardCache): void {
  const z = s.camera.zoom;
  const sz = lowSizes(lod);
  const flagK = Math.min(2.5, 0.6 / lod.ref);
  ctx.strokeStyle = 'rgba(0,0,0,0.12)';
  ctx.lineWidth = 1 / z;
  for (const b of cards) {
    ctx.fillStyle = fillOf(b);
    roundRect(ctx, b.x, b.y, b.w, b.h, 8);
    ctx.fill();
    ctx.stroke();
    if (b.el.props.mot === true) motFlag(ctx, b.x + b.w, b.y, Math.min(flagK, b.h / 30));
  }
  ctx.font = sz.font;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const b of cards) {
    if (s.editingId === b.el.id) continue;
    const c = low.get(b, lod);
    if (!c.lines.length) continue;
    ctx.fillStyle = textOn(fillOf(b));
    if (c.font) {
      // a card too low for the bucket's line has its own (rare: only when zoomed far out)
      ctx.font = c.font;
      ctx.fillText(c.lines[0], b.x + Math.max(c.pad!, sz.pad / 2), b.y + c.pad! + c.lineH! / 2);
      ctx.font = sz.font;
      continue;
    }
    for (let i = 0; i < c.lines.length; i++) ctx.fillText(c.lines[i], b.x + sz.pad, b.y + sz.pad + (i + 0.5) * sz.lineH);
  }
  ctx.font = sz.chipFont;
  for (const b of cards) {
    const c = low.get(b, lod);
    for (const chip of c.chips) {
      ctx.fillStyle = chip.bg;
      roundRect(ctx, b.x + chip.x, b.y + c.chipY, chip.w, sz.chipH, sz.chipH / 2);
      ctx.fill();
      ctx.fillStyle = chip.fg;
      ctx.fillText(chip.text, b.x + chip.x + sz.pad, b.y + c.chipY + sz.chipH / 2 + 0.5 / z);
    }
  }
  if (s.chrome) for (const b of cards) if (s.selection.has(b.el.id)) outline(ctx, { x: b.x - 3 / z, y: b.y - 3 / z, w: b.w + 6 / z, h: b.h + 6 / z }, COLORS.select, 2.5 / z, 10);
}

/** Tiny zoom: coloured blocks (selected ones outlined). */
function drawBlocks(ctx: CanvasRenderingContext2D, cards: readonly CardBox[], s: Scene): void {
  const z = s.camera.zoom;
  for (const b of cards) {
    const fill = fillOf(b);
    ctx.fillStyle = fill === '#ffffff' ? '#e9ecef' : fill;
    ctx.fillRect(b.x, b.y, b.w, b.h);
    if (typeof b.el.props.top === 'number') {
      ctx.fillStyle = '#c92a2a';
      ctx.fillRect(b.x, b.y, b.w, Math.min(b.h, 4 / z));
    }
  }
  if (s.chrome) for (const b of cards) if (s.selection.has(b.el.id)) outline(ctx, b, COLORS.select, 2 / z, 0);
}

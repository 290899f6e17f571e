// Cards in their cells: fill by lane kind, moment-of-truth flag, text (simplified at low zoom),
// badges for emotion, KANO, CSAT / NPS / CES, votes and owner.
import type { Kano } from '../model/types';
import { metricInRow } from './card-data';
import { drawCardData } from './data-draw';
import { CardBox, CARD_FONT, FONT_FAMILY, G, Rect, rectsIntersect } from './layout';
import { outline, roundRect } from './paint';
import { drawPersonaCard } from './persona-card';
import type { Scene } from './scene';
import type { TextLayout } from './text';
import { cesTone, COLORS, csatTone, emotionTone, LANE_STYLE, npsTone, textOn, TONE_BG, TONE_FG } from './theme';

const KANO_SHORT: Record<Kano, string> = { 'must-be': 'M', performance: 'P', attractive: 'A', indifferent: 'I', reverse: 'R' };
export const BADGE_FONT = `600 11px ${FONT_FAMILY}`;

/** Draws the visible cards (dragged ones lifted at the drag offset); answers how many were drawn. */
export function drawCards(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, text: TextLayout): number {
  const z = s.camera.zoom;
  const drag = s.overlay.drag;
  let n = 0;
  const lod = z < 0.3 ? 2 : z < 0.55 ? 1 : 0;
  for (const b of s.layout.cards) {
    if (drag && drag.ids.has(b.el.id)) continue;
    if (!rectsIntersect(b, view)) continue;
    n++;
    drawCard(ctx, b, b.x, b.y, s, text, lod);
  }
  if (drag) {
    ctx.save();
    ctx.globalAlpha = 0.85;
    for (const id of drag.ids) {
      const b = s.layout.cardById.get(id);
      if (b) drawCard(ctx, b, b.x + drag.dx, b.y + drag.dy, s, text, 0, true);
    }
    ctx.restore();
  }
  return n;
}

/** One card at (x, y); lod 0 full, 1 text as bars, 2 a plain block. */
export function drawCard(ctx: CanvasRenderingContext2D, b: CardBox, x: number, y: number, s: Scene, text: TextLayout, lod: number, lifted = false): void {
  const p = b.el.props;
  const fill = (p.color as string) ?? (LANE_STYLE[b.kind] ?? LANE_STYLE.custom).card;
  const z = s.camera.zoom;
  if (lod === 2) {
    ctx.fillStyle = fill === '#ffffff' ? '#e9ecef' : fill;
    ctx.fillRect(x, y, b.w, b.h);
    if (s.selection.has(b.el.id)) outline(ctx, { x, y, w: b.w, h: b.h }, COLORS.select, 2 / z, 0);
    return;
  }
  // a profile stays a profile down to the zoom where cards become plain blocks: it must be readable at Fit
  if (b.persona && lod <= 1) {
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
  if (p.mot === true) {
    // moment-of-truth marker: orange corner flag with a star
    ctx.fillStyle = COLORS.mot;
    ctx.beginPath();
    ctx.moveTo(x + b.w - 26, y);
    ctx.lineTo(x + b.w - 8, y);
    ctx.quadraticCurveTo(x + b.w, y, x + b.w, y + 8);
    ctx.lineTo(x + b.w, y + 26);
    ctx.closePath();
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = `bold 10px ${FONT_FAMILY}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('★', x + b.w - 7, y + 8);
  }
  if (lod === 1) {
    ctx.fillStyle = 'rgba(0,0,0,0.18)';
    const lines = Math.min(b.lines.length, 4);
    for (let i = 0; i < lines; i++) {
      const w = Math.min(b.w - 2 * G.cardPad, text.width(b.lines[i], CARD_FONT));
      ctx.fillRect(x + G.cardPad, y + G.cardPad + i * G.lineH + 5, w, 9);
    }
  } else if (s.editingId !== b.el.id) {
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
  if (lod === 0) drawCardData(ctx, b, x, y + G.cardPad + b.lines.length * G.lineH, text);
  if (b.badges && lod === 0) drawBadges(ctx, b, x, y + b.h - G.badgeH - 4, s, text);
  if (s.chrome && s.selection.has(b.el.id)) outline(ctx, { x: x - 2, y: y - 2, w: b.w + 4, h: b.h + 4 }, COLORS.select, 2 / z, 10);
}

function drawBadges(ctx: CanvasRenderingContext2D, b: CardBox, x0: number, y: number, s: Scene, text: TextLayout): void {
  const p = b.el.props;
  let x = x0 + G.cardPad - 2;
  const maxX = x0 + b.w - G.cardPad;
  ctx.font = BADGE_FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const badge = (label: string, fg: string, bg: string) => {
    const w = text.width(label, BADGE_FONT) + 12;
    if (x + w > maxX) return;
    ctx.fillStyle = bg;
    roundRect(ctx, x, y + 2, w, 18, 9);
    ctx.fill();
    ctx.fillStyle = fg;
    ctx.fillText(label, x + 6, y + 11.5);
    x += w + 4;
  };
  if (p.mot === true) badge('MoT', '#ffffff', COLORS.mot);
  if (typeof p.emotion === 'number' && b.kind !== 'emotions') {
    const e = p.emotion;
    const tone = emotionTone(e);
    badge(`${e > 0 ? '+' : ''}${e}`, TONE_FG[tone], TONE_BG[tone]);
  }
  if (typeof p.kano === 'string') {
    const kano = p.kano as Kano;
    badge(`KANO ${KANO_SHORT[kano] ?? '?'} · ${s.labels.kano[kano] ?? kano}`, '#5f3dc4', '#e5dbff');
  }
  if (typeof p.csat === 'number' && !metricInRow(b.el, 'csat')) { const tone = csatTone(p.csat); badge(`CSAT ${p.csat}`, TONE_FG[tone], TONE_BG[tone]); }
  if (typeof p.nps === 'number' && !metricInRow(b.el, 'nps')) { const tone = npsTone(p.nps); badge(`NPS ${p.nps}`, TONE_FG[tone], TONE_BG[tone]); }
  if (typeof p.ces === 'number' && !metricInRow(b.el, 'ces')) { const tone = cesTone(p.ces); badge(`CES ${p.ces}`, TONE_FG[tone], TONE_BG[tone]); }
  if (typeof p.votes === 'number' && p.votes > 0) badge(`▲ ${p.votes}`, '#1864ab', '#d0ebff');
  if (typeof p.owner === 'string' && p.owner) badge(`@ ${p.owner}`, '#495057', '#e9ecef');
}

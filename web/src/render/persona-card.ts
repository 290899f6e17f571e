// Personas on the canvas: a card in a persona lane with a profile (`name`, `quote`, `goals`,
// `frustrations`, `image`) is drawn as a profile card — photo or generated avatar, name, the card's
// text as a one-line description, the quote, goals and frustrations as bullets — sized to stay
// readable at Fit. Cards that say which persona they are about (`persona`) get a small avatar
// badge on their top-right corner. Words and photos come from the UI (PersonaView).
import type { BoardElement, LaneKind } from '../model/types';
import { drawAvatar } from './avatar';
import { CardBox, FONT_FAMILY, Rect, rectsIntersect } from './layout';
import { roundRect } from './paint';
import type { Scene } from './scene';
import type { TextLayout } from './text';
import { COLORS } from './theme';

/** What the UI gives the renderer for personas: section titles in its language, and loaded photos. */
export interface PersonaView {
  goals: string;
  frustrations: string;
  /** the uploaded image, once loaded (null while loading, or without one: the avatar is drawn) */
  image(id: string): CanvasImageSource | null;
}

export const NO_PERSONA_VIEW: PersonaView = { goals: 'Goals', frustrations: 'Frustrations', image: () => null };

export interface PersonaLine { text: string; bullet: boolean }
/** A persona card's wrapped text, laid out once per document change like any card's lines. */
export interface PersonaLines { name: string[]; about: string[]; quote: string[]; goals: PersonaLine[]; frustrations: PersonaLine[]; h: number }

const PAD = 10;
const AVATAR = 44;
const NAME_H = 21, ABOUT_H = 17, QUOTE_H = 19, ITEM_H = 18, HEAD_H = 17, GAP = 8;
// fonts are made when used: layout.ts imports this module, so its constants are not ready at load time
const font = (weight: string, px: number) => `${weight ? `${weight} ` : ''}${px}px ${FONT_FAMILY}`;

const PROFILE = ['name', 'quote', 'goals', 'frustrations', 'image'];

/** A card drawn as a persona profile: in a persona lane, with a profile of its own. */
export function isPersonaCard(el: BoardElement, kind: LaneKind): boolean {
  return kind === 'persona' && PROFILE.some((p) => typeof el.props[p] === 'string' && el.props[p] !== '');
}

const str = (el: BoardElement, p: string) => (typeof el.props[p] === 'string' ? (el.props[p] as string).trim() : '');

/** Goals and frustrations as bullets: one per line or per `;`/`；`, wrapped under their bullet. */
function bullets(textLayout: TextLayout, value: string, width: number, maxLines: number): PersonaLine[] {
  const out: PersonaLine[] = [];
  for (const item of value.split(/[\n;；]+/u).map((s) => s.trim()).filter(Boolean)) {
    textLayout.wrap(item, font('', 14), width - 12).forEach((text, i) => out.push({ text, bullet: i === 0 }));
  }
  if (out.length > maxLines) {
    out.length = maxLines;
    out[maxLines - 1] = { ...out[maxLines - 1], text: `${out[maxLines - 1].text}…` };
  }
  return out;
}

export function personaLines(el: BoardElement, textLayout: TextLayout, w: number): PersonaLines {
  const nameW = w - 2 * PAD - AVATAR - 10;
  const name = textLayout.wrap(str(el, 'name') || str(el, 'text') || '—', font('700', 16), nameW, 2);
  const about = str(el, 'name') && str(el, 'text') ? textLayout.wrap(str(el, 'text'), font('', 13), nameW, 2) : [];
  const quote = str(el, 'quote') ? textLayout.wrap(str(el, 'quote'), font('italic', 14), w - 2 * PAD - 10, 4) : [];
  const goals = bullets(textLayout, str(el, 'goals'), w - 2 * PAD, 5);
  const frustrations = bullets(textLayout, str(el, 'frustrations'), w - 2 * PAD, 5);
  let h = PAD + Math.max(AVATAR, name.length * NAME_H + about.length * ABOUT_H);
  if (quote.length) h += GAP + quote.length * QUOTE_H;
  if (goals.length) h += GAP + HEAD_H + goals.length * ITEM_H;
  if (frustrations.length) h += GAP + HEAD_H + frustrations.length * ITEM_H;
  return { name, about, quote, goals, frustrations, h: h + PAD };
}

/** The profile card at (x, y); the caller draws the selection outline. */
export function drawPersonaCard(ctx: CanvasRenderingContext2D, b: CardBox & { persona: PersonaLines }, x: number, y: number, s: Scene): void {
  const p = b.persona;
  const el = b.el;
  const view = s.persona ?? NO_PERSONA_VIEW;
  ctx.fillStyle = (el.props.color as string) ?? '#f3f0ff';
  roundRect(ctx, x, y, b.w, b.h, 10);
  ctx.fill();
  ctx.strokeStyle = 'rgba(112,72,232,0.35)';
  ctx.lineWidth = 1.2 / s.camera.zoom;
  ctx.stroke();
  const image = str(el, 'image');
  drawAvatar(ctx, x + PAD + AVATAR / 2, y + PAD + AVATAR / 2, AVATAR / 2, str(el, 'name') || str(el, 'text'), image ? view.image(image) : null, font('700', 17));
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let ty = y + PAD + NAME_H / 2;
  const tx = x + PAD + AVATAR + 10;
  ctx.fillStyle = '#212529';
  ctx.font = font('700', 16);
  for (const line of p.name) { ctx.fillText(line, tx, ty); ty += NAME_H; }
  ctx.fillStyle = '#495057';
  ctx.font = font('', 13);
  ty += (ABOUT_H - NAME_H) / 2;
  for (const line of p.about) { ctx.fillText(line, tx, ty); ty += ABOUT_H; }
  let yy = y + PAD + Math.max(AVATAR, p.name.length * NAME_H + p.about.length * ABOUT_H);
  if (p.quote.length) {
    yy += GAP;
    ctx.fillStyle = '#7048e8';
    ctx.fillRect(x + PAD, yy + 2, 3, p.quote.length * QUOTE_H - 4);
    ctx.fillStyle = '#343a40';
    ctx.font = font('italic', 14);
    p.quote.forEach((line, i) => ctx.fillText(line, x + PAD + 10, yy + i * QUOTE_H + QUOTE_H / 2));
    yy += p.quote.length * QUOTE_H;
  }
  for (const [title, lines, dot] of [[view.goals, p.goals, '#2f9e44'], [view.frustrations, p.frustrations, '#e03131']] as [string, PersonaLine[], string][]) {
    if (!lines.length) continue;
    yy += GAP;
    ctx.fillStyle = '#5f3dc4';
    ctx.font = font('700', 12);
    ctx.fillText(title, x + PAD, yy + HEAD_H / 2);
    yy += HEAD_H;
    ctx.font = font('', 14);
    for (const line of lines) {
      if (line.bullet) {
        ctx.fillStyle = dot;
        ctx.beginPath();
        ctx.arc(x + PAD + 3, yy + ITEM_H / 2, 2.5, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.fillStyle = '#343a40';
      ctx.fillText(line.text, x + PAD + 12, yy + ITEM_H / 2);
      yy += ITEM_H;
    }
  }
}

/** Which persona each drawn badge showed, and whether with its photo (tests). */
export interface DrawnBadge { card: string; persona: string; photo: boolean }

/** A small avatar on the corner of every visible card that names its persona. */
export function drawPersonaBadges(ctx: CanvasRenderingContext2D, s: Scene, view: Rect): DrawnBadge[] {
  const drawn: DrawnBadge[] = [];
  if (s.camera.zoom < 0.3) return drawn;
  const pv = s.persona ?? NO_PERSONA_VIEW;
  for (const b of s.layout.cards) {
    const id = b.el.props.persona;
    if (typeof id !== 'string' || !rectsIntersect(b, view)) continue;
    const persona = s.doc.get(id);
    if (!persona) continue; // a soft reference: the persona may be gone
    const name = str(persona, 'name') || str(persona, 'text');
    const image = str(persona, 'image');
    const photo = image ? pv.image(image) : null;
    const r = 11;
    const cx = b.x + b.w - (b.el.props.mot === true ? 38 : 10), cy = b.y + 2;
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.arc(cx, cy, r + 2, 0, Math.PI * 2);
    ctx.fill();
    drawAvatar(ctx, cx, cy, r, name, photo, font('700', 11));
    ctx.strokeStyle = COLORS.gridLine;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.arc(cx, cy, r + 2, 0, Math.PI * 2);
    ctx.stroke();
    drawn.push({ card: b.el.id, persona: id, photo: !!photo });
  }
  return drawn;
}

/** Every visible persona profile and whether its photo was drawn (tests). */
export function drawnProfiles(s: Scene, view: Rect): { card: string; photo: boolean }[] {
  const pv = s.persona ?? NO_PERSONA_VIEW;
  return s.layout.cards.filter((b) => b.persona && rectsIntersect(b, view))
    .map((b) => ({ card: b.el.id, photo: !!(str(b.el, 'image') && pv.image(str(b.el, 'image'))) }));
}

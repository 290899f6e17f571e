// Canvas renderer: one pass per frame over the visible part of the board (off-screen items are
// culled, text layouts come from the layout cache, tiny zoom levels draw simplified cards).
import type { BoardDoc } from '../model/doc';
import type { BoardElement, Kano } from '../model/types';
import { t } from '../ui/i18n';
import { CardBox, CARD_FONT, elementBounds, FONT_FAMILY, freeBounds, G, GridLayout, Rect, rectsIntersect } from './layout';
import { cesTone, COLORS, csatTone, emotionTone, LANE_STYLE, npsTone, textOn, Tone } from './theme';
import type { TextLayout } from './text';

export interface Camera { x: number; y: number; zoom: number }

export interface PeerView { id: string; name: string; color: string; cursor: { x: number; y: number } | null; selection: string[] }

export interface Overlay {
  /** ids being dragged and the world offset to draw them at */
  drag?: { ids: Set<string>; dx: number; dy: number } | null;
  dropCell?: Rect | null;
  dropLine?: { x: number; y: number; w: number } | null;
  box?: Rect | null;
  connector?: { from: { x: number; y: number }; to: { x: number; y: number } } | null;
  ink?: { points: number[]; color: string; size: number } | null;
  shape?: { rect: Rect; kind: 'rect' | 'ellipse' } | null;
  hoverCell?: Rect | null;
  resize?: { id: string; w: number; h: number } | null;
}

export interface Scene {
  doc: BoardDoc;
  layout: GridLayout;
  camera: Camera;
  width: number;
  height: number;
  selection: ReadonlySet<string>;
  peers: PeerView[];
  overlay: Overlay;
  editingId: string | null;
  canEditStructure: boolean;
  canEdit: boolean;
  background: boolean;
  /** draw peers/selection (off for PNG export) */
  chrome: boolean;
  /** extra marks in world coordinates (locks, private markers, my dots), drawn over the items */
  decorate?: ((ctx: CanvasRenderingContext2D) => void) | null;
}

const TONE_FG: Record<Tone, string> = { good: COLORS.good, neutral: COLORS.neutral, bad: COLORS.bad };
const TONE_BG: Record<Tone, string> = { good: COLORS.goodBg, neutral: COLORS.neutralBg, bad: COLORS.badBg };
const KANO_SHORT: Record<Kano, string> = { 'must-be': 'M', performance: 'P', attractive: 'A', indifferent: 'I', reverse: 'R' };
const BADGE_FONT = `600 11px ${FONT_FAMILY}`;
const HEADER_FONT = `600 15px ${FONT_FAMILY}`;
const LANE_FONT = `600 14px ${FONT_FAMILY}`;
const SMALL_FONT = `12px ${FONT_FAMILY}`;

export const ADD_BTN = 28;

export class Renderer {
  /** milliseconds the last draw() took (for PERF.md and the perf hook) */
  lastDrawMs = 0;
  drawnCards = 0;

  constructor(private readonly text: TextLayout) {}

  draw(ctx: CanvasRenderingContext2D, s: Scene): void {
    const t0 = performance.now();
    const { camera: cam, width, height } = s;
    const z = cam.zoom;
    const view: Rect = { x: cam.x, y: cam.y, w: width / z, h: height / z };
    ctx.save();
    if (s.background) {
      ctx.fillStyle = COLORS.bg;
      ctx.fillRect(0, 0, width, height);
      if (z >= 0.5) this.drawDots(ctx, cam, width, height);
    }
    ctx.scale(z, z);
    ctx.translate(-cam.x, -cam.y);
    this.drawGrid(ctx, s, view);
    this.drawCards(ctx, s, view);
    this.drawFree(ctx, s, view);
    if (s.decorate) s.decorate(ctx);
    if (s.chrome) this.drawOverlay(ctx, s);
    if (s.chrome) this.drawPeers(ctx, s);
    ctx.restore();
    this.lastDrawMs = performance.now() - t0;
  }

  private drawDots(ctx: CanvasRenderingContext2D, cam: Camera, width: number, height: number): void {
    const step = 24 * cam.zoom;
    const ox = (-cam.x * cam.zoom) % step;
    const oy = (-cam.y * cam.zoom) % step;
    ctx.fillStyle = COLORS.dot;
    for (let x = ox; x < width; x += step) for (let y = oy; y < height; y += step) ctx.fillRect(x, y, 1.5, 1.5);
  }

  private drawGrid(ctx: CanvasRenderingContext2D, s: Scene, view: Rect): void {
    const L = s.layout;
    const { grid } = L;
    if (!L.stages.length && !L.lanes.length) {
      if (s.canEditStructure) this.drawAddButtons(ctx, s);
      return;
    }
    const z = s.camera.zoom;
    // lane backgrounds
    for (const lane of L.lanes) {
      if (!rectsIntersect(lane, view)) continue;
      ctx.fillStyle = lane.i % 2 ? COLORS.laneAlt : COLORS.lane;
      ctx.fillRect(lane.x, lane.y, lane.w, lane.h);
    }
    // header row
    ctx.fillStyle = COLORS.header;
    ctx.fillRect(0, 0, grid.w, G.headerH);
    ctx.strokeStyle = COLORS.gridLine;
    ctx.lineWidth = 1 / z;
    ctx.beginPath();
    for (const st of L.stages) {
      ctx.moveTo(st.x, 0);
      ctx.lineTo(st.x, grid.h);
    }
    ctx.moveTo(grid.w, 0);
    ctx.lineTo(grid.w, grid.h);
    for (const lane of L.lanes) {
      ctx.moveTo(0, lane.y);
      ctx.lineTo(grid.w, lane.y);
    }
    ctx.moveTo(0, grid.h);
    ctx.lineTo(grid.w, grid.h);
    ctx.moveTo(0, 0);
    ctx.lineTo(0, grid.h);
    ctx.moveTo(0, 0);
    ctx.lineTo(grid.w, 0);
    ctx.stroke();
    // stage headers
    ctx.textBaseline = 'middle';
    for (const st of L.stages) {
      if (st.x > view.x + view.w || st.x + st.w < view.x) continue;
      const sel = s.selection.has(st.el.id);
      const accent = (st.el.props.color as string) ?? '#343a40';
      ctx.fillStyle = accent;
      ctx.fillRect(st.x, 0, st.w, 4);
      ctx.fillStyle = COLORS.subText;
      ctx.font = SMALL_FONT;
      ctx.textAlign = 'left';
      ctx.fillText(String(st.i + 1).padStart(2, '0'), st.x + 14, 22);
      ctx.fillStyle = COLORS.headerText;
      ctx.font = HEADER_FONT;
      const lines = this.text.wrap(st.label, HEADER_FONT, st.w - 28, 1);
      ctx.fillText(lines[0] ?? '', st.x + 14, 44);
      if (sel) this.outline(ctx, { x: st.x + 1, y: 1, w: st.w - 2, h: G.headerH - 2 }, COLORS.select, 2 / z, 4);
    }
    // lane headers
    for (const lane of L.lanes) {
      if (lane.y > view.y + view.h || lane.y + lane.h < view.y) continue;
      const style = LANE_STYLE[lane.kind] ?? LANE_STYLE.custom;
      ctx.fillStyle = COLORS.header;
      ctx.fillRect(0, lane.y, G.headerW, lane.h);
      ctx.fillStyle = (lane.el.props.color as string) ?? style.accent;
      ctx.fillRect(0, lane.y, 4, lane.h);
      ctx.fillStyle = COLORS.headerText;
      ctx.font = LANE_FONT;
      ctx.textAlign = 'left';
      const lines = this.text.wrap(lane.label, LANE_FONT, G.headerW - 32, 3);
      lines.forEach((ln, i) => ctx.fillText(ln, 18, lane.y + 24 + i * 19));
      ctx.fillStyle = COLORS.subText;
      ctx.font = SMALL_FONT;
      if (lane.el.props.title) ctx.fillText(t(`kind.${lane.kind}` as 'kind.custom'), 18, lane.y + 24 + lines.length * 19 + 2);
      if (lane.kind === 'emotions') {
        // score scale
        const top = lane.y + G.cellPad + (lane.h - 2 * G.cellPad - 4 * G.emotionLevel) / 2;
        for (let e = 2; e >= -2; e--) {
          const yy = top + (2 - e) * G.emotionLevel;
          ctx.fillStyle = TONE_FG[emotionTone(e)];
          ctx.textAlign = 'right';
          ctx.fillText(e > 0 ? `+${e}` : String(e), G.headerW - 10, yy);
        }
        ctx.textAlign = 'left';
      }
      if (s.selection.has(lane.el.id)) this.outline(ctx, { x: 1, y: lane.y + 1, w: G.headerW - 2, h: lane.h - 2 }, COLORS.select, 2 / z, 4);
    }
    // corner
    ctx.fillStyle = '#f8f9fa';
    ctx.fillRect(0, 0, G.headerW, G.headerH);
    ctx.strokeStyle = COLORS.gridLine;
    ctx.strokeRect(0, 0, G.headerW, G.headerH);
    // emotion guide lines and curves
    for (const c of L.curves) {
      const lane = c.lane;
      if (lane.y > view.y + view.h || lane.y + lane.h < view.y) continue;
      const top = lane.y + G.cellPad + (lane.h - 2 * G.cellPad - 4 * G.emotionLevel) / 2;
      ctx.save();
      ctx.setLineDash([4 / z, 6 / z]);
      ctx.strokeStyle = '#e9ecef';
      ctx.lineWidth = 1 / z;
      for (let e = 2; e >= -2; e--) {
        const yy = top + (2 - e) * G.emotionLevel;
        ctx.strokeStyle = e === 0 ? '#ced4da' : '#eceef0';
        ctx.beginPath();
        ctx.moveTo(G.headerW, yy);
        ctx.lineTo(lane.w, yy);
        ctx.stroke();
      }
      ctx.restore();
      const pts = c.points.map((p) => ({ x: p.x, y: top + (2 - p.e) * G.emotionLevel, e: p.e }));
      if (pts.length >= 2) {
        ctx.save();
        ctx.lineWidth = 3;
        ctx.strokeStyle = '#e64980';
        ctx.globalAlpha = 0.8;
        ctx.beginPath();
        ctx.moveTo(pts[0].x, pts[0].y);
        for (let i = 0; i < pts.length - 1; i++) {
          // smooth curve: cubic segments with horizontal tangents (monotone between points)
          const a = pts[i], b = pts[i + 1];
          const mx = (a.x + b.x) / 2;
          ctx.bezierCurveTo(mx, a.y, mx, b.y, b.x, b.y);
        }
        ctx.stroke();
        ctx.restore();
      }
      for (const p of pts) {
        ctx.fillStyle = TONE_FG[emotionTone(p.e)];
        ctx.beginPath();
        ctx.arc(p.x, p.y, 5, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    if (s.overlay.hoverCell && s.canEdit) {
      const r = s.overlay.hoverCell;
      ctx.fillStyle = 'rgba(34,139,230,0.04)';
      ctx.fillRect(r.x, r.y, r.w, r.h);
    }
    if (s.canEditStructure) this.drawAddButtons(ctx, s);
  }

  /** "+" buttons after the last stage and below the last lane (facilitators only). */
  addButtons(L: GridLayout): { stage: Rect; lane: Rect } {
    const gx = G.headerW + L.stages.length * G.colW;
    const gy = L.lanes.length ? L.lanes[L.lanes.length - 1].y + L.lanes[L.lanes.length - 1].h : G.headerH;
    // on an empty grid the buttons carry their label
    const sw = L.stages.length ? ADD_BTN : 132;
    const lw = L.lanes.length ? ADD_BTN : 132;
    return {
      stage: { x: gx + 12, y: (G.headerH - ADD_BTN) / 2, w: sw, h: ADD_BTN },
      lane: { x: (G.headerW - lw) / 2, y: gy + 12, w: lw, h: ADD_BTN },
    };
  }

  private drawAddButtons(ctx: CanvasRenderingContext2D, s: Scene): void {
    const b = this.addButtons(s.layout);
    for (const [r, label] of [[b.stage, t('addStage')], [b.lane, t('addLane')]] as [Rect, string][]) {
      ctx.fillStyle = '#ffffff';
      ctx.strokeStyle = '#adb5bd';
      ctx.lineWidth = 1;
      this.roundRect(ctx, r.x, r.y, r.w, r.h, 6);
      ctx.fill();
      ctx.stroke();
      ctx.strokeStyle = '#495057';
      ctx.lineWidth = 2;
      const cx = r.w > ADD_BTN ? r.x + ADD_BTN / 2 : r.x + r.w / 2;
      ctx.beginPath();
      ctx.moveTo(cx, r.y + 8);
      ctx.lineTo(cx, r.y + r.h - 8);
      ctx.moveTo(cx - ADD_BTN / 2 + 8, r.y + r.h / 2);
      ctx.lineTo(cx + ADD_BTN / 2 - 8, r.y + r.h / 2);
      ctx.stroke();
      if (r.w > ADD_BTN) {
        ctx.fillStyle = '#343a40';
        ctx.font = `600 13px ${FONT_FAMILY}`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(label, r.x + ADD_BTN, r.y + r.h / 2 + 0.5);
      }
    }
  }

  private drawCards(ctx: CanvasRenderingContext2D, s: Scene, view: Rect): void {
    const z = s.camera.zoom;
    const drag = s.overlay.drag;
    let n = 0;
    const lod = z < 0.3 ? 2 : z < 0.55 ? 1 : 0;
    for (const b of s.layout.cards) {
      if (drag && drag.ids.has(b.el.id)) continue;
      if (!rectsIntersect(b, view)) continue;
      n++;
      this.drawCard(ctx, b, b.x, b.y, s, lod);
    }
    if (drag) {
      ctx.save();
      ctx.globalAlpha = 0.85;
      for (const id of drag.ids) {
        const b = s.layout.cardById.get(id);
        if (b) this.drawCard(ctx, b, b.x + drag.dx, b.y + drag.dy, s, 0, true);
      }
      ctx.restore();
    }
    this.drawnCards = n;
  }

  drawCard(ctx: CanvasRenderingContext2D, b: CardBox, x: number, y: number, s: Scene, lod: number, lifted = false): void {
    const p = b.el.props;
    const fill = (p.color as string) ?? (LANE_STYLE[b.kind] ?? LANE_STYLE.custom).card;
    const z = s.camera.zoom;
    if (lod === 2) {
      ctx.fillStyle = fill === '#ffffff' ? '#e9ecef' : fill;
      ctx.fillRect(x, y, b.w, b.h);
      if (s.selection.has(b.el.id)) this.outline(ctx, { x, y, w: b.w, h: b.h }, COLORS.select, 2 / z, 0);
      return;
    }
    if (lifted) {
      ctx.shadowColor = 'rgba(0,0,0,0.18)';
      ctx.shadowBlur = 12;
      ctx.shadowOffsetY = 4;
    }
    ctx.fillStyle = fill;
    this.roundRect(ctx, x, y, b.w, b.h, 8);
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
        const w = Math.min(b.w - 2 * G.cardPad, this.text.width(b.lines[i], CARD_FONT));
        ctx.fillRect(x + G.cardPad, y + G.cardPad + i * G.lineH + 5, w, 9);
      }
    } else if (s.editingId !== b.el.id) {
      ctx.fillStyle = textOn(fill);
      ctx.font = CARD_FONT;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      if (b.lines.length === 1 && b.lines[0] === '') {
        ctx.fillStyle = COLORS.subText;
        ctx.fillText(t('emptyCard'), x + G.cardPad, y + G.cardPad + G.lineH / 2);
      } else {
        for (let i = 0; i < b.lines.length; i++) ctx.fillText(b.lines[i], x + G.cardPad, y + G.cardPad + i * G.lineH + G.lineH / 2);
      }
    }
    if (b.badges && lod === 0) this.drawBadges(ctx, b, x, y + b.h - G.badgeH - 4);
    if (s.chrome && s.selection.has(b.el.id)) this.outline(ctx, { x: x - 2, y: y - 2, w: b.w + 4, h: b.h + 4 }, COLORS.select, 2 / z, 10);
  }

  private drawBadges(ctx: CanvasRenderingContext2D, b: CardBox, x0: number, y: number): void {
    const p = b.el.props;
    let x = x0 + G.cardPad - 2;
    const maxX = x0 + b.w - G.cardPad;
    ctx.font = BADGE_FONT;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const badge = (label: string, fg: string, bg: string) => {
      const w = this.text.width(label, BADGE_FONT) + 12;
      if (x + w > maxX) return;
      ctx.fillStyle = bg;
      this.roundRect(ctx, x, y + 2, w, 18, 9);
      ctx.fill();
      ctx.fillStyle = fg;
      ctx.fillText(label, x + 6, y + 11.5);
      x += w + 4;
    };
    if (p.mot === true) badge('MoT', '#ffffff', COLORS.mot);
    if (typeof p.emotion === 'number' && b.kind !== 'emotions') {
      const e = p.emotion as number;
      const tone = emotionTone(e);
      badge(`${e > 0 ? '+' : ''}${e}`, TONE_FG[tone], TONE_BG[tone]);
    }
    if (typeof p.kano === 'string') badge(`KANO ${KANO_SHORT[p.kano as Kano] ?? '?'} · ${t(`kano.${p.kano}` as 'kano.must-be')}`, '#5f3dc4', '#e5dbff');
    if (typeof p.csat === 'number') { const tone = csatTone(p.csat); badge(`CSAT ${p.csat}`, TONE_FG[tone], TONE_BG[tone]); }
    if (typeof p.nps === 'number') { const tone = npsTone(p.nps); badge(`NPS ${p.nps}`, TONE_FG[tone], TONE_BG[tone]); }
    if (typeof p.ces === 'number') { const tone = cesTone(p.ces); badge(`CES ${p.ces}`, TONE_FG[tone], TONE_BG[tone]); }
    if (typeof p.votes === 'number' && p.votes > 0) badge(`▲ ${p.votes}`, '#1864ab', '#d0ebff');
    if (typeof p.owner === 'string' && p.owner) badge(`@ ${p.owner}`, '#495057', '#e9ecef');
  }

  private drawFree(ctx: CanvasRenderingContext2D, s: Scene, view: Rect): void {
    const z = s.camera.zoom;
    const drag = s.overlay.drag;
    for (const el of s.layout.free) {
      let r = freeBounds(el, s.doc, s.layout);
      if (!r) continue;
      if (drag && drag.ids.has(el.id)) r = { ...r, x: r.x + drag.dx, y: r.y + drag.dy };
      if (s.overlay.resize && s.overlay.resize.id === el.id) r = { ...r, w: s.overlay.resize.w, h: s.overlay.resize.h };
      if (el.type !== 'connector' && !rectsIntersect(r, view)) continue;
      this.drawFreeItem(ctx, el, r, s);
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
        this.outline(ctx, { x: r.x - 3, y: r.y - 3, w: r.w + 6, h: r.h + 6 }, COLORS.select, 1.5 / z, 4);
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

  drawFreeItem(ctx: CanvasRenderingContext2D, el: BoardElement, r: Rect, s: Scene): void {
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
        if (!editing) this.drawTextBlock(ctx, (p.text as string) ?? '', `15px ${FONT_FAMILY}`, 20, r, textOn(fill), 'left');
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
        if (!editing) this.drawTextBlock(ctx, (p.text as string) ?? '', `${size}px ${FONT_FAMILY}`, size * 1.3, { ...r, x: r.x - 10, y: r.y - 10, w: r.w + 20, h: r.h + 20 }, (p.color as string) ?? '#212529', 'left');
        break;
      }
      case 'shape': {
        const color = (p.color as string) ?? '#495057';
        ctx.lineWidth = 2;
        ctx.strokeStyle = color;
        ctx.fillStyle = color + '14';
        ctx.beginPath();
        if (p.shape === 'ellipse') ctx.ellipse(r.x + r.w / 2, r.y + r.h / 2, r.w / 2, r.h / 2, 0, 0, Math.PI * 2);
        else this.roundRect(ctx, r.x, r.y, r.w, r.h, 6);
        ctx.fill();
        ctx.stroke();
        if (!editing && p.text) this.drawTextBlock(ctx, p.text as string, `15px ${FONT_FAMILY}`, 20, r, '#212529', 'center');
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
        this.drawArrow(ctx, shift(p.from as string, a), shift(p.to as string, b), (p.color as string) ?? '#495057', isEllipse(p.from as string), isEllipse(p.to as string));
        break;
      }
    }
  }

  private drawArrow(ctx: CanvasRenderingContext2D, a: Rect, b: Rect, color: string, aEllipse = false, bEllipse = false): void {
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

  private drawTextBlock(ctx: CanvasRenderingContext2D, text: string, font: string, lineH: number, r: Rect, color: string, align: 'left' | 'center'): void {
    const pad = 10;
    const maxLines = Math.max(1, Math.floor((r.h - 2 * pad) / lineH));
    const lines = this.text.wrap(text, font, Math.max(10, r.w - 2 * pad), maxLines);
    ctx.font = font;
    ctx.fillStyle = color;
    ctx.textBaseline = 'middle';
    ctx.textAlign = align;
    const top = align === 'center' ? r.y + (r.h - lines.length * lineH) / 2 : r.y + pad;
    const x = align === 'center' ? r.x + r.w / 2 : r.x + pad;
    for (let i = 0; i < lines.length; i++) ctx.fillText(lines[i], x, top + i * lineH + lineH / 2);
  }

  private drawOverlay(ctx: CanvasRenderingContext2D, s: Scene): void {
    const o = s.overlay;
    const z = s.camera.zoom;
    if (o.dropCell) {
      ctx.fillStyle = 'rgba(34,139,230,0.08)';
      ctx.fillRect(o.dropCell.x, o.dropCell.y, o.dropCell.w, o.dropCell.h);
      this.outline(ctx, o.dropCell, COLORS.select, 1.5 / z, 0);
    }
    if (o.dropLine) {
      ctx.fillStyle = COLORS.select;
      ctx.fillRect(o.dropLine.x, o.dropLine.y - 1.5, o.dropLine.w, 3);
    }
    if (o.box) {
      ctx.fillStyle = 'rgba(34,139,230,0.08)';
      ctx.fillRect(o.box.x, o.box.y, o.box.w, o.box.h);
      this.outline(ctx, o.box, COLORS.select, 1 / z, 0);
    }
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

  private drawPeers(ctx: CanvasRenderingContext2D, s: Scene): void {
    const z = s.camera.zoom;
    for (const peer of s.peers) {
      for (const id of peer.selection) {
        const el = s.doc.get(id);
        const r = elementBounds(el, s.doc, s.layout);
        if (r) this.outline(ctx, { x: r.x - 4, y: r.y - 4, w: r.w + 8, h: r.h + 8 }, peer.color, 2 / z, 10);
      }
    }
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
      const w = this.text.width(peer.name, `600 12px ${FONT_FAMILY}`) + 12;
      ctx.fillStyle = peer.color;
      this.roundRect(ctx, 12, 18, w, 20, 10);
      ctx.fill();
      ctx.fillStyle = textOn(peer.color);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(peer.name, 18, 28.5);
      ctx.restore();
    }
  }

  private outline(ctx: CanvasRenderingContext2D, r: Rect, color: string, width: number, radius: number): void {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    if (radius > 0) {
      this.roundRect(ctx, r.x, r.y, r.w, r.h, radius);
      ctx.stroke();
    } else ctx.strokeRect(r.x, r.y, r.w, r.h);
  }

  private roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, Math.min(r, w / 2, h / 2));
  }
}

/** The point where the segment from outside point `from` to the centre of r crosses r's border. */
export function clipToRect(from: { x: number; y: number }, center: { x: number; y: number }, r: Rect): { x: number; y: number } {
  const dx = from.x - center.x, dy = from.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const sx = dx !== 0 ? r.w / 2 / Math.abs(dx) : Infinity;
  const sy = dy !== 0 ? r.h / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy, 1);
  return { x: center.x + dx * s, y: center.y + dy * s };
}

/** Like clipToRect for the ellipse inscribed in r. */
export function clipToEllipse(from: { x: number; y: number }, center: { x: number; y: number }, r: Rect): { x: number; y: number } {
  const dx = from.x - center.x, dy = from.y - center.y;
  const a = r.w / 2, b = r.h / 2;
  const k = Math.sqrt((dx * dx) / (a * a) + (dy * dy) / (b * b));
  if (!(k > 1)) return center;
  return { x: center.x + dx / k, y: center.y + dy / k };
}

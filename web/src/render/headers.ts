// Stage and lane headers, drawn over the cards where the sticky rule puts them (the top and left
// edges of the view while the map is panned under them), with the bands they reserve, the
// corner, and the facilitator's "+" buttons for new stages and lanes. At low zoom the labels keep
// a readable screen size (per zoom bucket, so wrapped labels stay cached).
import { emotionTop, G, GridLayout, Rect } from './layout';
import { lodFor } from './lod';
import { outline, roundRect } from './paint';
import type { Scene } from './scene';
import type { Sticky } from './sticky';
import type { TextLayout } from './text';
import { COLORS, emotionTone, FONT_FAMILY, LANE_STYLE, TONE_FG } from './theme';

export const ADD_BTN = 28;

/** "+" buttons after the last stage and below the last lane (facilitators only). */
export function addButtonRects(L: GridLayout, sticky: Sticky): { stage: Rect; lane: Rect } {
  const gx = L.stages.length ? L.grid.w : G.headerW;
  const gy = L.lanes.length ? L.lanes[L.lanes.length - 1].y + L.lanes[L.lanes.length - 1].h : G.headerH;
  // on an empty grid the buttons carry their label
  const sw = L.stages.length ? ADD_BTN : 132;
  const lw = L.lanes.length ? ADD_BTN : 132;
  return {
    stage: { x: gx + 12, y: sticky.top + (G.headerH - ADD_BTN) / 2, w: sw, h: ADD_BTN },
    lane: { x: sticky.left + (G.headerW - lw) / 2, y: gy + 12, w: lw, h: ADD_BTN },
  };
}

interface Fonts { stage: string; stagePx: number; lane: string; lanePx: number; small: string; smallPx: number; full: boolean }

/** Header fonts for a zoom: as designed at full detail, about 13 screen px when zoomed out. */
function fontsFor(zoom: number): Fonts {
  const lod = lodFor(zoom);
  const full = lod.level === 0;
  const k = full ? 1 : 1 / lod.ref;
  const stagePx = full ? 15 : Math.min(13.5 * k, G.headerH * 0.55);
  const lanePx = full ? 14 : Math.min(11.5 * k, 40);
  const smallPx = full ? 12 : Math.min(11 * k, G.emotionLevel * 0.85);
  return { stage: `600 ${stagePx}px ${FONT_FAMILY}`, stagePx, lane: `600 ${lanePx}px ${FONT_FAMILY}`, lanePx, small: `${smallPx}px ${FONT_FAMILY}`, smallPx, full };
}

export function drawHeaders(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, text: TextLayout, sticky: Sticky): void {
  const L = s.layout;
  if (!L.stages.length && !L.lanes.length) {
    if (s.canEditStructure) drawAddButtons(ctx, s, sticky);
    return;
  }
  const { grid } = L;
  const fonts = fontsFor(s.camera.zoom);
  // the bands between the view's edge and headers pushed in by the insets hide what is under them
  const x0 = Math.max(0, view.x), x1 = Math.min(grid.w, view.x + view.w);
  const y0 = Math.max(0, view.y), y1 = Math.min(grid.h, view.y + view.h);
  ctx.fillStyle = COLORS.bg;
  if (sticky.top > 0 && x1 > x0) ctx.fillRect(x0, y0, x1 - x0, Math.max(0, sticky.top - y0));
  if (sticky.left > 0 && y1 > y0) ctx.fillRect(x0, y0, Math.max(0, sticky.left - x0), y1 - y0);
  drawLaneHeaders(ctx, s, view, text, sticky, fonts);
  drawStageHeaders(ctx, s, view, text, sticky, fonts);
  // corner
  ctx.fillStyle = '#f8f9fa';
  ctx.fillRect(sticky.left, sticky.top, G.headerW, G.headerH);
  ctx.strokeStyle = COLORS.gridLine;
  ctx.lineWidth = 1 / s.camera.zoom;
  ctx.strokeRect(sticky.left, sticky.top, G.headerW, G.headerH);
  if (s.canEditStructure) drawAddButtons(ctx, s, sticky);
}

function drawStageHeaders(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, text: TextLayout, sticky: Sticky, f: Fonts): void {
  const L = s.layout;
  const z = s.camera.zoom;
  const y = sticky.top;
  ctx.fillStyle = COLORS.header;
  ctx.fillRect(sticky.left, y, L.grid.w - sticky.left, G.headerH);
  ctx.strokeStyle = COLORS.gridLine;
  ctx.lineWidth = 1 / z;
  ctx.beginPath();
  ctx.moveTo(sticky.left, y + G.headerH);
  ctx.lineTo(L.grid.w, y + G.headerH);
  for (const st of L.stages) { ctx.moveTo(st.x, y); ctx.lineTo(st.x, y + G.headerH); }
  ctx.stroke();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const st of L.stages) {
    if (st.x > view.x + view.w || st.x + st.w < view.x) continue;
    const accent = (st.el.props.color as string) ?? '#343a40';
    ctx.fillStyle = accent;
    ctx.fillRect(st.x, y, st.w, Math.max(4, 3 / z));
    // the label starts where the column shows, so a wide stage panned half away keeps its name
    const lx = Math.max(st.x, sticky.left + G.headerW) + 14;
    const maxW = st.x + st.w - lx - 14;
    if (maxW <= 0) continue;
    if (f.full) {
      ctx.fillStyle = COLORS.subText;
      ctx.font = f.small;
      ctx.fillText(String(st.i + 1).padStart(2, '0'), lx, y + 22);
      ctx.fillStyle = COLORS.headerText;
      ctx.font = f.stage;
      ctx.fillText(text.wrap(st.label, f.stage, maxW, 1)[0] ?? '', lx, y + 44);
    } else {
      // zoomed out: the name alone, one line
      ctx.fillStyle = COLORS.headerText;
      ctx.font = f.stage;
      ctx.fillText(text.ellipsize(st.label, f.stage, maxW), lx, y + G.headerH / 2 + 1 / z);
    }
    if (s.selection.has(st.el.id)) outline(ctx, { x: st.x + 1 / z, y: y + 1 / z, w: st.w - 2 / z, h: G.headerH - 2 / z }, COLORS.select, 2 / z, 4);
  }
}

function drawLaneHeaders(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, text: TextLayout, sticky: Sticky, f: Fonts): void {
  const z = s.camera.zoom;
  const x = sticky.left;
  const lineH = f.lanePx * (f.full ? 1.35 : 1.15);
  for (const lane of s.layout.lanes) {
    if (lane.y > view.y + view.h || lane.y + lane.h < view.y) continue;
    const style = LANE_STYLE[lane.kind] ?? LANE_STYLE.custom;
    ctx.fillStyle = COLORS.header;
    ctx.fillRect(x, lane.y, G.headerW, lane.h);
    ctx.strokeStyle = COLORS.gridLine;
    ctx.lineWidth = 1 / z;
    ctx.strokeRect(x, lane.y, G.headerW, lane.h);
    ctx.fillStyle = (lane.el.props.color as string) ?? style.accent;
    ctx.fillRect(x, lane.y, Math.max(4, 3 / z), lane.h);
    // the label stays in the part of the lane that shows below the stage headers
    const visTop = Math.max(lane.y, sticky.top + G.headerH);
    const pad = f.full ? 24 - lineH / 2 : lineH * 0.15;
    const emotions = lane.kind === 'emotions';
    const maxLines = Math.max(1, Math.min(3, Math.floor((lane.y + lane.h - visTop - pad) / lineH)));
    const textW = G.headerW - (emotions ? 40 : 24) - Math.max(4, 3 / z);
    ctx.fillStyle = COLORS.headerText;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    // a little smaller rather than a word cut in two ("Opportu / nities")
    let font = f.lane;
    const widest = text.widestWord(lane.label, f.lane);
    if (!f.full && widest > textW) font = `600 ${Math.round(f.lanePx * Math.max(0.7, (textW / widest) * 0.97) * 10) / 10}px ${FONT_FAMILY}`;
    ctx.font = font;
    const lines = text.wrap(lane.label, font, textW, maxLines);
    const ty = Math.min(visTop + pad, lane.y + lane.h - (lines.length + 0.25) * lineH);
    lines.forEach((ln, i) => ctx.fillText(ln, x + 18, ty + (i + 0.5) * lineH));
    // a lane with its own title still says what kind it is
    if (lane.el.props.title && f.full) {
      ctx.fillStyle = COLORS.subText;
      ctx.font = f.small;
      ctx.fillText(s.labels.kind[lane.kind] ?? lane.kind, x + 18, ty + lines.length * lineH + 10);
    }
    if (emotions) {
      // score scale
      ctx.font = f.small;
      ctx.textAlign = 'right';
      const etop = emotionTop(lane);
      for (let e = 2; e >= -2; e--) {
        ctx.fillStyle = TONE_FG[emotionTone(e)];
        ctx.fillText(e > 0 ? `+${e}` : String(e), x + G.headerW - 10, etop + (2 - e) * G.emotionLevel);
      }
      ctx.textAlign = 'left';
    }
    if (s.selection.has(lane.el.id)) outline(ctx, { x: x + 1 / z, y: lane.y + 1 / z, w: G.headerW - 2 / z, h: lane.h - 2 / z }, COLORS.select, 2 / z, 4);
  }
}

function drawAddButtons(ctx: CanvasRenderingContext2D, s: Scene, sticky: Sticky): void {
  const b = addButtonRects(s.layout, sticky);
  const k = Math.max(1, Math.min(3, 0.7 / s.camera.zoom));
  for (const [r0, label] of [[b.stage, s.labels.addStage], [b.lane, s.labels.addLane]] as [Rect, string][]) {
    // hit testing uses the same rectangle: keep it; only the stroke thickens when zoomed out
    const r = r0;
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = '#adb5bd';
    ctx.lineWidth = k;
    roundRect(ctx, r.x, r.y, r.w, r.h, 6);
    ctx.fill();
    ctx.stroke();
    ctx.strokeStyle = '#495057';
    ctx.lineWidth = 2 * k;
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

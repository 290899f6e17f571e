// The journey grid on the canvas: lane rows, stage and lane headers, the emotion lane's scale and
// curve, and the facilitator's "+" buttons for new stages and lanes.
import { stageRounds } from './emotion-band';
import { emotionTop, FONT_FAMILY, G, GridLayout, Rect, rectsIntersect } from './layout';
import { outline, roundRect } from './paint';
import type { Scene } from './scene';
import type { TextLayout } from './text';
import { COLORS, emotionTone, LANE_STYLE, TONE_FG } from './theme';

const HEADER_FONT = `600 15px ${FONT_FAMILY}`;
const LANE_FONT = `600 14px ${FONT_FAMILY}`;
const SMALL_FONT = `12px ${FONT_FAMILY}`;

export const ADD_BTN = 28;

/** "+" buttons after the last stage and below the last lane (facilitators only). */
export function addButtonRects(L: GridLayout): { stage: Rect; lane: Rect } {
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

export function drawGrid(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, text: TextLayout): void {
  const L = s.layout;
  const { grid } = L;
  if (!L.stages.length && !L.lanes.length) {
    if (s.canEditStructure) drawAddButtons(ctx, s);
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
  drawGridLines(ctx, L, z);
  drawStageHeaders(ctx, s, view, text);
  drawLaneHeaders(ctx, s, view, text);
  // corner
  ctx.fillStyle = '#f8f9fa';
  ctx.fillRect(0, 0, G.headerW, G.headerH);
  ctx.strokeStyle = COLORS.gridLine;
  ctx.strokeRect(0, 0, G.headerW, G.headerH);
  drawEmotionCurves(ctx, L, view, z);
  if (s.overlay.hoverCell && s.canEdit) {
    const r = s.overlay.hoverCell;
    ctx.fillStyle = 'rgba(34,139,230,0.04)';
    ctx.fillRect(r.x, r.y, r.w, r.h);
  }
  if (s.canEditStructure) drawAddButtons(ctx, s);
}

function drawGridLines(ctx: CanvasRenderingContext2D, L: GridLayout, z: number): void {
  const { grid } = L;
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
}

function drawStageHeaders(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, text: TextLayout): void {
  const z = s.camera.zoom;
  ctx.textBaseline = 'middle';
  for (const st of s.layout.stages) {
    if (st.x > view.x + view.w || st.x + st.w < view.x) continue;
    const accent = (st.el.props.color as string) ?? '#343a40';
    ctx.fillStyle = accent;
    ctx.fillRect(st.x, 0, st.w, 4);
    ctx.fillStyle = COLORS.subText;
    ctx.font = SMALL_FONT;
    ctx.textAlign = 'left';
    ctx.fillText(String(st.i + 1).padStart(2, '0'), st.x + 14, 22);
    ctx.fillStyle = COLORS.headerText;
    ctx.font = HEADER_FONT;
    const lines = text.wrap(st.label, HEADER_FONT, st.w - 28, 1);
    ctx.fillText(lines[0] ?? '', st.x + 14, 44);
    if (s.selection.has(st.el.id)) outline(ctx, { x: st.x + 1, y: 1, w: st.w - 2, h: G.headerH - 2 }, COLORS.select, 2 / z, 4);
  }
}

function drawLaneHeaders(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, text: TextLayout): void {
  const z = s.camera.zoom;
  for (const lane of s.layout.lanes) {
    if (lane.y > view.y + view.h || lane.y + lane.h < view.y) continue;
    const style = LANE_STYLE[lane.kind] ?? LANE_STYLE.custom;
    ctx.fillStyle = COLORS.header;
    ctx.fillRect(0, lane.y, G.headerW, lane.h);
    ctx.fillStyle = (lane.el.props.color as string) ?? style.accent;
    ctx.fillRect(0, lane.y, 4, lane.h);
    ctx.fillStyle = COLORS.headerText;
    ctx.font = LANE_FONT;
    ctx.textAlign = 'left';
    const lines = text.wrap(lane.label, LANE_FONT, G.headerW - 32, 3);
    lines.forEach((ln, i) => ctx.fillText(ln, 18, lane.y + 24 + i * 19));
    ctx.fillStyle = COLORS.subText;
    ctx.font = SMALL_FONT;
    // a lane with its own title still says what kind it is
    if (lane.el.props.title) ctx.fillText(s.labels.kind[lane.kind] ?? lane.kind, 18, lane.y + 24 + lines.length * 19 + 2);
    if (lane.kind === 'emotions') {
      // score scale
      const top = emotionTop(lane);
      for (let e = 2; e >= -2; e--) {
        const yy = top + (2 - e) * G.emotionLevel;
        ctx.fillStyle = TONE_FG[emotionTone(e)];
        ctx.textAlign = 'right';
        ctx.fillText(e > 0 ? `+${e}` : String(e), G.headerW - 10, yy);
      }
      ctx.textAlign = 'left';
    }
    if (s.selection.has(lane.el.id)) outline(ctx, { x: 1, y: lane.y + 1, w: G.headerW - 2, h: lane.h - 2 }, COLORS.select, 2 / z, 4);
  }
}

/** Guide lines of the emotion scale and the curve through the scored cards. */
function drawEmotionCurves(ctx: CanvasRenderingContext2D, L: GridLayout, view: Rect, z: number): void {
  // once stages hold emotion-round results the curve follows those (emotion-band.ts), not the cards
  const byCards = stageRounds(L).length === 0;
  for (const c of L.curves) {
    const lane = c.lane;
    if (lane.y > view.y + view.h || lane.y + lane.h < view.y) continue;
    const top = emotionTop(lane);
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
    if (!byCards) continue;
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
}

function drawAddButtons(ctx: CanvasRenderingContext2D, s: Scene): void {
  const b = addButtonRects(s.layout);
  for (const [r, label] of [[b.stage, s.labels.addStage], [b.lane, s.labels.addLane]] as [Rect, string][]) {
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = '#adb5bd';
    ctx.lineWidth = 1;
    roundRect(ctx, r.x, r.y, r.w, r.h, 6);
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

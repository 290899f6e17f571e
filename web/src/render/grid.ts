// The journey grid under the cards: lane rows, grid lines, the emotion lane's guide lines and
// curve, the hovered cell. The headers are drawn over the cards (headers.ts).
import { stageRounds } from './emotion-band';
import { emotionTop, G, GridLayout, Rect, rectsIntersect } from './layout';
import type { Scene } from './scene';
import { COLORS, emotionTone, TONE_FG } from './theme';

export function drawGrid(ctx: CanvasRenderingContext2D, s: Scene, view: Rect): void {
  const L = s.layout;
  if (!L.stages.length && !L.lanes.length) return;
  const z = s.camera.zoom;
  // lane backgrounds
  for (const lane of L.lanes) {
    if (!rectsIntersect(lane, view)) continue;
    ctx.fillStyle = lane.i % 2 ? COLORS.laneAlt : COLORS.lane;
    ctx.fillRect(lane.x, lane.y, lane.w, lane.h);
  }
  drawGridLines(ctx, L, z);
  drawEmotionCurves(ctx, L, view, z);
  if (s.overlay.hoverCell && s.canEdit) {
    const r = s.overlay.hoverCell;
    ctx.fillStyle = 'rgba(34,139,230,0.04)';
    ctx.fillRect(r.x, r.y, r.w, r.h);
  }
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
      ctx.lineWidth = Math.max(3, 2.5 / z); // the curve stays visible when zoomed out
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
      ctx.arc(p.x, p.y, Math.max(5, 4 / z), 0, Math.PI * 2);
      ctx.fill();
    }
  }
}


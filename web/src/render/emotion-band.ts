// The crowd-sourced emotion curve: the results of closed emotion rounds (`emotionRounds`) drawn in
// the emotion lane. Per stage the mean (the curve runs through it), the spread (a ±1 sd band, the
// min–max as a whisker) and the number of scores; an earlier round can be drawn beside it, faded,
// with a legend in the lane header. Cards scored in a round get a small result pill. When stages
// hold rounds, the curve through the emotion cards' own scores is not drawn (grid.ts asks).
import { formatScore, roundOn, roundsIn, roundsOf } from '../model/emotion-rounds';
import type { EmotionResult, RoundSummary } from '../model/emotion-rounds';
import { emotionTop, FONT_FAMILY, G, GridLayout, LaneRow, Rect, rectsIntersect } from './layout';
import { roundRect } from './paint';
import type { Scene } from './scene';
import { emotionTone, TONE_BG, TONE_FG } from './theme';

/** Which rounds to draw, and the words to draw them with (the renderer knows no UI language). */
export interface EmotionView {
  /** the round drawn in full; null = the latest */
  current: number | null;
  /** an earlier (or other) round drawn faded beside it; null = none */
  compare: number | null;
  words: { round: string; n: string; emotion: string };
}

export const DEFAULT_EMOTION_VIEW: EmotionView = { current: null, compare: null, words: { round: 'Round {n}', n: 'n', emotion: 'Emotion' } };

/** What was drawn, per stage, for tests and the perf hook. */
export interface DrawnPoint { stage: string; round: number; mean: number; sd: number; min: number; max: number; n: number; faded: boolean }

const CURVE = '#e64980';
const FADED = '#868e96';
const SMALL = `600 12px ${FONT_FAMILY}`;
const LEGEND = `12px ${FONT_FAMILY}`;

/** The rounds of the board's stages, oldest first. */
export function stageRounds(L: GridLayout): RoundSummary[] {
  return roundsIn(L.stages.map((s) => s.el));
}

/** The rounds to draw: the current (null when the board has none) and the one compared with. */
export function chosenRounds(L: GridLayout, v: EmotionView): { current: RoundSummary | null; compare: RoundSummary | null } {
  const rounds = stageRounds(L);
  const current = rounds.find((r) => r.round === v.current) ?? rounds[rounds.length - 1] ?? null;
  const compare = current && v.compare !== current.round ? rounds.find((r) => r.round === v.compare) ?? null : null;
  return { current, compare };
}

/** Draws the chosen rounds in every visible emotion lane (below the cards); answers what it drew. */
export function drawEmotionRounds(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, v: EmotionView): DrawnPoint[] {
  const L = s.layout;
  const { current, compare } = chosenRounds(L, v);
  if (!current) return [];
  const drawn: DrawnPoint[] = [];
  for (const c of L.curves) {
    const lane = c.lane;
    if (lane.y > view.y + view.h || lane.y + lane.h < view.y) continue;
    if (compare) drawn.push(...drawRound(ctx, L, lane, compare.round, true, v));
    drawn.push(...drawRound(ctx, L, lane, current.round, false, v));
    drawLegend(ctx, lane, current, compare, v);
  }
  return drawn;
}

function drawRound(ctx: CanvasRenderingContext2D, L: GridLayout, lane: LaneRow, round: number, faded: boolean, v: EmotionView): DrawnPoint[] {
  const top = emotionTop(lane);
  const y = (e: number) => top + (2 - Math.max(-2, Math.min(2, e))) * G.emotionLevel;
  const pts: { x: number; r: EmotionResult; stage: string }[] = [];
  for (const st of L.stages) {
    const r = roundOn(st.el, round);
    if (r) pts.push({ x: st.x + st.w / 2, r, stage: st.el.id });
  }
  if (!pts.length) return [];
  const color = faded ? FADED : CURVE;
  ctx.save();
  ctx.globalAlpha = faded ? 0.5 : 1;
  // the ±1 sd band: along the curve between stages, a bar where a stage stands alone
  ctx.fillStyle = faded ? 'rgba(134,142,150,0.14)' : 'rgba(230,73,128,0.14)';
  const half = 18;
  ctx.beginPath();
  pts.forEach((p, i) => {
    const yy = y(p.r.mean + p.r.sd);
    if (i === 0) { ctx.moveTo(p.x - half, yy); ctx.lineTo(p.x, yy); } else smoothTo(ctx, pts[i - 1].x, y(pts[i - 1].r.mean + pts[i - 1].r.sd), p.x, yy);
  });
  const last = pts[pts.length - 1];
  ctx.lineTo(last.x + half, y(last.r.mean + last.r.sd));
  ctx.lineTo(last.x + half, y(last.r.mean - last.r.sd));
  ctx.lineTo(last.x, y(last.r.mean - last.r.sd));
  for (let i = pts.length - 2; i >= 0; i--) smoothTo(ctx, pts[i + 1].x, y(pts[i + 1].r.mean - pts[i + 1].r.sd), pts[i].x, y(pts[i].r.mean - pts[i].r.sd));
  ctx.lineTo(pts[0].x - half, y(pts[0].r.mean - pts[0].r.sd));
  ctx.closePath();
  ctx.fill();
  // min–max whiskers
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  for (const p of pts) {
    ctx.beginPath();
    ctx.moveTo(p.x, y(p.r.max)); ctx.lineTo(p.x, y(p.r.min));
    ctx.moveTo(p.x - 6, y(p.r.max)); ctx.lineTo(p.x + 6, y(p.r.max));
    ctx.moveTo(p.x - 6, y(p.r.min)); ctx.lineTo(p.x + 6, y(p.r.min));
    ctx.stroke();
  }
  // the curve through the means
  if (pts.length >= 2) {
    ctx.lineWidth = 3;
    if (faded) ctx.setLineDash([8, 6]);
    ctx.beginPath();
    ctx.moveTo(pts[0].x, y(pts[0].r.mean));
    for (let i = 1; i < pts.length; i++) smoothTo(ctx, pts[i - 1].x, y(pts[i - 1].r.mean), pts[i].x, y(pts[i].r.mean));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  for (const p of pts) {
    const tone = emotionTone(Math.round(p.r.mean));
    ctx.fillStyle = faded ? FADED : TONE_FG[tone];
    ctx.beginPath();
    ctx.arc(p.x, y(p.r.mean), faded ? 4 : 6, 0, Math.PI * 2);
    ctx.fill();
    if (!faded) pointLabel(ctx, p.x + 10, y(p.r.mean) - 12, `${formatScore(p.r.mean)} ±${p.r.sd} · ${v.words.n} ${p.r.n}`, TONE_FG[tone]);
  }
  ctx.restore();
  return pts.map((p) => ({ stage: p.stage, round, mean: p.r.mean, sd: p.r.sd, min: p.r.min, max: p.r.max, n: p.r.n, faded }));
}

/** Cubic segment with horizontal tangents, as the card curve is drawn. */
function smoothTo(ctx: CanvasRenderingContext2D, ax: number, ay: number, bx: number, by: number): void {
  const mx = (ax + bx) / 2;
  ctx.bezierCurveTo(mx, ay, mx, by, bx, by);
}

function pointLabel(ctx: CanvasRenderingContext2D, x: number, y: number, text: string, color: string): void {
  ctx.font = SMALL;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#ffffff';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = color;
  ctx.fillText(text, x, y);
}

export function roundName(r: RoundSummary, v: EmotionView): string {
  const n = v.words.round.replace('{n}', String(r.round));
  return r.label ? `${n} · ${r.label}` : n;
}

/** Bottom left of the lane header: a line sample and the name of each round drawn. */
function drawLegend(ctx: CanvasRenderingContext2D, lane: LaneRow, current: RoundSummary, compare: RoundSummary | null, v: EmotionView): void {
  const rows: [RoundSummary, boolean][] = compare ? [[current, false], [compare, true]] : [[current, false]];
  let y = lane.y + lane.h - 14 - (rows.length - 1) * 18;
  ctx.save();
  ctx.font = LEGEND;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const [r, faded] of rows) {
    ctx.strokeStyle = faded ? FADED : CURVE;
    ctx.globalAlpha = faded ? 0.6 : 1;
    ctx.lineWidth = 3;
    ctx.setLineDash(faded ? [5, 3] : []);
    ctx.beginPath();
    ctx.moveTo(18, y);
    ctx.lineTo(38, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#495057';
    ctx.fillText(fit(ctx, roundName(r, v), 120), 44, y);
    y += 18;
  }
  ctx.restore();
}

function fit(ctx: CanvasRenderingContext2D, text: string, w: number): string {
  if (ctx.measureText(text).width <= w) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > w) t = t.slice(0, -1);
  return `${t}…`;
}

/** A pill on each visible card scored in a round (its latest result), above its top edge. */
export function drawCardRounds(ctx: CanvasRenderingContext2D, s: Scene, view: Rect, v: EmotionView): void {
  if (s.camera.zoom < 0.55) return;
  for (const b of s.layout.cards) {
    if (b.el.props.emotionRounds === undefined || !rectsIntersect(b, view)) continue;
    const rounds = roundsOf(b.el);
    const r = rounds[rounds.length - 1];
    if (!r) continue;
    const tone = emotionTone(Math.round(r.mean));
    const text = `${v.words.emotion} ${formatScore(r.mean)} ±${r.sd} · ${v.words.n} ${r.n}`;
    ctx.font = SMALL;
    const w = Math.min(b.w - 12, ctx.measureText(text).width + 14);
    const x = b.x + b.w - w - 8, y = b.y - 9;
    ctx.fillStyle = TONE_BG[tone];
    ctx.strokeStyle = TONE_FG[tone];
    ctx.lineWidth = 1;
    roundRect(ctx, x, y, w, 18, 9);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = TONE_FG[tone];
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(fit(ctx, text, w - 14), x + 7, y + 9.5);
  }
}

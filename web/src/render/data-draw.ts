// Drawing the data on the map: a card's data block (metric rows with value, sparkline or arrow,
// target and alert; the feedback summary) and the metrics lane's means per stage. What each card's
// block showed is kept for the end-to-end tests (`window.__jbData.drawn`): a canvas can't be read
// back as text. The renderer knows no UI language: metric names and symbols only.
import type { Metric } from '../model/types';
import { METRICS } from '../model/types';
import type { FeedbackSummary } from './feedback';
import { FEEDBACK_HEAD_H, feedbackOf, QUOTE_H } from './feedback';
import type { CardBox, GridLayout, Rect } from './layout';
import { FONT_FAMILY, G, rectsIntersect } from './layout';
import type { MetricView, StageMeans, Trend } from './metrics';
import { fmt, METRIC_LABEL, METRIC_ROW_H, rowMetrics, series, stageMeans, toneOf } from './metrics';
import { roundRect } from './paint';
import type { TextLayout } from './text';
import { COLORS, Tone, TONE_BG, TONE_FG } from './theme';

export interface DrawnData {
  metrics: { metric: Metric; value: number; trend: Trend | null; alert: boolean; target: number | null }[];
  feedback: { count: number; rating: number | null; quotes: number } | null;
  /** performance.now() of the draw */
  at: number;
}

/** What each card's data block showed the last time it was drawn. */
export const drawnData = new Map<string, DrawnData>();
let drawnMeans: StageMeans | null = null;

/** The stage means the metrics lane showed in the last frame (null: none drawn). */
export function lastStageMeans(): StageMeans | null { return drawnMeans; }

/** Draws the block with its top at `top`; a missed target also marks the card's top-left corner. */
export function drawCardData(ctx: CanvasRenderingContext2D, b: CardBox, x: number, top: number, text: TextLayout): void {
  if (b.kind === 'emotions') return;
  const rows = rowMetrics(b.el.props);
  const fb = feedbackOf(b.el.props);
  if (!rows.length && !fb) {
    drawnData.delete(b.el.id);
    return;
  }
  const w = b.w - 2 * G.cardPad;
  let y = top + 2;
  for (const v of rows) {
    drawMetricRow(ctx, v, x + G.cardPad, y, w, text);
    y += METRIC_ROW_H;
  }
  if (fb) drawFeedback(ctx, fb, x + G.cardPad, y, w, text);
  const cardTop = top - G.cardPad - b.lines.length * G.lineH;
  if (rows.some((v) => v.alert)) drawAlert(ctx, x + 2, cardTop + 2, 6);
  drawnData.set(b.el.id, {
    metrics: rows.map((v) => ({ metric: v.metric, value: v.value, trend: v.trend, alert: v.alert, target: v.target })),
    feedback: fb ? { count: fb.count, rating: fb.rating, quotes: fb.quotes.length } : null,
    at: performance.now(),
  });
}

const LABEL_FONT = `700 10px ${FONT_FAMILY}`;
const HEAD_FONT = `600 12px ${FONT_FAMILY}`;
const QUOTE_FONT = `italic 12px ${FONT_FAMILY}`;
const VALUE_FONT = `700 12px ${FONT_FAMILY}`;
const SMALL_FONT = `11px ${FONT_FAMILY}`;
const SPARK_W = 46;

/** One metric row: label, value (n), sparkline or arrow, target, alert mark. */
export function drawMetricRow(ctx: CanvasRenderingContext2D, v: MetricView, x: number, y: number, w: number, text: TextLayout): void {
  const mid = y + METRIC_ROW_H / 2;
  const maxX = x + w;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.font = LABEL_FONT;
  ctx.fillStyle = COLORS.subText;
  ctx.fillText(METRIC_LABEL[v.metric], x, mid);
  let cx = x + 34;
  const tone: Tone = v.alert ? 'bad' : v.target !== null ? 'good' : toneOf(v.metric, v.value);
  ctx.font = VALUE_FONT;
  const val = fmt(v.value);
  ctx.fillStyle = TONE_FG[tone];
  ctx.fillText(val, cx, mid);
  cx += text.width(val, VALUE_FONT) + 4;
  if (v.n !== null) {
    const n = `(${v.n})`;
    ctx.font = SMALL_FONT;
    ctx.fillStyle = COLORS.subText;
    if (cx + text.width(n, SMALL_FONT) < maxX - 90) {
      ctx.fillText(n, cx, mid);
      cx += text.width(n, SMALL_FONT) + 4;
    }
  }
  const points = series(v.history, v.value);
  if (points.length >= 2 && cx + SPARK_W < maxX - 40) {
    drawSparkline(ctx, points, cx, y + 4, SPARK_W, METRIC_ROW_H - 8, v.improving === false ? COLORS.bad : v.improving ? COLORS.good : '#5c7cfa');
    cx += SPARK_W + 4;
  }
  if (v.trend) {
    const arrow = v.trend === 'up' ? '▲' : v.trend === 'down' ? '▼' : '▬';
    ctx.font = SMALL_FONT;
    ctx.fillStyle = v.improving === null ? COLORS.subText : v.improving ? COLORS.good : COLORS.bad;
    ctx.fillText(arrow, cx, mid);
    cx += text.width(arrow, SMALL_FONT) + 6;
  }
  let right = maxX;
  if (v.alert) {
    right -= 16;
    drawAlert(ctx, right + 8, mid);
  }
  if (v.target !== null) {
    const tgt = `◎ ${fmt(v.target)}`;
    ctx.font = SMALL_FONT;
    const tw = text.width(tgt, SMALL_FONT);
    if (right - tw - 2 > cx) {
      ctx.fillStyle = v.alert ? COLORS.bad : COLORS.subText;
      ctx.textAlign = 'right';
      ctx.fillText(tgt, right - 2, mid);
      ctx.textAlign = 'left';
    }
  }
}

/** The red "!" of a missed target. */
export function drawAlert(ctx: CanvasRenderingContext2D, cx: number, cy: number, r = 7): void {
  ctx.fillStyle = COLORS.bad;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = `800 ${Math.round(r * 1.6)}px ${FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('!', cx, cy + 0.5);
  ctx.textAlign = 'left';
}

export function drawSparkline(ctx: CanvasRenderingContext2D, values: number[], x: number, y: number, w: number, h: number, color: string): void {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const span = hi - lo || 1;
  const step = w / (values.length - 1);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  values.forEach((v, i) => {
    const px = x + i * step, py = y + h - ((v - lo) / span) * h;
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.stroke();
  const lx = x + w, ly = y + h - ((values[values.length - 1] - lo) / span) * h;
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(lx, ly, 2, 0, Math.PI * 2);
  ctx.fill();
}

/**
 * The metrics lane's means: per stage, one chip per metric at the bottom of its cell
 * (`ø CSAT 3.9 · 4`: the mean and how many cards it is over). Drawn over the cards' row space the
 * layout keeps free below the last card.
 */
export function drawStageMeans(ctx: CanvasRenderingContext2D, layout: GridLayout, view: Rect, zoom: number, text: TextLayout): StageMeans | null {
  if (zoom < 0.3) return null;
  const lanes = layout.lanes.filter((l) => l.kind === 'metrics');
  if (!lanes.length) return null;
  const means = stageMeans(layout.cards);
  drawnMeans = means;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const lane of lanes) {
    for (const stage of layout.stages) {
      const m = means.get(stage.el.id);
      if (!m) continue;
      const y = lane.y + lane.h - G.cellPad - 20;
      let x = stage.x + G.cellPad;
      if (!rectsIntersect({ x, y, w: stage.w, h: 20 }, view)) continue;
      for (const metric of METRICS) {
        const s = m[metric];
        if (!s) continue;
        const label = `ø ${METRIC_LABEL[metric]} ${fmt(s.mean)} · ${s.n}`;
        ctx.font = SMALL_FONT;
        const w = text.width(label, SMALL_FONT) + 12;
        if (x + w > stage.x + stage.w - G.cellPad) break;
        const tone = toneOf(metric, s.mean);
        ctx.fillStyle = TONE_BG[tone];
        roundRect(ctx, x, y, w, 18, 9);
        ctx.fill();
        ctx.fillStyle = TONE_FG[tone];
        ctx.fillText(label, x + 6, y + 9.5);
        x += w + 4;
      }
    }
  }
  return means;
}

/** `“…” 23 · ★ 3.6` and the quotes, one line each (cut with an ellipsis). */
export function drawFeedback(ctx: CanvasRenderingContext2D, f: FeedbackSummary, x: number, y: number, w: number, text: TextLayout): void {
  const mid = y + FEEDBACK_HEAD_H / 2;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  // a speech bubble
  ctx.fillStyle = '#0c8599';
  ctx.beginPath();
  ctx.roundRect(x, mid - 6, 14, 10, 3);
  ctx.moveTo(x + 3, mid + 3);
  ctx.lineTo(x + 3, mid + 8);
  ctx.lineTo(x + 8, mid + 3);
  ctx.fill();
  ctx.font = HEAD_FONT;
  ctx.fillStyle = '#0b7285';
  let head = String(f.count);
  if (f.rating !== null) head += `  ·  ★ ${Math.round(f.rating * 10) / 10}`;
  ctx.fillText(head, x + 19, mid);
  ctx.font = QUOTE_FONT;
  ctx.fillStyle = COLORS.subText;
  f.quotes.forEach((q, i) => {
    const line = text.wrap(`“${q.text.replace(/\s+/g, ' ')}”`, QUOTE_FONT, w, 1)[0] ?? '';
    ctx.fillText(line, x, y + FEEDBACK_HEAD_H + i * QUOTE_H + QUOTE_H / 2);
  });
}

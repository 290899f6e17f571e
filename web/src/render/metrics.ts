// Touchpoint metrics on the map: what a card's CSAT / NPS / CES readings say (latest value, trend
// against the reading before, the alert when the value misses its target) and the mean per stage
// the metrics lane shows. Pure logic (Vitest-tested); data-draw.ts draws it.
import type { BoardElement, Json, Metric, Props } from '../model/types';
import { METRICS } from '../model/types';
import type { Tone } from './theme';

export interface Reading { at: string; value: number }
export type Trend = 'up' | 'down' | 'flat';

/** One metric of a card as the map shows it. */
export interface MetricView {
  metric: Metric;
  value: number;
  n: number | null;
  target: number | null;
  history: Reading[];
  /** the latest value against the one before it; null with fewer than two readings */
  trend: Trend | null;
  /** true when the trend is an improvement (CES: down), null without a trend */
  improving: boolean | null;
  /** the value misses its target: CSAT / NPS below it, CES above it */
  alert: boolean;
}

/** Higher is better for CSAT and NPS; for CES (effort) lower is better. */
export const HIGHER_IS_BETTER: Readonly<Record<Metric, boolean>> = { csat: true, nps: true, ces: false };
export const METRIC_LABEL: Readonly<Record<Metric, string>> = { csat: 'CSAT', nps: 'NPS', ces: 'CES' };

const num = (v: Json | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function misses(metric: Metric, value: number, target: number | null): boolean {
  if (target === null) return false;
  return HIGHER_IS_BETTER[metric] ? value < target : value > target;
}

/** The readings of a `…History` prop, oldest first; malformed entries are skipped. */
export function historyOf(v: Json | undefined): Reading[] {
  if (!Array.isArray(v)) return [];
  const out: Reading[] = [];
  for (const r of v) {
    if (r && typeof r === 'object' && !Array.isArray(r) && typeof r.at === 'string' && typeof r.value === 'number') out.push({ at: r.at, value: r.value });
  }
  return out;
}

/**
 * The series a trend is read from: the history, plus the current value when someone set it by hand
 * after the last reading (it differs from the last one).
 */
export function series(history: Reading[], value: number): number[] {
  const s = history.map((r) => r.value);
  if (!s.length || s[s.length - 1] !== value) s.push(value);
  return s;
}

export function trendOf(values: number[]): Trend | null {
  if (values.length < 2) return null;
  const d = values[values.length - 1] - values[values.length - 2];
  return Math.abs(d) < 1e-9 ? 'flat' : d > 0 ? 'up' : 'down';
}

export function metricView(p: Readonly<Props>, metric: Metric): MetricView | null {
  const value = num(p[metric]);
  if (value === null) return null;
  const history = historyOf(p[`${metric}History`]);
  const target = num(p[`${metric}Target`]);
  const trend = trendOf(series(history, value));
  const improving = trend === null || trend === 'flat' ? null : (trend === 'up') === HIGHER_IS_BETTER[metric];
  return { metric, value, n: num(p[`${metric}N`]), target, history, trend, improving, alert: misses(metric, value, target) };
}

export function metricViews(p: Readonly<Props>): MetricView[] {
  const out: MetricView[] = [];
  for (const m of METRICS) {
    const v = metricView(p, m);
    if (v) out.push(v);
  }
  return out;
}

/**
 * Metrics drawn as a full row on the card (value, sparkline or arrow, target, alert) instead of a
 * plain badge: those with readings, a target or a response count.
 */
export function rowMetrics(p: Readonly<Props>): MetricView[] {
  return metricViews(p).filter((v) => v.history.length > 0 || v.target !== null || v.n !== null);
}

/** Green / amber / red for a value that may have decimals (integrations push 3.8). */
export function toneOf(metric: Metric, v: number): Tone {
  switch (metric) {
    case 'csat': return v >= 4 ? 'good' : v >= 3 ? 'neutral' : 'bad';
    case 'nps': return v >= 30 ? 'good' : v >= 0 ? 'neutral' : 'bad';
    case 'ces': return v <= 3 ? 'good' : v <= 4 ? 'neutral' : 'bad';
  }
}

/** 3.8, 42, 4.25: at most two decimals, no trailing zeros. */
export function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export interface StageMean { mean: number; n: number }
export type StageMeans = Map<string, Partial<Record<Metric, StageMean>>>;

/** Per stage, the mean of each metric over the stage's cards that carry it (any lane). */
export function stageMeans(cards: readonly { el: BoardElement; stage: { el: BoardElement } }[]): StageMeans {
  const sums = new Map<string, Partial<Record<Metric, { sum: number; n: number }>>>();
  for (const c of cards) {
    for (const m of METRICS) {
      const v = num(c.el.props[m]);
      if (v === null) continue;
      const id = c.stage.el.id;
      let s = sums.get(id);
      if (!s) sums.set(id, (s = {}));
      const acc = (s[m] ??= { sum: 0, n: 0 });
      acc.sum += v;
      acc.n++;
    }
  }
  const out: StageMeans = new Map();
  for (const [id, s] of sums) {
    const r: Partial<Record<Metric, StageMean>> = {};
    for (const m of METRICS) if (s[m]) r[m] = { mean: s[m]!.sum / s[m]!.n, n: s[m]!.n };
    out.set(id, r);
  }
  return out;
}

/** Height of one metric row on a card. */
export const METRIC_ROW_H = 20;

// The priority of pain points and opportunities (PROTOCOL.md "Hand-off documents"; Java: the
// server's `handoff.JourneyReader` and `ActionItem.priorityScore`, which the exported plan, matrix
// and PDF print). One implementation per language, kept equal by the shared vectors in
// protocol/src/test/resources/priority (web/test/priority.test.ts, Java PriorityVectorTest):
//
//   score = votes + 2·impact − effort + 2·gap      (a missing part counts 0)
//
// `gap` (0..5) is the metric gap to target of the touchpoint the item is linked to: its
// `measure.touchpoint` (the metric `measure.metric`), else the touchpoint card of the same stage
// (a card in a `touchpoints` lane) with a target and the largest gap. Reading is lenient like the
// server's: a value of the wrong shape counts as absent.
import { BoardDoc, compareElements } from './doc';
import type { BoardElement, Json, Metric } from './types';

export type Quadrant = 'quick-wins' | 'big-bets' | 'fill-ins' | 'money-pits';
export const QUADRANTS: readonly Quadrant[] = ['quick-wins', 'big-bets', 'fill-ins', 'money-pits'];
/** impact and effort are "high" from this rating up */
export const HIGH = 3;

export type ItemKind = 'painpoint' | 'opportunity' | 'other';

export interface Priority {
  readonly card: BoardElement;
  readonly kind: ItemKind;
  readonly votes: number;
  readonly impact: number | null;
  readonly effort: number | null;
  readonly top: number | null;
  /** the touchpoint card whose gap counts, or null */
  readonly touchpoint: string | null;
  readonly gap: number;
  readonly score: number;
  /** null unless both impact and effort are rated */
  readonly quadrant: Quadrant | null;
  /** position in grid order (stage by stage, then lane, then the cell's order) */
  readonly position: number;
}

const GAP_FACTOR: Record<Metric, number> = { csat: 1.25, nps: 1 / 40, ces: 0.833 };
const HIGHER_IS_BETTER: Record<Metric, boolean> = { csat: true, nps: true, ces: false };
const METRIC_ORDER: readonly Metric[] = ['csat', 'nps', 'ces'];
const INT_MAX = 2147483647;

/** How far `value` falls short of `target`, on the 0..5 scale; 0 when it meets it. */
export function metricGap(metric: Metric, value: number, target: number): number {
  const shortfall = HIGHER_IS_BETTER[metric] ? target - value : value - target;
  return Math.min(5, Math.max(0, shortfall) * GAP_FACTOR[metric]);
}

/** The formula, as the server computes it (same order of operations, so the same doubles). */
export function priorityScore(votes: number, impact: number | null, effort: number | null, gap: number): number {
  return votes + 2.0 * (impact ?? 0) - (effort ?? 0) + 2 * gap;
}

export function quadrantOf(impact: number | null, effort: number | null): Quadrant | null {
  if (impact === null || effort === null) return null;
  const hi = impact >= HIGH, he = effort >= HIGH;
  return hi ? (he ? 'big-bets' : 'quick-wins') : (he ? 'money-pits' : 'fill-ins');
}

const num = (v: Json | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: Json | undefined): number | null => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT_MAX ? v : null);
const rating = (v: Json | undefined): number | null => { const n = int(v); return n !== null && n >= 1 && n <= 5 ? n : null; };
const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : null);

interface Reading { metric: Metric; value: number; target: number | null }

/** CSAT, NPS, CES readings that have a value, in that order. */
function readings(e: BoardElement): Reading[] {
  const out: Reading[] = [];
  for (const m of METRIC_ORDER) {
    const value = num(e.props[m]);
    if (value !== null) out.push({ metric: m, value, target: num(e.props[`${m}Target`]) });
  }
  return out;
}

function gapOf(tp: BoardElement, metric: Metric | null): number {
  let g = 0;
  for (const r of readings(tp)) if ((metric === null || r.metric === metric) && r.target !== null) g = Math.max(g, metricGap(r.metric, r.value, r.target));
  return g;
}

/** The board's action items and their priorities, in the plan's order, with lookups. */
export class Priorities {
  /** TOP rank first, then score (highest first), then grid order: the order of the exported plan */
  readonly items: readonly Priority[];
  private readonly byId: Map<string, Priority>;

  constructor(items: Priority[]) {
    this.items = [...items].sort((a, b) => (a.top ?? Infinity) - (b.top ?? Infinity) || b.score - a.score || a.position - b.position);
    this.byId = new Map(items.map((p) => [p.card.id, p]));
  }

  get(id: string): Priority | undefined { return this.byId.get(id); }

  /** The ranking the facilitator picks the TOP-N from: by score only (highest first), then grid order. */
  ranking(): Priority[] {
    return [...this.items].sort((a, b) => b.score - a.score || a.position - b.position);
  }

  /** The TOP key points, by rank. */
  keyPoints(): Priority[] {
    return this.items.filter((p) => p.top !== null);
  }
}

/**
 * Reads the board's action items: the cards of `painpoints` and `opportunities` lanes, and any other
 * card with a `top`. Cards outside the grid (no lane, or no such stage) and private elements are
 * left out, as the exports leave them out.
 */
export function priorities(doc: BoardDoc): Priorities {
  // several views ask after each edit: read the board once per document version
  if (memo && memo.doc === doc && memo.version === doc.version) return memo.result;
  const result = read(doc);
  memo = { doc, version: doc.version, result };
  return result;
}

let memo: { doc: BoardDoc; version: number; result: Priorities } | null = null;

function read(doc: BoardDoc): Priorities {
  const stages: BoardElement[] = [];
  const lanes: BoardElement[] = [];
  const cards: BoardElement[] = [];
  for (const e of doc.values()) {
    if (e.props.private !== undefined) continue;
    if (e.type === 'stage') stages.push(e);
    else if (e.type === 'lane') lanes.push(e);
    else if (e.type === 'card') cards.push(e);
  }
  stages.sort(compareElements);
  lanes.sort(compareElements);
  cards.sort(compareElements);
  const stageIds = new Set(stages.map((s) => s.id));
  const laneKind = new Map(lanes.map((l) => [l.id, str(l.props.kind) ?? 'custom']));
  const cells = new Map<string, BoardElement[]>();
  for (const c of cards) {
    const stage = str(c.props.stage);
    if (c.parent === null || !laneKind.has(c.parent) || stage === null || !stageIds.has(stage)) continue;
    const key = `${c.parent}|${stage}`;
    const list = cells.get(key);
    if (list) list.push(c);
    else cells.set(key, [c]);
  }
  const gridCards = new Map<string, BoardElement>();
  const grid: BoardElement[] = [];
  for (const s of stages) for (const l of lanes) for (const c of cells.get(`${l.id}|${s.id}`) ?? []) { grid.push(c); gridCards.set(c.id, c); }

  const touchpoint = (c: BoardElement): { id: string; gap: number } | null => {
    const m = c.props.measure;
    const measure = m !== null && typeof m === 'object' && !Array.isArray(m) ? m : null;
    const metricName = measure ? str(measure.metric) : null;
    const metric = metricName !== null && (METRIC_ORDER as readonly string[]).includes(metricName) ? (metricName as Metric) : null;
    const named = measure ? str(measure.touchpoint) : null;
    if (named !== null && gridCards.has(named)) return { id: named, gap: gapOf(gridCards.get(named)!, metric) };
    let best: { id: string; gap: number } | null = null;
    for (const l of lanes) {
      if (laneKind.get(l.id) !== 'touchpoints') continue;
      for (const tp of cells.get(`${l.id}|${c.props.stage}`) ?? []) {
        if (!readings(tp).some((r) => r.target !== null && (metric === null || r.metric === metric))) continue;
        const g = gapOf(tp, metric);
        if (best === null || g > best.gap) best = { id: tp.id, gap: g };
      }
    }
    return best;
  };

  const items: Priority[] = [];
  grid.forEach((c, position) => {
    const k = laneKind.get(c.parent!);
    const kind: ItemKind = k === 'painpoints' ? 'painpoint' : k === 'opportunities' ? 'opportunity' : 'other';
    const t = int(c.props.top);
    const top = t !== null && t >= 1 ? t : null;
    if (kind === 'other' && top === null) return;
    const v = int(c.props.votes);
    const votes = v === null ? 0 : Math.max(0, v);
    const impact = rating(c.props.impact), effort = rating(c.props.effort);
    const tp = touchpoint(c);
    const gap = tp === null ? 0 : tp.gap;
    items.push({ card: c, kind, votes, impact, effort, top, touchpoint: tp?.id ?? null, gap, score: priorityScore(votes, impact, effort, gap), quadrant: quadrantOf(impact, effort), position });
  });
  return new Priorities(items);
}

/** A score as the exports print it: at most two decimals, no trailing zeros. */
export function formatScore(score: number): string {
  const r = Math.round(score * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

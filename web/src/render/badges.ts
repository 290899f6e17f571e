// The attributes a card shows as badges: every set one (TOP rank, moment of truth, emotion, KANO,
// CSAT / NPS / CES with their targets, votes, status, department, owner), abbreviated and wrapped
// into rows at full detail; a few key ones ("chips") at low zoom. Labels come in as data: the
// renderer knows no UI language.
import type { BoardDoc } from '../model/doc';
import type { BoardElement, Kano, LaneKind, Status } from '../model/types';
import { STATUSES } from '../model/types';
import { metricInRow } from './card-data';
import type { TextLayout } from './text';
import { COLORS, emotionTone, FONT_FAMILY, metricTone, TONE_BG, TONE_FG } from './theme';

export const BADGE_FONT = `600 11px ${FONT_FAMILY}`;
/** height of one badge row (an 18 px pill and the gap below it) */
export const BADGE_ROW = 22;
const BADGE_PAD = 6;
const BADGE_GAP = 4;
const MAX_LABEL = 18;

export type Metric = 'csat' | 'nps' | 'ces';
export const METRICS: readonly Metric[] = ['csat', 'nps', 'ces'];
export const STATUS_VALUES = STATUSES;
export type { Status } from '../model/types';

/** The words of the badges, in the UI language. */
export interface BadgeLabels {
  kano: Record<Kano, string>;
  status?: Partial<Record<Status, string>>;
  /** a department element's name (labels in the UI language, or its title) */
  department?(el: BoardElement): string;
}

export interface Badge {
  text: string;
  fg: string;
  bg: string;
  /** width of the pill */
  w: number;
  /** a key attribute: shown at low zoom too */
  key: boolean;
  /** a chip at low zoom only: at full detail the card's data block has a row for it (card-data.ts) */
  lowOnly?: boolean;
  /** position inside the card's badge area: x from its left edge, row from the top */
  x: number;
  row: number;
}

const KANO_SHORT: Record<Kano, string> = { 'must-be': 'M', performance: 'P', attractive: 'A', indifferent: 'I', reverse: 'R' };
const STATUS_STYLE: Record<Status, [string, string]> = {
  idea: ['#495057', '#f1f3f5'],
  planned: ['#1864ab', '#d0ebff'],
  'in-progress': ['#e67700', '#fff3bf'],
  done: ['#2b8a3e', '#d3f9d8'],
  verified: ['#ffffff', '#2b8a3e'],
};

/** A metric value as shown: CSAT and CES with at most one decimal, NPS whole. */
export function formatMetric(m: Metric, v: number): string {
  if (m === 'nps') return String(Math.round(v));
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Does the value miss its target? CES counts effort, so lower is better there. */
export function missesTarget(m: Metric, value: number, target: number): boolean {
  return m === 'ces' ? value > target : value < target;
}

function cut(s: string): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > MAX_LABEL ? chars.slice(0, MAX_LABEL - 1).join('') + '…' : chars.join('');
}

/** The badges of a card in display order, not yet placed (x, row and w are 0). */
export function cardBadges(el: BoardElement, kind: LaneKind, doc: BoardDoc | null, labels: BadgeLabels): Badge[] {
  const p = el.props;
  const out: Badge[] = [];
  const add = (text: string, fg: string, bg: string, key = false) => out.push({ text, fg, bg, key, w: 0, x: 0, row: 0 });
  if (typeof p.top === 'number') add(`TOP ${p.top}`, '#ffffff', '#c92a2a', true);
  if (p.mot === true) add('MoT', '#ffffff', COLORS.mot);
  if (typeof p.emotion === 'number' && kind !== 'emotions') {
    const e = p.emotion;
    const tone = emotionTone(e);
    add(`${e > 0 ? '+' : ''}${e}`, TONE_FG[tone], TONE_BG[tone], true);
  }
  if (typeof p.kano === 'string') {
    const k = p.kano as Kano;
    add(`KANO ${KANO_SHORT[k] ?? '?'} · ${cut(labels.kano[k] ?? k)}`, '#5f3dc4', '#e5dbff');
  }
  for (const m of METRICS) {
    const v = p[m];
    if (typeof v !== 'number') continue;
    const target = p[`${m}Target`];
    let text = `${m.toUpperCase()} ${formatMetric(m, v)}`;
    let tone = metricTone(m, v);
    if (typeof target === 'number') {
      const miss = missesTarget(m, v, target);
      text = `${miss ? '! ' : ''}${text}/${formatMetric(m, target)}`;
      tone = miss ? 'bad' : 'good';
    }
    add(text, TONE_FG[tone], TONE_BG[tone], true);
    if (kind !== 'emotions' && metricInRow(el, m)) out[out.length - 1].lowOnly = true;
  }
  if (typeof p.votes === 'number' && p.votes > 0) add(`▲ ${p.votes}`, '#1864ab', '#d0ebff', true);
  if (typeof p.status === 'string' && p.status in STATUS_STYLE) {
    const st = p.status as Status;
    const [fg, bg] = STATUS_STYLE[st];
    add(cut(labels.status?.[st] ?? st), fg, bg);
  }
  if (typeof p.dept === 'string') {
    const d = doc?.get(p.dept);
    const name = d && labels.department ? labels.department(d) : '';
    if (name) add(`◆ ${cut(name)}`, '#0b7285', '#c5f6fa');
  }
  if (typeof p.owner === 'string' && p.owner.trim()) add(`@ ${cut(p.owner)}`, '#495057', '#e9ecef');
  return out;
}

/**
 * Places badges left to right in rows of at most maxW; a badge wider than a row is cut to fit.
 * Answers the number of rows (0 without badges).
 */
export function placeBadges(badges: Badge[], maxW: number, text: TextLayout): number {
  let x = 0;
  let row = 0;
  let placed = 0;
  for (const b of badges) {
    if (b.lowOnly) continue;
    placed++;
    let w = text.width(b.text, BADGE_FONT) + 2 * BADGE_PAD;
    if (w > maxW) {
      // one long label (an owner's name): shorten it to the row
      let s = b.text;
      while (s.length > 1 && text.width(s + '…', BADGE_FONT) + 2 * BADGE_PAD > maxW) s = [...s].slice(0, -1).join('');
      b.text = s + '…';
      w = Math.min(maxW, text.width(b.text, BADGE_FONT) + 2 * BADGE_PAD);
    }
    if (x > 0 && x + w > maxW) {
      row++;
      x = 0;
    }
    b.x = x;
    b.row = row;
    b.w = w;
    x += w + BADGE_GAP;
  }
  return placed ? row + 1 : 0;
}

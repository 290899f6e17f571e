// The action loop in words: a card's title for lists, a success measure as the exports print it
// ("CSAT 支付页面: 2 → 4"), the score's tooltip, the touchpoint cards a measure can name, overdue.
import type { BoardDoc } from '../../model/doc';
import { formatScore, Priority } from '../../model/priority';
import type { BoardElement, Json } from '../../model/types';
import type { GridLayout } from '../../render/layout';
import { t } from '../i18n';

/** A card's text on one line, cut to `max` characters (an empty card says so). */
export function cardTitle(el: BoardElement, max = 60): string {
  const text = typeof el.props.text === 'string' ? el.props.text.replace(/\s+/g, ' ').trim() : '';
  if (!text) return t('emptyCard');
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

const num = (v: Json | undefined): string => (typeof v === 'number' ? String(Math.round(v * 100) / 100) : '?');

/** "CSAT 支付页面: 2 → 4", or null without a measure. */
export function measureText(doc: BoardDoc, measure: Json | undefined): string | null {
  if (!measure || typeof measure !== 'object' || Array.isArray(measure)) return null;
  const parts: string[] = [];
  if (typeof measure.metric === 'string') parts.push(measure.metric.toUpperCase());
  const tp = typeof measure.touchpoint === 'string' ? doc.get(measure.touchpoint) : undefined;
  if (tp) parts.push(cardTitle(tp, 40));
  let s = parts.join(' ');
  if (measure.from !== undefined || measure.to !== undefined) s += `${s ? ': ' : ''}${num(measure.from)} → ${num(measure.to)}`;
  return s || null;
}

/** "Score 17 = 6 votes + 2 × 5 impact − 4 effort + 2 × 2.5 gap" (and which touchpoint the gap is from). */
export function scoreTooltip(doc: BoardDoc, p: Priority): string {
  const line = t('pri.tooltip', { score: formatScore(p.score), votes: p.votes, impact: p.impact ?? 0, effort: p.effort ?? 0, gap: formatScore(p.gap) });
  const tp = p.touchpoint ? doc.get(p.touchpoint) : undefined;
  return tp ? `${line}\n${t('pri.tooltipTp', { tp: cardTitle(tp, 40) })}` : line;
}

/** Cards of touchpoint lanes, in grid order (stage by stage): what a success measure names. */
export function touchpointCards(L: GridLayout): BoardElement[] {
  const out: BoardElement[] = [];
  for (const s of L.stages) for (const l of L.lanes) {
    if (l.kind !== 'touchpoints') continue;
    for (const b of L.cells.get(`${l.el.id}|${s.el.id}`) ?? []) out.push(b.el);
  }
  return out;
}

/** Today as YYYY-MM-DD in local time (what a due date is compared with). */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Past its due date and not done or verified. */
export function isOverdue(el: BoardElement, on = today()): boolean {
  const due = el.props.due, status = el.props.status;
  return typeof due === 'string' && due < on && status !== 'done' && status !== 'verified';
}

// The card panel's part of the action loop: for pain points and opportunities the priority
// (impact, effort, the score with its formula, the TOP rank); for opportunities the action (owner
// department, status, due date, success measure) and the pain points they address; for pain points
// the opportunities that address them. Read-only rows for viewers and locked or out-of-scope cards.
import { addressesOf, addressOps, departments } from '../../edit/plan';
import type { BoardDoc } from '../../model/doc';
import { formatScore, priorities } from '../../model/priority';
import type { BoardElement, Json, Metric, Props } from '../../model/types';
import { METRICS, STATUSES } from '../../model/types';
import { METRIC_RANGES } from '../../model/values';
import type { BoardContext } from '../context';
import { h } from '../dom';
import { MsgKey, t } from '../i18n';
import { departmentName, nameOf } from '../departments/names';
import { field, readRow, selectControl } from '../panels/fields';
import { cardTitle, measureText, scoreTooltip, touchpointCards } from './words';

/**
 * What the card's panel shows besides its own props (other cards' links to it, the score, the
 * scope I edit under, the departments, the touchpoints): the side panel rebuilds when it changes.
 */
export function planKey(ctx: BoardContext, el: BoardElement): string {
  const doc = ctx.doc();
  const actor = ctx.client.actor;
  const block = el.type === 'card' && el.parent !== null && typeof el.props.stage === 'string' ? doc.scopeBlock(el.parent, el.props.stage, actor) : null;
  const parts: unknown[] = [actor.department, block?.where.id, block?.departments.map((d) => d.id), departments(doc).map((d) => [d.id, d.props.labels, d.props.title])];
  const kind = ctx.layout().cardById.get(el.id)?.kind;
  if (kind === 'painpoints' || kind === 'opportunities') {
    const prio = priorities(doc).get(el.id);
    parts.push(prio?.score, prio?.touchpoint, [...doc.values()].filter((o) => o.type === 'card' && addressesOf(o).includes(el.id)).map((o) => o.id + (o.props.text ?? '')));
    if (kind === 'opportunities') parts.push(touchpointCards(ctx.layout()).map((c) => c.id + (c.props.text ?? '')), addressesOf(el).map((id) => doc.get(id)?.props.text ?? ''));
  }
  return JSON.stringify(parts);
}

export function planFields(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  const kind = ctx.layout().cardById.get(el.id)?.kind;
  if (kind !== 'painpoints' && kind !== 'opportunities') return [];
  const doc = ctx.doc();
  const p = el.props;
  const prio = priorities(doc).get(el.id);
  const out: HTMLElement[] = [h('div', { class: 'panel-section', text: t('cp.priority') })];
  if (ro) {
    if (typeof p.impact === 'number') out.push(readRow(t('cp.impact'), String(p.impact)));
    if (typeof p.effort === 'number') out.push(readRow(t('cp.effort'), String(p.effort)));
  } else {
    const scale = [['', t('none')], ...[1, 2, 3, 4, 5].map((n) => [String(n), String(n)])] as [string, string][];
    const rate = (prop: 'impact' | 'effort') => selectControl(p[prop], scale,
      (v) => ctx.actions.update(el.id, v ? { [prop]: Number(v) } : {}, v ? [] : [prop]));
    const row = h('div', { class: 'row2' }, field(t('cp.impact'), rate('impact')), field(t('cp.effort'), rate('effort')));
    row.querySelectorAll('select')[0].dataset.testid = 'cp-impact';
    row.querySelectorAll('select')[1].dataset.testid = 'cp-effort';
    out.push(row);
  }
  if (prio) {
    const score = readRow(t('cp.score'), formatScore(prio.score));
    score.title = `${scoreTooltip(doc, prio)}\n\n${t('pri.formula')}`;
    score.dataset.testid = 'cp-score';
    out.push(score);
  }
  if (typeof p.top === 'number') out.push(readRow(t('cp.top'), `TOP ${p.top}`));
  if (kind === 'painpoints') {
    const by = [...doc.values()].filter((o) => o.type === 'card' && addressesOf(o).includes(el.id));
    if (by.length) out.push(h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('cp.addressedBy') }),
      h('ul', { class: 'plan-links' }, ...by.map((o) => h('li', { text: cardTitle(o) })))));
    return out;
  }
  out.push(h('div', { class: 'panel-section', text: t('cp.action') }));
  out.push(...(ro ? actionRows(doc, el) : actionControls(ctx, el)));
  out.push(addressesField(ctx, el, ro));
  return out;
}

function actionRows(doc: BoardDoc, el: BoardElement): HTMLElement[] {
  const p = el.props;
  const rows: [string, string | null][] = [
    [t('cp.dept'), departmentName(doc, p.dept as string | undefined)],
    [t('cp.status'), typeof p.status === 'string' ? t(`status.${p.status}` as MsgKey) : null],
    [t('cp.due'), typeof p.due === 'string' ? p.due : null],
    [t('cp.measure'), measureText(doc, p.measure)],
  ];
  return rows.filter(([, v]) => v).map(([l, v]) => readRow(l, v!));
}

function actionControls(ctx: BoardContext, el: BoardElement): HTMLElement[] {
  const doc = ctx.doc();
  const p = el.props;
  const id = el.id;
  const set = (prop: string, v: Json | null) => ctx.actions.update(id, v === null ? {} : { [prop]: v }, v === null ? [prop] : []);
  const dept = selectControl(p.dept, [['', t('none')], ...departments(doc).map((d) => [d.id, nameOf(d)] as [string, string])], (v) => set('dept', v || null));
  dept.dataset.testid = 'cp-dept';
  const status = selectControl(p.status, [['', t('none')], ...STATUSES.map((s) => [s, t(`status.${s}` as MsgKey)] as [string, string])], (v) => set('status', v || null));
  status.dataset.testid = 'cp-status';
  const due = h('input', { type: 'date', value: typeof p.due === 'string' ? p.due : '', 'data-testid': 'cp-due' });
  due.addEventListener('change', () => set('due', /^\d{4}-\d{2}-\d{2}$/.test(due.value) ? due.value : null));
  return [field(t('cp.dept'), dept), h('div', { class: 'row2' }, field(t('cp.status'), status), field(t('cp.due'), due)), measureField(ctx, el)];
}

/** Which touchpoint metric the action should move, from what to what. */
function measureField(ctx: BoardContext, el: BoardElement): HTMLElement {
  const doc = ctx.doc();
  const m = el.props.measure as Record<string, Json> | undefined;
  const tps = touchpointCards(ctx.layout());
  const label = h('span', { class: 'field-label', text: t('cp.measure') });
  if (!tps.length && !m) return h('div', { class: 'field' }, label, h('span', { class: 'field-value muted', text: t('cp.noTouchpoints') }));
  const write = (next: Props | null) => ctx.actions.update(el.id, next ? { measure: next } : {}, next ? [] : ['measure']);
  const tpSel = selectControl(m?.touchpoint, [['', t('cp.noMeasure')], ...tps.map((c) => [c.id, cardTitle(c)] as [string, string])], (v) => {
    if (!v) return write(null);
    const tp = doc.get(v)!;
    // a new measure starts from the touchpoint's current value towards its target, when it has them
    const metric = (METRICS.find((k) => typeof tp.props[k] === 'number') ?? 'csat') as Metric;
    const next: Props = { touchpoint: v, metric };
    if (typeof tp.props[metric] === 'number') next.from = tp.props[metric] as number;
    if (typeof tp.props[`${metric}Target`] === 'number') next.to = tp.props[`${metric}Target`] as number;
    write(next);
  });
  tpSel.dataset.testid = 'cp-measure-tp';
  const parts: HTMLElement[] = [tpSel];
  if (m && typeof m.touchpoint === 'string') {
    const metric = m.metric as Metric;
    const metricSel = selectControl(metric, METRICS.map((k) => [k, k.toUpperCase()] as [string, string]), (v) => write({ touchpoint: m.touchpoint as string, metric: v }));
    const [lo, hi] = [METRIC_RANGES[metric]?.min ?? -100, METRIC_RANGES[metric]?.max ?? 100];
    const num = (k: 'from' | 'to') => {
      const input = h('input', { type: 'number', min: lo, max: hi, step: 'any', value: typeof m[k] === 'number' ? String(m[k]) : '', placeholder: '—', 'aria-label': t(k === 'from' ? 'cp.measureFrom' : 'cp.measureTo') });
      input.addEventListener('change', () => {
        const next: Props = { ...m };
        const v = Number(input.value);
        if (input.value === '' || !Number.isFinite(v)) delete next[k];
        else next[k] = Math.max(lo, Math.min(hi, v));
        write(next);
      });
      return input;
    };
    parts.push(h('div', { class: 'row3' }, field(t('cp.measureMetric'), metricSel), field(t('cp.measureFrom'), num('from')), field(t('cp.measureTo'), num('to'))));
  }
  return h('div', { class: 'field' }, label, ...parts);
}

/** The pain points an opportunity addresses: a list with unlink buttons and a picker for more. */
function addressesField(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement {
  const doc = ctx.doc();
  const linked = addressesOf(el).map((id) => doc.get(id)).filter((c): c is BoardElement => !!c);
  const list = h('ul', { class: 'plan-links', 'data-testid': 'cp-addresses' }, ...linked.map((c) => h('li', { 'data-card': c.id },
    h('span', { text: cardTitle(c) }),
    ro ? null : h('button', { class: 'icon-btn', title: t('cp.unlink'), 'aria-label': t('cp.unlink'), text: '×', onclick: () => ctx.actions.submit(addressOps(el, c.id, false)) }))));
  const out = h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('cp.addresses') }), list);
  if (ro) return out;
  const L = ctx.layout();
  const candidates = L.cards.filter((b) => b.kind === 'painpoints' && !linked.some((c) => c.id === b.el.id)).map((b) => b.el);
  if (candidates.length) {
    const pick = selectControl(undefined, [['', t('cp.addAddress')], ...candidates.map((c) => [c.id, `${L.cardById.get(c.id)?.stage.label ?? ''} · ${cardTitle(c)}`] as [string, string])],
      (v) => { if (v) ctx.actions.submit(addressOps(el, v, true)); });
    pick.dataset.testid = 'cp-address-pick';
    out.append(pick);
  }
  return out;
}


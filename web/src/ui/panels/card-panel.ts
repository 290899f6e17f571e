// The side panel of one card: text, emotion, moment of truth, KANO, CSAT / CES / NPS, owner,
// colour, and the card's results and plan data read-only (vote total, TOP rank, targets,
// responses, status, department); read-only rows for viewers and locked cards. Every control
// reads the document when it is used, so a panel that stays open never writes a stale value.
import { KANO_VALUES } from '../../model/types';
import type { BoardElement } from '../../model/types';
import { cardAttributes } from '../card-text';
import type { BoardContext } from '../context';
import { dataTools } from '../data/tools';
import { h } from '../dom';
import { MsgKey, t } from '../i18n';
import { colorRow, deleteButton, field, readRow, selectControl } from './fields';
import { personaFields } from '../persona/persona-panel';
import { planFields } from '../plan/card-fields';

/** Shown read-only always: results and plan data the panel does not edit. */
const RESULT_KEYS = ['top', 'votes', 'status', 'dept'];
/** What the plan fields (plan/card-fields.ts) show of a pain point or an opportunity themselves. */
const PLAN_KEYS = ['top', 'status', 'dept'];

export function cardPanel(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  const p = el.props;
  const id = el.id;
  const update = ctx.actions.update.bind(ctx.actions);
  const now = () => ctx.doc().get(id)?.props ?? {};
  const box = ctx.layout().cardById.get(id);
  const where = box ? `${box.stage.label} · ${box.lane.label}` : '';
  const out: HTMLElement[] = [h('div', { class: 'panel-kicker', text: `${t('card')} · ${where}` })];
  const attrs = cardAttributes(el, ctx.doc());
  if (ro) {
    out.push(h('p', { class: 'panel-text', text: (p.text as string) || '' }));
    const plan = planFields(ctx, el, true);
    for (const a of attrs) if (!(plan.length && PLAN_KEYS.includes(a.key))) out.push(readRow(a.name, a.value));
    out.push(...personaFields(ctx, el, true));
    out.push(...(dataTools()?.cardSection(el, true) ?? []));
    out.push(...plan);
    return out;
  }
  const ta = h('textarea', { class: 'panel-textarea', rows: 3, value: (p.text as string) ?? '', 'data-field': 'text' });
  ta.addEventListener('change', () => { if (ta.value !== (now().text ?? '')) update(id, { text: ta.value }); });
  out.push(field(t('text'), ta));
  out.push(...personaFields(ctx, el, false));
  out.push(emotionControl(ctx, el));
  const mot = h('input', { type: 'checkbox', checked: p.mot === true, 'data-field': 'mot', onchange: () => (mot.checked ? update(id, { mot: true }) : update(id, {}, ['mot'])) });
  out.push(h('label', { class: 'field check' }, mot, h('span', { text: t('mot') })));
  const kano = selectControl(p.kano, [['', t('none')], ...KANO_VALUES.map((k) => [k, t(`kano.${k}` as MsgKey)] as [string, string])],
    (v) => (v ? update(id, { kano: v }) : update(id, {}, ['kano'])));
  kano.dataset.field = 'kano';
  out.push(field(t('kano'), kano));
  out.push(metricRow(ctx, el));
  out.push(...(dataTools()?.cardSection(el, false) ?? []));
  const owner = h('input', { type: 'text', value: (p.owner as string) ?? '', placeholder: t('ownerPlaceholder'), 'data-field': 'owner' });
  owner.addEventListener('change', () => (owner.value.trim() ? update(id, { owner: owner.value.trim() }) : update(id, {}, ['owner'])));
  out.push(field(t('owner'), owner));
  // vote totals are results of a dot vote: shown, never edited by hand
  const plan = planFields(ctx, el, false);
  const results = attrs.filter((a) => RESULT_KEYS.includes(a.key) && !(plan.length && PLAN_KEYS.includes(a.key)));
  const details = attrs.filter((a) => (a.key === 'csat' || a.key === 'nps' || a.key === 'ces') && a.value.includes('·'));
  if (results.length || details.length) {
    out.push(h('div', { class: 'panel-details', 'data-testid': 'card-results' }, ...[...results, ...details].map((a) => readRow(a.name, a.value))));
  }
  if (typeof p.votes === 'number') out.push(h('p', { class: 'panel-note', text: t('detail.votesNote') }));
  out.push(...plan);
  out.push(colorRow(ctx, [el]));
  out.push(deleteButton(ctx));
  return out;
}

/** Emotion as a segmented control: none, -2 … +2. */
function emotionControl(ctx: BoardContext, el: BoardElement): HTMLElement {
  const p = el.props;
  const seg = h('div', { class: 'segmented', role: 'group', 'aria-label': t('emotion') });
  for (const v of [null, -2, -1, 0, 1, 2] as (number | null)[]) {
    const on = v === null ? p.emotion === undefined : p.emotion === v;
    seg.append(h('button', {
      class: `seg ${on ? 'on' : ''} ${v === null ? '' : v > 0 ? 'good' : v < 0 ? 'bad' : 'neutral'}`, type: 'button', 'data-emotion': v === null ? 'none' : String(v),
      'data-field': `emotion:${v}`, 'aria-pressed': on ? 'true' : 'false',
      text: v === null ? t('none') : v > 0 ? `+${v}` : String(v),
      onclick: () => (v === null ? ctx.actions.update(el.id, {}, ['emotion']) : ctx.actions.update(el.id, { emotion: v })),
    }));
  }
  return h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('emotion') }), seg);
}

/** CSAT (1–5), CES (1–7) and NPS (−100…100) in one row; survey means may have a decimal. */
function metricRow(ctx: BoardContext, el: BoardElement): HTMLElement {
  const p = el.props;
  const id = el.id;
  const update = ctx.actions.update.bind(ctx.actions);
  const row = h('div', { class: 'row3' });
  const num = (key: 'csat' | 'ces' | 'nps', min: number, max: number, step: number) => {
    const input = h('input', { type: 'number', min, max, step, value: p[key] !== undefined ? String(p[key]) : '', placeholder: '—', 'data-field': key });
    input.addEventListener('change', () => {
      if (input.value === '') return update(id, {}, [key]);
      const v = Number(input.value);
      if (!Number.isFinite(v)) return;
      const clamped = Math.max(min, Math.min(max, step >= 1 ? Math.round(v) : Math.round(v * 10) / 10));
      update(id, { [key]: clamped });
    });
    return input;
  };
  row.append(field('CSAT', num('csat', 1, 5, 0.1)), field('CES', num('ces', 1, 7, 0.1)), field('NPS', num('nps', -100, 100, 1)));
  return row;
}

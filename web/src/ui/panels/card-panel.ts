// The side panel of one card: text, emotion, moment of truth, KANO, CSAT / CES / NPS, owner,
// votes, colour; read-only rows for viewers and locked cards.
import { KANO_VALUES } from '../../model/types';
import type { BoardElement } from '../../model/types';
import type { BoardContext } from '../context';
import { dataTools } from '../data/tools';
import { h } from '../dom';
import { MsgKey, t } from '../i18n';
import { colorRow, deleteButton, field, readRow, selectControl } from './fields';
import { personaFields } from '../persona/persona-panel';

export function cardPanel(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  const p = el.props;
  const id = el.id;
  const update = ctx.actions.update.bind(ctx.actions);
  const box = ctx.layout().cardById.get(id);
  const where = box ? `${box.stage.label} · ${box.lane.label}` : '';
  const out: HTMLElement[] = [h('div', { class: 'panel-kicker', text: `${t('card')} · ${where}` })];
  if (ro) {
    out.push(h('p', { class: 'panel-text', text: (p.text as string) || '' }));
    const rows: [string, string | undefined][] = [
      [t('emotion'), p.emotion !== undefined ? String(p.emotion) : undefined],
      [t('mot'), p.mot === true ? '★' : undefined],
      [t('kano'), p.kano ? t(`kano.${p.kano}` as MsgKey) : undefined],
      [t('csat'), p.csat !== undefined ? String(p.csat) : undefined],
      [t('nps'), p.nps !== undefined ? String(p.nps) : undefined],
      [t('ces'), p.ces !== undefined ? String(p.ces) : undefined],
      [t('owner'), p.owner as string | undefined],
      [t('votes'), p.votes !== undefined ? String(p.votes) : undefined],
    ];
    for (const [l, v] of rows) if (v !== undefined && v !== '') out.push(readRow(l, v));
    out.push(...personaFields(ctx, el, true));
    out.push(...(dataTools()?.cardSection(el, true) ?? []));
    return out;
  }
  const ta = h('textarea', { class: 'panel-textarea', rows: 3, value: (p.text as string) ?? '' });
  ta.addEventListener('change', () => { if (ta.value !== (p.text ?? '')) update(id, { text: ta.value }); });
  out.push(field(t('text'), ta));
  out.push(...personaFields(ctx, el, false));
  out.push(emotionControl(ctx, el));
  const mot = h('input', { type: 'checkbox', checked: p.mot === true, onchange: () => (mot.checked ? update(id, { mot: true }) : update(id, {}, ['mot'])) });
  out.push(h('label', { class: 'field check' }, mot, h('span', { text: t('mot') })));
  out.push(field(t('kano'), selectControl(p.kano, [['', t('none')], ...KANO_VALUES.map((k) => [k, t(`kano.${k}` as MsgKey)] as [string, string])],
    (v) => (v ? update(id, { kano: v }) : update(id, {}, ['kano'])))));
  out.push(metricRow(ctx, el));
  out.push(...(dataTools()?.cardSection(el, false) ?? []));
  const owner = h('input', { type: 'text', value: (p.owner as string) ?? '', placeholder: t('ownerPlaceholder') });
  owner.addEventListener('change', () => (owner.value.trim() ? update(id, { owner: owner.value.trim() }) : update(id, {}, ['owner'])));
  out.push(field(t('owner'), owner));
  // votes are the result of a dot vote, written by the server at its close: shown, never edited
  if (p.votes !== undefined) out.push(readRow(t('votes'), String(p.votes)));
  out.push(colorRow(ctx, [el]));
  out.push(deleteButton(ctx));
  return out;
}

/** Emotion as a segmented control: none, -2 … +2. */
function emotionControl(ctx: BoardContext, el: BoardElement): HTMLElement {
  const p = el.props;
  const seg = h('div', { class: 'segmented', role: 'group' });
  for (const v of [null, -2, -1, 0, 1, 2] as (number | null)[]) {
    const on = v === null ? p.emotion === undefined : p.emotion === v;
    seg.append(h('button', {
      class: `seg ${on ? 'on' : ''} ${v === null ? '' : v > 0 ? 'good' : v < 0 ? 'bad' : 'neutral'}`, type: 'button', 'data-emotion': v === null ? 'none' : String(v),
      text: v === null ? t('none') : v > 0 ? `+${v}` : String(v),
      onclick: () => (v === null ? ctx.actions.update(el.id, {}, ['emotion']) : ctx.actions.update(el.id, { emotion: v })),
    }));
  }
  return h('div', { class: 'field' }, h('span', { class: 'field-label', text: t('emotion') }), seg);
}

/** CSAT (1–5), CES (1–7) and NPS (−100…100) in one row. */
function metricRow(ctx: BoardContext, el: BoardElement): HTMLElement {
  const p = el.props;
  const id = el.id;
  const update = ctx.actions.update.bind(ctx.actions);
  const scale = (n: number) => [['', t('none')], ...Array.from({ length: n }, (_, i) => [String(i + 1), String(i + 1)])] as [string, string][];
  const row = h('div', { class: 'row3' });
  row.append(
    field('CSAT', selectControl(p.csat, scale(5), (v) => (v ? update(id, { csat: Number(v) }) : update(id, {}, ['csat'])))),
    field('CES', selectControl(p.ces, scale(7), (v) => (v ? update(id, { ces: Number(v) }) : update(id, {}, ['ces'])))),
  );
  const nps = h('input', { type: 'number', min: -100, max: 100, step: 1, value: p.nps !== undefined ? String(p.nps) : '', placeholder: '—' });
  nps.addEventListener('change', () => {
    if (nps.value === '') return update(id, {}, ['nps']);
    const v = Math.round(Number(nps.value));
    if (Number.isFinite(v)) update(id, { nps: Math.max(-100, Math.min(100, v)) });
  });
  row.append(field('NPS', nps));
  return row;
}

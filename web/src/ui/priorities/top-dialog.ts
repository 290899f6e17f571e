// The facilitator marks the TOP-N key points: a dialog with the ranking by priority score, N
// (default 3) and a tick per item (the first N ticked). Marking writes the `top` ranks of the
// ticked items in ranking order and clears every other `top`, in one ops message; everyone sees
// the marks on the map, and every export prints them.
import { topOps } from '../../edit/plan';
import { formatScore, priorities } from '../../model/priority';
import type { BoardContext } from '../context';
import { h, toast } from '../dom';
import { MsgKey, t } from '../i18n';
import { openModal } from '../dialogs/modal';
import { cardTitle, scoreTooltip } from '../plan/words';

export const DEFAULT_TOP_N = 3;

export function openTopDialog(ctx: BoardContext): void {
  const model = priorities(ctx.doc());
  const ranking = model.ranking().filter((p) => p.kind !== 'other' || p.top !== null);
  let n = Math.min(DEFAULT_TOP_N, ranking.length);
  const L = ctx.layout();
  const ticks = ranking.map((p, i) => h('input', { type: 'checkbox', checked: i < n, 'data-card': p.card.id, onchange: () => refresh() }));
  const nInput = h('input', { type: 'number', min: 0, max: ranking.length, step: 1, value: String(n), 'data-testid': 'top-n', 'aria-label': t('top.n') });
  const apply = h('button', { class: 'btn primary', 'data-action': 'top-apply' });
  const refresh = () => {
    const chosen = ticks.filter((c) => c.checked).length;
    apply.textContent = t('top.apply', { n: chosen });
    apply.disabled = chosen === 0;
  };
  nInput.addEventListener('input', () => {
    const v = Math.round(Number(nInput.value));
    if (!Number.isFinite(v) || v < 0) return;
    n = Math.min(v, ranking.length);
    ticks.forEach((c, i) => { c.checked = i < n; });
    refresh();
  });
  const rows = ranking.map((p, i) => h('li', { 'data-card': p.card.id, title: scoreTooltip(ctx.doc(), p) },
    h('label', { class: 'top-row' }, ticks[i],
      h('span', { class: 'top-rank', text: String(i + 1) }),
      h('span', { class: `top-kind kind-${p.kind}`, text: t(`kindShort.${p.kind}` as MsgKey) }),
      h('span', { class: 'top-text', text: `${L.cardById.get(p.card.id)?.stage.label ?? ''} · ${cardTitle(p.card)}` }),
      p.top ? h('span', { class: 'pri-top', text: `TOP ${p.top}` }) : null,
      h('span', { class: 'top-score', text: formatScore(p.score) }))));
  const submit = (ids: string[]) => {
    const ops = topOps(ctx.doc(), ids);
    if (!ops.length || ctx.actions.submit(ops)) {
      m.close();
      toast(ids.length ? t('top.done', { n: ids.length }) : t('top.cleared'));
    }
  };
  apply.addEventListener('click', () => submit(ranking.filter((_, i) => ticks[i].checked).map((p) => p.card.id)));
  refresh();
  const m = openModal(t('top.title'), ranking.length ? [
    h('p', { class: 'muted', text: t('top.hint') }),
    h('p', { class: 'fp-note', text: t('pri.formula') }),
    h('label', { class: 'fp-inline' }, nInput, h('span', { text: t('top.n') })),
    h('ol', { class: 'top-list', 'data-testid': 'top-ranking' }, ...rows),
    h('div', { class: 'btn-row' }, apply, h('button', { class: 'btn', 'data-action': 'top-clear', text: t('top.clear'), onclick: () => submit([]) })),
  ] : [h('p', { class: 'muted', text: t('top.none') })], { class: 'top-modal', testid: 'top-dialog', closeLabel: t('pri.close') });
}

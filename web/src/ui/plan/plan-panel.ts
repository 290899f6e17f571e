// The action-plan panel: the board's opportunities grouped by owner department (the board's
// departments in their order, then those without one), each with its TOP rank, status, due date
// (overdue marked), success measure, the pain points it addresses and its priority score; filters
// by status and by owner. It follows every edit live. Editors change status and due date in place
// (the card panel has the rest: a click on an item selects its card); viewers read it.
import { addressesOf, departments } from '../../edit/plan';
import { updateOp } from '../../edit/props';
import { formatScore, priorities, Priority } from '../../model/priority';
import type { BoardElement, Status } from '../../model/types';
import { STATUSES } from '../../model/types';
import type { BoardContext } from '../context';
import { h } from '../dom';
import { SideView } from '../side-view';
import { lang, MsgKey, t } from '../i18n';
import { openDepartments } from '../departments/dialog';
import { cardScopeBlock, nameOf } from '../departments/names';
import { cardTitle, isOverdue, measureText, scoreTooltip, today } from './words';

const NO_OWNER = '-';

export class PlanPanel extends SideView {
  private status: Status | '' = '';
  private owner = '';

  constructor(private readonly ctx: BoardContext) {
    super(h('section', { class: 'plan-panel', 'data-testid': 'plan-panel', 'aria-label': t('plan.title') }), { testId: 'plan-open', narrow: 'plan' });
    this.update();
  }

  update(): void {
    this.label(t('plan.open'));
    if (!this.open) return;
    const { ctx } = this;
    const doc = ctx.doc();
    const items = priorities(doc).items.filter((p) => p.kind === 'opportunity');
    const depts = departments(doc);
    const key = JSON.stringify([lang(), ctx.client.role, ctx.client.department, this.status, this.owner, today(), ctx.selection.list(),
      depts.map((d) => [d.id, nameOf(d)]), items.map((p) => [p.card.id, p.card.props, p.score, ctx.lockedForMe(p.card.id)]),
      items.flatMap((p) => addressesOf(p.card).map((id) => doc.get(id)?.props.text ?? null))]);
    if (key === this.key) return;
    // never rebuild under a date being typed or a status being chosen
    if (this.el.contains(document.activeElement) && (document.activeElement as HTMLElement).tagName !== 'BUTTON' && this.key) return;
    this.key = key;
    this.render(items, depts);
  }

  private render(items: Priority[], depts: BoardElement[]): void {
    const { ctx } = this;
    const shown = items.filter((p) => (!this.status || p.card.props.status === this.status)
      && (!this.owner || (this.owner === NO_OWNER ? !depts.some((d) => d.id === p.card.props.dept) : p.card.props.dept === this.owner)));
    const groups: { id: string; name: string; items: Priority[] }[] = depts.map((d) => ({ id: d.id, name: nameOf(d), items: [] }));
    const unowned: Priority[] = [];
    for (const p of shown) (groups.find((g) => g.id === p.card.props.dept)?.items ?? unowned).push(p);
    if (unowned.length) groups.push({ id: NO_OWNER, name: t('plan.noOwner'), items: unowned });
    const statusSel = h('select', { 'aria-label': t('cp.status'), 'data-testid': 'plan-filter-status', onchange: () => { this.status = statusSel.value as Status | ''; this.update(); } },
      h('option', { value: '', text: t('plan.allStatuses') }), ...STATUSES.map((s) => h('option', { value: s, text: t(`status.${s}` as MsgKey) })));
    statusSel.value = this.status;
    const ownerSel = h('select', { 'aria-label': t('cp.dept'), 'data-testid': 'plan-filter-owner', onchange: () => { this.owner = ownerSel.value; this.update(); } },
      h('option', { value: '', text: t('plan.allOwners') }), ...depts.map((d) => h('option', { value: d.id, text: nameOf(d) })), h('option', { value: NO_OWNER, text: t('plan.noOwner') }));
    ownerSel.value = this.owner;
    const body = groups.filter((g) => g.items.length).map((g) => h('div', { class: 'plan-group', 'data-dept': g.id },
      h('h4', {}, h('span', { text: g.name }), h('span', { class: 'plan-count', text: String(g.items.length) })),
      h('ul', {}, ...g.items.map((p) => this.row(p)))));
    const parts: HTMLElement[] = [
      h('div', { class: 'plan-head' },
        h('h3', { text: t('plan.title') }),
        h('span', { class: 'plan-count', text: t('plan.count', { n: shown.length }) }),
        h('span', { class: 'spacer' }),
        ctx.client.role === 'facilitator' ? h('button', { class: 'btn', 'data-action': 'departments', text: t('plan.departments'), onclick: () => openDepartments(ctx) }) : null,
        h('button', { class: 'icon-btn', 'aria-label': t('plan.close'), title: t('plan.close'), text: '×', onclick: () => this.setOpen(false) })),
    ];
    if (!ctx.client.canEdit) parts.push(h('p', { class: 'fp-note', 'data-testid': 'plan-read-only', text: t('plan.readOnly') }));
    parts.push(h('div', { class: 'plan-filters' }, statusSel, ownerSel), ...(body.length ? body : [h('p', { class: 'fp-note', text: t('plan.empty') })]));
    this.el.replaceChildren(...parts);
  }

  private row(p: Priority): HTMLElement {
    const { ctx } = this;
    const doc = ctx.doc();
    const el = p.card;
    const editable = ctx.client.canEdit && !ctx.lockedForMe(el.id) && !cardScopeBlock(doc, el, ctx.client.actor);
    const overdue = isOverdue(el);
    const status = typeof el.props.status === 'string' ? el.props.status : '';
    const statusEl = editable
      ? (() => {
        const sel = h('select', { 'aria-label': t('cp.status'), 'data-testid': 'plan-status', onchange: () => ctx.actions.submit([sel.value ? updateOp(el.id, { status: sel.value }) : updateOp(el.id, {}, ['status'])]) },
          h('option', { value: '', text: t('none') }), ...STATUSES.map((s) => h('option', { value: s, text: t(`status.${s}` as MsgKey) })));
        sel.value = status;
        return sel;
      })()
      : h('span', { class: `plan-status status-${status || 'none'}`, text: status ? t(`status.${status}` as MsgKey) : t('none') });
    const due = typeof el.props.due === 'string' ? el.props.due : '';
    const dueEl = editable
      ? (() => {
        const input = h('input', { type: 'date', value: due, 'aria-label': t('cp.due'), 'data-testid': 'plan-due' });
        input.addEventListener('change', () => ctx.actions.submit([/^\d{4}-\d{2}-\d{2}$/.test(input.value) ? updateOp(el.id, { due: input.value }) : updateOp(el.id, {}, ['due'])]));
        return input;
      })()
      : h('span', { class: 'plan-due', text: due ? t('plan.due', { d: due }) : '' });
    const measure = measureText(doc, el.props.measure);
    const pains = addressesOf(el).map((id) => doc.get(id)).filter((c): c is BoardElement => !!c);
    return h('li', { class: `plan-item ${overdue ? 'overdue' : ''} ${ctx.selection.has(el.id) ? 'selected' : ''}`, 'data-card': el.id, 'data-status': status, 'data-overdue': String(overdue) },
      h('div', { class: 'plan-line' },
        p.top ? h('span', { class: 'pri-top', text: `TOP ${p.top}` }) : null,
        h('button', { class: 'plan-text', text: cardTitle(el, 80), title: scoreTooltip(doc, p), onclick: () => ctx.selection.select([el.id]) }),
        h('span', { class: 'pri-score', title: t('pri.formula'), text: formatScore(p.score) })),
      h('div', { class: 'plan-meta' }, statusEl, dueEl, overdue ? h('span', { class: 'plan-overdue', 'data-testid': 'overdue', text: t('plan.overdue') }) : null),
      measure ? h('div', { class: 'plan-sub' }, h('span', { class: 'muted', text: `${t('plan.measure')}: ` }), h('span', { text: measure })) : null,
      pains.length ? h('div', { class: 'plan-sub' }, h('span', { class: 'muted', text: `${t('plan.addresses')}: ` }), h('span', { text: pains.map((c) => cardTitle(c, 40)).join(t('scope.sep')) })) : null);
  }
}

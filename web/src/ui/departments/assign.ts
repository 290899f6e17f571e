// The facilitator puts a participant in one of the board's departments (or none): a select per
// person in the facilitator panel, sent as `participant.department`; the server tells everyone.
import { departments } from '../../edit/plan';
import type { FacilitatorAction, Participant } from '../../protocol/messages';
import type { BoardContext } from '../context';
import { h } from '../dom';
import { t } from '../i18n';
import { nameOf } from './names';

/** null when the board has no departments (nothing to choose). */
export function departmentSelect(ctx: BoardContext, p: Participant, facilitate: (a: FacilitatorAction) => void): HTMLSelectElement | null {
  const depts = departments(ctx.doc());
  if (!depts.length) return null;
  const sel = h('select', { 'aria-label': t('dept.assign'), title: t('dept.assign'), 'data-testid': 'dept-select', onchange: () => {
    facilitate({ action: 'participant.department', participant: p.id, department: sel.value || null });
  } }, h('option', { value: '', text: t('dept.none') }), ...depts.map((d) => h('option', { value: d.id, text: nameOf(d) })));
  sel.value = p.department && depts.some((d) => d.id === p.department) ? p.department : '';
  return sel;
}

/** What the facilitator panel must be rebuilt for: the departments and who is in which. */
export function departmentsKey(ctx: BoardContext, people: Participant[]): string {
  return JSON.stringify([departments(ctx.doc()).map((d) => [d.id, nameOf(d)]), people.map((p) => p.department ?? null)]);
}

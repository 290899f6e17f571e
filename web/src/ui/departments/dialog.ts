// The board's list of departments, edited by the facilitator in a small dialog: add (zh and en
// names), rename, reorder, delete. Each change is one ops message on `department` elements, so
// everyone's lists, pickers and scopes follow live; the dialog follows others' changes too.
import { addDepartmentOps, deleteDepartmentOps, departments, moveDepartmentOps, renameDepartmentOps } from '../../edit/plan';
import { randomId } from '../../model/ids';
import type { BoardElement, Json } from '../../model/types';
import type { BoardContext } from '../context';
import { h, icon, toast } from '../dom';
import { t } from '../i18n';
import { openModal } from '../dialogs/modal';
import { nameOf } from './names';

const labelsOf = (d: BoardElement): { zh: string; en: string } => {
  const l = d.props.labels as Record<string, Json> | undefined;
  const title = typeof d.props.title === 'string' ? d.props.title : '';
  return { zh: typeof l?.zh === 'string' ? l.zh : title, en: typeof l?.en === 'string' ? l.en : '' };
};

export function openDepartments(ctx: BoardContext): void {
  const list = h('div', { class: 'dept-list', 'data-testid': 'dept-list' });
  let key = '';
  const render = () => {
    const depts = departments(ctx.doc());
    const next = JSON.stringify(depts.map((d) => [d.id, d.index, d.props.labels, d.props.title]));
    // never rebuild under the facilitator's typing
    if (next === key || list.contains(document.activeElement)) return;
    key = next;
    if (!depts.length) { list.replaceChildren(h('p', { class: 'fp-note', text: t('dept.empty') })); return; }
    list.replaceChildren(...depts.map((d, i) => row(ctx, d, i, depts.length)));
  };
  const zh = h('input', { type: 'text', placeholder: t('dept.zh'), 'aria-label': t('dept.zh'), 'data-testid': 'dept-new-zh', maxlength: 60 });
  const en = h('input', { type: 'text', placeholder: t('dept.en'), 'aria-label': t('dept.en'), 'data-testid': 'dept-new-en', maxlength: 60 });
  const add = () => {
    if (!zh.value.trim() && !en.value.trim()) { toast(t('dept.needName'), 'error'); zh.focus(); return; }
    if (ctx.actions.submit(addDepartmentOps(ctx.doc(), randomId(12), { zh: zh.value, en: en.value }), false)) {
      zh.value = en.value = '';
      zh.focus();
    }
  };
  for (const input of [zh, en]) input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
  const off = ctx.client.on('change', () => render());
  render();
  const m = openModal(t('dept.title'), [
    h('p', { class: 'muted', text: t('dept.hint') }),
    list,
    h('div', { class: 'dept-row dept-add' }, zh, en, h('button', { class: 'btn primary', 'data-action': 'dept-add', onclick: add }, t('dept.add'))),
  ], { class: 'dept-modal', testid: 'dept-dialog', closeLabel: t('pri.close'), focus: 'input[data-testid=dept-new-zh]', onClose: () => off() });
  void m;
}

function row(ctx: BoardContext, d: BoardElement, i: number, n: number): HTMLElement {
  const cur = labelsOf(d);
  const zh = h('input', { type: 'text', value: cur.zh, 'aria-label': t('dept.zh'), maxlength: 60 });
  const en = h('input', { type: 'text', value: cur.en, 'aria-label': t('dept.en'), maxlength: 60 });
  const save = () => {
    if (!zh.value.trim() && !en.value.trim()) { toast(t('dept.needName'), 'error'); return; }
    const el = ctx.doc().get(d.id);
    if (el) ctx.actions.submit(renameDepartmentOps(el, { zh: zh.value, en: en.value }), false);
  };
  for (const input of [zh, en]) {
    input.addEventListener('change', save);
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); input.blur(); } });
  }
  const move = (dir: -1 | 1) => ctx.actions.submit(moveDepartmentOps(ctx.doc(), d.id, dir), false);
  return h('div', { class: 'dept-row', 'data-dept': d.id },
    h('span', { class: 'fp-dot', style: `background:${typeof d.props.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(d.props.color) ? d.props.color : '#adb5bd'}` }),
    zh, en,
    h('button', { class: 'icon-btn', title: t('moveUp'), 'aria-label': t('moveUp'), disabled: i === 0, onclick: () => move(-1) }, icon('up')),
    h('button', { class: 'icon-btn', title: t('moveDown'), 'aria-label': t('moveDown'), disabled: i === n - 1, onclick: () => move(1) }, icon('down')),
    h('button', { class: 'icon-btn', title: t('dept.delete'), 'aria-label': t('dept.delete'), onclick: () => {
      if (window.confirm(t('dept.confirmDelete', { name: nameOf(d) }))) ctx.actions.submit(deleteDepartmentOps(ctx.doc(), d.id), false);
    } }, icon('trash')));
}

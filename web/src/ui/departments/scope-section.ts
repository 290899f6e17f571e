// Department scopes in the structure panel: the facilitator opens a lane or a stage to chosen
// departments only (checkboxes), or to everyone; a stage can start "stage by stage". Others see
// who may edit there. Also the note on the panel of a card I may not edit because of a scope.
import { departments, scopeOf, scopeOps } from '../../edit/plan';
import type { Actor } from '../../model/actor';
import type { BoardDoc, ScopeBlock } from '../../model/doc';
import type { BoardElement } from '../../model/types';
import type { BoardContext } from '../context';
import { h, icon } from '../dom';
import { t } from '../i18n';
import { readRow } from '../panels/fields';
import { openDepartments } from './dialog';
import { nameOf, scopeExplanation } from './names';
import { startStageByStage } from './stage-by-stage';

export function scopeSection(ctx: BoardContext, el: BoardElement, canEdit: boolean): HTMLElement[] {
  const doc = ctx.doc();
  const scope = scopeOf(el);
  const depts = departments(doc);
  const names = (ids: string[]) => ids.map((id) => doc.get(id)).filter((d): d is BoardElement => d?.type === 'department').map(nameOf);
  if (!canEdit) {
    if (scope === null) return [];
    const who = names(scope);
    return [readRow(t('scope.title'), who.length ? who.join(t('scope.sep')) : t('scope.facilitators'))];
  }
  const submit = (next: string[] | null) => ctx.actions.submit(scopeOps(el, next));
  const group = `scope-${el.id}`;
  const everyone = h('input', { type: 'radio', name: group, checked: scope === null, 'data-testid': 'scope-everyone', onchange: () => submit(null) });
  const only = h('input', { type: 'radio', name: group, checked: scope !== null, 'data-testid': 'scope-only', onchange: () => submit(scope ?? []) });
  const boxes = h('div', { class: 'scope-depts' }, ...depts.map((d) => {
    const cb = h('input', { type: 'checkbox', checked: scope?.includes(d.id) ?? false, 'data-dept': d.id, onchange: () => {
      const cur = scopeOf(ctx.doc().get(el.id)) ?? [];
      // keep the departments' order, so the same choice is the same scope
      const next = departments(ctx.doc()).map((x) => x.id).filter((id) => (id === d.id ? cb.checked : cur.includes(id)));
      submit(next);
    } });
    return h('label', { class: 'fp-check' }, cb, h('span', { text: nameOf(d) }));
  }));
  const out: HTMLElement[] = [h('div', { class: 'panel-section', text: t('scope.title') }),
    h('div', { class: 'scope-choice', 'data-testid': 'scope-section' },
      h('label', { class: 'fp-check' }, everyone, h('span', { text: t('scope.everyone') })),
      h('label', { class: 'fp-check' }, only, h('span', { text: t('scope.only') })),
      depts.length ? boxes : h('p', { class: 'fp-note', text: t('scope.noDepartments') }),
      scope !== null && scope.length === 0 ? h('p', { class: 'fp-note', text: t('scope.noneChosen') }) : null,
      h('button', { class: 'btn', 'data-action': 'departments', onclick: () => openDepartments(ctx) }, t('scope.editDepartments')))];
  if (el.type === 'stage') {
    out.push(h('button', { class: 'btn wide', 'data-action': 'stage-by-stage', onclick: () => startStageByStage(ctx, el.id) }, icon('right'), t('sbs.start')));
  }
  return out;
}

/** At the top of the panel of a card whose lane or stage my department may not edit. */
export function scopeNote(doc: BoardDoc, block: ScopeBlock, actor: Actor): HTMLElement {
  return h('div', { class: 'facil-lock-note', 'data-testid': 'scope-note' }, icon('lock', 14, 2),
    h('span', { text: t('scope.note', { why: scopeExplanation(doc, block, actor) }) }));
}

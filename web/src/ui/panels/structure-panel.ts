// The side panel of a stage or lane (facilitators edit: title, lane kind, order, delete).
import { LANE_KINDS } from '../../model/types';
import type { BoardElement, LaneKind } from '../../model/types';
import type { BoardContext } from '../context';
import { h, icon } from '../dom';
import { MsgKey, t } from '../i18n';
import { deleteButton, field, readRow, selectControl } from './fields';
import { scopeSection } from '../departments/scope-section';

export function structurePanel(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  const isStage = el.type === 'stage';
  const L = ctx.layout();
  const { actions } = ctx;
  const lbl = isStage ? L.stages.find((s) => s.el.id === el.id)?.label ?? '' : L.lanes.find((l) => l.el.id === el.id)?.label ?? '';
  const out: HTMLElement[] = [h('div', { class: 'panel-kicker', text: isStage ? t('stage') : t('lane') }), h('h3', { text: lbl })];
  if (ro) {
    if (!isStage) out.push(readRow(t('kind'), t(`kind.${(el.props.kind as LaneKind) ?? 'custom'}` as MsgKey)));
    out.push(...scopeSection(ctx, el, false));
    return out;
  }
  const title = h('input', { type: 'text', value: (el.props.title as string) ?? '', placeholder: t('titlePlaceholder') });
  title.addEventListener('change', () => (title.value.trim() ? actions.update(el.id, { title: title.value.trim() }) : actions.update(el.id, {}, ['title'])));
  out.push(field(t('title'), title));
  if (!isStage) {
    out.push(field(t('kind'), selectControl(el.props.kind, LANE_KINDS.map((k) => [k, t(`kind.${k}` as MsgKey)] as [string, string]), (v) => actions.update(el.id, { kind: v }))));
  }
  out.push(h('div', { class: 'btn-row' },
    h('button', { class: 'btn', onclick: () => actions.moveStructure(el.id, -1) }, icon(isStage ? 'left' : 'up'), isStage ? t('moveLeft') : t('moveUp')),
    h('button', { class: 'btn', onclick: () => actions.moveStructure(el.id, 1) }, icon(isStage ? 'right' : 'down'), isStage ? t('moveRight') : t('moveDown'))));
  out.push(h('p', { class: 'panel-note', text: t('structure.dragHint') }));
  out.push(...scopeSection(ctx, el, true));
  out.push(deleteButton(ctx));
  return out;
}

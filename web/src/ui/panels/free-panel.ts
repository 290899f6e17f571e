// The side panel of a free item (sticky, text, shape, connector, ink): its text, the shape, the
// size, the colour.
import type { BoardElement } from '../../model/types';
import type { BoardContext } from '../context';
import { h } from '../dom';
import { MsgKey, t } from '../i18n';
import { colorRow, deleteButton, field, selectControl } from './fields';

const NAMES: Record<string, MsgKey> = { sticky: 'toolSticky', text: 'toolText', shape: 'shape', connector: 'toolConnector', ink: 'toolPen' };

export function freePanel(ctx: BoardContext, el: BoardElement, ro: boolean): HTMLElement[] {
  // the tool's name without its shortcut hint
  const out: HTMLElement[] = [h('div', { class: 'panel-kicker', text: t(NAMES[el.type]).replace(/\s*[(（].*$/, '') })];
  if (typeof el.props.text === 'string' && el.props.text) out.push(h('p', { class: 'panel-text', text: el.props.text }));
  if (ro) return out;
  const update = ctx.actions.update.bind(ctx.actions);
  if (el.type === 'shape') {
    out.push(field(t('shape'), selectControl(el.props.shape ?? 'rect', [['rect', t('rect')], ['ellipse', t('ellipse')]], (v) => update(el.id, { shape: v }))));
  }
  if (el.type === 'text' || el.type === 'ink') {
    const sizes = el.type === 'text' ? [14, 20, 28, 40, 64] : [2, 3, 6, 10];
    out.push(field(t('size'), selectControl(el.props.size ?? (el.type === 'text' ? 20 : 3), sizes.map((s) => [String(s), String(s)] as [string, string]), (v) => update(el.id, { size: Number(v) }))));
  }
  out.push(colorRow(ctx, [el]));
  out.push(deleteButton(ctx));
  return out;
}

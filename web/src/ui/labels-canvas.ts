// The canvas's words for card details (status names, departments, the tag on a card someone is
// typing into), in the current UI language; part of the renderer's labels.
import { STATUS_VALUES, Status } from '../render/badges';
import { label } from '../render/layout';
import type { RenderLabels } from '../render/scene';
import type { BoardElement } from '../model/types';
import { lang, MsgKey, t } from './i18n';

export function canvasLabels(): Pick<RenderLabels, 'status' | 'department' | 'editingTag'> {
  const status = {} as Record<Status, string>;
  for (const s of STATUS_VALUES) status[s] = t(`status.${s}` as MsgKey);
  const l = lang();
  return {
    status,
    department: (el: BoardElement) => label(el, l, ''),
    editingTag: (name: string) => t('editing.tag', { name }),
  };
}

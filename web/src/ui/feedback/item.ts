// One piece of feedback as the panels list it: the text, then channel, date, rating and the row of
// the file it came from; draggable onto a card (its id travels as DRAG_TYPE).
import { h } from '../dom';
import { t } from '../i18n';
import type { FeedbackItem } from './api';

export const ITEM_DRAG_TYPE = 'application/x-jb-feedback';

export interface ItemOptions {
  draggable: boolean;
  action: { label: string; run: () => void } | null;
}

export function itemRow(item: FeedbackItem, opts: ItemOptions): HTMLElement {
  const meta = [item.channel, item.date, item.rating !== undefined ? `★ ${item.rating}` : undefined, t('data.row', { row: item.row })]
    .filter((x): x is string => !!x).join(' · ');
  const row = h('div', { class: 'fb-item', 'data-feedback-id': item.id, draggable: opts.draggable ? 'true' : 'false' },
    h('div', { class: 'fb-text', text: item.text }),
    h('div', { class: 'fb-meta muted', text: meta }),
    opts.action ? h('button', { class: 'btn small', 'data-action': 'feedback-tag', text: opts.action.label, onclick: opts.action.run }) : null);
  if (opts.draggable) {
    row.addEventListener('dragstart', (e) => {
      e.dataTransfer?.setData(ITEM_DRAG_TYPE, item.id);
      e.dataTransfer?.setData('text/plain', item.text);
      if (e.dataTransfer) e.dataTransfer.effectAllowed = 'link';
      row.classList.add('dragging');
    });
    row.addEventListener('dragend', () => row.classList.remove('dragging'));
  }
  return row;
}

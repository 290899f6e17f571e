// Every piece of feedback filed under one card (the card shows three), newest first, fetched page
// by page; editors can take an item off the card (it goes back to the unmatched list).
import type { BoardContext } from '../context';
import { openModal } from '../dialogs/modal';
import { h, toast } from '../dom';
import { t } from '../i18n';
import type { FeedbackApi, FeedbackItem } from './api';
import { itemRow } from './item';

const PAGE = 100;

export function openCardFeedback(ctx: BoardContext, api: FeedbackApi, cardId: string, untag: (items: string[]) => Promise<void>): void {
  const card = ctx.doc().get(cardId);
  const name = ((card?.props.text as string | undefined) ?? '').split('\n')[0].slice(0, 40) || cardId;
  const list = h('div', { class: 'fb-list fb-list-all', 'data-testid': 'card-feedback-list' });
  const status = h('p', { class: 'muted', text: t('data.loading') });
  const more = h('button', { class: 'btn wide', text: t('data.more'), hidden: true });
  const items: FeedbackItem[] = [];
  const load = async () => {
    try {
      const page = await api.list({ card: cardId, offset: items.length, limit: PAGE });
      items.push(...page.items);
      for (const item of page.items) {
        list.append(itemRow(item, {
          draggable: false,
          action: ctx.client.canEdit ? { label: t('data.untag'), run: () => { void untag([item.id]).then(() => list.querySelector(`[data-feedback-id="${item.id}"]`)?.remove()); } } : null,
        }));
      }
      status.textContent = t('data.count', { n: page.total });
      more.hidden = items.length >= page.total;
    } catch (e) {
      status.textContent = '';
      toast(t('data.failed', { message: (e as Error).message }), 'error');
    }
  };
  more.addEventListener('click', () => void load());
  openModal(t('data.feedbackOf', { card: name }), [status, list, more], { class: 'fb-dialog', testid: 'card-feedback', closeLabel: t('data.close') });
  void load();
}

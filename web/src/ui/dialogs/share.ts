// The share dialog: the role links this device knows (it created the board), else a note to ask
// the facilitator; for facilitators also the data-integration section (`extra`).
import { h } from '../dom';
import { t } from '../i18n';
import { linkList } from '../links';
import { boardLinks } from '../storage';
import { openModal } from './modal';

export function openShare(boardId: string, extra: HTMLElement | null = null): void {
  const links = boardLinks(boardId);
  if (!links) {
    openModal(t('share'), [h('p', { text: t('shareUnknown') }), extra]);
    return;
  }
  openModal(t('share'), [h('p', { class: 'muted', text: t('shareHint') }), linkList(links), extra]);
}

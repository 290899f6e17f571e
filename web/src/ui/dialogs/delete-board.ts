// Deleting a board (facilitators): a confirmation that asks for the board's title, then the
// server's DELETE; afterwards the page shows that the board is gone. Everyone else's socket is
// closed with 4404 and their page says the board was deleted.
import { deleteBoard } from '../board-api';
import { h, toast } from '../dom';
import { t } from '../i18n';
import { openModal } from './modal';

export interface DeleteSource {
  boardId: string;
  token(): string;
  title(): string;
  /** the board is gone: stop the connection and show the deleted page */
  deleted(): void;
}

export function openDeleteBoard(src: DeleteSource): void {
  const title = src.title().trim() || src.boardId;
  const input = h('input', { type: 'text', 'data-testid': 'delete-confirm-title', autocomplete: 'off', spellcheck: 'false', 'aria-label': t('del.typeTitle', { title }) });
  const go = h('button', { class: 'btn danger-solid', type: 'submit', 'data-testid': 'delete-confirm', disabled: true, text: t('del.confirm') });
  const form = h('form', { class: 'delete-form' },
    h('p', { class: 'note danger-note', text: t('del.warning') }),
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: t('del.typeTitle', { title }) }), input),
    h('div', { class: 'btn-row' }, go));
  const matches = () => input.value.trim() === title;
  input.addEventListener('input', () => { go.disabled = !matches(); });
  const m = openModal(t('del.title'), [form], { testid: 'delete-dialog', focus: 'input' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!matches()) return;
    go.disabled = true;
    go.textContent = t('del.deleting');
    const r = await deleteBoard(src.boardId, src.token());
    // a board that is already gone is deleted as far as anyone can tell
    if (r.ok || r.code === 'BOARD_NOT_FOUND') {
      m.close();
      src.deleted();
      return;
    }
    go.disabled = false;
    go.textContent = t('del.confirm');
    toast(r.unsupported ? t('del.unsupported') : t('del.failed', { reason: r.code === 'UNAUTHORIZED' ? t('err.UNAUTHORIZED') : `${r.code} ${r.message}`.trim() }), 'error');
  });
}

/** The page after my own deletion. */
export function deletedPage(host: HTMLElement, title: string): void {
  host.replaceChildren(h('div', { class: 'failure-page', 'data-testid': 'board-deleted' },
    h('h2', { text: t('del.done', { title }) }),
    h('a', { class: 'btn primary', href: '/', text: t('backHome') })));
}

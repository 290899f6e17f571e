// A modal dialog over the board: closes with its × button, a click on the backdrop or Escape.
import { h } from '../dom';

export interface ModalOptions {
  /** extra classes of the dialog box */
  class?: string;
  testid?: string;
  /** aria-label of the × button */
  closeLabel?: string;
  /** what gets the focus when it opens (default: the first button or field) */
  focus?: string;
  /** where the backdrop goes (default: the board page, else the body) */
  host?: Element;
  /** called when the dialog closes, however it is closed */
  onClose?: () => void;
}

export interface Modal { backdrop: HTMLElement; close(): void }

/** Open dialogs, the top one last: Escape closes the top one wherever the focus is. */
const open: Modal[] = [];
if (typeof document !== 'undefined') document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && open.length && !e.defaultPrevented) {
    e.preventDefault();
    open[open.length - 1].close();
  }
});

export function openModal(title: string, content: (HTMLElement | null)[], opts: ModalOptions = {}): Modal {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    backdrop.remove();
    open.splice(open.indexOf(modal), 1);
    opts.onClose?.();
  };
  const box = h('div', { class: `modal ${opts.class ?? ''}`.trim(), role: 'dialog', 'aria-modal': 'true', 'data-testid': opts.testid },
    h('div', { class: 'modal-head' }, h('h2', { text: title }), h('button', { class: 'icon-btn', 'aria-label': opts.closeLabel ?? 'close', text: '×', onclick: close })),
    ...content);
  const backdrop = h('div', { class: 'modal-backdrop', onclick: (e: MouseEvent) => { if (e.target === backdrop) close(); } }, box);
  (opts.host ?? document.querySelector('.board-app') ?? document.body).append(backdrop);
  (box.querySelector(opts.focus ?? 'button, input') as HTMLElement | null)?.focus();
  const modal: Modal = { backdrop, close };
  open.push(modal);
  return modal;
}

// Joining a board: the board id and token from the address (the token is in the fragment, so it
// never reaches a server log), and the display name asked once and remembered.
import { h } from './dom';
import { t } from './i18n';
import { getName, setName } from './storage';

export function parseBoardLocation(loc: Location): { boardId: string; token: string } | null {
  const m = /^\/b\/([A-Za-z0-9_-]{1,64})\/?$/.exec(loc.pathname);
  const token = new URLSearchParams(loc.hash.replace(/^#/, '')).get('t');
  return m && token ? { boardId: m[1], token } : null;
}

/** Asks for the display name once; remembered in localStorage. */
export function askName(host: HTMLElement): Promise<string> {
  const saved = getName();
  if (saved && saved.trim()) return Promise.resolve(saved.trim());
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', maxlength: 64, placeholder: t('yourName'), 'data-testid': 'name-input', autocomplete: 'nickname' });
    const form = h('form', { class: 'modal name-modal' },
      h('h2', { text: t('yourName') }),
      h('p', { class: 'muted', text: t('namePrompt') }),
      input,
      h('button', { class: 'btn primary', type: 'submit', text: t('join') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const name = [...input.value.trim()].slice(0, 64).join('');
      if (!name) { input.focus(); return; }
      setName(name);
      backdrop.remove();
      resolve(name);
    });
    const backdrop = h('div', { class: 'modal-backdrop' }, form);
    host.append(backdrop);
    input.focus();
  });
}

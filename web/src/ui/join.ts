// Joining a board: the board id and token from the address, and the display name asked once and
// remembered. The token arrives in the fragment (so it never reaches a server log); the page then
// keeps it in the tab's sessionStorage and takes it out of the address bar, so a shared screen or
// a screenshot does not show it. A reload finds it in the tab's storage.
import { h } from './dom';
import { t } from './i18n';
import { cleanName, identity, KeyValueStore, rememberName } from './identity';

export interface BoardAddress { boardId: string; token: string }

const BOARD_PATH = /^\/b\/([A-Za-z0-9_-]{1,64})\/?$/;
const tokenKey = (boardId: string) => `jb.token.${boardId}`;

/** The board id and token of the address itself (the token from the fragment `#t=`). */
export function parseBoardLocation(loc: Pick<Location, 'pathname' | 'hash'>): BoardAddress | null {
  const m = BOARD_PATH.exec(loc.pathname);
  const token = new URLSearchParams(loc.hash.replace(/^#/, '')).get('t');
  return m && token ? { boardId: m[1], token } : null;
}

export interface AddressBar {
  location: Pick<Location, 'pathname' | 'hash' | 'search'>;
  replace(url: string): void;
}

function tabStore(): KeyValueStore | null {
  try { return globalThis.sessionStorage; } catch { return null; }
}

/**
 * The board this page is for: from the fragment (then kept in the tab and removed from the
 * address bar) or, after a reload, from the tab's storage. Null when the page is not a board page
 * or has no token.
 */
export function takeBoardAddress(bar: AddressBar = browserBar(), store: KeyValueStore | null = tabStore()): BoardAddress | null {
  const loc = bar.location;
  const m = BOARD_PATH.exec(loc.pathname);
  if (!m) return null;
  const fromHash = parseBoardLocation(loc);
  if (fromHash) {
    try { store?.setItem(tokenKey(fromHash.boardId), fromHash.token); } catch { /* then keep it in the address */ }
    if (store && readToken(store, fromHash.boardId) === fromHash.token) {
      const rest = new URLSearchParams(loc.hash.replace(/^#/, ''));
      rest.delete('t');
      const hash = rest.toString();
      bar.replace(`${loc.pathname}${loc.search}${hash ? `#${hash}` : ''}`);
    }
    return fromHash;
  }
  const token = store ? readToken(store, m[1]) : null;
  return token ? { boardId: m[1], token } : null;
}

/** A new token for this board in this tab (after the facilitator made new links). */
export function keepToken(boardId: string, token: string, store: KeyValueStore | null = tabStore()): void {
  try { store?.setItem(tokenKey(boardId), token); } catch { /* ignore */ }
}

function readToken(store: KeyValueStore, boardId: string): string | null {
  try { return store.getItem(tokenKey(boardId)); } catch { return null; }
}

function browserBar(): AddressBar {
  return { location, replace: (url) => history.replaceState(history.state, '', url) };
}

/** The full link with the token, for the recent boards list (localStorage, this device only). */
export function boardLink(boardId: string, token: string): string {
  return `${location.origin}/b/${boardId}#t=${encodeURIComponent(token)}`;
}

/** A name form: resolves with a name the server takes, or null when cancelled. */
export function nameForm(host: HTMLElement, opts: { title: string; hint: string; submit: string; initial?: string; cancel?: string }): Promise<string | null> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', maxlength: 64, placeholder: t('yourName'), 'data-testid': 'name-input', autocomplete: 'nickname', value: opts.initial ?? '' });
    const error = h('p', { class: 'field-error', role: 'alert' });
    const done = (v: string | null) => { backdrop.remove(); resolve(v); };
    const form = h('form', { class: 'modal name-modal' },
      h('h2', { text: opts.title }),
      h('p', { class: 'muted', text: opts.hint }),
      input, error,
      h('div', { class: 'btn-row' },
        h('button', { class: 'btn primary', type: 'submit', 'data-testid': 'name-submit', text: opts.submit }),
        opts.cancel ? h('button', { class: 'btn', type: 'button', text: opts.cancel, onclick: () => done(null) }) : null));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const name = cleanName(input.value);
      if (!name) { error.textContent = t('me.nameInvalid'); input.focus(); return; }
      done(name);
    });
    const backdrop = h('div', { class: 'modal-backdrop' }, form);
    if (opts.cancel) backdrop.addEventListener('keydown', (e) => { if (e.key === 'Escape') done(null); });
    host.append(backdrop);
    input.focus();
    input.select();
  });
}

/** Asks for the display name once; remembered in localStorage with the identity. */
export async function askName(host: HTMLElement): Promise<string> {
  const saved = identity().name;
  const clean = saved ? cleanName(saved) : null;
  if (clean) return clean;
  const name = (await nameForm(host, { title: t('yourName'), hint: t('namePrompt'), submit: t('join') }))!;
  rememberName(name);
  return name;
}

// The top bar of the board page: brand, board title, connection status (with unsent edits and
// the read-only badge), the people here, undo / redo, share, export and the language switch.
import type { SyncClient } from '../sync/client';
import { h, icon, initials, safeColor } from './dom';
import { lang, MsgKey, setLang, t } from './i18n';

export interface TopBarActions {
  undo(): void;
  redo(): void;
  share(): void;
  export(): void;
}

export function iconButton(name: string, label: MsgKey, onclick: () => void, cls = ''): HTMLButtonElement {
  return h('button', { class: `icon-btn ${cls}`, title: t(label), 'aria-label': t(label), 'data-action': label, onclick }, icon(name));
}

export class TopBar {
  readonly el: HTMLElement;
  /** the action group (the facilitation button goes first) */
  readonly actions: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly avatarsEl: HTMLElement;
  private readonly undoBtn: HTMLButtonElement;
  private readonly redoBtn: HTMLButtonElement;
  private readonly langLabel: HTMLElement;
  private statusKey = '';
  private avatarsKey = '';

  constructor(actions: TopBarActions) {
    this.titleEl = h('div', { class: 'board-title' });
    this.statusEl = h('div', { class: 'status', 'data-testid': 'status' });
    this.avatarsEl = h('div', { class: 'avatars' });
    this.undoBtn = iconButton('undo', 'undo', () => actions.undo(), 'edit-only');
    this.redoBtn = iconButton('redo', 'redo', () => actions.redo(), 'edit-only');
    this.langLabel = h('span', { class: 'lang-label' });
    this.actions = h('div', { class: 'top-actions' },
      this.undoBtn,
      this.redoBtn,
      iconButton('share', 'share', () => actions.share()),
      iconButton('download', 'exportPng', () => actions.export()),
      h('button', { class: 'btn-lang', onclick: () => setLang(lang() === 'zh' ? 'en' : 'zh'), title: 'Language / 语言' }, icon('globe'), this.langLabel));
    this.el = h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '/', title: t('backHome') }, h('span', { class: 'logo' }), h('span', { class: 'brand-name', text: 'Journey Board' })),
      this.titleEl,
      this.statusEl,
      h('div', { class: 'spacer' }),
      this.avatarsEl,
      this.actions);
  }

  setTitle(title: string): void { this.titleEl.textContent = title; }

  update(client: SyncClient, canUndo: boolean, canRedo: boolean): void {
    this.updateStatus(client);
    this.undoBtn.disabled = !canUndo;
    this.redoBtn.disabled = !canRedo;
    for (const el of [this.undoBtn, this.redoBtn]) el.hidden = !client.canEdit;
    this.langLabel.textContent = t('language');
    this.renderAvatars(client);
  }

  private updateStatus(c: SyncClient): void {
    const unsent = c.pending.length;
    let cls = 'ok';
    let label = t('connected');
    if (c.state === 'connecting') { cls = 'wait'; label = t('connecting'); }
    else if (c.state === 'reconnecting') { cls = 'warn'; label = t('reconnecting') + (unsent ? ` · ${t('unsent', { n: c.unsentCount })}` : ''); }
    else if (c.state === 'failed') { cls = 'bad'; label = t('offline'); }
    else if (unsent) { cls = 'ok'; label = `${t('connected')} · ${t('unsent', { n: c.unsentCount })}`; }
    const ro = c.state !== 'failed' && !!c.me && !c.canEdit;
    const statusKey = `${cls}|${label}|${ro}`;
    if (statusKey === this.statusKey) return;
    this.statusKey = statusKey;
    this.statusEl.className = `status status-${cls}`;
    this.statusEl.dataset.state = c.state;
    this.statusEl.replaceChildren(h('span', { class: 'dot' }), h('span', { text: label }));
    if (ro) this.statusEl.append(h('span', { class: 'badge-ro', text: t('readOnly') }));
  }

  /** Me first, then the others: up to eight avatars with role marks. */
  renderAvatars(c: SyncClient): void {
    const people = [...(c.me ? [{ ...c.me, me: true }] : []), ...[...c.peers.values()].map((p) => ({ ...p, me: false }))];
    const key = `${lang()}|${people.map((p) => `${p.id}:${p.name}:${p.role}:${p.color}`).join(',')}`;
    if (key === this.avatarsKey) return;
    this.avatarsKey = key;
    this.avatarsEl.replaceChildren(...people.slice(0, 8).map((p) =>
      h('div', { class: `avatar ${p.me ? 'me' : ''}`, style: `background:${safeColor(p.color)}`, title: `${p.name}${p.me ? ` (${t('you')})` : ''} · ${t(p.role)}`, 'data-role': p.role, 'data-cjk': /[\u2e80-\u9fff]/.test(p.name) },
        h('span', { text: initials(p.name) }),
        p.role !== 'editor' ? h('i', { class: `role role-${p.role}`, text: p.role === 'facilitator' ? '★' : '◉' }) : null)));
    if (people.length > 8) this.avatarsEl.append(h('div', { class: 'avatar more', text: `+${people.length - 8}` }));
  }
}

// The top bar of the board page: brand, board title, connection status (unsent edits, saving
// paused, the read-only badge), the people here (my avatar opens my name menu), undo / redo,
// share, export, language, and a "more" menu. On a narrow screen (a phone) share, export,
// language, undo / redo and the features' view buttons (data-narrow) move into the "more" menu,
// so the bar fits in 390 px.
import './connection.css';
import type { SyncClient } from '../sync/client';
import { h, icon, safeColor } from './dom';
import { lang, MsgKey, setLang, t } from './i18n';
import { initials } from './initials';
import { Menu, MenuItem } from './menu';

export interface TopBarActions {
  undo(): void;
  redo(): void;
  share(): void;
  export(): void;
  rename(): void;
  deleteBoard(): void;
}

export function iconButton(name: string, label: MsgKey, onclick: () => void, cls = ''): HTMLButtonElement {
  return h('button', { class: `icon-btn ${cls}`, title: t(label), 'aria-label': t(label), 'data-action': label, onclick }, icon(name));
}

/** The status pill's look and words for a client's state. */
export function statusOf(c: Pick<SyncClient, 'state' | 'pending' | 'savingPaused'>): { cls: string; label: string } {
  const n = c.pending.length;
  if (c.state === 'connecting') return { cls: 'wait', label: t('connecting') };
  if (c.state === 'failed') return { cls: 'bad', label: t('offline') };
  if (c.state === 'reconnecting') return { cls: 'warn', label: t('reconnecting') + (n ? ` · ${t('unsent', { n })}` : '') };
  if (c.savingPaused) return { cls: 'warn', label: `${t('conn.paused')} · ${t('conn.waiting', { n })}` };
  return { cls: 'ok', label: n ? `${t('connected')} · ${t('unsent', { n })}` : t('connected') };
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
  private readonly moreMenu: Menu;
  private readonly meMenu: Menu;
  private readonly meBtn: HTMLButtonElement;
  private readonly moreBtn: HTMLButtonElement;
  private statusKey = '';
  private avatarsKey = '';
  private client: SyncClient | null = null;
  private canUndo = false;
  private canRedo = false;

  constructor(private readonly act: TopBarActions) {
    this.titleEl = h('div', { class: 'board-title' });
    this.statusEl = h('div', { class: 'status', 'data-testid': 'status', role: 'status', 'aria-live': 'polite' });
    this.meBtn = h('button', { class: 'avatar-btn', 'data-testid': 'me-avatar' });
    this.meMenu = new Menu(this.meBtn, () => [{ label: t('me.rename'), action: 'rename', run: () => act.rename() }], 'me-menu');
    this.avatarsEl = h('div', { class: 'avatars' });
    this.undoBtn = iconButton('undo', 'undo', () => act.undo(), 'edit-only wide-only');
    this.redoBtn = iconButton('redo', 'redo', () => act.redo(), 'edit-only wide-only');
    this.langLabel = h('span', { class: 'lang-label' });
    const moreBtn = h('button', { class: 'icon-btn more-btn', 'data-action': 'more', 'data-testid': 'more', text: '⋯' });
    this.moreBtn = moreBtn;
    this.moreMenu = new Menu(moreBtn, () => this.moreItems(), 'more-menu');
    this.actions = h('div', { class: 'top-actions' },
      this.undoBtn,
      this.redoBtn,
      iconButton('share', 'share', () => act.share(), 'wide-only'),
      iconButton('download', 'exportPng', () => act.export(), 'wide-only'),
      h('button', { class: 'btn-lang wide-only', onclick: () => setLang(lang() === 'zh' ? 'en' : 'zh'), title: 'Language / 语言' }, icon('globe'), this.langLabel),
      h('div', { class: 'menu-anchor' }, moreBtn, this.moreMenu.el));
    this.el = h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '/', title: t('backHome') }, h('span', { class: 'logo' }), h('span', { class: 'brand-name', text: 'Journey Board' })),
      this.titleEl,
      this.statusEl,
      h('div', { class: 'spacer' }),
      h('div', { class: 'menu-anchor people' }, this.avatarsEl, this.meMenu.el),
      this.actions);
  }

  setTitle(title: string): void { this.titleEl.textContent = title; }

  update(client: SyncClient, canUndo: boolean, canRedo: boolean): void {
    this.client = client;
    this.canUndo = canUndo;
    this.canRedo = canRedo;
    this.updateStatus(client);
    this.undoBtn.disabled = !canUndo;
    this.redoBtn.disabled = !canRedo;
    for (const el of [this.undoBtn, this.redoBtn]) el.hidden = !client.canEdit;
    this.langLabel.textContent = t('language');
    // on a wide screen the menu holds only what is not in the bar: for a facilitator, deleting
    this.el.classList.toggle('more-wide', client.role === 'facilitator');
    this.moreBtn.title = t('top.more');
    this.moreBtn.setAttribute('aria-label', t('top.more'));
    this.meBtn.setAttribute('aria-label', t('me.menu'));
    this.renderAvatars(client);
  }

  private moreItems(): MenuItem[] {
    const c = this.client;
    const items: MenuItem[] = [];
    if (c?.canEdit) {
      if (this.canUndo) items.push({ label: t('undo'), action: 'undo', class: 'narrow-only', run: () => this.act.undo() });
      if (this.canRedo) items.push({ label: t('redo'), action: 'redo', class: 'narrow-only', run: () => this.act.redo() });
    }
    // features' bar buttons marked data-narrow (views, panels) are menu items on a phone, so the bar fits
    for (const b of this.actions.querySelectorAll<HTMLButtonElement>('button[data-narrow]')) {
      if (!b.hidden) items.push({ label: b.textContent ?? b.title, action: b.dataset.narrow!, class: 'narrow-only', run: () => b.click() });
    }
    items.push(
      { label: t('share'), action: 'share', class: 'narrow-only', run: () => this.act.share() },
      { label: t('exportPng'), action: 'export', class: 'narrow-only', run: () => this.act.export() },
      { label: `${t('language')} · Language / 语言`, action: 'language', class: 'narrow-only', run: () => setLang(lang() === 'zh' ? 'en' : 'zh') },
    );
    if (c?.role === 'facilitator' && c.state !== 'failed') items.push({ label: t('top.deleteBoard'), action: 'delete-board', danger: true, run: () => this.act.deleteBoard() });
    return items;
  }

  private updateStatus(c: SyncClient): void {
    const { cls, label } = statusOf(c);
    const ro = c.state !== 'failed' && !!c.me && !c.canEdit;
    const statusKey = `${cls}|${label}|${ro}`;
    if (statusKey === this.statusKey) return;
    this.statusKey = statusKey;
    this.statusEl.className = `status status-${cls}`;
    this.statusEl.dataset.state = c.savingPaused && c.state === 'connected' ? 'paused' : c.state;
    this.statusEl.title = label;
    this.statusEl.replaceChildren(h('span', { class: 'dot' }), h('span', { class: 'status-label', text: label }));
    if (ro) this.statusEl.append(h('span', { class: 'badge-ro', text: t('readOnly') }));
  }

  /** Me first (a button: my name menu), then the others: up to eight avatars with role marks. */
  renderAvatars(c: SyncClient): void {
    const people = [...(c.me ? [{ ...c.me, me: true }] : []), ...[...c.peers.values()].map((p) => ({ ...p, me: false }))];
    const key = `${lang()}|${people.map((p) => `${p.id}:${p.name}:${p.role}:${p.color}`).join(',')}`;
    if (key === this.avatarsKey) return;
    this.avatarsKey = key;
    const face = (p: (typeof people)[number]) => [
      h('span', { text: initials(p.name) }),
      p.role !== 'editor' ? h('i', { class: `role role-${p.role}`, text: p.role === 'facilitator' ? '★' : '◉' }) : null,
    ];
    const els: HTMLElement[] = people.slice(0, 8).map((p) => {
      const attrs = { class: `avatar ${p.me ? 'me' : ''}`, style: `background:${safeColor(p.color)}`, title: `${p.name}${p.me ? ` (${t('you')})` : ''} · ${t(p.role)}`, 'data-role': p.role, 'data-cjk': /[\u2e80-\u9fff]/.test(p.name) };
      if (!p.me) return h('div', attrs, ...face(p));
      const b = this.meBtn;
      b.className = `avatar avatar-btn me`;
      b.setAttribute('style', attrs.style);
      b.title = `${attrs.title} · ${t('me.rename')}`;
      b.dataset.role = p.role;
      b.toggleAttribute('data-cjk', attrs['data-cjk']);
      b.replaceChildren(...face(p).filter((x): x is HTMLElement => !!x));
      return b;
    });
    if (people.length > 8) els.push(h('div', { class: 'avatar more', text: `+${people.length - 8}` }));
    // a phone shows me and how many are here
    if (people.length > 1) els.push(h('div', { class: 'avatar count narrow-only', title: t('participants'), text: String(people.length) }));
    this.avatarsEl.replaceChildren(...els);
  }
}

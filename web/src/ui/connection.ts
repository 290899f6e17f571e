// The board page's connection and identity chrome, beside the composition root: the tab's token
// (kept out of the address bar, replaced when the facilitator makes new links), my colour and
// name (kept with the identity; renaming reconnects), the notices of a store outage and of a board
// that went back, the share and delete dialogs, and the touch default for viewers on phones.
import type { SyncClient } from '../sync/client';
import { socketUrl } from './board-api';
import type { BoardContext } from './context';
import { deletedPage, openDeleteBoard } from './dialogs/delete-board';
import { openShare } from './dialogs/share';
import { h, toast } from './dom';
import { t } from './i18n';
import { rememberColor, rememberName } from './identity';
import { boardLink, keepToken, nameForm } from './join';
import { absolute } from './links';
import { forgetBoard, rememberBoard } from './storage';

export interface ConnectionHost {
  boardId: string;
  token: string;
  /** the page root (dialogs, the deleted page) */
  host: HTMLElement;
  /** the board page's root: the notice goes right under its top bar */
  root: HTMLElement;
  topbar: HTMLElement;
  ctx: Pick<BoardContext, 'setTool'>;
}

/** A touch screen without a fine pointer: a phone or a tablet. */
export function touchFirst(): boolean {
  try {
    return navigator.maxTouchPoints > 0 && !matchMedia('(hover: hover) and (pointer: fine)').matches;
  } catch {
    return false;
  }
}

export class ConnectionChrome {
  private token: string;
  private notice: HTMLElement | null = null;
  private touchDefaultDone = false;
  /** test hook: the last notice's text */
  lastNotice: string | null = null;

  constructor(private readonly client: SyncClient, private readonly host: ConnectionHost) {
    this.token = host.token;
    client.on('welcome', (msg) => {
      rememberColor(msg.you.color);
      this.touchDefault();
    });
    client.on('outbox', () => this.onOutbox());
    // the browser knows the network is gone: say so now instead of after the heartbeat's silence
    window.addEventListener('offline', () => client.dropConnection());
    client.on('wentBack', (e) => this.showNotice(e.resent > 0 ? t('conn.wentBack') : t('conn.wentBackNone')));
    client.on('session', (msg) => {
      // new links (links.rotate): my own tab's token changed with them
      if (msg.type !== 'links') return;
      const mine = msg.tokens?.facilitator ?? tokenOf(msg.links.facilitator);
      if (mine) this.adopt(mine);
    });
  }

  /** The token this tab uses now. */
  get currentToken(): string { return this.token; }

  /** The link to remember for this board on this device (recent boards). */
  get link(): string { return boardLink(this.host.boardId, this.token); }

  share(): void {
    openShare({ boardId: this.host.boardId, token: () => this.token, role: () => this.client.role });
  }

  async rename(): Promise<void> {
    const name = await nameForm(this.host.host, {
      title: t('me.renameTitle'), hint: t('me.renameHint'), submit: t('me.save'), cancel: t('me.cancel'), initial: this.client.name,
    });
    if (!name || name === this.client.name) return;
    rememberName(name);
    // the protocol has no live rename: the next hello carries it, and it comes right away
    this.client.rename(name);
    toast(t('me.renamed', { name }));
  }

  deleteBoard(): void {
    const title = this.client.board?.title || this.host.boardId;
    openDeleteBoard({
      boardId: this.host.boardId, token: () => this.token, title: () => title,
      deleted: () => {
        this.client.close();
        forgetBoard(this.host.boardId);
        deletedPage(this.host.host, title);
      },
    });
  }

  private adopt(token: string): void {
    if (token === this.token) return;
    this.token = token;
    keepToken(this.host.boardId, token);
    this.client.retarget(socketUrl(this.host.boardId, token));
    rememberBoard({ id: this.host.boardId, url: this.link });
  }

  private wasPaused = false;

  private onOutbox(): void {
    const paused = this.client.savingPaused;
    if (paused === this.wasPaused) return;
    this.wasPaused = paused;
    toast(paused ? t('conn.pausedToast') : t('conn.resumedToast'), paused ? 'error' : 'info');
  }

  private showNotice(text: string): void {
    this.notice?.remove();
    this.lastNotice = text;
    const box = h('div', { class: 'conn-notice', role: 'alert', 'data-testid': 'conn-notice' },
      h('p', { text }),
      h('button', { class: 'btn', text: t('conn.dismiss'), onclick: () => { box.remove(); this.notice = null; } }));
    this.notice = box;
    this.host.topbar.after(box);
  }

  /** Viewers on a touch screen pan with one finger (the hand tool); two fingers still zoom. */
  private touchDefault(): void {
    if (this.touchDefaultDone || this.client.canEdit || !touchFirst()) return;
    this.touchDefaultDone = true;
    this.host.ctx.setTool('hand');
  }
}

function tokenOf(link: string | undefined): string | null {
  if (!link) return null;
  try {
    return new URLSearchParams(new URL(absolute(link)).hash.replace(/^#/, '')).get('t');
  } catch {
    return null;
  }
}

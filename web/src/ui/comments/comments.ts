// Comments on the board page, put together (issue 17 §4): the comments drawer and its top-bar
// toggle (with the number of open threads), a click on a card's open-thread bubble opens its
// threads, the facilitator's "viewers may comment" switch in the facilitator panel, the canvas's
// explanation to commenters and viewers that the map is read-only for them, and the test hooks
// (window.__jbComments). Comments go straight through the sync client, not the undo history: they
// are a conversation, not an edit of the map, and a commenter has no undo. A refusal (local, or
// the server's `rejected` for a comment I sent) is shown translated in the drawer, and the text I
// wrote comes back into its box.
import './comments.css';
import { randomId } from '../../model/ids';
import type { ErrorCode, Op } from '../../model/types';
import { OpError } from '../../model/types';
import type { FacilitatorAction } from '../../protocol/messages';
import { elementBounds } from '../../render/layout';
import type { BoardContext } from '../context';
import { h, toast } from '../dom';
import { lang, onLangChange, t } from '../i18n';
import { CommentsPanel } from './panel';
import { commentable, commentErrorKey, commentOp, commentRights, deleteCommentOp, mentionTargets, resolveOp, threadsOn } from './threads';

/** The facilitator panel takes sections of other tools (ui/facilitation/facilitation.ts). */
export interface FacilitatorSections {
  addSection(s: { key(): string; section(facilitate: (a: FacilitatorAction) => void): HTMLElement | null }): void;
}

export interface CommentsHost {
  /** the positioned wrapper of the canvas: the drawer floats in it */
  stage: HTMLElement;
  /** the top bar's action group: the toggle goes first */
  topActions: HTMLElement;
  facil: FacilitatorSections;
}

export class CommentsUi {
  readonly panel: CommentsPanel;
  /** comments I sent that the server has not confirmed: id → the box and text they came from */
  private readonly sent = new Map<string, { draftKey: string; text: string }>();
  private lastViewers: boolean | null = null;
  private lastRefusalAt = 0;

  constructor(private readonly ctx: BoardContext, host: CommentsHost) {
    this.panel = new CommentsPanel(ctx, {
      rights: () => commentRights(ctx.client.actor),
      targets: () => mentionTargets(ctx.doc(), lang()),
      post: (on, text, draftKey, replyTo) => this.post(on, text, draftKey, replyTo),
      resolve: (id, resolved) => this.submit([resolveOp(id, resolved)]),
      remove: (id) => this.submit([deleteCommentOp(id)]),
      show: (id) => this.show(id),
    });
    host.stage.append(this.panel.el);
    host.topActions.prepend(this.panel.openBtn);
    host.facil.addSection({
      key: () => `${ctx.client.viewersComment}|${lang()}`,
      section: (facilitate) => this.viewersSwitch(facilitate),
    });
    const update = () => this.panel.update();
    ctx.selection.onChange(update);
    ctx.client.on('change', () => { this.confirmSent(); update(); });
    ctx.client.on('welcome', update);
    ctx.client.on('peers', update);
    ctx.client.on('session', () => this.onSession());
    ctx.client.on('rejected', (code, message) => this.onRejected(code, message));
    onLangChange(() => { this.panel.invalidate(); update(); });
    this.installCanvas();
    this.installHooks();
    update();
  }

  /** Select the item, pan to it and show its threads. */
  show(itemId: string): void {
    const { ctx } = this;
    const el = ctx.doc().get(itemId);
    if (!el) return;
    ctx.selection.select([itemId]);
    const r = elementBounds(el, ctx.doc(), ctx.layout());
    if (r) ctx.camera.reveal(r, { right: this.panel.el.offsetWidth + 16 });
    if (!this.panel.isOpen) this.panel.setOpen(true);
    this.panel.update();
  }

  private post(on: string, raw: string, draftKey: string, replyTo?: string): void {
    const { client } = this.ctx;
    const id = randomId(12);
    const op = commentOp(this.ctx.doc(), { id, on, text: raw, author: client.me?.name ?? client.name, by: client.clientId, at: Date.now(), replyTo, targets: mentionTargets(this.ctx.doc()) });
    if (!this.submit([op])) return;
    this.sent.set(id, { draftKey, text: raw });
    this.panel.drafts.delete(draftKey);
    this.panel.invalidate();
    this.panel.update();
  }

  /** Submits comment ops; a local refusal (the same checks and messages as the server's) is shown. */
  private submit(ops: Op[]): boolean {
    try {
      this.ctx.client.submit(ops);
      this.setError(null);
      return true;
    } catch (e) {
      if (!(e instanceof OpError)) throw e;
      this.setError(commentErrorKey(e.code, e.message));
      return false;
    }
  }

  private setError(key: string | null): void {
    this.panel.error = key ? { key } : null;
    this.panel.update();
  }

  /** What the server confirmed no longer needs its draft kept. */
  private confirmSent(): void {
    const unconfirmed = new Set<string>();
    for (const p of this.ctx.client.pending) for (const op of p.ops) if (op.op === 'create') unconfirmed.add(op.id);
    for (const id of [...this.sent.keys()]) if (!unconfirmed.has(id) && this.ctx.doc().has(id)) this.sent.delete(id);
  }

  /**
   * One of my messages was refused and rolled back. If it held a comment of mine, that comment is
   * gone from the document now: say why, translated, and put its text back into its box.
   */
  private onRejected(code: ErrorCode, message: string): void {
    for (const [id, s] of [...this.sent]) {
      if (this.ctx.doc().has(id)) continue;
      this.sent.delete(id);
      if (!this.panel.drafts.get(s.draftKey)) this.panel.drafts.set(s.draftKey, s.text);
      this.setError(commentErrorKey(code, message));
    }
  }

  private onSession(): void {
    const { client } = this.ctx;
    const on = client.viewersComment;
    if (this.lastViewers !== null && on !== this.lastViewers && client.role === 'viewer') toast(t(on ? 'comments.viewersOn' : 'comments.viewersOff'));
    this.lastViewers = on;
    this.panel.invalidate();
    this.panel.update();
  }

  private viewersSwitch(facilitate: (a: FacilitatorAction) => void): HTMLElement {
    const cb = h('input', { type: 'checkbox', role: 'switch', checked: this.ctx.client.viewersComment, 'data-testid': 'toggle-viewers-comment',
      onchange: () => facilitate({ action: 'comments.viewers', on: cb.checked }) });
    return h('div', { class: 'fp-section' }, h('div', { class: 'fp-title', text: t('comments.title') }),
      h('label', { class: 'fp-check switch' }, cb, h('span', { text: t('comments.viewersToggle') })));
  }

  /** A click on a bubble opens the item's threads; an edit gesture of a commenter or viewer is explained. */
  private installCanvas(): void {
    const { ctx } = this;
    const canvas = ctx.view.canvas;
    const world = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      return ctx.camera.toWorld(e.clientX - r.left, e.clientY - r.top);
    };
    canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      const p = world(e);
      const b = ctx.view.renderer.lastCommentBadges.find((x) => p.x >= x.rect.x && p.x <= x.rect.x + x.rect.w && p.y >= x.rect.y && p.y <= x.rect.y + x.rect.h);
      if (!b) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      this.show(b.id);
    }, { capture: true });
    const explain = () => {
      const { client } = ctx;
      if (!client.me || client.canEdit) return;
      const now = Date.now();
      if (now - this.lastRefusalAt < 3000) return;
      this.lastRefusalAt = now;
      toast(t(client.role === 'commenter' ? 'comments.mapReadOnly' : 'comments.viewerReadOnly'));
    };
    canvas.addEventListener('dblclick', (e) => {
      if (!ctx.client.me || ctx.client.canEdit) return;
      explain();
      // what they can do instead: the item's threads
      const p = world(e);
      const hit = ctx.hit(p.x, p.y);
      if (commentable(hit ?? undefined)) this.show(hit!.id);
    });
    window.addEventListener('keydown', (e) => {
      if ((e.key === 'Delete' || e.key === 'Backspace') && !(e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]')) && ctx.selection.list().length) explain();
    });
  }

  private installHooks(): void {
    const { ctx } = this;
    (window as Window & { __jbComments?: unknown }).__jbComments = {
      get open() { return ctx.doc().toArray().filter((e) => e.type === 'comment' && e.props.replyTo === undefined && e.props.resolved !== true).length; },
      threads: (item: string) => threadsOn(ctx.doc(), item).map((th) => ({ id: th.root.id, open: th.open, text: th.root.props.text, mentions: th.root.props.mentions ?? [],
        replies: th.replies.map((r) => ({ id: r.id, text: r.props.text, author: r.props.author, mentions: r.props.mentions ?? [] })) })),
      badges: () => ctx.view.renderer.lastCommentBadges.map((b) => ({ id: b.id, open: b.open, rect: b.rect })),
      rights: () => commentRights(ctx.client.actor),
      show: (id: string) => this.show(id),
      /** what a box's send button does, for a role that has no box (the refusal is the point) */
      post: (on: string, text: string) => this.post(on, text, `new:${on}`),
      /** an item's bubble in client (page) coordinates, to click it */
      badgeClientRect: (id: string) => {
        const b = ctx.view.renderer.lastCommentBadges.find((x) => x.id === id);
        if (!b) return null;
        const c = ctx.view.canvas.getBoundingClientRect();
        const p = ctx.camera.toScreen(b.rect.x, b.rect.y);
        return { x: c.left + p.x, y: c.top + p.y, w: b.rect.w * ctx.camera.zoom, h: b.rect.h * ctx.camera.zoom };
      },
    };
  }
}

// The facilitation tools in the browser: keeps the session store in step with the server,
// sends the facilitator's requests and my votes, and puts together what everyone sees (banners
// and timer, the facilitator panel, voting, follow me). The server enforces every rule; this
// only sends requests and shows state.
import './facilitation.css';
import type { BoardElement, ErrorCode, Role } from '../../model/types';
import type { FacilitatorAction } from '../../protocol/messages';
import type { FacilitationMarks } from '../../render/scene';
import { SessionStore } from '../../session/store';
import type { BoardContext } from '../context';
import { toast } from '../dom';
import { hasKey, onLangChange, t } from '../i18n';
import { rememberBoard } from '../storage';
import { absolute } from '../links';
import { SessionBanners } from './banners';
import { EmotionRoundUi } from './emotion-round';
import { FollowCamera } from './follow';
import { FacilitatorPanel } from './panel';
import { VoteUi } from './vote';

export interface FacilitationHost {
  boardId: string;
  /** the positioned wrapper of the canvas (banners, timer and panel float in it) */
  stage: HTMLElement;
  /** the top bar's action group (the "Facilitate" button goes first) */
  topActions: HTMLElement;
  /** role or lock state changed: toolbar, chrome and side panel must be rebuilt */
  refresh(): void;
}

/** A server error within this time after a request of mine is taken as its answer. */
const ANSWER_MS = 3000;

export class Facilitation {
  readonly session = new SessionStore();
  private readonly follow: FollowCamera;
  private readonly banners: SessionBanners;
  private readonly panel: FacilitatorPanel;
  private readonly vote: VoteUi;
  private readonly emotion: EmotionRoundUi;
  /** sections other tools add to the facilitator panel (the comments' "viewers may comment") */
  private readonly sections: { key(): string; section(facilitate: (a: FacilitatorAction) => void): HTMLElement | null }[] = [];
  private lastRole: Role | null = null;
  private lastLocked = false;
  private lastVoteAt = 0;
  private lastFacilitateAt = 0;

  constructor(private readonly ctx: BoardContext, private readonly host: FacilitationHost) {
    const { client } = ctx;
    this.follow = new FollowCamera(ctx, () => this.update());
    this.vote = new VoteUi(ctx, this.session, (card, delta) => this.sendVote(card, delta));
    this.banners = new SessionBanners(client, this.session, this.follow.state, {
      stopFollowing: () => this.follow.stop(),
      refollow: () => this.follow.refollow(),
      showResult: () => this.vote.showResult(),
      laneLabel: (id) => ctx.layout().lanes.find((l) => l.el.id === id)?.label ?? id,
    });
    this.emotion = new EmotionRoundUi(ctx, (a) => this.facilitate(a));
    this.panel = new FacilitatorPanel(ctx, this.session, {
      facilitate: (a) => this.facilitate(a), showResult: () => this.vote.showResult(),
      extraKey: () => [this.emotion.sectionKey(), ...this.sections.map((x) => x.key())].join('|'),
      extraSections: () => [this.emotion.section(), ...this.sections.map((x) => x.section((a) => this.facilitate(a))).filter((e): e is HTMLElement => e !== null)],
    });
    host.stage.append(this.banners.el, this.emotion.dock, this.panel.el);
    host.topActions.prepend(this.panel.openBtn);

    client.on('session', (m) => { if (!this.session.handle(m)) this.emotion.store.handle(m); });
    client.on('welcome', () => this.onRoleMaybeChanged());
    client.on('peers', () => {
      this.onRoleMaybeChanged();
      this.follow.apply();
      this.update();
    });
    client.on('error', (code) => this.onServerError(code));
    this.session.on('session', () => this.onSession());
    this.session.on('votes', () => { this.update(); ctx.view.requestRender(); });
    this.session.on('result', () => { this.vote.showResult(); this.update(); ctx.view.requestRender(); });
    this.session.on('links', () => this.onLinks());
    this.session.on('timerEnd', () => this.banners.endSignal());
    onLangChange(() => {
      this.emotion.invalidate();
      this.panel.invalidate();
      this.banners.invalidate();
      this.update();
      if (this.vote.resultOpen) this.vote.showResult();
    });
    // the timer counts down between session messages
    setInterval(() => this.update(), 250);
    this.update();
  }

  get voting(): boolean { return this.session.vote !== null; }

  /** Another tool's section in the facilitator panel, rebuilt when its key changes. */
  addSection(s: { key(): string; section(facilitate: (a: FacilitatorAction) => void): HTMLElement | null }): void {
    this.sections.push(s);
    this.panel.invalidate();
  }

  /** A press on the canvas during a vote (see VoteUi.click). */
  voteClick(hit: BoardElement | null, e: { button: number; shiftKey: boolean; altKey: boolean }): boolean {
    return this.vote.click(hit, e);
  }

  /** What the canvas marks for the session: the open vote's lanes and my dots. */
  marks(): FacilitationMarks {
    const s = this.session;
    return { vote: s.vote ? { lanes: s.vote.lanes, mine: s.mine } : null };
  }

  update(): void {
    this.banners.update();
    this.panel.update();
    this.emotion.update();
  }

  private onRoleMaybeChanged(): void {
    const { client } = this.ctx;
    const role = client.me ? client.role : null;
    if (role === this.lastRole) return;
    const before = this.lastRole;
    this.lastRole = role;
    if (before !== null && role !== null) toast(t('role.changedMe', { role: t(role) }));
    if (role !== 'facilitator') this.panel.setOpen(false);
    this.panel.invalidate();
    this.host.refresh();
    this.update();
  }

  private onSession(): void {
    const s = this.session;
    this.follow.setTarget(s.follow);
    // followers want my viewport now, not at my next move
    if (s.follow !== null && s.follow === this.ctx.client.me?.id) this.ctx.camera.notify();
    if (s.boardLocked !== this.lastLocked) {
      this.lastLocked = s.boardLocked;
      this.host.refresh();
    }
    if (s.vote && this.vote.resultOpen) this.vote.closeResult();
    this.follow.apply();
    this.update();
    this.ctx.view.requestRender();
  }

  private onServerError(code: ErrorCode): void {
    const now = Date.now();
    if (this.ctx.client.state === 'failed') return;
    if (now - this.lastVoteAt < ANSWER_MS && (code === 'INVALID_VALUE' || code === 'FORBIDDEN')) {
      toast(t('vote.refused'), 'error');
      this.lastVoteAt = 0;
    } else if (now - this.lastFacilitateAt < ANSWER_MS) {
      const key = `err.${code}`;
      toast(hasKey(key) ? t(key) : code, 'error');
      this.lastFacilitateAt = 0;
    }
  }

  private facilitate(action: FacilitatorAction): void {
    this.lastFacilitateAt = Date.now();
    if (!this.ctx.client.send({ type: 'facilitate', ...action })) toast(t('err.network'), 'error');
  }

  private sendVote(card: string, delta: 1 | -1): void {
    this.lastVoteAt = Date.now();
    if (!this.ctx.client.send({ type: 'vote', card, delta })) toast(t('err.network'), 'error');
  }

  private onLinks(): void {
    const links = this.session.links;
    if (!links) return;
    const abs: Record<string, string> = {};
    for (const [k, v] of Object.entries(links)) abs[k] = absolute(v);
    // (my own tab's new token is kept by ui/connection.ts, out of the address bar)
    rememberBoard({ id: this.host.boardId, links: abs, ...(abs.facilitator ? { url: abs.facilitator } : {}) });
    this.panel.showLinks();
  }

  /** Test hook view of the state. */
  testState(): Record<string, unknown> {
    const s = this.session;
    return {
      timer: s.timer.state, remainingMs: s.remainingMs(), vote: s.vote, mine: { ...s.mine }, remaining: s.remaining, cast: s.cast,
      result: s.result, follow: s.follow, following: this.follow.state.following, privateWriting: s.privateWriting,
      boardLocked: s.boardLocked, cursorsHidden: s.cursorsHidden, links: s.links, panelOpen: this.panel.isOpen,
      emotion: this.emotion.testState(),
    };
  }
}

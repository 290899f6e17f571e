// Facilitation state of one board (PROTOCOL.md "session", "votes", "voteResult", "links",
// "Facilitation"). The server is authoritative: this store only mirrors what it sends, counts the
// timer down locally between messages, and decides what the local UI should show. No DOM here, so
// it is unit-tested in node.
import type { BoardDoc } from '../model/doc';
import type { BoardElement, Participant, Role, Viewport } from '../model/types';

export type TimerPhase = 'idle' | 'running' | 'paused' | 'ended';

export interface TimerInfo { state: TimerPhase; durationMs: number; remainingMs: number; endsAt?: number | null }
export interface VoteConfig { lanes: string[]; votesPerPerson: number; multiplePerCard: boolean }

export interface SessionMsg {
  type: 'session';
  timer: TimerInfo | null;
  vote: VoteConfig | null;
  follow: string | null;
  privateWriting: boolean;
  boardLocked: boolean;
  cursorsHidden: boolean;
  serverTime: number;
}
export interface VotesMsg { type: 'votes'; mine: Record<string, number>; remaining: number; cast: number }
export interface RankedCard { card: string; votes: number }
export interface VoteResultMsg { type: 'voteResult'; ranked: RankedCard[] }
export interface ParticipantMsg { type: 'participant'; participant: Participant }
export interface LinksMsg { type: 'links'; links: Record<string, string>; tokens?: Record<string, string> }
export type FacilitationMsg = SessionMsg | VotesMsg | VoteResultMsg | ParticipantMsg | LinksMsg;

export type SessionEvent = 'session' | 'votes' | 'result' | 'links' | 'timerEnd';

const IDLE: TimerInfo = { state: 'idle', durationMs: 0, remainingMs: 0 };

export class SessionStore {
  timer: TimerInfo = IDLE;
  vote: VoteConfig | null = null;
  follow: string | null = null;
  privateWriting = false;
  boardLocked = false;
  cursorsHidden = false;
  /** received at least one `session` */
  known = false;

  /** my dots per card and the dots I have left, during a vote */
  mine: Record<string, number> = {};
  remaining = 0;
  cast = 0;
  /** the last closed vote's ranking (kept until the next vote opens) */
  result: RankedCard[] | null = null;
  links: Record<string, string> | null = null;

  /** local clock (ms) when the last `session` arrived, and serverTime - that local time */
  private receivedAt = 0;
  private offset = 0;
  private readonly listeners = new Map<SessionEvent, (() => void)[]>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  on(ev: SessionEvent, fn: () => void): () => void {
    const list = this.listeners.get(ev) ?? [];
    list.push(fn);
    this.listeners.set(ev, list);
    return () => list.splice(list.indexOf(fn), 1);
  }

  private emit(ev: SessionEvent): void {
    for (const fn of [...(this.listeners.get(ev) ?? [])]) fn();
  }

  /** Routes one server message; answers false for messages that are not about facilitation. */
  handle(msg: { type: string }): boolean {
    switch (msg.type) {
      case 'session': this.onSession(msg as SessionMsg); return true;
      case 'votes': {
        const m = msg as VotesMsg;
        this.mine = { ...(m.mine ?? {}) };
        this.remaining = m.remaining ?? 0;
        this.cast = m.cast ?? 0;
        this.emit('votes');
        return true;
      }
      case 'voteResult': {
        this.result = [...((msg as VoteResultMsg).ranked ?? [])].sort((a, b) => b.votes - a.votes);
        this.mine = {};
        this.remaining = 0;
        this.emit('result');
        return true;
      }
      case 'links': {
        this.links = { ...(msg as LinksMsg).links };
        this.emit('links');
        return true;
      }
      default: return false;
    }
  }

  private onSession(m: SessionMsg): void {
    const wasEnded = this.timer.state === 'ended';
    const hadVote = this.vote !== null;
    this.receivedAt = this.now();
    this.offset = typeof m.serverTime === 'number' ? m.serverTime - this.receivedAt : 0;
    this.timer = m.timer ?? IDLE;
    this.vote = m.vote ?? null;
    this.follow = m.follow ?? null;
    this.privateWriting = !!m.privateWriting;
    this.boardLocked = !!m.boardLocked;
    this.cursorsHidden = !!m.cursorsHidden;
    if (this.vote && !hadVote) {
      // a new vote: forget the last one's dots and ranking until the server tells us
      this.result = null;
      this.mine = {};
      this.remaining = this.vote.votesPerPerson;
      this.cast = 0;
    }
    if (!this.vote) {
      this.mine = {};
      this.remaining = 0;
    }
    const firstEnd = this.known && !wasEnded && this.timer.state === 'ended';
    this.known = true;
    this.emit('session');
    if (firstEnd) this.emit('timerEnd');
  }

  /** The server clock now, estimated from the last `session`'s serverTime. */
  serverNow(): number { return this.now() + this.offset; }

  /** Milliseconds left on the timer: counted down locally while running, never below 0. */
  remainingMs(): number {
    const t = this.timer;
    switch (t.state) {
      case 'running': {
        const left = typeof t.endsAt === 'number'
          ? t.endsAt - this.serverNow()
          : t.remainingMs - (this.now() - this.receivedAt);
        return Math.max(0, Math.min(left, t.remainingMs));
      }
      case 'paused': return Math.max(0, t.remainingMs);
      case 'ended': return 0;
      default: return t.durationMs;
    }
  }

  get timerVisible(): boolean { return this.timer.state !== 'idle'; }

  /** My dots on a card during the vote. */
  dotsOn(cardId: string): number { return this.mine[cardId] ?? 0; }

  /** A card I may put a dot on now (the server checks again). */
  canVoteOn(el: BoardElement | undefined, role: Role): boolean {
    const v = this.vote;
    if (!v || !el || el.type !== 'card' || role === 'viewer' || el.parent === null) return false;
    if (!v.lanes.includes(el.parent)) return false;
    if (this.remaining <= 0) return false;
    return v.multiplePerCard || this.dotsOn(el.id) === 0;
  }

  /** Is this element (or its lane/stage, or the whole board) locked for someone with this role? */
  lockedFor(doc: BoardDoc, id: string, role: Role): boolean {
    if (role === 'facilitator') return false;
    if (this.boardLocked) return true;
    return isLockedInDoc(doc, id);
  }
}

/** An element is locked by its own `locked`, or (for a card) by its lane or stage. */
export function isLockedInDoc(doc: BoardDoc, id: string): boolean {
  const el = doc.get(id);
  if (!el) return false;
  if (el.props.locked === true) return true;
  if (el.parent !== null && doc.get(el.parent)?.props.locked === true) return true;
  const stage = el.props.stage;
  return typeof stage === 'string' && doc.get(stage)?.props.locked === true;
}

/** mm:ss (or h:mm:ss) for a countdown; rounds up so 0:00 only shows at the end. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

// ---------------------------------------------------------------- follow me

export interface Cam { x: number; y: number; zoom: number }

/**
 * Follow-me: while session.follow names someone else, my view tracks their viewport until I pan
 * or zoom myself; re-follow turns it back on. A new follow session always starts engaged.
 */
export class FollowState {
  target: string | null = null;
  engaged = false;

  constructor(private me: () => string | null) {}

  /** session.follow changed (or was re-sent). */
  setTarget(target: string | null): void {
    if (target !== this.target) this.engaged = target !== null;
    this.target = target;
  }

  /** The user panned or zoomed: stop following (the banner offers to follow again). */
  userMoved(): void {
    if (this.following) this.engaged = false;
  }

  refollow(): void {
    if (this.target !== null) this.engaged = true;
  }

  /** Someone else leads and I follow them. */
  get following(): boolean { return this.engaged && this.leader !== null; }

  /** The leader when it is not me. */
  get leader(): string | null {
    return this.target !== null && this.target !== this.me() ? this.target : null;
  }

  /** Someone else leads but I stepped away. */
  get paused(): boolean { return this.leader !== null && !this.engaged; }
}

/**
 * The camera that shows all of the leader's visible area (x, y, w, h in world units) in my
 * width × height, centred; falls back to their zoom when w/h are missing.
 */
export function fitViewport(vp: Viewport, width: number, height: number, minZoom = 0.05, maxZoom = 4): Cam {
  let zoom = vp.zoom;
  if (vp.w > 0 && vp.h > 0 && width > 0 && height > 0) zoom = Math.min(width / vp.w, height / vp.h);
  if (!Number.isFinite(zoom) || zoom <= 0) zoom = 1;
  zoom = Math.min(maxZoom, Math.max(minZoom, zoom));
  const w = vp.w > 0 ? vp.w : width / zoom;
  const h = vp.h > 0 ? vp.h : height / zoom;
  const cx = vp.x + w / 2;
  const cy = vp.y + h / 2;
  return { zoom, x: cx - width / zoom / 2, y: cy - height / zoom / 2 };
}

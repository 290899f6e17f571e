// The workshop's facilitation session on one board (PROTOCOL.md "session", "votes", "voteResult",
// "links", "Facilitation"): timer, dot vote, follow, private writing, board lock, hidden cursors.
// The server is authoritative: this store only mirrors what it sends, counts the timer down
// locally between messages, and decides what the local UI should show. No DOM here, so it is
// unit-tested in node.
import type { BoardElement, Role } from '../model/types';
import type { RankedCard, ServerMessage, SessionMsg, TimerInfo, VoteConfig } from '../protocol/messages';

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

  /** Routes one server message; answers false for messages that are not about the session. */
  handle(msg: ServerMessage): boolean {
    switch (msg.type) {
      case 'session': this.onSession(msg); return true;
      case 'votes': {
        this.mine = { ...(msg.mine ?? {}) };
        this.remaining = msg.remaining ?? 0;
        this.cast = msg.cast ?? 0;
        this.emit('votes');
        return true;
      }
      case 'voteResult': {
        this.result = [...(msg.ranked ?? [])].sort((a, b) => b.votes - a.votes);
        this.mine = {};
        this.remaining = 0;
        this.emit('result');
        return true;
      }
      case 'links': {
        this.links = { ...msg.links };
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


// Sync client per PROTOCOL.md "Ordering, acknowledgement and resume": a confirmed document (the
// server's order), my pending messages applied optimistically on top (outbox.ts), acknowledgement
// by client id + cid, roll-back on rejection, resume after reconnect with the same client id
// (the connection itself, with its heartbeat and reconnects, is link.ts), a paused outbox while the
// store refuses edits, and a board that went back.
import { actor, Actor, mayComment, mayEdit, REPLAY } from '../model/actor';
import { BoardDoc, Change, DEFAULT_LIMITS, Limits } from '../model/doc';
import { randomId } from '../model/ids';
import { OpError } from '../model/types';
import type { ErrorCode, Op, Role } from '../model/types';
import type {
  AppliedMsg, BoardInfo, ClientMessage, EmotionMsg, FacilitateMsg, HelloMsg, Participant, PresenceFields, ServerMessage,
  VoteMsg, WelcomeMsg,
} from '../protocol/messages';
import { CloseCode } from '../protocol/messages';
import { Backoff, BackoffOptions } from './backoff';
import { Link } from './link';
import type { LivenessOptions } from './liveness';
import { Outbox, Pending } from './outbox';
import { peerState, updatePeers } from './peers';
import { PresenceOutbox } from './presence';
import type { ConnState, Failure, PeerState, SocketFactory, SyncEvents } from './socket';

export type { ConnState, Failure, PeerState, SocketFactory, SocketLike, SyncEvents, WentBack } from './socket';
export type { Pending } from './outbox';

export interface SyncOptions {
  url: string;
  name: string;
  /** the department chosen at join (one of the board's department ids), sent in the hello */
  department?: string | null;
  clientId?: string;
  /** the browser's persistent identity (hello.person) */
  person?: string;
  /** the colour this person had (hello.color) */
  color?: string;
  socketFactory?: SocketFactory;
  /** reconnect delays: exponential from baseMs to capMs, with jitter */
  reconnect?: Partial<BackoffOptions>;
  /** re-sending an edit the store refused: exponential from baseMs to capMs, with jitter */
  storeRetry?: Partial<BackoffOptions>;
  /** the heartbeat; null turns it off (tests of other things) */
  liveness?: LivenessOptions | null;
  presenceIntervalMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (h: unknown) => void;
  random?: () => number;
  now?: () => number;
}

const FATAL: ErrorCode[] = ['UNAUTHORIZED', 'BOARD_NOT_FOUND', 'UNSUPPORTED_VERSION'];

type Listener<K extends keyof SyncEvents> = SyncEvents[K];

export class SyncClient {
  readonly clientId: string;
  confirmed = new BoardDoc();
  confirmedSeq: number | null = null;
  visible = new BoardDoc();
  state: ConnState = 'connecting';
  me: Participant | null = null;
  role: Role = 'viewer';
  board: BoardInfo | null = null;
  limits: Limits & { maxFrameBytes: number } = { ...DEFAULT_LIMITS, maxFrameBytes: 262144 };
  readonly peers = new Map<string, PeerState>();
  failure: Failure | null = null;
  /** the session's board lock, from the last `session` message (part of my actor) */
  boardLocked = false;
  /**
   * my department (part of my actor: what department-scoped lanes and stages admit): the one chosen
   * at join, then what the server says (welcome, `participant`); sent again in every hello
   */
  department: string | null;
  /** the board lets viewers comment, from the last `session` message (part of my actor) */
  viewersComment = false;

  private readonly link: Link;
  private readonly outbox = new Outbox();
  private storeTimer: unknown = null;
  private closedByUser = false;
  private welcomed = false;
  /** the lastSeq of the hello on the current socket */
  private helloSeq: number | null = null;
  private readonly presence: PresenceOutbox;
  private readonly storeDelay: Backoff;
  private readonly listeners: { [K in keyof SyncEvents]?: Listener<K>[] } = {};
  private readonly opts: { name: string; person?: string; color?: string; setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (h: unknown) => void };

  constructor(opts: SyncOptions) {
    this.clientId = opts.clientId ?? randomId(16);
    const setT = opts.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    const clearT = opts.clearTimeout ?? ((h) => clearTimeout(h as number));
    const random = opts.random ?? Math.random;
    this.opts = { name: opts.name, person: opts.person, color: opts.color, setTimeout: setT, clearTimeout: clearT };
    this.department = opts.department ?? null;
    this.storeDelay = new Backoff({ baseMs: 1000, capMs: 30_000, jitter: 0.5, random, ...opts.storeRetry });
    this.link = new Link({
      url: opts.url, socketFactory: opts.socketFactory ?? ((url) => new WebSocket(url)), setTimeout: setT, clearTimeout: clearT,
      now: opts.now ?? Date.now, random, reconnect: opts.reconnect, liveness: opts.liveness,
    }, {
      hello: () => this.hello(),
      message: (m) => this.handle(m),
      lost: (final, code, reason) => this.lost(final, code, reason),
      waiting: () => this.setState(this.me || this.confirmedSeq !== null ? 'reconnecting' : 'connecting'),
    });
    this.presence = new PresenceOutbox({ intervalMs: opts.presenceIntervalMs ?? 50, setTimeout: setT }, (m) => this.write(m));
  }

  on<K extends keyof SyncEvents>(event: K, fn: SyncEvents[K]): () => void {
    const list = (this.listeners[event] ??= []) as SyncEvents[K][];
    list.push(fn);
    return () => list.splice(list.indexOf(fn), 1);
  }

  private emit<K extends keyof SyncEvents>(event: K, ...args: Parameters<SyncEvents[K]>): void {
    for (const fn of (this.listeners[event] ?? []) as ((...a: Parameters<SyncEvents[K]>) => void)[]) fn(...args);
  }

  /** I may edit the map (facilitators and editors). */
  get canEdit(): boolean { return mayEdit(this.role); }
  /** I may write comments (everyone but viewers, and viewers where the facilitator allows it). */
  get canComment(): boolean { return mayComment(this.actor); }
  /** my messages the server has not confirmed, in order */
  get pending(): readonly Pending[] { return this.outbox.items; }
  /** the ops in them */
  get unsentCount(): number { return this.outbox.opCount; }
  /** the store refused an edit: saving is paused until a retry gets through */
  get savingPaused(): boolean { return this.outbox.paused; }
  /** the display name sent with hello */
  get name(): string { return this.opts.name; }
  /** Who my local edits are made by, for the document's rules. */
  get actor(): Actor { return actor(this.role, this.clientId, this.boardLocked, this.department, this.viewersComment); }
  /** Number of connection attempts since the last welcome. */
  get failedAttempts(): number { return this.link.attempts; }

  connect(): void {
    this.closedByUser = false;
    this.link.start();
  }

  close(): void {
    this.closedByUser = true;
    this.link.stop();
    this.clearStoreTimer();
  }

  private clearStoreTimer(): void {
    if (this.storeTimer !== null) this.opts.clearTimeout(this.storeTimer);
    this.storeTimer = null;
  }

  private setState(s: ConnState): void {
    if (this.state === s) return;
    this.state = s;
    this.emit('state', s);
  }

  /** Gives up for good: no reconnects after this. */
  private giveUp(failure: Failure): void {
    this.failure = failure;
    this.link.stop();
    this.clearStoreTimer();
    this.setState('failed');
    this.emit('failed', failure);
  }

  private hello(): HelloMsg {
    const hello: HelloMsg = { type: 'hello', v: 1, name: this.opts.name, client: this.clientId };
    if (this.opts.person) hello.person = this.opts.person;
    if (this.opts.color) hello.color = this.opts.color;
    this.helloSeq = this.confirmedSeq;
    if (this.confirmedSeq !== null) hello.lastSeq = this.confirmedSeq;
    if (this.department !== null) hello.department = this.department;
    return hello;
  }

  private lost(final: boolean, closeCode: number | undefined, reason: string): void {
    this.welcomed = false;
    this.outbox.disconnected();
    // removed, a revoked or rotated link, a deleted board, an old page: do not come back
    if (final && !this.closedByUser && this.state !== 'failed') this.giveUp({ kind: 'closed', closeCode: closeCode!, reason });
    // who is here is only known while connected
    if (this.peers.size) {
      this.peers.clear();
      this.emit('peers');
    }
  }

  /** Gives up for good (e.g. the HTTP API says the link is not valid). */
  fail(code: ErrorCode, message = ''): void {
    this.giveUp({ kind: 'error', code, message });
  }

  /** Try again now (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.state !== 'failed') this.link.reconnectNow();
  }

  /** Drop the connection as if the network failed (heartbeat, resync, test hook); it resumes. */
  dropConnection(code: number = CloseCode.HEARTBEAT, reason = 'resync'): void {
    this.link.drop(code, reason);
  }

  /** The address of the next connection (a new token after the facilitator made new links). */
  retarget(url: string): void {
    this.link.retarget(url);
  }

  /** A new display name: used from the next hello on, which comes at once (the protocol has no live rename). */
  rename(name: string): void {
    if (name === this.opts.name) return;
    this.opts.name = name;
    this.link.drop(CloseCode.HEARTBEAT, 'rename', true);
  }

  handle(msg: ServerMessage): void {
    switch (msg.type) {
      case 'batch': {
        // what one durable write on the server made of several edits: handle them in order
        for (const m of msg.messages) this.handle(m);
        return;
      }
      case 'welcome': return this.onWelcome(msg);
      case 'applied': {
        if (!this.welcomed) return;
        if (this.confirmedSeq !== null && msg.seq <= this.confirmedSeq) return; // already have it
        if (this.confirmedSeq !== null && msg.seq !== this.confirmedSeq + 1) {
          // a gap: resume from the last seq we have
          this.dropConnection();
          return;
        }
        const wasPaused = this.outbox.paused;
        const changes = this.applyConfirmed(msg);
        this.emit('applied', msg);
        this.rebuild(changes, false);
        this.emit('applied', msg);
        if (msg.client === this.clientId) this.afterOutcome(wasPaused);
        return;
      }
      case 'ack': {
        const wasPaused = this.outbox.paused;
        if (this.outbox.duplicate(msg.cid)) this.rebuild('all', true);
        this.afterOutcome(wasPaused);
        return;
      }
      case 'rejected': return this.onRejected(msg.cid, msg.code, msg.message ?? '');
      case 'error': {
        if (!this.welcomed && msg.code === 'INVALID_VALUE' && this.department !== null) {
          // the board no longer has the department I joined with (the facilitator deleted it): join without one
          this.department = null;
          this.link.helloAgain();
        }
        if (FATAL.includes(msg.code)) this.giveUp({ kind: 'error', code: msg.code, message: msg.message ?? '' });
        this.emit('error', msg.code, msg.message ?? '');
        return;
      }
      case 'joined': case 'left': case 'presence':
        // heartbeat echoes carry no fields: nothing to draw
        if (updatePeers(this.peers, msg)) this.emit('peers');
        return;
      case 'session':
        // my actor edits under the board lock from now on
        this.boardLocked = !!msg.boardLocked;
        this.viewersComment = !!msg.viewersComment;
        this.emit('session', msg);
        return;
      case 'participant': {
        // a live role change: mine changes what I may edit, a peer's what the avatars show
        const p = msg.participant;
        if (this.me && p.id === this.me.id) {
          this.me = { ...p };
          this.role = p.role;
          this.department = p.department ?? null;
          // what I may edit changed (scopes, locks by role): views that ask the document redraw
          this.rebuild('all', false);
        } else {
          const old = this.peers.get(p.id);
          if (old) this.peers.set(p.id, { ...old, ...p, department: p.department ?? null });
        }
        this.emit('peers');
        this.emit('session', msg);
        return;
      }
      case 'votes': case 'voteResult': case 'links': case 'emotion':
        this.emit('session', msg);
        return;
      case 'feedback':
        this.emit('feedback', msg);
        return;
    }
  }

  private onRejected(cid: number, code: ErrorCode, message: string): void {
    const wasPaused = this.outbox.paused;
    if (code === 'STORE_UNAVAILABLE') {
      // not applied and not final: it stays pending, and one timer decides when to try again
      if (this.outbox.storeRefused(cid)) this.scheduleStoreRetry();
      this.emit('outbox');
      return;
    }
    const verdict = this.outbox.rejected(cid, code);
    if (verdict === 'requeued') {
      // an earlier message of mine that the store refused may be why: try once more behind it
      this.emit('outbox');
      this.afterOutcome(wasPaused);
      return;
    }
    if (verdict === 'dropped') this.rebuild('all', true);
    this.emit('rejected', code, message);
    this.afterOutcome(wasPaused);
  }

  /** One of my messages has its outcome: if the store took one again, send the rest. */
  private afterOutcome(wasPaused: boolean): void {
    if (wasPaused && !this.outbox.paused) {
      this.clearStoreTimer();
      this.storeDelay.reset();
    }
    this.flush();
    this.emit('outbox');
  }

  private scheduleStoreRetry(): void {
    if (this.storeTimer !== null) return;
    this.storeTimer = this.opts.setTimeout(() => {
      this.storeTimer = null;
      this.outbox.allowProbe();
      this.flush();
    }, this.storeDelay.next());
  }

  /** Sends a facilitation request or a vote now; false when not connected. */
  send(msg: FacilitateMsg | VoteMsg | EmotionMsg): boolean {
    return this.write(msg);
  }

  private write(msg: ClientMessage): boolean {
    return this.welcomed && this.link.write(msg);
  }

  private onWelcome(msg: WelcomeMsg): void {
    this.welcomed = true;
    this.link.welcome();
    this.me = msg.you;
    this.role = msg.you.role;
    this.department = msg.you.department ?? null;
    this.board = msg.board;
    if (msg.limits) {
      this.limits = {
        maxElements: msg.limits.maxElements ?? this.limits.maxElements,
        maxTextLength: msg.limits.maxTextLength ?? this.limits.maxTextLength,
        maxOpsPerMessage: this.limits.maxOpsPerMessage,
        maxFrameBytes: msg.limits.maxFrameBytes ?? this.limits.maxFrameBytes,
      };
    }
    this.peers.clear();
    for (const p of msg.participants) this.peers.set(p.id, peerState(p));
    const asked = this.helloSeq;
    const serverSeq = msg.snapshot ? msg.snapshot.seq : msg.seq;
    // the server has less than I had: it lost ops. Never take its snapshot silently.
    const behind = !!msg.behind || (asked !== null && serverSeq < asked);
    if (msg.snapshot) {
      this.confirmed = new BoardDoc(msg.snapshot.elements);
      this.confirmedSeq = msg.snapshot.seq;
    } else if (msg.missed) {
      for (const a of msg.missed) {
        if (this.confirmedSeq !== null && a.seq <= this.confirmedSeq) continue;
        this.applyConfirmed(a);
      }
    }
    this.rebuild('all', false);
    this.setState('connected');
    this.emit('welcome', msg);
    this.emit('peers');
    this.outbox.disconnected();
    // a new connection is a fresh chance for a refused message (or `missed` showed it applied)
    this.clearStoreTimer();
    if (this.outbox.paused) this.outbox.allowProbe();
    else this.storeDelay.reset();
    this.flush();
    this.presence.reconnected();
    this.emit('outbox');
    if (behind) {
      const b = typeof msg.behind === 'object' && msg.behind ? msg.behind : null;
      this.emit('wentBack', { clientSeq: b?.clientSeq ?? asked ?? 0, serverSeq: b?.serverSeq ?? serverSeq, resent: this.outbox.size });
    }
  }

  private applyConfirmed(msg: AppliedMsg): Change[] {
    let changes: Change[] = [];
    try {
      changes = this.confirmed.apply(msg.ops, REPLAY, { ...this.limits, maxElements: Number.MAX_SAFE_INTEGER });
    } catch (e) {
      // The server applied it, so our copy has drifted: resync with a snapshot on the next hello.
      console.error('journey-board: cannot apply server op', msg.seq, e);
      this.confirmedSeq = null;
      this.dropConnection();
      return [];
    }
    this.confirmedSeq = msg.seq;
    if (msg.client === this.clientId) this.outbox.applied(msg.cid);
    return changes;
  }

  /** visible = confirmed + pending (pending ops that no longer apply are skipped; the server rejects them). */
  private rebuild(changes: Change[] | 'all', local: boolean): void {
    const prev = this.visible;
    const next = this.confirmed.clone();
    for (const p of this.outbox.items) next.tryApply(p.ops, REPLAY, this.limits);
    next.version = prev.version + 1;
    this.visible = next;
    if (changes !== 'all' && this.outbox.size > 0) changes = 'all';
    this.emit('change', changes, local);
  }

  /**
   * Applies a local edit optimistically and queues it for the server. Throws OpError (and changes
   * nothing) when the ops do not apply to the visible document for my actor (role, locks), or
   * when the message would be larger than the server takes in one frame.
   */
  submit(ops: Op[]): Change[] {
    if (ops.length === 0) return [];
    const bytes = new TextEncoder().encode(JSON.stringify(ops)).length + 64;
    if (bytes > this.limits.maxFrameBytes) throw new OpError('TOO_LARGE', `a message of ${bytes} bytes exceeds the limit of ${this.limits.maxFrameBytes}`);
    const changes = this.visible.apply(ops, this.actor, this.limits);
    this.outbox.add(ops);
    this.flush();
    this.emit('change', changes, true);
    this.emit('outbox');
    return changes;
  }

  private flush(): void {
    if (!this.welcomed || !this.link.connected) return;
    for (const p of this.outbox.take()) this.write({ type: 'ops', cid: p.cid, baseSeq: this.confirmedSeq ?? 0, ops: p.ops });
  }

  /** Queues presence fields; sent at most every presenceIntervalMs (about 20 Hz). */
  setPresence(p: PresenceFields): void {
    this.presence.set(p);
  }
}

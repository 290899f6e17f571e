// Sync client per PROTOCOL.md "Ordering, acknowledgement and resume": a confirmed document (the
// server's order), a queue of pending messages applied optimistically on top, acknowledgement by
// client id + cid, roll-back on rejection, and resume after reconnect with the same client id.
import { actor, Actor, mayComment, mayEdit, REPLAY } from '../model/actor';
import { BoardDoc, Change, DEFAULT_LIMITS, Limits } from '../model/doc';
import { randomId } from '../model/ids';
import type { ErrorCode, Op, Role } from '../model/types';
import type {
  AppliedMsg, BoardInfo, ClientMessage, FacilitateMsg, HelloMsg, Participant, PresenceFields, ServerMessage, SessionMessage,
  Point, Viewport, VoteMsg, WelcomeMsg,
} from '../protocol/messages';
import { FINAL_CLOSE_CODES } from '../protocol/messages';
import { PresenceOutbox } from './presence';

export type ConnState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** Why the client gave up: a fatal server error (or the HTTP API's verdict), or a final close code. */
export type Failure =
  | { kind: 'error'; code: ErrorCode; message: string }
  | { kind: 'closed'; closeCode: number; reason: string };

// Handlers checked bivariantly (as methods are), so the browser's WebSocket, whose handlers take
// DOM events, is a SocketLike as it is, and a test socket can pass plain objects.
type Handler<E> = { bivariance(ev: E): void }['bivariance'];

export interface SocketLike {
  binaryType: string;
  readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code?: number; reason?: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

interface Pending { cid: number; ops: Op[]; sent: boolean }

export interface PeerState extends Participant {
  cursor: Point | null;
  selection: string[];
  viewport: Viewport | null;
}

export interface SyncEvents {
  /** The visible document changed ('all' when a snapshot arrived or pending edits were rebased). */
  change(changes: Change[] | 'all', local: boolean): void;
  state(state: ConnState): void;
  welcome(msg: WelcomeMsg): void;
  /** One of my messages was refused; its ops were rolled back. */
  rejected(code: ErrorCode, message: string): void;
  /** An `error` message from the server (a fatal one is followed by `failed`). */
  error(code: ErrorCode, message: string): void;
  /** The client gave up for good (state 'failed'). */
  failed(failure: Failure): void;
  peers(): void;
  /** A message about the facilitation session (session, votes, voteResult, participant, links). */
  session(msg: SessionMessage): void;
}

export interface SyncOptions {
  url: string;
  name: string;
  clientId?: string;
  socketFactory?: SocketFactory;
  /** Reconnect delays in ms; the last one repeats. Jitter of up to 30% is added. */
  backoff?: number[];
  presenceIntervalMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (h: unknown) => void;
  random?: () => number;
}

const FATAL: ErrorCode[] = ['UNAUTHORIZED', 'BOARD_NOT_FOUND', 'UNSUPPORTED_VERSION'];

type Listener<K extends keyof SyncEvents> = SyncEvents[K];

export class SyncClient {
  readonly clientId: string;
  confirmed = new BoardDoc();
  confirmedSeq: number | null = null;
  visible = new BoardDoc();
  pending: Pending[] = [];
  state: ConnState = 'connecting';
  me: Participant | null = null;
  role: Role = 'viewer';
  board: BoardInfo | null = null;
  limits: Limits & { maxFrameBytes: number } = { ...DEFAULT_LIMITS, maxFrameBytes: 262144 };
  readonly peers = new Map<string, PeerState>();
  failure: Failure | null = null;
  /** the session's board lock, from the last `session` message (part of my actor) */
  boardLocked = false;
  /** the board lets viewers comment, from the last `session` message (part of my actor) */
  viewersComment = false;

  private ws: SocketLike | null = null;
  private lastCid = 0;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private closedByUser = false;
  private welcomed = false;
  private readonly presence: PresenceOutbox;
  private readonly listeners: { [K in keyof SyncEvents]?: Listener<K>[] } = {};
  private readonly decoder = new TextDecoder();
  private readonly opts: Required<Omit<SyncOptions, 'clientId'>>;

  constructor(opts: SyncOptions) {
    this.clientId = opts.clientId ?? randomId(16);
    this.opts = {
      url: opts.url,
      name: opts.name,
      socketFactory: opts.socketFactory ?? ((url) => new WebSocket(url)),
      backoff: opts.backoff ?? [300, 700, 1500, 3000, 6000, 10000],
      presenceIntervalMs: opts.presenceIntervalMs ?? 50,
      setTimeout: opts.setTimeout ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimeout: opts.clearTimeout ?? ((h) => clearTimeout(h as number)),
      random: opts.random ?? Math.random,
    };
    this.presence = new PresenceOutbox({ intervalMs: this.opts.presenceIntervalMs, setTimeout: this.opts.setTimeout }, (m) => this.write(m));
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
  get unsentCount(): number { return this.pending.reduce((n, p) => n + p.ops.length, 0); }
  /** Who my local edits are made by, for the document's rules. */
  get actor(): Actor { return actor(this.role, this.clientId, this.boardLocked, null, this.viewersComment); }

  connect(): void {
    this.closedByUser = false;
    this.open();
  }

  close(): void {
    this.closedByUser = true;
    if (this.reconnectTimer !== null) this.opts.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = ws.onmessage = ws.onerror = ws.onopen = null;
      try { ws.close(1000, 'bye'); } catch { /* already closed */ }
    }
  }

  private setState(s: ConnState): void {
    if (this.state === s) return;
    this.state = s;
    this.emit('state', s);
  }

  /** Gives up for good: no reconnects after this. */
  private giveUp(failure: Failure): void {
    this.failure = failure;
    this.setState('failed');
    if (this.reconnectTimer !== null) this.opts.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.emit('failed', failure);
  }

  private open(): void {
    this.welcomed = false;
    let ws: SocketLike;
    try {
      ws = this.opts.socketFactory(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      const hello: HelloMsg = { type: 'hello', v: 1, name: this.opts.name, client: this.clientId };
      if (this.confirmedSeq !== null) hello.lastSeq = this.confirmedSeq;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      let text: string;
      if (typeof ev.data === 'string') text = ev.data;
      else if (ev.data instanceof ArrayBuffer) text = this.decoder.decode(new Uint8Array(ev.data));
      else if (ArrayBuffer.isView(ev.data)) text = this.decoder.decode(ev.data);
      else return;
      let msg: ServerMessage;
      try {
        msg = JSON.parse(text) as ServerMessage;
      } catch {
        return;
      }
      this.handle(msg);
    };
    ws.onerror = () => { /* onclose follows */ };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      for (const p of this.pending) p.sent = false;
      // removed by the facilitator, or the links were rotated: do not come back
      const closeCode = ev?.code;
      if (closeCode !== undefined && FINAL_CLOSE_CODES.includes(closeCode) && !this.closedByUser && this.state !== 'failed') {
        this.giveUp({ kind: 'closed', closeCode, reason: ev?.reason ?? '' });
      }
      // who is here is only known while connected
      if (this.peers.size) {
        this.peers.clear();
        this.emit('peers');
      }
      if (this.closedByUser || this.state === 'failed') return;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.closedByUser || this.state === 'failed') return;
    this.setState(this.welcomed || this.confirmedSeq !== null ? 'reconnecting' : 'connecting');
    const b = this.opts.backoff;
    const base = b[Math.min(this.attempt, b.length - 1)];
    this.attempt++;
    const delay = base * (1 + 0.3 * this.opts.random());
    if (this.reconnectTimer !== null) this.opts.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.opts.setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  /** Number of connection attempts since the last welcome. */
  get failedAttempts(): number { return this.attempt; }

  /** Gives up for good (e.g. the HTTP API says the link is not valid). */
  fail(code: ErrorCode, message = ''): void {
    this.giveUp({ kind: 'error', code, message });
  }

  /** Try again now (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.ws || this.closedByUser || this.state === 'failed') return;
    if (this.reconnectTimer !== null) this.opts.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.attempt = 0;
    this.open();
  }

  /** Drop the connection as if the network failed (test hook and "resync" path). */
  dropConnection(): void {
    const ws = this.ws;
    if (!ws) return;
    try { ws.close(4000, 'resync'); } catch { /* ignore */ }
    ws.onclose?.({});
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
        const changes = this.applyConfirmed(msg);
        this.rebuild(changes, false);
        return;
      }
      case 'ack': {
        if (this.removePending(msg.cid)) this.rebuild('all', true);
        return;
      }
      case 'rejected': {
        if (msg.code === 'STORE_UNAVAILABLE') {
          // not applied and not final: give it a fresh cid and send it again a little later
          const p = this.pending.find((x) => x.cid === msg.cid);
          if (p) {
            this.pending.splice(this.pending.indexOf(p), 1);
            this.pending.push({ cid: ++this.lastCid, ops: p.ops, sent: false });
            this.opts.setTimeout(() => this.flush(), 1000);
          }
          this.emit('rejected', msg.code, msg.message ?? '');
          return;
        }
        if (this.removePending(msg.cid)) this.rebuild('all', true);
        this.emit('rejected', msg.code, msg.message ?? '');
        return;
      }
      case 'error': {
        if (FATAL.includes(msg.code)) this.giveUp({ kind: 'error', code: msg.code, message: msg.message ?? '' });
        this.emit('error', msg.code, msg.message ?? '');
        return;
      }
      case 'joined': {
        const p = msg.participant;
        this.peers.set(p.id, { ...p, cursor: null, selection: [], viewport: null });
        this.emit('peers');
        return;
      }
      case 'left': {
        this.peers.delete(msg.id);
        this.emit('peers');
        return;
      }
      case 'presence': {
        for (const u of msg.peers) {
          const p = this.peers.get(u.id);
          if (!p) continue;
          if (u.cursor !== undefined) p.cursor = u.cursor ?? null;
          if (u.selection !== undefined) p.selection = u.selection ?? [];
          if (u.viewport !== undefined) p.viewport = u.viewport ?? null;
        }
        this.emit('peers');
        return;
      }
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
          this.me = { ...this.me, ...p };
          this.role = p.role;
        } else {
          const old = this.peers.get(p.id);
          if (old) this.peers.set(p.id, { ...old, ...p });
        }
        this.emit('peers');
        this.emit('session', msg);
        return;
      }
      case 'votes': case 'voteResult': case 'links':
        this.emit('session', msg);
        return;
    }
  }

  /** Sends a facilitation request or a vote now; false when not connected. */
  send(msg: FacilitateMsg | VoteMsg): boolean {
    return this.write(msg);
  }

  private write(msg: ClientMessage): boolean {
    const ws = this.ws;
    if (!ws || !this.welcomed) return false;
    ws.send(JSON.stringify(msg));
    return true;
  }

  private onWelcome(msg: WelcomeMsg): void {
    this.welcomed = true;
    this.attempt = 0;
    this.me = msg.you;
    this.role = msg.you.role;
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
    for (const p of msg.participants) this.peers.set(p.id, { ...p, cursor: null, selection: [], viewport: null });
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
    for (const p of this.pending) p.sent = false;
    this.flush();
    this.presence.reconnected();
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
    if (msg.client === this.clientId) this.removePending(msg.cid);
    return changes;
  }

  private removePending(cid: number): boolean {
    const i = this.pending.findIndex((p) => p.cid === cid);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  /** visible = confirmed + pending (pending ops that no longer apply are skipped; the server rejects them). */
  private rebuild(changes: Change[] | 'all', local: boolean): void {
    const prev = this.visible;
    const next = this.confirmed.clone();
    for (const p of this.pending) next.tryApply(p.ops, REPLAY, this.limits);
    next.version = prev.version + 1;
    this.visible = next;
    if (changes !== 'all' && this.pending.length > 0) changes = 'all';
    this.emit('change', changes, local);
  }

  /**
   * Applies a local edit optimistically and queues it for the server. Throws OpError (and changes
   * nothing) when the ops do not apply to the visible document for my actor (role, locks).
   */
  submit(ops: Op[]): Change[] {
    if (ops.length === 0) return [];
    const changes = this.visible.apply(ops, this.actor, this.limits);
    const p: Pending = { cid: ++this.lastCid, ops, sent: false };
    this.pending.push(p);
    this.flush();
    this.emit('change', changes, true);
    return changes;
  }

  private flush(): void {
    if (!this.ws || !this.welcomed) return;
    for (const p of this.pending) {
      if (p.sent) continue;
      this.write({ type: 'ops', cid: p.cid, baseSeq: this.confirmedSeq ?? 0, ops: p.ops });
      p.sent = true;
    }
  }

  /** Queues presence fields; sent at most every presenceIntervalMs (about 20 Hz). */
  setPresence(p: PresenceFields): void {
    this.presence.set(p);
  }
}

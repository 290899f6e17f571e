// Sync client per PROTOCOL.md "Ordering, acknowledgement and resume": a confirmed document (the
// server's order), a queue of pending messages applied optimistically on top, acknowledgement by
// client id + cid, roll-back on rejection, and resume after reconnect with the same client id.
import { BoardDoc, Change, countOps, DEFAULT_LIMITS, Limits } from '../model/doc';
import {
  AppliedMsg, BoardElement, ErrorCode, Op, OpError, Participant, PeerPresence, Point, Role, ServerMsg, Viewport, WelcomeMsg,
} from '../model/types';

export type ConnState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface SocketLike {
  binaryType: string;
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
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
  /** The visible document changed; ids lists the touched elements (all when a snapshot arrived). */
  change(changes: Change[] | 'all', local: boolean): void;
  state(state: ConnState): void;
  welcome(msg: WelcomeMsg): void;
  /** One of my messages was refused; its ops were rolled back. */
  rejected(code: ErrorCode, message: string): void;
  /** A connection-level error from the server (fatal ones also switch the state to failed). */
  error(code: ErrorCode, message: string): void;
  peers(): void;
  /** A facilitation message (session, votes, voteResult, links, participant), for the session store. */
  message(msg: { type: string; [k: string]: unknown }): void;
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

export function randomId(len = 12): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(len);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

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
  board: WelcomeMsg['board'] | null = null;
  limits: Limits & { maxFrameBytes: number } = { ...DEFAULT_LIMITS, maxFrameBytes: 262144 };
  readonly peers = new Map<string, PeerState>();
  failure: { code: ErrorCode; message: string } | null = null;
  /** session.boardLocked: non-facilitators' edits are refused locally as the server would (LOCKED) */
  boardLocked = false;

  private ws: SocketLike | null = null;
  private lastCid = 0;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private closedByUser = false;
  private welcomed = false;
  private presenceOut: Record<string, unknown> = {};
  private presenceTimer: unknown = null;
  private lastPresenceAt = 0;
  private readonly listeners: { [K in keyof SyncEvents]?: Listener<K>[] } = {};
  private readonly decoder = new TextDecoder();
  private readonly opts: Required<Omit<SyncOptions, 'clientId'>>;

  constructor(opts: SyncOptions) {
    this.clientId = opts.clientId ?? randomId(16);
    this.opts = {
      url: opts.url,
      name: opts.name,
      socketFactory: opts.socketFactory ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      backoff: opts.backoff ?? [300, 700, 1500, 3000, 6000, 10000],
      presenceIntervalMs: opts.presenceIntervalMs ?? 50,
      setTimeout: opts.setTimeout ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimeout: opts.clearTimeout ?? ((h) => clearTimeout(h as number)),
      random: opts.random ?? Math.random,
    };
  }

  on<K extends keyof SyncEvents>(event: K, fn: SyncEvents[K]): () => void {
    const list = (this.listeners[event] ??= []) as SyncEvents[K][];
    list.push(fn);
    return () => list.splice(list.indexOf(fn), 1);
  }

  private emit<K extends keyof SyncEvents>(event: K, ...args: Parameters<SyncEvents[K]>): void {
    for (const fn of (this.listeners[event] ?? []) as ((...a: Parameters<SyncEvents[K]>) => void)[]) fn(...args);
  }

  get canEdit(): boolean { return this.role !== 'viewer'; }
  get unsentCount(): number { return this.pending.reduce((n, p) => n + p.ops.length, 0); }

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
      const hello: Record<string, unknown> = { type: 'hello', v: 1, name: this.opts.name, client: this.clientId };
      if (this.confirmedSeq !== null) hello.lastSeq = this.confirmedSeq;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      let text: string;
      if (typeof ev.data === 'string') text = ev.data;
      else if (ev.data instanceof ArrayBuffer) text = this.decoder.decode(new Uint8Array(ev.data));
      else if (ArrayBuffer.isView(ev.data)) text = this.decoder.decode(ev.data as Uint8Array);
      else return;
      let msg: ServerMsg;
      try {
        msg = JSON.parse(text) as ServerMsg;
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
      // 4403: removed by the facilitator; 4401: links rotated (PROTOCOL.md "error"); do not come back
      const closeCode = (ev as { code?: number } | null)?.code;
      if ((closeCode === 4403 || closeCode === 4401) && !this.closedByUser && this.state !== 'failed') {
        this.failure = { code: closeCode === 4403 ? 'REMOVED' as ErrorCode : 'UNAUTHORIZED', message: '' };
        this.setState('failed');
        this.emit('error', this.failure.code, '');
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
    this.failure = { code, message };
    this.setState('failed');
    if (this.reconnectTimer !== null) this.opts.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.emit('error', code, message);
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

  handle(msg: ServerMsg): void {
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
        if (FATAL.includes(msg.code)) {
          this.failure = { code: msg.code, message: msg.message ?? '' };
          this.setState('failed');
        }
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
        for (const u of msg.peers as PeerPresence[]) {
          const p = this.peers.get(u.id);
          if (!p) continue;
          if (u.cursor !== undefined) p.cursor = u.cursor ?? null;
          if (u.selection !== undefined) p.selection = u.selection ?? [];
          if (u.viewport !== undefined) p.viewport = u.viewport ?? null;
        }
        this.emit('peers');
        return;
      }
      default: this.onOther(msg as unknown as { type: string; [k: string]: unknown });
    }
  }

  /** Facilitation messages: a live role change is applied here, everything goes to 'message'. */
  private onOther(msg: { type: string; [k: string]: unknown }): void {
    if (msg.type === 'participant') {
      const p = msg.participant as Participant | undefined;
      if (p && this.me && p.id === this.me.id) {
        this.me = { ...this.me, ...p };
        this.role = p.role;
      } else if (p) {
        const old = this.peers.get(p.id);
        if (old) this.peers.set(p.id, { ...old, ...p });
      }
      this.emit('peers');
    }
    this.emit('message', msg);
  }

  /** Sends a non-op message (facilitate, vote) now; false when not connected. */
  send(msg: { type: string; [k: string]: unknown }): boolean {
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
      this.confirmed = new BoardDoc(msg.snapshot.elements as BoardElement[]);
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
    this.presenceOut = { ...this.presenceSticky };
    this.schedulePresence();
  }

  private applyConfirmed(msg: AppliedMsg): Change[] {
    let changes: Change[] = [];
    try {
      changes = this.confirmed.apply(msg.ops, { limits: { ...this.limits, maxElements: Number.MAX_SAFE_INTEGER } });
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

  /** visible = confirmed + pending (pending ops that no longer apply are skipped). */
  private rebuild(changes: Change[] | 'all', local: boolean): void {
    const prev = this.visible;
    const next = this.confirmed.clone();
    for (const p of this.pending) next.tryApply(p.ops, { limits: this.limits });
    next.version = prev.version + 1;
    this.visible = next;
    if (changes !== 'all' && this.pending.length > 0) changes = 'all';
    this.emit('change', changes, local);
  }

  /**
   * Applies a local edit optimistically and queues it for the server. Throws OpError (and changes
   * nothing) when the ops do not apply to the visible document or the role may not make them.
   */
  submit(ops: Op[]): Change[] {
    if (ops.length === 0) return [];
    if (this.role === 'viewer') throw new OpError('FORBIDDEN', 'read-only link');
    if (this.boardLocked && this.role !== 'facilitator') throw new OpError('LOCKED', 'the board is locked');
    if (countOps(ops) > this.limits.maxOpsPerMessage) throw new OpError('TOO_LARGE', 'too many ops in one edit');
    const changes = this.visible.apply(ops, { limits: this.limits, role: this.role });
    const p: Pending = { cid: ++this.lastCid, ops, sent: false };
    this.pending.push(p);
    this.flush();
    this.emit('change', changes, true);
    return changes;
  }

  private flush(): void {
    const ws = this.ws;
    if (!ws || !this.welcomed) return;
    for (const p of this.pending) {
      if (p.sent) continue;
      ws.send(JSON.stringify({ type: 'ops', cid: p.cid, baseSeq: this.confirmedSeq ?? 0, ops: p.ops }));
      p.sent = true;
    }
  }

  // ---- presence ----
  private presenceSticky: Record<string, unknown> = {};

  /** Queues presence fields; sent at most every presenceIntervalMs (about 20 Hz). */
  setPresence(p: { cursor?: Point | null; selection?: string[] | null; viewport?: Viewport | null }): void {
    Object.assign(this.presenceOut, p);
    if (p.selection !== undefined) this.presenceSticky.selection = p.selection;
    if (p.viewport !== undefined) this.presenceSticky.viewport = p.viewport;
    this.schedulePresence();
  }

  private schedulePresence(): void {
    if (this.presenceTimer !== null || Object.keys(this.presenceOut).length === 0) return;
    const wait = Math.max(0, this.lastPresenceAt + this.opts.presenceIntervalMs - Date.now());
    this.presenceTimer = this.opts.setTimeout(() => {
      this.presenceTimer = null;
      const ws = this.ws;
      if (!ws || !this.welcomed || Object.keys(this.presenceOut).length === 0) return;
      ws.send(JSON.stringify({ type: 'presence', ...this.presenceOut }));
      this.presenceOut = {};
      this.lastPresenceAt = Date.now();
    }, wait);
  }
}

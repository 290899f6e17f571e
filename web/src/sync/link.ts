// One board's connection over time: a socket at a time, reconnects with backoff, the heartbeat
// (liveness.ts) and the close codes that end it for good (close.ts). What the messages mean is the
// sync client's business; this only opens, watches, writes and reopens.
import type { ClientMessage, HelloMsg, ServerMessage } from '../protocol/messages';
import { CloseCode } from '../protocol/messages';
import { Backoff, BackoffOptions } from './backoff';
import { closeAction } from './close';
import { DEFAULT_LIVENESS, Liveness, LivenessOptions } from './liveness';
import { decodeFrame, SocketFactory, SocketLike } from './socket';

export interface LinkOptions {
  url: string;
  socketFactory: SocketFactory;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (h: unknown) => void;
  now: () => number;
  random: () => number;
  reconnect?: Partial<BackoffOptions>;
  /** null: no heartbeat */
  liveness?: LivenessOptions | null;
}

export interface LinkHooks {
  /** The socket opened: the hello to send. */
  hello(): HelloMsg;
  message(msg: ServerMessage): void;
  /** The socket is gone; `final` when its close code says not to come back. */
  lost(final: boolean, closeCode: number | undefined, reason: string): void;
  /** A reconnect is scheduled. */
  waiting(): void;
}

export class Link {
  private ws: SocketLike | null = null;
  private welcomed = false;
  private stopped = true;
  private timer: unknown = null;
  private url: string;
  private readonly delay: Backoff;
  private readonly liveness: Liveness | null;

  constructor(private readonly opts: LinkOptions, private readonly hooks: LinkHooks) {
    this.url = opts.url;
    this.delay = new Backoff({ baseMs: 400, capMs: 10_000, jitter: 0.3, random: opts.random, ...opts.reconnect });
    const l = opts.liveness === undefined ? DEFAULT_LIVENESS : opts.liveness;
    this.liveness = l && new Liveness(l, opts, {
      probe: () => { this.write({ type: 'presence' }); },
      dead: () => this.drop(CloseCode.HEARTBEAT, 'no answer'),
    });
  }

  /** Connection attempts since the last welcome. */
  get attempts(): number { return this.delay.attempts; }
  get connected(): boolean { return !!this.ws && this.welcomed; }
  get hasSocket(): boolean { return !!this.ws; }

  start(): void {
    this.stopped = false;
    this.open();
  }

  /** No more sockets: closes the current one quietly (or after a final close, there is none). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.opts.clearTimeout(this.timer);
    this.timer = null;
    this.liveness?.stop();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = ws.onmessage = ws.onerror = ws.onopen = null;
      try { ws.close(1000, 'bye'); } catch { /* already closed */ }
    }
  }

  /** The server welcomed this socket: silence counts from now on, and the backoff starts over. */
  welcome(): void {
    this.welcomed = true;
    this.delay.reset();
    this.liveness?.welcomed();
  }

  /** The address of the next socket. */
  retarget(url: string): void { this.url = url; }

  write(msg: ClientMessage): boolean {
    const ws = this.ws;
    if (!ws || !this.welcomed) return false;
    ws.send(JSON.stringify(msg));
    return true;
  }

  /** Drops the socket as if the network failed; a new one follows (now, with `now`). */
  drop(code: number = CloseCode.HEARTBEAT, reason = 'resync', now = false): void {
    const ws = this.ws;
    if (!ws) return;
    try { ws.close(code, reason); } catch { /* ignore */ }
    this.lost(ws, undefined, '');
    if (now) this.reconnectNow();
  }

  /** Try again now (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.ws || this.stopped) return;
    if (this.timer !== null) this.opts.clearTimeout(this.timer);
    this.timer = null;
    this.delay.reset();
    this.open();
  }

  private open(): void {
    this.welcomed = false;
    let ws: SocketLike;
    try {
      ws = this.opts.socketFactory(this.url);
    } catch {
      this.schedule();
      return;
    }
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    this.liveness?.opening();
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.liveness?.opened();
      ws.send(JSON.stringify(this.hooks.hello()));
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.liveness?.heard();
      const msg = decodeFrame(ev.data);
      if (msg) this.hooks.message(msg);
    };
    ws.onerror = () => { /* onclose follows */ };
    ws.onclose = (ev) => this.lost(ws, ev?.code, ev?.reason ?? '');
  }

  private lost(ws: SocketLike, closeCode: number | undefined, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.welcomed = false;
    this.liveness?.stop();
    const final = closeAction(closeCode) === 'final';
    if (final) this.stopped = true;
    this.hooks.lost(final, closeCode, reason);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.hooks.waiting();
    if (this.timer !== null) this.opts.clearTimeout(this.timer);
    this.timer = this.opts.setTimeout(() => {
      this.timer = null;
      this.open();
    }, this.delay.next());
  }
}

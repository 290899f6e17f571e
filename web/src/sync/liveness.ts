// The client's own heartbeat. The server pings every 15 s by default, but the browser answers
// those pings without telling the page, so a connection to a server that froze, or through a
// network that silently dropped it, looks alive for a minute or more. The page counts any frame
// it receives as a sign of life; after `probeAfterMs` of silence it sends a probe the server
// always answers (an empty presence, echoed to everyone in the next presence flush: PROTOCOL.md
// "Liveness"), and when nothing at all arrives for `answerMs` after the probe, the connection is
// declared dead. A socket that does not open, or is not welcomed, in time is dead too.

export interface LivenessOptions {
  /** silence before a probe (ms) */
  probeAfterMs: number;
  /** silence after a probe before the connection is dead (ms) */
  answerMs: number;
  /** how often the clock is looked at (ms) */
  checkEveryMs: number;
  /** from creating the socket to its `open` event (ms) */
  openTimeoutMs: number;
  /** from `open` to the welcome (ms): large boards take a while */
  welcomeTimeoutMs: number;
}

export const DEFAULT_LIVENESS: LivenessOptions = {
  probeAfterMs: 2000, answerMs: 4000, checkEveryMs: 1000, openTimeoutMs: 10_000, welcomeTimeoutMs: 30_000,
};

export interface LivenessClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
}

export type DeathCause = 'open-timeout' | 'welcome-timeout' | 'silent';

type Phase = 'opening' | 'welcoming' | 'live' | 'stopped';

export class Liveness {
  private phase: Phase = 'stopped';
  private since = 0;
  private lastHeard = 0;
  private probeAt: number | null = null;
  private lastTick = 0;
  private timer: unknown = null;

  constructor(
    private readonly opts: LivenessOptions,
    private readonly clock: LivenessClock,
    private readonly hooks: { probe(): void; dead(cause: DeathCause): void },
  ) {}

  /** A socket was created. */
  opening(): void { this.enter('opening'); }
  /** It opened; the hello is on its way. */
  opened(): void { this.enter('welcoming'); }
  /** Welcomed: from now on silence counts. */
  welcomed(): void { this.enter('live'); }

  /** Any frame arrived. */
  heard(): void {
    this.lastHeard = this.clock.now();
    this.probeAt = null;
  }

  stop(): void {
    this.phase = 'stopped';
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private get stopped(): boolean { return this.phase === 'stopped'; }

  /** Test view: is a probe waiting for an answer? */
  get probing(): boolean { return this.probeAt !== null; }

  private enter(phase: Phase): void {
    const now = this.clock.now();
    this.phase = phase;
    this.since = now;
    this.lastHeard = now;
    this.probeAt = null;
    this.lastTick = now;
    if (this.timer === null) this.schedule();
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (this.stopped) return;
      this.tick();
      if (!this.stopped && this.timer === null) this.schedule();
    }, this.opts.checkEveryMs);
  }

  private tick(): void {
    const now = this.clock.now();
    const late = now - this.lastTick > 3 * this.opts.checkEveryMs;
    this.lastTick = now;
    const o = this.opts;
    if (this.phase === 'opening' || this.phase === 'welcoming') {
      if (late) { this.since = now; return; } // the page slept: give the socket its time again
      const limit = this.phase === 'opening' ? o.openTimeoutMs : o.welcomeTimeoutMs;
      if (now - this.since >= limit) this.die(this.phase === 'opening' ? 'open-timeout' : 'welcome-timeout');
      return;
    }
    if (late) {
      // timers were throttled (a hidden tab) or the machine slept: do not judge the silence we
      // could not watch; ask now and judge the answer
      this.probe(now);
      return;
    }
    if (this.probeAt !== null) {
      if (now - this.probeAt >= o.answerMs) this.die('silent');
    } else if (now - this.lastHeard >= o.probeAfterMs) {
      this.probe(now);
    }
  }

  private probe(now: number): void {
    this.probeAt = now;
    this.hooks.probe();
  }

  private die(cause: DeathCause): void {
    this.stop();
    this.hooks.dead(cause);
  }
}

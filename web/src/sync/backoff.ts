// Exponential backoff with jitter, for reconnecting and for re-sending edits the store refused.
// The delays of a run of failures are min(cap, base * factor^n), each shortened by a random
// fraction of up to `jitter` so that many clients that failed together do not retry together.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  factor?: number;
  /** 0..1: a delay is d * (1 - jitter * random()) */
  jitter?: number;
  random?: () => number;
}

export class Backoff {
  private n = 0;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(private readonly opts: BackoffOptions) {
    this.factor = opts.factor ?? 2;
    this.jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.3));
    this.random = opts.random ?? Math.random;
  }

  /** Failures since the last reset. */
  get attempts(): number { return this.n; }

  /** The delay before the next attempt (and counts this failure). */
  next(): number {
    const d = Math.min(this.opts.capMs, this.opts.baseMs * this.factor ** this.n);
    this.n++;
    return Math.round(d * (1 - this.jitter * this.random()));
  }

  reset(): void { this.n = 0; }
}

// Session replay: moves the timeline's point forward one step at a time, paced by the steps'
// times (pacing.ts); a speed change takes effect from the next step. Timers are injected so that
// Vitest drives it on a fake clock.
import { stepDelay } from './pacing';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
}

export interface PlayerHost {
  /** the point shown now, and the last one */
  point(): number;
  last(): number;
  /** when a point was made (null: unknown) */
  atOf(point: number): number | null;
  /** shows a point */
  show(point: number): void;
  /** playing started or stopped (the play button, the e2e hooks) */
  changed(): void;
}

export class Player {
  speed = 10;
  private timer: unknown = null;

  constructor(private readonly host: PlayerHost, private readonly timers: Timers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) }) {}

  get playing(): boolean { return this.timer !== null; }

  /** Plays from the point shown (from the start when it is the last). */
  play(): void {
    if (this.playing) return;
    if (this.host.point() >= this.host.last()) this.host.show(0);
    this.schedule();
    this.host.changed();
  }

  pause(): void {
    if (this.timer === null) return;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.host.changed();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void { this.speed = speed; }

  private schedule(): void {
    const p = this.host.point();
    if (p >= this.host.last()) {
      this.timer = null;
      this.host.changed();
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.host.show(p + 1);
      this.schedule();
    }, stepDelay(p === 0 ? null : this.host.atOf(p), this.host.atOf(p + 1), this.speed));
  }
}

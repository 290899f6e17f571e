// Outgoing presence (PROTOCOL.md "presence"): fields are merged and sent at most every interval
// (about 20 Hz). Selection, viewport and the element I type into are sticky: a new connection
// gets them again at once.
import type { PresenceFields, PresenceMsg } from '../protocol/messages';

export interface PresenceTiming {
  intervalMs: number;
  setTimeout: (fn: () => void, ms: number) => unknown;
}

export class PresenceOutbox {
  private out: PresenceFields = {};
  private sticky: PresenceFields = {};
  private timer: unknown = null;
  private lastSentAt = 0;

  /** send answers false while there is no connection to send on (the fields stay queued). */
  constructor(private readonly timing: PresenceTiming, private readonly send: (msg: PresenceMsg) => boolean) {}

  set(p: PresenceFields): void {
    Object.assign(this.out, p);
    if (p.selection !== undefined) this.sticky.selection = p.selection;
    if (p.viewport !== undefined) this.sticky.viewport = p.viewport;
    if (p.editing !== undefined) this.sticky.editing = p.editing;
    this.schedule();
  }

  /** A new connection: tell the others my selection, viewport and what I type into again. */
  reconnected(): void {
    this.out = { ...this.sticky };
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null || Object.keys(this.out).length === 0) return;
    const wait = Math.max(0, this.lastSentAt + this.timing.intervalMs - Date.now());
    this.timer = this.timing.setTimeout(() => {
      this.timer = null;
      if (Object.keys(this.out).length === 0 || !this.send({ type: 'presence', ...this.out })) return;
      this.out = {};
      this.lastSentAt = Date.now();
    }, wait);
  }
}

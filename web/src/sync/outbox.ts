// My edits that the server has not confirmed yet, in the order I made them (PROTOCOL.md
// "Ordering, acknowledgement and resume"), and the rules for sending them again.
//
// Normally every message goes out at once (pipelined) and leaves the queue with its `applied`
// (or a duplicate `ack`) or its `rejected`. When the store refuses one (`STORE_UNAVAILABLE`:
// not applied, not final) saving is *paused*: that message stays in place, nothing behind it is
// sent, and once nothing is in flight any more one message at a time goes out as a probe when
// the client's single retry timer allows it (exponential backoff with jitter, see backoff.ts).
// The first probe that is applied resumes normal sending. A message that was already on the wire
// behind a refused one and comes back refused with a code that its missing predecessor can cause
// (an update of a card whose create was refused gets ELEMENT_NOT_FOUND) is not dropped: it is
// tried once more behind it. Nothing is sent ahead of a refused message, so nothing is lost and
// the order holds.
//
// A re-send keeps its cid unless the server could take it for an old one: a cid must be above
// every cid of mine the server applied or has in flight, and the server remembers the outcome of
// a cid it rejected (it would answer the same rejection again), so such a message gets a new cid,
// and so does every unsent message behind it (cids increase in sending order).
import type { ErrorCode, Op } from '../model/types';

export interface Pending {
  cid: number;
  ops: Op[];
  /** on the wire, outcome not known yet */
  sent: boolean;
  /** the store refused it: it waits for a retry */
  storeRefused?: boolean;
  /** refused while an earlier message waited for the store: tried once more behind it */
  retried?: boolean;
  /** the server keeps an outcome for its cid: the re-send needs a new one */
  needsNewCid?: boolean;
}

/** Rejections that a refused earlier message of mine can cause. */
const MAYBE_DEPENDENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['ELEMENT_NOT_FOUND', 'ELEMENT_EXISTS', 'INVALID_VALUE', 'CYCLE', 'RATE_LIMITED']);

export type Rejection = 'dropped' | 'requeued' | 'unknown';

export class Outbox {
  private list: Pending[] = [];
  private lastCid = 0;
  private maxAppliedCid = 0;
  private held = false;
  private probeDue = false;

  get items(): readonly Pending[] { return this.list; }
  get size(): number { return this.list.length; }
  /** Saving is paused: the store refused a message and it waits for a retry. */
  get paused(): boolean { return this.held; }
  /** Nothing of mine is on the wire. */
  get idle(): boolean { return !this.list.some((p) => p.sent); }
  /** The number of ops waiting (for progress). */
  get opCount(): number { return this.list.reduce((n, p) => n + p.ops.length, 0); }

  add(ops: Op[]): Pending {
    const p: Pending = { cid: ++this.lastCid, ops, sent: false };
    this.list.push(p);
    return p;
  }

  has(cid: number): boolean { return this.list.some((p) => p.cid === cid); }

  /** My message was applied (its `applied`, in a broadcast or in `missed`). */
  applied(cid: number): boolean {
    this.maxAppliedCid = Math.max(this.maxAppliedCid, cid);
    const found = this.remove(cid);
    // the store took it: saving works again
    if (found && this.held) { this.held = false; this.probeDue = false; }
    return found;
  }

  /** A duplicate `ack`: it was applied before; if saving is paused the next message may go. */
  duplicate(cid: number): boolean {
    const found = this.remove(cid);
    if (found && this.held) this.probeDue = true;
    return found;
  }

  /** `STORE_UNAVAILABLE`: keep it where it is; saving pauses. False if it is not mine. */
  storeRefused(cid: number): boolean {
    const p = this.list.find((x) => x.cid === cid);
    if (!p) return false;
    p.sent = false;
    p.storeRefused = true;
    this.held = true;
    this.probeDue = false;
    return true;
  }

  /** Any other rejection: dropped (the caller reports it), or tried once more behind a refused message. */
  rejected(cid: number, code: ErrorCode): Rejection {
    const i = this.list.findIndex((x) => x.cid === cid);
    if (i < 0) return 'unknown';
    const p = this.list[i];
    if (!p.retried && MAYBE_DEPENDENT.has(code) && this.list.slice(0, i).some((q) => q.storeRefused)) {
      p.sent = false;
      p.retried = true;
      p.needsNewCid = true;
      return 'requeued';
    }
    this.list.splice(i, 1);
    if (this.held) this.probeDue = true;
    return 'dropped';
  }

  /** The connection is gone: nothing is in flight any more. */
  disconnected(): void {
    for (const p of this.list) p.sent = false;
  }

  /** The retry timer fired, or a new connection began: one message may go out while saving is paused. */
  allowProbe(): void {
    if (this.held) this.probeDue = true;
  }

  /** What to send now, in order, each with the cid it must carry; they count as sent. */
  take(): Pending[] {
    if (this.held && this.list.length === 0) this.held = false;
    let batch: Pending[];
    if (!this.held) {
      batch = this.list.filter((p) => !p.sent);
    } else {
      if (!this.probeDue || !this.idle || !this.list.length) return [];
      this.probeDue = false;
      batch = [this.list[0]];
    }
    if (!batch.length) return batch;
    let floor = Math.max(this.maxAppliedCid, ...this.list.filter((p) => p.sent).map((p) => p.cid));
    let renumber = false;
    for (const p of this.list) {
      if (p.sent) continue;
      renumber ||= !!p.needsNewCid || p.cid <= floor;
      if (renumber) {
        p.cid = ++this.lastCid;
        p.needsNewCid = false;
      }
      floor = Math.max(floor, p.cid);
    }
    for (const p of batch) p.sent = true;
    return batch;
  }

  private remove(cid: number): boolean {
    const i = this.list.findIndex((p) => p.cid === cid);
    if (i < 0) return false;
    this.list.splice(i, 1);
    return true;
  }
}

import type { SocketLike } from '../src/sync/client';
import type { BoardElement } from '../src/model/types';

export class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: Record<string, unknown>[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string): void { this.sent.push(JSON.parse(data)); }
  close(): void { this.closed = true; }
  open(): void { this.readyState = 1; this.onopen?.({}); }
  receive(msg: unknown, binary = false): void {
    const text = JSON.stringify(msg);
    this.onmessage?.({ data: binary ? new TextEncoder().encode(text).buffer : text });
  }
  /** The server (or the network) closes the socket, with a close code or without one. */
  drop(code?: number, reason = ''): void { this.readyState = 3; this.onclose?.(code === undefined ? {} : { code, reason }); }
  ofType(type: string) { return this.sent.filter((m) => m.type === type); }
}

export const stage = (id: string, index: string, en = id): BoardElement => ({ id, type: 'stage', parent: null, index, props: { labels: { zh: en, en } } });
export const lane = (id: string, index: string, kind = 'actions'): BoardElement => ({ id, type: 'lane', parent: null, index, props: { kind, labels: { zh: id, en: id } } });
export const card = (id: string, laneId: string, stageId: string, index: string, props: Record<string, unknown> = {}): BoardElement =>
  ({ id, type: 'card', parent: laneId, index, props: { stage: stageId, text: id, ...props } as BoardElement['props'] });

export const baseBoard = (): BoardElement[] => [stage('s1', 'a'), stage('s2', 'b'), lane('l1', 'a'), lane('l2', 'b', 'emotions'), card('c1', 'l1', 's1', 'V')];

/** Timers on a clock that only moves when a test says so. */
export class FakeClock {
  t = 0;
  private seq = 0;
  timers: { id: number; at: number; ms: number; fn: () => void }[] = [];
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.push({ id, at: this.t + ms, ms, fn });
    return id;
  };
  clearTimeout = (h: unknown): void => { this.timers = this.timers.filter((x) => x.id !== h); };
  /** Moves the clock, running every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }
}

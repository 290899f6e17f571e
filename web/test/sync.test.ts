import { beforeEach, describe, expect, it } from 'vitest';
import { SyncClient } from '../src/sync/client';
import { baseBoard, FakeSocket } from './fakes';

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const client = new SyncClient({
    url: 'ws://x/ws/boards/b1?token=t', name: '李娜', clientId: 'clientA',
    socketFactory: (url) => { const s = new FakeSocket(url); sockets.push(s); return s; },
    setTimeout: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
    clearTimeout: () => {},
    random: () => 0,
    presenceIntervalMs: 50,
    liveness: null,
  });
  const welcome = (seq = 10, extra: Record<string, unknown> = {}) => ({
    type: 'welcome', v: 1, board: { id: 'b1', title: 'T', template: 'journey' },
    you: { id: 'p1', name: '李娜', color: '#e8590c', role: 'editor' }, participants: [{ id: 'p2', name: 'Sam', color: '#1971c2', role: 'viewer' }],
    seq, snapshot: { seq, elements: baseBoard() }, missed: null, limits: { maxFrameBytes: 262144, opsPerSecond: 50, maxElements: 20000, maxTextLength: 10000 }, ...extra,
  });
  return { client, sockets, timers, welcome };
}

describe('SyncClient', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => { env = setup(); });

  it('says hello, takes the snapshot and the role from welcome', () => {
    const { client, sockets, welcome } = env;
    client.connect();
    sockets[0].open();
    expect(sockets[0].sent[0]).toEqual({ type: 'hello', v: 1, name: '李娜', client: 'clientA' });
    sockets[0].receive(welcome());
    expect(client.state).toBe('connected');
    expect(client.role).toBe('editor');
    expect(client.visible.size).toBe(5);
    expect(client.peers.get('p2')?.role).toBe('viewer');
    expect(sockets[0].binaryType).toBe('arraybuffer');
  });

  it('applies optimistically, acks by client+cid, and accepts binary frames', () => {
    const { client, sockets, welcome } = env;
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    client.submit([{ op: 'update', id: 'c1', set: { emotion: 1 } }]);
    expect(client.visible.get('c1')!.props.emotion).toBe(1);
    expect(client.confirmed.get('c1')!.props.emotion).toBeUndefined();
    const sent = sockets[0].ofType('ops');
    expect(sent).toEqual([{ type: 'ops', cid: 1, baseSeq: 10, ops: [{ op: 'update', id: 'c1', set: { emotion: 1 } }] }]);
    sockets[0].receive({ type: 'applied', seq: 11, author: 'p1', client: 'clientA', cid: 1, ops: sent[0].ops }, true);
    expect(client.pending.length).toBe(0);
    expect(client.confirmedSeq).toBe(11);
    expect(client.confirmed.get('c1')!.props.emotion).toBe(1);
  });

  it("takes the server's own edits (vote totals, private marks) that no client may send", () => {
    const { client, sockets, welcome } = env;
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    expect(() => client.submit([{ op: 'update', id: 'c1', set: { votes: 3 } }])).toThrow("update: 'votes' is written by the server at the close of a vote");
    expect(sockets[0].ofType('ops')).toEqual([]);
    sockets[0].receive({ type: 'applied', seq: 11, author: 'p2', client: '@server', cid: 1, ops: [{ op: 'update', id: 'c1', set: { votes: 3, private: 'clientA' } }] });
    expect(client.confirmedSeq).toBe(11);
    expect(client.visible.get('c1')!.props).toMatchObject({ votes: 3, private: 'clientA' });
  });

  it('handles a batch frame as its messages in order (acks included)', () => {
    const { client, sockets, welcome } = env;
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    client.submit([{ op: 'update', id: 'c1', set: { text: 'mine' } }]);
    sockets[0].receive({ type: 'batch', messages: [
      { type: 'applied', seq: 11, author: 'p2', client: 'other', cid: 4, ops: [{ op: 'update', id: 'c1', set: { text: 'theirs', csat: 2 } }] },
      { type: 'applied', seq: 12, author: 'p1', client: 'clientA', cid: 1, ops: [{ op: 'update', id: 'c1', set: { text: 'mine' } }] },
    ] }, true);
    expect(client.pending.length).toBe(0);
    expect(client.confirmedSeq).toBe(12);
    expect(client.confirmed.get('c1')!.props).toMatchObject({ text: 'mine', csat: 2 });
  });

  it('rebases pending ops on top of others\' edits (last writer wins per property)', () => {
    const { client, sockets, welcome } = env;
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    client.submit([{ op: 'update', id: 'c1', set: { text: 'mine' } }]);
    sockets[0].receive({ type: 'applied', seq: 11, author: 'p2', client: 'other', cid: 5, ops: [{ op: 'update', id: 'c1', set: { text: 'theirs', csat: 2 } }] });
    expect(client.visible.get('c1')!.props.text).toBe('mine');
    expect(client.visible.get('c1')!.props.csat).toBe(2);
    sockets[0].receive({ type: 'applied', seq: 12, author: 'p1', client: 'clientA', cid: 1, ops: [{ op: 'update', id: 'c1', set: { text: 'mine' } }] });
    expect(client.visible.get('c1')!.props.text).toBe('mine');
    expect(client.pending.length).toBe(0);
  });

  it('rolls back a rejected message and reports it', () => {
    const { client, sockets, welcome } = env;
    const errors: string[] = [];
    client.on('rejected', (code) => errors.push(code));
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    client.submit([{ op: 'update', id: 'c1', set: { text: 'x' } }]);
    sockets[0].receive({ type: 'applied', seq: 11, author: 'p2', client: 'other', cid: 1, ops: [{ op: 'delete', id: 'c1' }] });
    expect(client.visible.has('c1')).toBe(false); // pending update no longer applies: skipped
    sockets[0].receive({ type: 'rejected', cid: 1, code: 'ELEMENT_NOT_FOUND', message: 'no c1' });
    expect(client.pending.length).toBe(0);
    expect(errors).toEqual(['ELEMENT_NOT_FOUND']);
  });

  it('refuses local edits that do not apply, and viewer edits', () => {
    const { client, sockets, welcome } = env;
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    expect(() => client.submit([{ op: 'update', id: 'nope', set: { text: 'x' } }])).toThrow();
    expect(client.pending.length).toBe(0);
    expect(() => client.submit([{ op: 'create', id: 's9', type: 'stage', parent: null, index: 'c', props: {} }])).toThrow(/facilitator/);
    const v = setup();
    v.client.connect(); v.sockets[0].open();
    v.sockets[0].receive(v.welcome(10, { you: { id: 'p9', name: 'V', color: '#000000', role: 'viewer' } }));
    expect(v.client.canEdit).toBe(false);
    expect(() => v.client.submit([{ op: 'update', id: 'c1', set: { text: 'x' } }])).toThrow();
  });

  it('reconnects with backoff, resumes with lastSeq and re-sends pending with the original cids', () => {
    const { client, sockets, timers, welcome } = env;
    const states: string[] = [];
    client.on('state', (s) => states.push(s));
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    client.submit([{ op: 'update', id: 'c1', set: { text: 'one' } }]);
    sockets[0].receive({ type: 'applied', seq: 11, author: 'p1', client: 'clientA', cid: 1, ops: [{ op: 'update', id: 'c1', set: { text: 'one' } }] });
    sockets[0].drop();
    expect(client.state).toBe('reconnecting');
    // edits while offline stay pending
    client.submit([{ op: 'update', id: 'c1', set: { text: 'two' } }]);
    client.submit([{ op: 'update', id: 'c1', set: { csat: 4 } }]);
    expect(client.unsentCount).toBe(2);
    expect(timers.length).toBeGreaterThan(0);
    timers.shift()!.fn();
    expect(sockets.length).toBe(2);
    sockets[1].open();
    expect(sockets[1].sent[0]).toEqual({ type: 'hello', v: 1, name: '李娜', client: 'clientA', lastSeq: 11 });
    // server already applied cid 2 before the drop: it arrives in missed
    sockets[1].receive(welcome(12, {
      snapshot: null,
      missed: [{ type: 'applied', seq: 12, author: 'p1', client: 'clientA', cid: 2, ops: [{ op: 'update', id: 'c1', set: { text: 'two' } }] }],
    }));
    const resent = sockets[1].ofType('ops');
    expect(resent.map((m) => m.cid)).toEqual([3]);
    expect(client.visible.get('c1')!.props).toMatchObject({ text: 'two', csat: 4 });
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('drops a pending message on a duplicate ack after a snapshot resume', () => {
    const { client, sockets, timers, welcome } = env;
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    client.submit([{ op: 'create', id: 'c2', type: 'card', parent: 'l1', index: 'W', props: { stage: 's1', text: 'new' } }]);
    sockets[0].drop();
    timers.shift()!.fn();
    sockets[1].open();
    const snap = welcome(20);
    (snap.snapshot as { elements: unknown[] }).elements.push({ id: 'c2', type: 'card', parent: 'l1', index: 'W', props: { stage: 's1', text: 'new' } });
    sockets[1].receive(snap);
    expect(sockets[1].ofType('ops').map((m) => m.cid)).toEqual([1]);
    expect(client.visible.get('c2')!.props.text).toBe('new');
    sockets[1].receive({ type: 'ack', cid: 1, duplicate: true });
    expect(client.pending.length).toBe(0);
    expect(client.visible.get('c2')).toBeTruthy();
  });

  it('stops on fatal errors', () => {
    const { client, sockets, timers } = env;
    client.connect(); sockets[0].open();
    sockets[0].receive({ type: 'error', code: 'UNAUTHORIZED', message: 'bad token' });
    sockets[0].drop();
    expect(client.state).toBe('failed');
    expect(timers.length).toBe(0);
  });

  it('resyncs on a gap in seq', () => {
    const { client, sockets, welcome } = env;
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    sockets[0].receive({ type: 'applied', seq: 13, author: 'p2', client: 'o', cid: 1, ops: [] });
    expect(client.state).toBe('reconnecting');
    expect(client.confirmedSeq).toBe(10);
  });

  it('throttles presence and tracks peers', () => {
    const { client, sockets, timers, welcome } = env;
    client.connect(); sockets[0].open(); sockets[0].receive(welcome());
    timers.length = 0;
    client.setPresence({ cursor: { x: 1, y: 2 } });
    client.setPresence({ cursor: { x: 3, y: 4 }, selection: ['c1'] });
    expect(timers.length).toBe(1);
    timers.shift()!.fn();
    expect(sockets[0].ofType('presence')).toEqual([{ type: 'presence', cursor: { x: 3, y: 4 }, selection: ['c1'] }]);
    sockets[0].receive({ type: 'joined', participant: { id: 'p3', name: 'Kim', color: '#2f9e44', role: 'editor' } });
    sockets[0].receive({ type: 'presence', peers: [{ id: 'p3', cursor: { x: 5, y: 6 }, selection: ['c1'] }] });
    expect(client.peers.get('p3')).toMatchObject({ cursor: { x: 5, y: 6 }, selection: ['c1'] });
    sockets[0].receive({ type: 'left', id: 'p3' });
    expect(client.peers.has('p3')).toBe(false);
  });
});

// The facilitation session: timer countdown from the server's remainingMs / endsAt + serverTime,
// vote state from `votes` / `voteResult`, follow-me and viewport fitting, locks (the document's
// mirror of the server's LOCKED rule) and routing through the sync client.
import { describe, expect, it } from 'vitest';
import { actor, REPLAY } from '../src/model/actor';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement, Op, Role } from '../src/model/types';
import { OpError } from '../src/model/types';
import type { SessionMsg } from '../src/protocol/messages';
import { fitViewport, FollowState } from '../src/session/follow';
import { formatClock, SessionStore } from '../src/session/store';
import { Failure, SyncClient } from '../src/sync/client';
import { FakeSocket } from './fakes';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

function session(over: Partial<SessionMsg> = {}): SessionMsg {
  return {
    type: 'session', timer: { state: 'idle', durationMs: 0, remainingMs: 0 }, vote: null, follow: null,
    privateWriting: false, boardLocked: false, cursorsHidden: false, serverTime: 5_000_000, ...over,
  };
}

describe('timer', () => {
  it('counts down locally from remainingMs and stops at zero', () => {
    const c = clock();
    const s = new SessionStore(c.now);
    s.handle(session({ timer: { state: 'running', durationMs: 300_000, remainingMs: 241_000 } }));
    expect(s.remainingMs()).toBe(241_000);
    c.advance(1_500);
    expect(s.remainingMs()).toBe(239_500);
    expect(formatClock(s.remainingMs())).toBe('4:00');
    c.advance(500_000);
    expect(s.remainingMs()).toBe(0);
  });

  it('uses endsAt corrected by serverTime when the clocks differ', () => {
    const c = clock(1_000_000); // the local clock is 4,000 s behind the server's
    const s = new SessionStore(c.now);
    s.handle(session({ serverTime: 5_000_000, timer: { state: 'running', durationMs: 300_000, remainingMs: 60_000, endsAt: 5_060_000 } }));
    expect(s.serverNow()).toBe(5_000_000);
    expect(s.remainingMs()).toBe(60_000);
    c.advance(10_000);
    expect(s.remainingMs()).toBe(50_000);
  });

  it('a paused timer holds its value; idle shows the duration; ended is zero', () => {
    const c = clock();
    const s = new SessionStore(c.now);
    s.handle(session({ timer: { state: 'paused', durationMs: 300_000, remainingMs: 123_456 } }));
    c.advance(60_000);
    expect(s.remainingMs()).toBe(123_456);
    expect(s.timerVisible).toBe(true);
    s.handle(session({ timer: { state: 'idle', durationMs: 0, remainingMs: 0 } }));
    expect(s.timerVisible).toBe(false);
    s.handle(session({ timer: { state: 'ended', durationMs: 300_000, remainingMs: 0 } }));
    expect(s.remainingMs()).toBe(0);
  });

  it('signals the end once, on the change to ended (not for a joiner who arrives after it)', () => {
    const s = new SessionStore(clock().now);
    let ends = 0;
    s.on('timerEnd', () => ends++);
    s.handle(session({ timer: { state: 'ended', durationMs: 1000, remainingMs: 0 } }));
    expect(ends).toBe(0); // first session of a joiner: no chime for an old end
    s.handle(session({ timer: { state: 'running', durationMs: 1000, remainingMs: 1000 } }));
    s.handle(session({ timer: { state: 'ended', durationMs: 1000, remainingMs: 0 } }));
    s.handle(session({ timer: { state: 'ended', durationMs: 1000, remainingMs: 0 } }));
    expect(ends).toBe(1);
  });

  it('formats clocks', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(3_600_000 + 65_000)).toBe('1:01:05');
  });
});

describe('dot voting', () => {
  const lane = (id: string): BoardElement => ({ id, type: 'lane', parent: null, index: 'a0', props: { kind: 'painpoints' } });
  const card = (id: string, parent: string): BoardElement => ({ id, type: 'card', parent, index: 'a1', props: { stage: 's1' } });

  it('tracks my dots, what is left and the total cast; a new vote starts clean', () => {
    const s = new SessionStore(clock().now);
    const vote = { lanes: ['lane-pain'], votesPerPerson: 3, multiplePerCard: false };
    s.handle(session({ vote }));
    expect(s.remaining).toBe(3);
    expect(s.canVoteOn(card('c1', 'lane-pain'), 'editor')).toBe(true);
    expect(s.canVoteOn(card('c2', 'lane-opp'), 'editor')).toBe(false);
    expect(s.canVoteOn(card('c1', 'lane-pain'), 'viewer')).toBe(false);
    expect(s.canVoteOn(lane('lane-pain'), 'editor')).toBe(false);

    s.handle({ type: 'votes', mine: { c1: 1 }, remaining: 2, cast: 5 });
    expect(s.dotsOn('c1')).toBe(1);
    expect(s.remaining).toBe(2);
    expect(s.cast).toBe(5);
    // no second dot on one card without multiplePerCard
    expect(s.canVoteOn(card('c1', 'lane-pain'), 'editor')).toBe(false);

    s.handle({ type: 'voteResult', ranked: [{ card: 'c7', votes: 3 }, { card: 'c1', votes: 5 }] });
    expect(s.result).toEqual([{ card: 'c1', votes: 5 }, { card: 'c7', votes: 3 }]);
    s.handle(session({ vote: null }));
    expect(s.mine).toEqual({});
    expect(s.result).not.toBeNull(); // the result stays visible after the close

    s.handle(session({ vote: { ...vote, multiplePerCard: true } }));
    expect(s.result).toBeNull();
    expect(s.remaining).toBe(3);
    s.handle({ type: 'votes', mine: { c1: 2 }, remaining: 1, cast: 2 });
    expect(s.canVoteOn(card('c1', 'lane-pain'), 'facilitator')).toBe(true);
    s.handle({ type: 'votes', mine: { c1: 3 }, remaining: 0, cast: 3 });
    expect(s.canVoteOn(card('c1', 'lane-pain'), 'facilitator')).toBe(false);
  });

  it('ignores messages that are not about facilitation', () => {
    const s = new SessionStore();
    expect(s.handle({ type: 'applied', seq: 1, author: 'p1', client: 'x', cid: 1, ops: [] })).toBe(false);
    expect(s.handle({ type: 'links', links: { edit: '/b/x#t=1' } })).toBe(true);
    expect(s.links).toEqual({ edit: '/b/x#t=1' });
  });
});

describe('follow me', () => {
  it('follows a leader until I move, re-follows on request, never follows myself', () => {
    let me: string | null = 'p2';
    const f = new FollowState(() => me);
    expect(f.following).toBe(false);
    f.setTarget('p1');
    expect(f.following).toBe(true);
    expect(f.leader).toBe('p1');
    f.userMoved();
    expect(f.following).toBe(false);
    expect(f.paused).toBe(true);
    f.setTarget('p1'); // the same session re-sent (e.g. the timer ticked): stays paused
    expect(f.following).toBe(false);
    f.refollow();
    expect(f.following).toBe(true);
    f.setTarget(null);
    expect(f.following).toBe(false);
    expect(f.paused).toBe(false);
    f.setTarget('p1');
    expect(f.following).toBe(true); // a new follow session engages again
    me = 'p1';
    expect(f.following).toBe(false); // the leader does not follow itself
    expect(f.leader).toBeNull();
  });

  it('fits the leader\'s visible area into my viewport, centred', () => {
    // leader sees 1000 x 500 world units from (100, 50); I am 800 x 800 pixels
    const cam = fitViewport({ x: 100, y: 50, w: 1000, h: 500, zoom: 1.4 }, 800, 800);
    expect(cam.zoom).toBeCloseTo(0.8);
    // centre stays at (600, 300)
    expect(cam.x + 800 / cam.zoom / 2).toBeCloseTo(600);
    expect(cam.y + 800 / cam.zoom / 2).toBeCloseTo(300);
    // no size: their zoom and top-left
    const z = fitViewport({ x: 10, y: 20, w: 0, h: 0, zoom: 2 }, 400, 300);
    expect(z).toEqual({ zoom: 2, x: 10, y: 20 });
    // clamped
    expect(fitViewport({ x: 0, y: 0, w: 1e7, h: 1e7, zoom: 1 }, 100, 100).zoom).toBe(0.05);
  });
});

describe('locks', () => {
  const grid: BoardElement[] = [
    { id: 's1', type: 'stage', parent: null, index: 'a0', props: { title: 'Buy' } },
    { id: 's2', type: 'stage', parent: null, index: 'a1', props: { title: 'Pay', locked: true } },
    { id: 'L1', type: 'lane', parent: null, index: 'a0', props: { kind: 'painpoints' } },
    { id: 'L2', type: 'lane', parent: null, index: 'a1', props: { kind: 'opportunities', locked: true } },
    { id: 'c1', type: 'card', parent: 'L1', index: 'a0', props: { stage: 's1', text: 'free' } },
    { id: 'c2', type: 'card', parent: 'L1', index: 'a1', props: { stage: 's2', text: 'in a locked stage' } },
    { id: 'c3', type: 'card', parent: 'L2', index: 'a0', props: { stage: 's1', text: 'in a locked lane' } },
    { id: 'c4', type: 'card', parent: 'L1', index: 'a2', props: { stage: 's1', text: 'locked', locked: true } },
  ];

  it('an element is locked by itself, its lane or its stage; the board lock binds all but facilitators', () => {
    const doc = new BoardDoc(grid);
    const editor = actor('editor', 'tab1');
    expect(['c1', 'c2', 'c3', 'c4'].map((id) => doc.isLockedFor(id, editor))).toEqual([false, true, true, true]);
    expect(doc.isLockedFor('c4', actor('facilitator', 'tab1'))).toBe(false);
    expect(doc.isLockedFor('c1', actor('editor', 'tab1', true))).toBe(true);
    expect(doc.isLockedFor('c1', actor('facilitator', 'tab1', true))).toBe(false);
    // the answer the UI gets is the rule apply() enforces
    for (const id of ['c1', 'c2', 'c3', 'c4']) {
      const r = doc.clone().tryApply([{ op: 'update', id, set: { text: 'x' } }], editor);
      expect(r.error?.code === 'LOCKED', id).toBe(doc.isLockedFor(id, editor));
    }
  });

  it('the document refuses an editor\'s edits of locked things with LOCKED, as the server does', () => {
    const code = (ops: Op[], role: Role) => new BoardDoc(grid).tryApply(ops, actor(role, 'tab1')).error?.code ?? 'ok';
    expect(code([{ op: 'update', id: 'c1', set: { text: 'x' } }], 'editor')).toBe('ok');
    expect(code([{ op: 'update', id: 'c2', set: { text: 'x' } }], 'editor')).toBe('LOCKED');
    expect(code([{ op: 'delete', id: 'c3' }], 'editor')).toBe('LOCKED');
    expect(code([{ op: 'move', id: 'c4', index: 'a5' }], 'editor')).toBe('LOCKED');
    expect(code([{ op: 'move', id: 'c1', parent: 'L2', index: 'a5' }], 'editor')).toBe('LOCKED');
    expect(code([{ op: 'create', id: 'n1', type: 'card', parent: 'L2', index: 'a9', props: { stage: 's1', text: 'n' } }], 'editor')).toBe('LOCKED');
    expect(code([{ op: 'update', id: 'c1', set: { locked: true } }], 'editor')).toBe('FORBIDDEN');
    expect(code([{ op: 'update', id: 'c4', set: { text: 'x' } }], 'facilitator')).toBe('ok');
    expect(code([{ op: 'update', id: 'c1', set: { locked: true } }], 'facilitator')).toBe('ok');
    expect(code([{ op: 'update', id: 'c4', unset: ['locked'] }], 'facilitator')).toBe('ok');
    // the server's own applied ops (REPLAY) always apply, private marks included
    expect(new BoardDoc(grid).tryApply([{ op: 'create', id: 'p1', type: 'card', parent: 'L1', index: 'b0V', props: { stage: 's1', text: 'secret', private: 'tab1' } }], REPLAY).error).toBeFalsy();
  });
});

describe('sync client routing', () => {
  function connected() {
    const sockets: FakeSocket[] = [];
    const client = new SyncClient({ url: 'ws://x', name: 'Ana', clientId: 'tab1', socketFactory: (url) => { const s = new FakeSocket(url); sockets.push(s); return s; }, setTimeout: () => 0, clearTimeout: () => {} });
    client.connect();
    const ws = sockets[0];
    ws.open();
    ws.receive({ type: 'welcome', v: 1, board: { id: 'b', title: 'T', template: 'journey' }, you: { id: 'p2', name: 'Ana', color: '#1971c2', role: 'editor' },
      participants: [{ id: 'p1', name: 'Fac', color: '#e8590c', role: 'facilitator' }], seq: 0, snapshot: { seq: 0, elements: [
        { id: 's1', type: 'stage', parent: null, index: 'a0', props: {} }, { id: 'L1', type: 'lane', parent: null, index: 'a0', props: { kind: 'painpoints' } },
      ] }, missed: null });
    return { client, ws };
  }

  it('passes facilitation messages on, applies a live role change, sends votes, refuses edits on a locked board', () => {
    const { client, ws } = connected();
    const store = new SessionStore();
    client.on('session', (m) => { store.handle(m); });
    ws.receive({ type: 'session', timer: null, vote: { lanes: ['L1'], votesPerPerson: 3, multiplePerCard: true }, follow: 'p1', privateWriting: true, boardLocked: false, cursorsHidden: false, serverTime: 1 });
    expect(store.vote?.votesPerPerson).toBe(3);
    expect(store.follow).toBe('p1');
    ws.receive({ type: 'participant', participant: { id: 'p2', name: 'Ana', color: '#1971c2', role: 'viewer' } });
    expect(client.role).toBe('viewer');
    ws.receive({ type: 'participant', participant: { id: 'p1', name: 'Fac', color: '#e8590c', role: 'editor' } });
    expect(client.peers.get('p1')?.role).toBe('editor');
    ws.receive({ type: 'participant', participant: { id: 'p2', name: 'Ana', color: '#1971c2', role: 'editor' } });
    expect(client.send({ type: 'vote', card: 'c1', delta: 1 })).toBe(true);
    expect(ws.ofType('vote').pop()).toEqual({ type: 'vote', card: 'c1', delta: 1 });
    const create: Op[] = [{ op: 'create', id: 'c9', type: 'card', parent: 'L1', index: 'a1', props: { stage: 's1', text: 'x' } }];
    ws.receive({ type: 'session', timer: null, vote: null, follow: null, privateWriting: false, boardLocked: true, cursorsHidden: false, serverTime: 2 });
    expect(client.boardLocked).toBe(true);
    expect(() => client.submit(create)).toThrow(OpError);
    expect(client.pending.length).toBe(0);
    ws.receive({ type: 'session', timer: null, vote: null, follow: null, privateWriting: false, boardLocked: false, cursorsHidden: false, serverTime: 3 });
    expect(client.submit(create).length).toBe(1);
  });

  it('a removal (close 4403) fails the connection instead of reconnecting, and says why by the close code', () => {
    const { client, ws } = connected();
    const errors: string[] = [];
    const failures: Failure[] = [];
    client.on('error', (code) => errors.push(code));
    client.on('failed', (f) => failures.push(f));
    ws.receive({ type: 'error', code: 'FORBIDDEN', message: 'removed' });
    expect(client.state).toBe('connected');
    ws.readyState = 3;
    ws.onclose?.({ code: 4403, reason: 'FORBIDDEN' });
    expect(client.state).toBe('failed');
    expect(errors).toEqual(['FORBIDDEN']);
    expect(failures).toEqual([{ kind: 'closed', closeCode: 4403, reason: 'FORBIDDEN' }]);
    expect(client.failure).toEqual(failures[0]);
  });
});

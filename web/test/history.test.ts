import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../src/model/doc';
import type { Op } from '../src/model/types';
import { changedFields, diffBoards, lastSeen, rememberSeen } from '../src/ui/history/diff';
import { IDLE_CAP_MS, MIN_DELAY_MS, replayLength, stepDelay, UNKNOWN_GAP_MS } from '../src/ui/history/pacing';
import { Player } from '../src/ui/history/player';
import { CHECKPOINT_EVERY, firstText, summarize, Timeline } from '../src/ui/history/timeline';
import type { Step } from '../src/ui/history/timeline';
import { baseBoard, card, FakeClock } from './fakes';

const step = (seq: number, at: number | null, ops: Op[]): Step => ({ seq, at, ops, name: null, server: false });
const text = (id: string, v: string): Op => ({ op: 'update', id, set: { text: v } });

describe('Timeline', () => {
  const tl = () => new Timeline({ seq: 4, elements: baseBoard() }, [
    step(5, 1000, [{ op: 'create', id: 'c2', type: 'card', parent: 'l1', index: 'W', props: { stage: 's2', text: 'two' } }]),
    step(7, 2000, [text('c1', 'one')]), // seq 6 was a private edit: not a step
    step(8, 3000, [{ op: 'delete', id: 'c2' }]),
  ]);

  it('rebuilds the board at each point, from the start', () => {
    const t = tl();
    expect(t.last).toBe(3);
    expect(t.docAt(0).has('c2')).toBe(false);
    expect(t.docAt(1).get('c2')!.props.text).toBe('two');
    expect(t.docAt(2).get('c1')!.props.text).toBe('one');
    expect(t.docAt(3).has('c2')).toBe(false);
    expect(t.docAt(99).has('c2')).toBe(false); // clamped to the last point
  });

  it('finds the point of a seq, and the seq and time of a point', () => {
    const t = tl();
    expect(t.pointOf(4)).toBe(0);
    expect(t.pointOf(6)).toBe(1); // the private edit's seq: the point before it
    expect(t.pointOf(7)).toBe(2);
    expect(t.pointOf(100)).toBe(3);
    expect(t.seqOf(0)).toBe(4);
    expect(t.seqOf(2)).toBe(7);
    expect(t.atOf(0)).toBeNull();
    expect(t.atOf(3)).toBe(3000);
  });

  it('gives documents the caller may change without touching the timeline', () => {
    const t = tl();
    const d = t.docAt(1);
    d.apply([{ op: 'delete', id: 'c1' }], { role: 'facilitator', client: 'x', boardLocked: false, department: null, server: true });
    expect(t.docAt(1).has('c1')).toBe(true);
  });

  it('is the same across checkpoints as applying every step', () => {
    const steps: Step[] = [];
    for (let i = 1; i <= CHECKPOINT_EVERY * 2 + 7; i++) steps.push(step(i, i * 10, [text('c1', `v${i}`)]));
    const t = new Timeline({ seq: 0, elements: baseBoard() }, steps);
    for (const p of [0, 1, CHECKPOINT_EVERY - 1, CHECKPOINT_EVERY, CHECKPOINT_EVERY + 1, CHECKPOINT_EVERY * 2 + 7]) {
      expect(t.docAt(p).get('c1')!.props.text).toBe(p === 0 ? 'c1' : `v${p}`);
    }
  });

  it('steps a document on one point at a time as docAt rebuilds it', () => {
    const t = tl();
    let d = t.docAt(0);
    for (let p = 0; p < t.last; p++) {
      d = t.stepOn(d, p);
      expect(d.toArray()).toEqual(t.docAt(p + 1).toArray());
    }
    expect(t.stepOn(d, t.last)).toBe(d);
  });

  it('grows with live steps, ignoring what it already has', () => {
    const t = tl();
    expect(t.append(step(8, 3000, [text('c1', 'again')]))).toBe(false);
    expect(t.append(step(9, 4000, [text('c1', 'live')]))).toBe(true);
    expect(t.last).toBe(4);
    expect(t.docAt(4).get('c1')!.props.text).toBe('live');
    expect(t.docAt(3).get('c1')!.props.text).toBe('one');
  });

  it('adds who made each change by seq', () => {
    const t = tl();
    t.addNames([{ seq: 7, name: 'Ann', server: false }, { seq: 8, name: null, server: true }]);
    expect(t.steps.map((s) => [s.name, s.server])).toEqual([[null, false], ['Ann', false], [null, true]]);
  });

  it('finds the words of a step', () => {
    expect(firstText([{ op: 'batch', ops: [{ op: 'move', id: 'a', index: 'b' }, text('a', '  hello ')] }])).toBe('hello');
    expect(firstText([{ op: 'delete', id: 'a' }, text('b', ' ')])).toBeNull();
  });

  it('summarises a step: a card created and deleted in one step is neither', () => {
    expect(summarize([
      { op: 'create', id: 'a', type: 'card', parent: 'l1', index: 'a', props: { stage: 's1' } },
      { op: 'batch', ops: [text('a', 'x'), text('b', 'y'), { op: 'move', id: 'c', index: 'b' }] },
      { op: 'delete', id: 'd' }, { op: 'create', id: 'e', type: 'card', parent: 'l1', index: 'a', props: { stage: 's1' } }, { op: 'delete', id: 'e' },
    ])).toEqual({ created: ['a'], updated: ['b', 'c'], deleted: ['d'] });
  });
});

describe('what changed since', () => {
  it('finds added, removed and changed cards and puts the removed ones back on the map', () => {
    const before = new BoardDoc([...baseBoard(), card('c2', 'l1', 's2', 'W'), card('c3', 'l1', 's1', 'X')]);
    const after = before.clone();
    after.apply([
      { op: 'delete', id: 'c2' }, text('c3', 'new text'),
      { op: 'create', id: 'c4', type: 'card', parent: 'l1', index: 'Y', props: { stage: 's1', text: 'four' } },
    ], { role: 'facilitator', client: 'x', boardLocked: false, department: null, server: true });
    const d = diffBoards(before, after);
    expect(d.changes.map((c) => [c.id, c.kind]).sort()).toEqual([['c2', 'removed'], ['c3', 'changed'], ['c4', 'added']]);
    expect(d.shown.has('c2')).toBe(true);
    expect(after.has('c2')).toBe(false); // the later board itself is not changed
    expect([...d.kinds.keys()].sort()).toEqual(['c2', 'c3', 'c4']);
  });

  it('lists a removed card whose lane is gone too, without a place on the map', () => {
    const before = new BoardDoc([...baseBoard(), card('c2', 'l2', 's2', 'W')]);
    const after = new BoardDoc(baseBoard().filter((e) => e.id !== 'l2'));
    const d = diffBoards(before, after);
    expect(d.changes.map((c) => [c.id, c.kind])).toEqual([['c2', 'removed']]);
    expect(d.shown.has('c2')).toBe(false);
    expect(d.kinds.has('c2')).toBe(false);
  });

  it('counts a card moved to another cell as changed, and nothing when nothing changed', () => {
    const before = new BoardDoc(baseBoard());
    expect(diffBoards(before, before.clone()).changes).toEqual([]);
    const after = new BoardDoc([...baseBoard().filter((e) => e.id !== 'c1'), card('c1', 'l1', 's2', 'V')]);
    expect(diffBoards(before, after).changes.map((c) => c.kind)).toEqual(['changed']);
    const moved = new BoardDoc([...baseBoard().filter((e) => e.id !== 'c1'), card('c1', 'l1', 's2', 'V', { text: 'new', kano: 'must-be' })]);
    expect(changedFields(diffBoards(before, moved).changes[0])).toEqual(['moved', 'text', 'kano']);
  });

  it('remembers per board the seq I saw last', () => {
    const m = new Map<string, string>();
    const store = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => { m.set(k, v); } };
    expect(lastSeen('b1', store)).toBeNull();
    rememberSeen('b1', 42, store);
    expect(lastSeen('b1', store)).toBe(42);
    expect(lastSeen('b2', store)).toBeNull();
    m.set('jb.seen.b3', 'garbage');
    expect(lastSeen('b3', store)).toBeNull();
  });
});

describe('replay pacing', () => {
  it('divides the real gap by the speed', () => {
    expect(stepDelay(1000, 2000, 1)).toBe(1000);
    expect(stepDelay(1000, 2000, 10)).toBe(100);
  });

  it('compresses long idle gaps', () => {
    expect(stepDelay(0, 3_600_000, 1)).toBe(IDLE_CAP_MS);
    expect(stepDelay(0, 3_600_000, 50)).toBe(IDLE_CAP_MS / 50);
  });

  it('spaces steps of unknown time, never waits less than a frame, keeps the speed within 1x..50x', () => {
    expect(stepDelay(null, 5000, 1)).toBe(UNKNOWN_GAP_MS);
    expect(stepDelay(1000, 1000, 50)).toBe(MIN_DELAY_MS);
    expect(stepDelay(2000, 1000, 1)).toBe(MIN_DELAY_MS); // clocks that went back
    expect(stepDelay(0, 1000, 500)).toBe(stepDelay(0, 1000, 50));
    expect(stepDelay(0, 1000, 0)).toBe(1000);
  });

  it('adds up to the replay length', () => {
    const ats = [null, 0, 1000, 1_000_000];
    expect(replayLength(ats, 1)).toBe(UNKNOWN_GAP_MS + 1000 + IDLE_CAP_MS);
    expect(replayLength(ats, 1, 2)).toBe(IDLE_CAP_MS);
  });
});

describe('Player', () => {
  function setup(ats: (number | null)[]) {
    const clock = new FakeClock();
    let point = 0;
    const shown: number[] = [];
    let changes = 0;
    const player = new Player({
      point: () => point, last: () => ats.length - 1, atOf: (p) => ats[p],
      show: (p) => { point = p; shown.push(p); }, changed: () => { changes++; },
    }, clock);
    return { clock, player, shown, at: () => point, changes: () => changes };
  }

  it('plays to the end at the pace of the steps, then stops', () => {
    const s = setup([null, 10_000, 11_000, 13_000]);
    s.player.setSpeed(1);
    s.player.play();
    expect(s.player.playing).toBe(true);
    s.clock.advance(UNKNOWN_GAP_MS - 1);
    expect(s.shown).toEqual([]);
    s.clock.advance(1);
    expect(s.shown).toEqual([1]);
    s.clock.advance(1000);
    expect(s.shown).toEqual([1, 2]);
    s.clock.advance(2000);
    expect(s.shown).toEqual([1, 2, 3]);
    expect(s.player.playing).toBe(false);
  });

  it('takes a speed change from the next step', () => {
    const s = setup([null, 0, 2000, 4000, 6000]);
    s.player.setSpeed(1);
    s.player.play();
    s.clock.advance(UNKNOWN_GAP_MS + 2000);
    expect(s.at()).toBe(2);
    s.player.setSpeed(50);
    s.clock.advance(2000); // the step already waiting keeps its 1x delay
    expect(s.at()).toBe(3);
    s.clock.advance(2000 / 50);
    expect(s.at()).toBe(4);
    expect(s.player.playing).toBe(false);
  });

  it('starts from the beginning when at the end, and pauses', () => {
    const s = setup([null, 0, 10]);
    s.player.play();
    s.clock.advance(10_000);
    expect(s.at()).toBe(2);
    s.player.play();
    expect(s.shown.slice(-1)).toEqual([0]);
    s.player.pause();
    s.clock.advance(10_000);
    expect(s.at()).toBe(0);
    expect(s.player.playing).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { actor, REPLAY } from '../src/model/actor';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement, Op } from '../src/model/types';
import { restorable, restoreOps } from '../src/edit/restore';
import { UndoManager } from '../src/sync/undo';
import { baseBoard, card, lane, stage } from './fakes';

const FAC = actor('facilitator', 'me');

const shape = (id: string, parent: string | null, x: number): BoardElement => ({ id, type: 'shape', parent, index: 'a', props: { x, y: 0, w: 100, h: 80, shape: 'rect' } });
const connector = (id: string, from: string, to: string): BoardElement => ({ id, type: 'connector', parent: null, index: 'a', props: { from, to } });
const comment = (id: string, on: string): BoardElement => ({ id, type: 'comment', parent: on, index: 'a', props: { text: 'why?', author: 'Ann', by: 'ann-tab', at: 1 } });
const version = (id: string): BoardElement => ({ id, type: 'version', parent: null, index: 'V', props: { name: 'after workshop 1', seq: 3, at: 1 } });

/** The map of a document (what a restore is about), sorted for comparison. */
const mapOf = (d: BoardDoc) => d.toArray().filter(restorable).sort((a, b) => a.id.localeCompare(b.id));

/** Restores past onto a copy of now as a facilitator would: the ops must apply under the normal rules. */
function restore(now: BoardDoc, past: BoardDoc): { doc: BoardDoc; ops: Op[] } {
  const doc = now.clone();
  const ops = restoreOps(doc, past);
  doc.apply(ops, FAC);
  return { doc, ops };
}

describe('restoreOps', () => {
  it('is empty when the map is as it was', () => {
    const d = new BoardDoc(baseBoard());
    expect(restoreOps(d, d.clone())).toEqual([]);
  });

  it('brings back deleted cards, removes new ones, undoes text changes with set and unset', () => {
    const past = new BoardDoc([...baseBoard(), card('c2', 'l1', 's2', 'W', { emotion: 1 })]);
    const now = past.clone();
    now.apply([
      { op: 'delete', id: 'c2' },
      { op: 'create', id: 'c3', type: 'card', parent: 'l1', index: 'X', props: { stage: 's1', text: 'new' } },
      { op: 'update', id: 'c1', set: { text: 'changed', kano: 'must-be' } },
    ], REPLAY);
    const { doc, ops } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
    expect(ops).toContainEqual({ op: 'update', id: 'c1', set: { text: 'c1' }, unset: ['kano'] });
    expect(ops).toContainEqual({ op: 'delete', id: 'c3' });
  });

  it('moves cards back to their lane, stage and place', () => {
    const past = new BoardDoc(baseBoard());
    const now = past.clone();
    now.apply([{ op: 'move', id: 'c1', parent: 'l2', index: 'Z' }, { op: 'update', id: 'c1', set: { stage: 's2' } }], REPLAY);
    const { doc, ops } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
    expect(ops).toEqual([{ op: 'move', id: 'c1', parent: 'l1', index: 'V' }, { op: 'update', id: 'c1', set: { stage: 's1' } }]);
  });

  it('re-creates a deleted lane before the cards that were in it', () => {
    const past = new BoardDoc([...baseBoard(), lane('l3', 'c'), card('c4', 'l3', 's1', 'a'), card('c5', 'l3', 's2', 'b')]);
    const now = past.clone();
    now.apply([{ op: 'delete', id: 'l3' }], REPLAY); // its cards go with it
    expect(now.has('c4')).toBe(false);
    const { doc, ops } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
    const order = ops.map((o) => (o.op === 'create' ? o.id : '?'));
    expect(order.indexOf('l3')).toBeLessThan(order.indexOf('c4'));
    expect(order.indexOf('l3')).toBeLessThan(order.indexOf('c5'));
  });

  it('brings back a deleted lane and moves back the card that was saved from it into another lane', () => {
    const past = new BoardDoc([...baseBoard(), lane('l3', 'c'), card('c4', 'l3', 's1', 'a')]);
    const now = past.clone();
    now.apply([{ op: 'move', id: 'c4', parent: 'l1', index: 'Z' }, { op: 'delete', id: 'l3' }], REPLAY);
    expect(now.get('c4')!.parent).toBe('l1');
    const { doc, ops } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
    expect(ops).toEqual([{ op: 'create', id: 'l3', type: 'lane', parent: null, index: 'c', props: past.get('l3')!.props }, { op: 'move', id: 'c4', parent: 'l3', index: 'a' }]);
  });

  it('deletes a new stage once: its cards go with it', () => {
    const past = new BoardDoc(baseBoard());
    const now = past.clone();
    now.apply([
      { op: 'create', id: 's9', type: 'stage', parent: null, index: 'z', props: { title: 'new' } },
      { op: 'create', id: 'c9', type: 'card', parent: 'l1', index: 'a', props: { stage: 's9' } },
    ], REPLAY);
    const { doc, ops } = restore(now, past);
    expect(ops).toEqual([{ op: 'delete', id: 's9' }]);
    expect(mapOf(doc)).toEqual(mapOf(past));
  });

  it('keeps a card that was moved out of a stage that goes away', () => {
    const past = new BoardDoc(baseBoard());
    const now = past.clone();
    now.apply([
      { op: 'create', id: 's9', type: 'stage', parent: null, index: 'z', props: { title: 'new' } },
      { op: 'update', id: 'c1', set: { stage: 's9' } },
    ], REPLAY);
    const { doc } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
  });

  it('re-creates nested shapes outside in, and connectors after their ends', () => {
    const past = new BoardDoc([...baseBoard(), shape('outer', null, 0), shape('inner', 'outer', 10), shape('innermost', 'inner', 20), connector('k1', 'innermost', 'c1')]);
    const now = past.clone();
    now.apply([{ op: 'delete', id: 'outer' }], REPLAY);
    expect(now.has('k1')).toBe(false); // a connector goes with its end
    const { doc, ops } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
    expect(ops.map((o) => (o as { id: string }).id)).toEqual(['outer', 'inner', 'innermost', 'k1']);
  });

  it('moves a shape back out of the shape it was put into, before that shape is deleted', () => {
    const past = new BoardDoc([...baseBoard(), shape('a', null, 0)]);
    const now = past.clone();
    now.apply([{ op: 'create', id: 'b', type: 'shape', parent: null, index: 'b', props: { x: 0, y: 0, w: 300, h: 300, shape: 'ellipse' } }, { op: 'move', id: 'a', parent: 'b', index: 'a' }], REPLAY);
    const { doc } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
  });

  it('re-points a connector whose end changed', () => {
    const past = new BoardDoc([...baseBoard(), card('c2', 'l1', 's2', 'W'), connector('k1', 'c1', 'c2')]);
    const now = past.clone();
    now.apply([{ op: 'update', id: 'k1', set: { to: 'c1' } }, { op: 'delete', id: 'c2' }], REPLAY);
    expect(now.has('k1')).toBe(true);
    const { doc } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
  });

  it('creates cards that reference each other (addresses) with a trailing update', () => {
    const past = new BoardDoc([...baseBoard(), lane('lp', 'c', 'painpoints'), lane('lo', 'd', 'opportunities'),
      card('p1', 'lp', 's1', 'a'), card('o1', 'lo', 's1', 'a', { addresses: ['p1'] })]);
    const now = past.clone();
    now.apply([{ op: 'delete', id: 'o1' }, { op: 'delete', id: 'p1' }], REPLAY);
    const { doc } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
  });

  it('creates a department before the lane scoped to it and the card it owns', () => {
    const dept = { id: 'zz-dept', type: 'department' as const, parent: null, index: 'a', props: { title: 'Logistics' } };
    const past = new BoardDoc([...baseBoard(), { ...lane('l3', 'c'), props: { ...lane('l3', 'c').props, scope: ['zz-dept'] } }, card('c4', 'l3', 's1', 'a', { dept: 'zz-dept' }), dept]);
    const now = new BoardDoc(baseBoard());
    const { doc, ops } = restore(now, past);
    expect(mapOf(doc)).toEqual(mapOf(past));
    expect((ops[0] as { id: string }).id).toBe('zz-dept');
  });

  it('never deletes or changes comments and versions, nor my private notes', () => {
    const past = new BoardDoc(baseBoard());
    const now = past.clone();
    now.apply([
      { op: 'create', id: 'k1', type: 'comment', parent: 'c1', index: 'a', props: comment('k1', 'c1').props },
      { op: 'create', id: 'v1', type: 'version', parent: null, index: 'V', props: version('v1').props },
      { op: 'create', id: 'mine', type: 'sticky', parent: null, index: 'a', props: { x: 1, y: 1, private: 'me' } },
    ], REPLAY);
    const ops = restoreOps(now, past);
    expect(ops).toEqual([]);
  });

  it('leaves comments of the past alone too (a restore does not resurrect a deleted thread)', () => {
    const past = new BoardDoc([...baseBoard(), comment('k1', 'c1'), version('v1')]);
    const now = new BoardDoc(baseBoard());
    expect(restoreOps(now, past)).toEqual([]);
  });

  it('does not write server-only properties (a feedback summary stays as the server keeps it)', () => {
    const past = new BoardDoc([...baseBoard().filter((e) => e.id !== 'c1'), card('c1', 'l1', 's1', 'V', { feedback: { count: 1, quotes: [] } })]);
    const now = new BoardDoc([...baseBoard().filter((e) => e.id !== 'c1'), card('c1', 'l1', 's1', 'V', { feedback: { count: 5, quotes: [] }, text: 'x' })]);
    expect(restoreOps(now, past)).toEqual([{ op: 'update', id: 'c1', set: { text: 'c1' } }]);
  });

  it('restores structure: a stage renamed and reordered back', () => {
    const past = new BoardDoc([...baseBoard()]);
    const now = past.clone();
    now.apply([{ op: 'update', id: 's1', set: { labels: { zh: '新', en: 'new' } } }, { op: 'move', id: 's1', index: 'c' }, { op: 'create', id: 's0', type: 'stage', parent: null, index: 'A', props: { title: 'x' } }], REPLAY);
    expect(mapOf(restore(now, past).doc)).toEqual(mapOf(past));
  });

  it('is taken back by one undo, and done again by redo', () => {
    const past = new BoardDoc([...baseBoard(), lane('l3', 'c'), card('c4', 'l3', 's1', 'a')]);
    const now = past.clone();
    now.apply([{ op: 'delete', id: 'l3' }, { op: 'update', id: 'c1', set: { text: 'later' } }, { op: 'create', id: 'c7', type: 'card', parent: 'l1', index: 'Z', props: { stage: 's2' } }], REPLAY);
    const before = mapOf(now);
    const doc = now.clone();
    const undo = new UndoManager();
    undo.record(doc.apply(restoreOps(doc, past), FAC));
    expect(mapOf(doc)).toEqual(mapOf(past));
    const submit = (ops: Op[]) => doc.apply(ops, FAC);
    expect(undo.undo(doc, submit)).toBe(true);
    expect(mapOf(doc)).toEqual(before);
    expect(undo.redo(doc, submit)).toBe(true);
    expect(mapOf(doc)).toEqual(mapOf(past));
  });

  it('gives ops an editor may send when only cards changed', () => {
    const past = new BoardDoc([...baseBoard(), card('c2', 'l1', 's2', 'W')]);
    const now = past.clone();
    now.apply([{ op: 'delete', id: 'c2' }], REPLAY);
    const doc = now.clone();
    doc.apply(restoreOps(doc, past), actor('editor', 'ed'));
    expect(mapOf(doc)).toEqual(mapOf(past));
  });

  it('works from an empty board (the board as created) and back to it', () => {
    const empty = new BoardDoc([stage('s1', 'a')]);
    const full = new BoardDoc([...baseBoard(), shape('outer', null, 0), connector('k', 'outer', 'c1')]);
    expect(mapOf(restore(full, empty).doc)).toEqual(mapOf(empty));
    expect(mapOf(restore(empty, full).doc)).toEqual(mapOf(full));
  });
});

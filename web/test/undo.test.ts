import { describe, expect, it } from 'vitest';
import { REPLAY } from '../src/model/actor';
import { BoardDoc } from '../src/model/doc';
import { planRevert, UndoManager, revertOps } from '../src/sync/undo';
import type { Op } from '../src/model/types';
import { baseBoard, card } from './fakes';

function env() {
  const doc = new BoardDoc(baseBoard());
  const undo = new UndoManager();
  const mine = (ops: Op[]) => { const ch = doc.apply(ops, REPLAY); undo.record(ch); return ch; };
  const theirs = (ops: Op[]) => doc.apply(ops, REPLAY);
  const submit = (ops: Op[]) => doc.apply(ops, REPLAY);
  return { doc, undo, mine, theirs, submit };
}

describe('undo/redo', () => {
  it('undoes only my property change and keeps others\' changes to other properties', () => {
    const { doc, undo, mine, theirs, submit } = env();
    mine([{ op: 'update', id: 'c1', set: { text: 'mine', emotion: -1 } }]);
    theirs([{ op: 'update', id: 'c1', set: { csat: 2 } }]);
    expect(undo.undo(doc, submit)).toBe(true);
    expect(doc.get('c1')!.props).toEqual({ stage: 's1', text: 'c1', csat: 2 });
    expect(undo.redo(doc, submit)).toBe(true);
    expect(doc.get('c1')!.props).toEqual({ stage: 's1', text: 'mine', emotion: -1, csat: 2 });
  });

  it('undoes a create as a delete and a delete as a re-create', () => {
    const { doc, undo, mine, submit } = env();
    mine([{ op: 'create', id: 'c2', type: 'card', parent: 'l1', index: 'W', props: { stage: 's2', text: 'hi' } }]);
    mine([{ op: 'delete', id: 'c1' }]);
    undo.undo(doc, submit);
    expect(doc.get('c1')).toEqual(card('c1', 'l1', 's1', 'V'));
    undo.undo(doc, submit);
    expect(doc.has('c2')).toBe(false);
    undo.redo(doc, submit);
    expect(doc.get('c2')!.props.text).toBe('hi');
  });

  it('undoes a cross-cell move', () => {
    const { doc, undo, mine, submit } = env();
    mine([{ op: 'move', id: 'c1', parent: 'l2', index: 'X' }, { op: 'update', id: 'c1', set: { stage: 's2' } }]);
    undo.undo(doc, submit);
    expect(doc.get('c1')).toEqual(card('c1', 'l1', 's1', 'V'));
  });

  it('skips what cannot be undone because others deleted it, and moves on to older entries', () => {
    const { doc, undo, mine, theirs, submit } = env();
    mine([{ op: 'update', id: 'c1', set: { text: 'older' } }]);
    mine([{ op: 'create', id: 'c2', type: 'card', parent: 'l1', index: 'W', props: { stage: 's2', text: 'hi' } }]);
    theirs([{ op: 'delete', id: 'c2' }]);
    expect(undo.undo(doc, submit)).toBe(true); // c2 already gone: falls through to the text change
    expect(doc.get('c1')!.props.text).toBe('c1');
    expect(undo.canUndo).toBe(false);
  });

  it('re-creates a deleted stage together with its cards in a valid order', () => {
    const { doc, undo, submit } = env();
    const changes = doc.apply([{ op: 'delete', id: 's1' }], REPLAY);
    expect(doc.has('c1')).toBe(false);
    undo.record(changes);
    undo.undo(doc, submit);
    expect(doc.has('s1')).toBe(true);
    expect(doc.has('c1')).toBe(true);
  });

  it('does not touch a property someone else changed to my target value already', () => {
    const { doc, mine } = env();
    const ch = mine([{ op: 'update', id: 'c1', set: { text: 'mine' } }]);
    doc.apply([{ op: 'update', id: 'c1', set: { text: 'c1' } }], REPLAY);
    expect(revertOps(doc, ch, 'undo')).toEqual([]);
  });

  it('never silently deletes a card someone edited after I created it: it asks, and keeps it on no', () => {
    const { doc, undo, mine, theirs, submit } = env();
    mine([{ op: 'create', id: 'c2', type: 'card', parent: 'l1', index: 'W', props: { stage: 's1', text: 'mine' } }]);
    theirs([{ op: 'update', id: 'c2', set: { text: 'mine, and Sam\'s words' } }]);
    const asked: string[][] = [];
    expect(undo.undo(doc, submit, (ids) => { asked.push(ids); return false; })).toBe(true);
    expect(asked).toEqual([['c2']]);
    expect(doc.get('c2')!.props.text).toBe('mine, and Sam\'s words');
    // no question at all keeps it too
    mine([{ op: 'create', id: 'c3', type: 'card', parent: 'l1', index: 'X', props: { stage: 's1', text: 'x' } }]);
    theirs([{ op: 'update', id: 'c3', set: { emotion: 1 } }]);
    undo.undo(doc, submit);
    expect(doc.has('c3')).toBe(true);
  });

  it('deletes it when the user says yes, and asks nothing when nobody else touched it', () => {
    const { doc, undo, mine, theirs, submit } = env();
    mine([{ op: 'create', id: 'c2', type: 'card', parent: 'l1', index: 'W', props: { stage: 's1', text: 'mine' } }]);
    theirs([{ op: 'move', id: 'c2', parent: 'l1', index: 'U' }]);
    expect(undo.undo(doc, submit, () => true)).toBe(true);
    expect(doc.has('c2')).toBe(false);
    mine([{ op: 'create', id: 'c4', type: 'card', parent: 'l1', index: 'W', props: { stage: 's1', text: 'alone' } }]);
    let asked = false;
    undo.undo(doc, submit, () => (asked = true));
    expect(asked).toBe(false);
    expect(doc.has('c4')).toBe(false);
  });

  it('asks before deleting a lane I made that others put cards in', () => {
    const { doc, undo, mine, theirs, submit } = env();
    mine([{ op: 'create', id: 'l9', type: 'lane', parent: null, index: 'z', props: { kind: 'custom' } }]);
    theirs([{ op: 'create', id: 'k1', type: 'card', parent: 'l9', index: 'V', props: { stage: 's1', text: 'theirs' } }]);
    const plan = planRevert(doc, [{ id: 'l9', before: null, after: doc.get('l9')! }], 'undo');
    expect(plan.foreign).toEqual(['l9']);
    undo.undo(doc, submit, () => false);
    expect(doc.has('k1')).toBe(true);
  });

  it('keeps a text or a place someone else set after my edit', () => {
    const { doc, undo, mine, theirs, submit } = env();
    mine([{ op: 'update', id: 'c1', set: { text: 'mine' } }]);
    theirs([{ op: 'update', id: 'c1', set: { text: 'theirs' } }]);
    undo.undo(doc, submit);
    expect(doc.get('c1')!.props.text).toBe('theirs');
    mine([{ op: 'move', id: 'c1', parent: 'l2', index: 'X' }]);
    theirs([{ op: 'move', id: 'c1', parent: 'l1', index: 'Y' }]);
    undo.undo(doc, submit);
    expect(doc.get('c1')!.parent).toBe('l1');
    expect(doc.get('c1')!.index).toBe('Y');
  });
});

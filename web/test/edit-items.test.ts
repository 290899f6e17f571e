// Pure op builders for free items, copy/paste, delete and structure edits (src/edit/). Each list
// of ops is applied to the document with the actor who would send it.
import { describe, expect, it } from 'vitest';
import { actor, Actor } from '../src/model/actor';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement, Op } from '../src/model/types';
import { createFreeTextOps, createInkOps, createShapeOps, newFreeTextAt, simplify } from '../src/edit/create';
import { deleteOps, inChunks, structuralAmong } from '../src/edit/delete';
import { clipElements, clipText, parseClipText, pasteOps } from '../src/edit/paste';
import { colorOps, lockOps, updateOp } from '../src/edit/props';
import { addStructureOps, moveStructureOps, reorderSlot, reorderStructureOps } from '../src/edit/structure';
import { dragIds, frameAt, translateOps } from '../src/edit/translate';
import { layoutBoard } from '../src/render/layout';
import { TextLayout } from '../src/render/text';
import { baseBoard, card } from './fakes';

const text = new TextLayout((s) => [...s].length * 7);
const editor = actor('editor', 'tab1');
const facilitator = actor('facilitator', 'tab2');
const layout = (doc: BoardDoc) => layoutBoard(doc, text, 'en', { stage: 'Stage', lane: 'Lane' });

const shape = (id: string, x: number, y: number, w: number, h: number, parent: string | null = null): BoardElement =>
  ({ id, type: 'shape', parent, index: `V${id}`, props: { shape: 'rect', x, y, w, h } });
const sticky = (id: string, x: number, y: number, parent: string | null = null): BoardElement =>
  ({ id, type: 'sticky', parent, index: `V${id}`, props: { x, y, w: 100, h: 80, text: id } });
const connector = (id: string, from: string, to: string): BoardElement => ({ id, type: 'connector', parent: null, index: `W${id}`, props: { from, to } });

/** A frame f1 (0,0 400×300) holding sticky n1, a free sticky n2, a connector k1 from n1 to n2. */
const board = () => new BoardDoc([...baseBoard(), shape('f1', 1000, 0, 400, 300), sticky('n1', 1010, 10, 'f1'), sticky('n2', 1600, 0), connector('k1', 'n1', 'n2')]);

function applied(doc: BoardDoc, ops: Op[], who: Actor = editor): BoardDoc {
  const next = doc.clone();
  const r = next.tryApply(ops, who);
  expect(r.error?.code ?? 'ok', r.error?.message).toBe('ok');
  return next;
}

describe('moving free items', () => {
  it('moves x and y by the drag (one decimal) and ignores a jitter', () => {
    const doc = board();
    const next = applied(doc, translateOps(doc, new Set(['n2']), 10.04, -5.06));
    expect(next.get('n2')!.props).toMatchObject({ x: 1610, y: -5.1 });
    expect(translateOps(doc, new Set(['n2']), 0.2, 0.3)).toEqual([]);
  });

  it('an item dropped entirely inside a shape joins it, one dragged out leaves it', () => {
    const doc = board();
    const into = applied(doc, translateOps(doc, new Set(['n2']), -500, 100));
    expect(into.get('n2')!.parent).toBe('f1');
    const out = applied(doc, translateOps(doc, new Set(['n1']), 0, 1000));
    expect(out.get('n1')!.parent).toBeNull();
    expect(frameAt(doc, { x: 1100, y: 100, w: 10, h: 10 }, new Set())!.id).toBe('f1');
    expect(frameAt(doc, { x: 1100, y: 100, w: 10, h: 10 }, new Set(['f1']))).toBeNull();
  });

  it('a frame takes its children along and they stay in it', () => {
    const doc = board();
    const ids = dragIds(doc, new Set(['f1']), doc.get('f1')!);
    expect([...ids].sort()).toEqual(['f1', 'n1']);
    const next = applied(doc, translateOps(doc, ids, 50, 50));
    expect(next.get('n1')).toMatchObject({ parent: 'f1', props: { x: 1060, y: 60 } });
  });

  it('drags cards with cards and free items with free items, never connectors or the grid', () => {
    const doc = board();
    const sel = new Set(['c1', 'n2', 'k1', 's1']);
    expect([...dragIds(doc, sel, doc.get('n2')!)]).toEqual(['n2']);
    expect([...dragIds(doc, sel, doc.get('c1')!)].sort()).toEqual(['c1', 'n2']);
    expect([...dragIds(doc, new Set(), doc.get('n2')!)]).toEqual(['n2']);
  });
});

describe('new free items', () => {
  it('a sticky drawn inside a frame goes into it; empty text makes nothing', () => {
    const doc = board();
    const item = newFreeTextAt(doc, 'sticky', 1100, 100);
    expect(item.parent).toBe('f1');
    expect(createFreeTextOps('s9', item, ' ')).toEqual([]);
    expect(applied(doc, createFreeTextOps('s9', item, 'idea')).get('s9')).toMatchObject({ parent: 'f1', props: { w: 180, h: 140, text: 'idea' } });
    const t = newFreeTextAt(doc, 'text', 5000, 5000);
    expect(applied(doc, createFreeTextOps('t9', t, 'Title')).get('t9')).toMatchObject({ parent: null, props: { size: 20, w: 240, h: 36 } });
  });

  it('a shape from a drag, or a default one from a click', () => {
    const doc = board();
    expect(applied(doc, createShapeOps(doc, 'r1', 'ellipse', 300, 200, 100, 50)).get('r1')!.props).toEqual({ shape: 'ellipse', x: 100, y: 50, w: 200, h: 150 });
    expect(applied(doc, createShapeOps(doc, 'r2', 'rect', 100, 100, 105, 103)).get('r2')!.props).toMatchObject({ x: 20, y: 50, w: 160, h: 100 });
  });

  it('an ink stroke keeps points relative to its first one, at most 1000 of them', () => {
    const doc = board();
    const next = applied(doc, createInkOps(doc, 'i1', [10, 20, 15.55, 30, 20, 20], '#1971c2'));
    expect(next.get('i1')!.props).toEqual({ x: 10, y: 20, points: [0, 0, 5.6, 10, 10, 0], size: 3, color: '#1971c2' });
    const long = Array.from({ length: 5000 }, (_, i) => i);
    const s = simplify(long, 1000);
    expect(s.length).toBe(2000);
    expect([s[0], s[1], s[1998], s[1999]]).toEqual([0, 1, 4998, 4999]);
  });
});

describe('copy and paste', () => {
  it('a copy takes a frame\'s children and connectors with both ends, never stages or lanes', () => {
    const doc = board();
    expect(clipElements(doc, ['f1', 'n2', 's1']).map((e) => e.id).sort()).toEqual(['f1', 'k1', 'n1', 'n2']);
    expect(clipElements(doc, ['n2', 'k1']).map((e) => e.id)).toEqual(['n2']);
  });

  it('pastes copies with fresh ids, frames before children and connectors after their ends', () => {
    const doc = board();
    let n = 0;
    const ops = pasteOps(doc, layout(doc), clipElements(doc, ['f1', 'n2']), null, () => `p${n++}`);
    const next = applied(doc, ops);
    expect(next.size).toBe(doc.size + 4);
    const copyOf = (id: string) => next.toArray().find((e) => e.id.startsWith('p') && e.props.text === id);
    expect(copyOf('n1')!.parent).toBe(next.toArray().find((e) => e.id.startsWith('p') && e.type === 'shape')!.id);
    expect(copyOf('n2')!.props).toMatchObject({ x: 1624, y: 24 });
    const k = next.toArray().find((e) => e.id.startsWith('p') && e.type === 'connector')!;
    expect(k.props).toEqual({ from: copyOf('n1')!.id, to: copyOf('n2')!.id });
    expect(ops[ops.length - 1]).toMatchObject({ op: 'create', type: 'connector' });
  });

  it('pastes free items at the pointer and cards of one cell into the cell under it', () => {
    const doc = new BoardDoc([...baseBoard(), card('c2', 'l1', 's1', 'W'), sticky('n2', 1600, 0)]);
    const L = layout(doc);
    const s2 = L.stages[1], l1 = L.lanes[0];
    let n = 0;
    const at = { x: s2.x + 20, y: l1.y + 20 };
    const ops = pasteOps(doc, L, clipElements(doc, ['c1', 'c2', 'n2']), at, () => `p${n++}`);
    const next = applied(doc, ops);
    const cards = next.toArray().filter((e) => e.type === 'card' && e.id.startsWith('p'));
    expect(cards.map((c) => [c.parent, c.props.stage, c.props.text])).toEqual([['l1', 's2', 'c1'], ['l1', 's2', 'c2']]);
    expect(next.toArray().find((e) => e.type === 'sticky' && e.id.startsWith('p'))!.props).toMatchObject({ x: at.x, y: at.y });
  });

  it('never copies what only the server or the facilitator writes: votes, private, feedback, emotion rounds, TOP, lock', () => {
    const voted = card('v1', 'l1', 's1', 'X', { votes: 5, private: 'tab9', top: 1, locked: true, emotion: -1, feedback: { count: 3 }, emotionRounds: [] });
    const note = { ...sticky('n5', 1600, 400), props: { ...sticky('n5', 1600, 400).props, votes: 2, private: 'tab9' } };
    const doc = new BoardDoc([...baseBoard(), voted, note]);
    let n = 0;
    const ops = pasteOps(doc, layout(doc), clipElements(doc, ['v1', 'n5']), null, () => `p${n++}`);
    expect(ops).toHaveLength(2);
    for (const op of ops) {
      if (op.op !== 'create') throw new Error(op.op);
      for (const k of ['votes', 'private', 'feedback', 'emotionRounds', 'top', 'locked']) expect(op.props[k]).toBeUndefined();
    }
    expect((ops.find((o) => o.op === 'create' && o.type === 'card') as { props: object }).props).toEqual({ stage: 's1', text: 'v1', emotion: -1 });
    // what is left is a paste an editor may send
    const cardOnly = ops.filter((o) => o.op === 'create' && o.type === 'card');
    expect(cardOnly).toHaveLength(1);
  });

  it('reads back its own clipboard text; other JSON is not a copy; plain text is not JSON', () => {
    const els = clipElements(board(), ['n2']);
    expect(parseClipText(clipText(els))).toEqual(els);
    expect(parseClipText('{"a":1}')).toBeNull();
    expect(parseClipText('支付步骤多')).toBeUndefined();
  });
});

describe('delete', () => {
  it('sends one delete per element a previous delete does not take along', () => {
    const doc = board();
    expect(deleteOps(doc, ['f1', 'n1', 'k1', 'n2'])).toEqual([{ op: 'delete', id: 'f1' }, { op: 'delete', id: 'n2' }]);
    expect(deleteOps(doc, ['s1', 'c1'])).toEqual([{ op: 'delete', id: 's1' }]);
    expect(structuralAmong(doc, ['n1', 's1'])).toBe('stage');
    expect(structuralAmong(doc, ['n1'])).toBeNull();
    expect(inChunks(Array.from({ length: 900 }, (_, i) => ({ op: 'delete', id: `x${i}` }) as Op)).map((c) => c.length)).toEqual([400, 400, 100]);
  });
});

describe('structure edits', () => {
  it('adds a stage or lane after the last one (facilitators only)', () => {
    const doc = board();
    const L = layout(doc);
    const ops = addStructureOps(L, 'stage', 's9', { stage: 'New stage', lane: 'New lane' });
    expect(ops).toEqual([{ op: 'create', id: 's9', type: 'stage', parent: null, index: expect.any(String), props: { title: 'New stage 3' } }]);
    expect(layout(applied(doc, ops, facilitator)).stages.map((s) => s.el.id)).toEqual(['s1', 's2', 's9']);
    expect(doc.clone().tryApply(ops, editor).error?.code).toBe('FORBIDDEN');
    const lane = addStructureOps(L, 'lane', 'l9', { stage: 'New stage', lane: 'New lane' });
    expect(applied(doc, lane, facilitator).get('l9')!.props).toEqual({ title: 'New lane', kind: 'custom' });
  });

  it('moves a stage or lane by one place, not past either end', () => {
    const doc = board();
    const L = layout(doc);
    expect(layout(applied(doc, moveStructureOps(doc, L, 's1', 1), facilitator)).stages.map((s) => s.el.id)).toEqual(['s2', 's1']);
    expect(layout(applied(doc, moveStructureOps(doc, L, 'l2', -1), facilitator)).lanes.map((l) => l.el.id)).toEqual(['l2', 'l1']);
    expect(moveStructureOps(doc, L, 's2', 1)).toEqual([]);
    expect(moveStructureOps(doc, L, 's1', -1)).toEqual([]);
    expect(moveStructureOps(doc, L, 'c1', 1)).toEqual([]);
  });

  it('drops a dragged header into the slot under the pointer', () => {
    const doc = new BoardDoc([...board().toArray(), { id: 's3', type: 'stage', parent: null, index: 'c', props: { title: 'Three' } }]);
    const L = layout(doc);
    const [a, b, c] = L.stages;
    expect(reorderSlot(L, 'stage', a.x + 5)).toBe(0);
    expect(reorderSlot(L, 'stage', b.x + b.w - 5)).toBe(2);
    expect(reorderSlot(L, 'stage', c.x + c.w + 100)).toBe(3);
    const order = (ops: Op[]) => layout(applied(doc, ops, facilitator)).stages.map((s) => s.el.id);
    expect(order(reorderStructureOps(doc, L, 's1', 3))).toEqual(['s2', 's3', 's1']);
    expect(order(reorderStructureOps(doc, L, 's3', 0))).toEqual(['s3', 's1', 's2']);
    expect(reorderStructureOps(doc, L, 's2', 1)).toEqual([]); // in front of itself: stays
    expect(reorderStructureOps(doc, L, 's2', 2)).toEqual([]); // after itself: stays
    expect(layout(applied(doc, reorderStructureOps(doc, L, 'l1', 2), facilitator)).lanes.map((l) => l.el.id)).toEqual(['l2', 'l1']);
    expect(doc.clone().tryApply(reorderStructureOps(doc, L, 's1', 3), editor).error?.code).toBe('FORBIDDEN');
  });
});

describe('property edits', () => {
  it('leaves empty set and unset out of an update', () => {
    expect(updateOp('c1', { text: 'x' })).toEqual({ op: 'update', id: 'c1', set: { text: 'x' } });
    expect(updateOp('c1', {}, ['emotion'])).toEqual({ op: 'update', id: 'c1', unset: ['emotion'] });
  });

  it('colours several elements or resets them', () => {
    const doc = board();
    const els = ['n1', 'n2'].map((id) => doc.get(id)!);
    const red = applied(doc, colorOps(els, '#ffc9c9'));
    expect(red.get('n2')!.props.color).toBe('#ffc9c9');
    expect(applied(red, colorOps(els, null)).get('n2')!.props.color).toBeUndefined();
  });

  it('locks only what is not locked yet, and only a facilitator may', () => {
    const doc = new BoardDoc([...baseBoard(), { ...card('c2', 'l1', 's1', 'W'), props: { stage: 's1', text: 'c2', locked: true } }]);
    const els = ['c1', 'c2'].map((id) => doc.get(id)!);
    expect(lockOps(els, true)).toEqual([{ op: 'update', id: 'c1', set: { locked: true } }]);
    expect(lockOps(els, false)).toEqual([{ op: 'update', id: 'c2', unset: ['locked'] }]);
    expect(doc.clone().tryApply(lockOps(els, true), editor).error?.code).toBe('FORBIDDEN');
    expect(applied(doc, lockOps(els, true), facilitator).get('c1')!.props.locked).toBe(true);
  });
});

// Pure op builders for cards in the grid (src/edit/cards.ts): every list of ops is also applied
// to the document as an editor would, so a builder cannot produce a message the server refuses.
import { describe, expect, it } from 'vitest';
import { actor } from '../src/model/actor';
import { BoardDoc, compareElements } from '../src/model/doc';
import type { Op } from '../src/model/types';
import { cardDropOps, createCardOps, dropPreview, newCardAt } from '../src/edit/cards';
import { emotionTop, G, layoutBoard } from '../src/render/layout';
import { TextLayout } from '../src/render/text';
import { baseBoard, card } from './fakes';

const text = new TextLayout((s) => [...s].length * 7);
const editor = actor('editor', 'tab1');
const board = () => new BoardDoc([...baseBoard(), card('c2', 'l1', 's1', 'W'), card('c3', 'l1', 's1', 'X'), card('e1', 'l2', 's1', 'V', { emotion: 0 })]);
const layout = (doc: BoardDoc) => layoutBoard(doc, text, 'en', { stage: 'Stage', lane: 'Lane' });

/** Applies ops as an editor and answers the new document (fails the test on a refusal). */
function applied(doc: BoardDoc, ops: Op[]): BoardDoc {
  const next = doc.clone();
  const r = next.tryApply(ops, editor);
  expect(r.error?.code ?? 'ok', r.error?.message).toBe('ok');
  return next;
}

/** The ids of the cards of a cell in their order. */
const cell = (doc: BoardDoc, lane: string, stage: string) =>
  doc.toArray().filter((e) => e.type === 'card' && e.parent === lane && e.props.stage === stage).sort(compareElements).map((e) => e.id);

describe('dropping cards into a cell', () => {
  it('moves a card into another column with one move and one update of stage', () => {
    const doc = board();
    const L = layout(doc);
    const s2 = L.stages[1], l1 = L.lanes[0];
    const ops = cardDropOps(L, s2.x + 20, l1.y + 20, new Set(['c1']));
    expect(ops).toEqual([
      { op: 'move', id: 'c1', parent: 'l1', index: expect.any(String) },
      { op: 'update', id: 'c1', set: { stage: 's2' } },
    ]);
    expect(cell(applied(doc, ops), 'l1', 's2')).toEqual(['c1']);
  });

  it('drops between two cards of a cell, in the order of the drop height', () => {
    const doc = board();
    const L = layout(doc);
    const [b1, b2] = ['c1', 'c2'].map((id) => L.cardById.get(id)!);
    const y = (b1.y + b1.h + b2.y) / 2; // the gap between c1 and c2
    const ops = cardDropOps(L, b1.x + 10, y, new Set(['c3']));
    expect(ops.map((o) => o.op)).toEqual(['move']);
    expect(cell(applied(doc, ops), 'l1', 's1')).toEqual(['c1', 'c3', 'c2']);
  });

  it('gives no op for the only card of a cell dropped back into it', () => {
    const L = layout(new BoardDoc(baseBoard()));
    const b = L.cardById.get('c1')!;
    expect(cardDropOps(L, b.x + 10, b.y + b.h + 20, new Set(['c1']))).toEqual([]);
  });

  it('keeps the order of several cards dropped together', () => {
    const doc = board();
    const L = layout(doc);
    const s2 = L.stages[1], l1 = L.lanes[0];
    const next = applied(doc, cardDropOps(L, s2.x + 20, l1.y + 20, new Set(['c3', 'c1'])));
    expect(cell(next, 'l1', 's2')).toEqual(['c1', 'c3']);
    expect(cell(next, 'l1', 's1')).toEqual(['c2']);
  });

  it('sets the emotion from the drop height in the emotion lane (+2 at the top, -2 at the bottom)', () => {
    const doc = board();
    const L = layout(doc);
    const lane = L.lanes[1], s1 = L.stages[0];
    const top = emotionTop(lane);
    const high = cardDropOps(L, s1.x + 30, top, new Set(['e1']));
    expect(applied(doc, high).get('e1')!.props.emotion).toBe(2);
    const low = cardDropOps(L, s1.x + 30, top + 4 * G.emotionLevel, new Set(['e1']));
    expect(applied(doc, low).get('e1')!.props.emotion).toBe(-2);
    // a card from another lane gets a score too
    const moved = applied(doc, cardDropOps(L, s1.x + 30, top + G.emotionLevel, new Set(['c1'])));
    expect(moved.get('c1')).toMatchObject({ parent: 'l2', props: { emotion: 1 } });
  });

  it('drops nothing outside the grid', () => {
    const L = layout(board());
    expect(cardDropOps(L, -50, -50, new Set(['c1']))).toEqual([]);
    expect(dropPreview(L, -50, -50, new Set(['c1']))).toEqual({ dropCell: null, dropLine: null });
  });

  it('previews the cell and the line the card goes to', () => {
    const L = layout(board());
    const b1 = L.cardById.get('c1')!;
    const p = dropPreview(L, b1.x + 10, b1.y + b1.h - 2, new Set(['c3']));
    expect(p.dropCell).toEqual({ x: L.stages[0].x, y: L.lanes[0].y, w: L.stages[0].w, h: L.lanes[0].h });
    expect(p.dropLine!.y).toBeCloseTo(b1.y + b1.h + G.cardGap / 2);
    // the emotion lane has no line: the height is the score
    expect(dropPreview(L, L.stages[0].x + 20, L.lanes[1].y + 40, new Set(['c1'])).dropLine).toBeNull();
  });
});

describe('a new card from a double-click', () => {
  it('goes between the cards around the click, and only with text', () => {
    const doc = board();
    const L = layout(doc);
    const [b1, b2] = ['c1', 'c2'].map((id) => L.cardById.get(id)!);
    const n = newCardAt(L, 'l1', 's1', b1.x + 10, (b1.y + b1.h + b2.y) / 2)!;
    expect(createCardOps('n1', n, '  ')).toEqual([]);
    const next = applied(doc, createCardOps('n1', n, '新卡片'));
    expect(cell(next, 'l1', 's1')).toEqual(['c1', 'n1', 'c2', 'c3']);
    expect(next.get('n1')!.props).toEqual({ stage: 's1', text: '新卡片' });
  });

  it('takes the score of the click height in the emotion lane', () => {
    const doc = board();
    const L = layout(doc);
    const lane = L.lanes[1];
    const n = newCardAt(L, 'l2', 's2', L.stages[1].x + 30, emotionTop(lane) + 3 * G.emotionLevel)!;
    expect(n.props).toEqual({ emotion: -1 });
    expect(applied(doc, createCardOps('n2', n, 'meh')).get('n2')!.props).toEqual({ stage: 's2', text: 'meh', emotion: -1 });
  });

  it('needs an existing lane and stage', () => {
    expect(newCardAt(layout(board()), 'nope', 's1', 0, 0)).toBeNull();
  });
});

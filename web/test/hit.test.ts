// Hit testing (src/render/hit.ts): what a click at a world point lands on.
import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement } from '../src/model/types';
import { distToSegment, hitAddButton, hitResizeHandle, hitTest } from '../src/render/hit';
import { addButtonRects } from '../src/render/headers';
import { NATURAL } from '../src/render/sticky';
import { G, layoutBoard } from '../src/render/layout';
import { TextLayout } from '../src/render/text';
import { baseBoard } from './fakes';

const text = new TextLayout((s) => [...s].length * 7);
const frame: BoardElement = { id: 'f1', type: 'shape', parent: null, index: 'V', props: { shape: 'rect', x: 2000, y: 0, w: 400, h: 300 } };
const note: BoardElement = { id: 'n1', type: 'sticky', parent: 'f1', index: 'V', props: { x: 2100, y: 100, w: 100, h: 80 } };
const arrow: BoardElement = { id: 'k1', type: 'connector', parent: null, index: 'W', props: { from: 'n1', to: 'c1' } };
const doc = new BoardDoc([...baseBoard(), frame, note, arrow]);
const L = layoutBoard(doc, text, 'en', { stage: 'Stage', lane: 'Lane' });
const at = (x: number, y: number) => hitTest(doc, L, x, y, 1)?.id ?? null;

describe('hit testing', () => {
  it('finds cards, stage and lane headers', () => {
    const c1 = L.cardById.get('c1')!;
    expect(at(c1.x + 5, c1.y + 5)).toBe('c1');
    expect(at(L.stages[1].x + 10, 10)).toBe('s2');
    expect(at(10, L.lanes[1].y + 10)).toBe('l2');
    expect(at(L.stages[1].x + 10, L.lanes[1].y + 2)).toBeNull();
  });

  it('grabs a large frame by its border only, and the item inside it', () => {
    expect(at(2002, 150)).toBe('f1');
    expect(at(2300, 250)).toBeNull();
    expect(at(2150, 150)).toBe('n1');
  });

  it('finds a connector near its line, with a tolerance in screen pixels', () => {
    const c1 = L.cardById.get('c1')!;
    const a = { x: 2150, y: 140 }, b = { x: c1.x + c1.w / 2, y: c1.y + c1.h / 2 };
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    expect(at(mid.x, mid.y + 5)).toBe('k1');
    expect(hitTest(doc, L, mid.x, mid.y + 40, 1)?.id ?? null).toBeNull();
    expect(distToSegment(5, 5, 0, 0, 10, 0)).toBe(5);
  });

  it('finds the "+" buttons and the resize handle of the one selected item', () => {
    const b = addButtonRects(L, NATURAL);
    expect(hitAddButton(L, b.stage.x + 2, b.stage.y + 2)).toBe('stage');
    expect(hitAddButton(L, b.lane.x + 2, b.lane.y + 2)).toBe('lane');
    expect(hitAddButton(L, G.headerW + 5, G.headerH + 5)).toBeNull();
    expect(hitResizeHandle(doc, new Set(['n1']), 2200, 180, 1)).toBe('n1');
    expect(hitResizeHandle(doc, new Set(['n1', 'f1']), 2200, 180, 1)).toBeNull();
    expect(hitResizeHandle(doc, new Set(['n1']), 2150, 150, 1)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../src/model/doc';
import { cellAt, G, insertionPoint, layoutBoard } from '../src/render/layout';
import { TextLayout } from '../src/render/text';
import { baseBoard, card } from './fakes';

// deterministic measure: CJK 14px, other chars 7px
const measure = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\u9fff]/.test(ch) ? 14 : 7), 0);
const text = new TextLayout(measure);

describe('text wrapping', () => {
  it('wraps Latin at spaces and CJK anywhere', () => {
    expect(text.wrap('hello world foo', 'f', 70)).toEqual(['hello', 'world foo']);
    expect(text.wrap('支付方式少步骤多', 'f', 56)).toEqual(['支付方式', '少步骤多']);
    expect(text.wrap('abcdefghijkl', 'f', 35)).toEqual(['abcde', 'fghij', 'kl']);
    expect(text.wrap('a\nb', 'f', 100)).toEqual(['a', 'b']);
  });
  it('cuts with an ellipsis at maxLines', () => {
    const lines = text.wrap('一二三四五六七八九十', 'f', 28, 2);
    expect(lines.length).toBe(2);
    expect(lines[1].endsWith('…')).toBe(true);
  });
});

describe('grid layout', () => {
  const doc = new BoardDoc([...baseBoard(), card('c2', 'l1', 's1', 'W'), card('e1', 'l2', 's1', 'V', { emotion: 2 }), card('e2', 'l2', 's2', 'V', { emotion: -2 })]);
  const L = layoutBoard(doc, text, 'en', { stage: 'Stage', lane: 'Lane' });

  it('puts stages in columns and lanes in rows', () => {
    expect(L.stages.map((s) => s.el.id)).toEqual(['s1', 's2']);
    expect(L.stages[1].x).toBe(G.headerW + G.colW);
    expect(L.lanes[0].y).toBe(G.headerH);
    expect(L.lanes[1].y).toBe(G.headerH + L.lanes[0].h);
  });

  it('stacks cards in cell order', () => {
    const [a, b] = L.cells.get('l1|s1')!;
    expect(a.el.id).toBe('c1');
    expect(b.y).toBeGreaterThan(a.y + a.h);
  });

  it('places emotion cards by score and draws a curve through them', () => {
    const e1 = L.cardById.get('e1')!, e2 = L.cardById.get('e2')!;
    expect(e1.y).toBeLessThan(e2.y);
    expect(L.curves[0].points.map((p) => p.e)).toEqual([2, -2]);
  });

  it('finds cells and insertion points', () => {
    const c = cellAt(L, G.headerW + G.colW + 5, G.headerH + 5)!;
    expect(c.stage.el.id).toBe('s2');
    expect(c.lane.el.id).toBe('l1');
    const a = L.cardById.get('c1')!;
    const ip = insertionPoint(L, 'l1', 's1', a.x, a.y + a.h + 1, new Set());
    expect(ip.after?.id).toBe('c1');
    expect(ip.before?.id).toBe('c2');
  });

  it('lays out 2,000 cards quickly', () => {
    const els = [...baseBoard()];
    for (let i = 0; i < 2000; i++) els.push(card(`k${i}`, i % 2 ? 'l1' : 'l2', i % 3 ? 's1' : 's2', `V${i}`, { text: `Card ${i} 客户反馈 ${i}`, emotion: (i % 5) - 2 }));
    const big = new BoardDoc(els);
    const t0 = performance.now();
    const L2 = layoutBoard(big, text, 'zh', { stage: '阶段', lane: '泳道' });
    const first = performance.now() - t0;
    expect(L2.cards.length).toBe(2001);
    expect(first).toBeLessThan(2000);
  });
});

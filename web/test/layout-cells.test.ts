// Crowded cells, every attribute on the card, the crowded emotion cell and the low-zoom level of
// detail (src/render/layout.ts, badges.ts, lod.ts).
import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement } from '../src/model/types';
import { cardBadges } from '../src/render/badges';
import { CardBox, G, insertionPoint, layoutBoard, Rect } from '../src/render/layout';
import { lodFor, lowCard, lowSizes } from '../src/render/lod';
import { TextLayout } from '../src/render/text';
import { card, lane, stage } from './fakes';

// deterministic measure: CJK one em, other chars half an em, of the font's pixel size
const px = (font: string) => Number(/([\d.]+)px/.exec(font)?.[1] ?? 14);
const text = new TextLayout((s, font) => [...s].reduce((w, ch) => w + (/[\u2e80-\u9fff]/.test(ch) ? 1 : 0.55) * px(font), 0));
const kano = { 'must-be': 'Must-be', performance: 'Performance', attractive: 'Attractive', indifferent: 'Indifferent', reverse: 'Reverse' };
const labels = { kano, status: { 'in-progress': 'In progress' }, department: (el: BoardElement) => String(el.props.title ?? '') };
const lay = (els: BoardElement[]) => layoutBoard(new BoardDoc(els), text, 'en', { stage: 'Stage', lane: 'Lane' }, labels);
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

function grid(stages: number, lanes: string[]): BoardElement[] {
  const out: BoardElement[] = [];
  for (let i = 0; i < stages; i++) out.push(stage(`s${i}`, `a${String.fromCharCode(97 + i)}`));
  lanes.forEach((kind, i) => out.push(lane(`l${i}`, `a${String.fromCharCode(97 + i)}`, kind)));
  return out;
}

function noOverlaps(cards: CardBox[]) {
  for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) {
    if (cards[i].kind !== 'emotions' && overlap(cards[i], cards[j])) throw new Error(`${cards[i].el.id} overlaps ${cards[j].el.id}`);
  }
}

describe('crowded cells', () => {
  it('flow into several columns, widen their stage, and read row by row', () => {
    const els = grid(3, ['actions', 'painpoints']);
    for (let i = 0; i < 30; i++) els.push(card(`p${i}`, 'l1', 's1', `V${String(i).padStart(2, '0')}`, { text: `Pain point ${i}` }));
    els.push(card('a0', 'l0', 's1', 'V'), card('a1', 'l0', 's1', 'W'));
    const L = lay(els);
    const [s0, s1, s2] = L.stages;
    expect(s0.cols).toBe(1);
    expect(s1.cols).toBeGreaterThanOrEqual(2);
    expect(s1.w).toBe(s1.cols * G.colW);
    expect(s2.x).toBe(s1.x + s1.w);
    const cell = L.cells.get('l1|s1')!;
    expect(cell).toHaveLength(30);
    const lane1 = L.lanes[1];
    const cellRect = { x: s1.x, y: lane1.y, w: s1.w, h: lane1.h };
    for (const b of cell) expect(inside(b, cellRect)).toBe(true);
    noOverlaps(L.cards);
    // about as tall as wide, not a strip
    expect(lane1.h / s1.w).toBeLessThan(3);
    // reading order is index order: left to right, then the next row
    expect(cell[1].y).toBe(cell[0].y);
    expect(cell[1].x).toBeGreaterThan(cell[0].x);
    expect(cell[s1.cols].y).toBeGreaterThan(cell[0].y);
    // the cards of other lanes in the wide stage flow the same way
    const [a0, a1] = L.cells.get('l0|s1')!;
    expect(a1.y).toBe(a0.y);
    // a drop between the first two cards of a row goes between them
    const ip = insertionPoint(L, 'l1', 's1', cell[0].x + cell[0].w + 2, cell[0].y + 10, new Set());
    expect([ip.after?.id, ip.before?.id]).toEqual(['p0', 'p1']);
    const below = insertionPoint(L, 'l1', 's1', cell[0].x + 5, cell[s1.cols].y + 5, new Set());
    expect(below.after?.id).toBe(`p${s1.cols - 1}`);
  });

  it('keep a 400-card map at Fit far from a thin 30:1 strip', () => {
    const kinds = ['actions', 'touchpoints', 'thoughts', 'emotions', 'painpoints', 'opportunities'];
    const els = grid(7, kinds);
    let seed = 3;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 400; i++) {
      // a quarter of them crowd one cell, as after a brainstorm on one stage
      const l = i < 100 ? 4 : Math.floor(rnd() * kinds.length);
      const s = i < 100 ? 2 : Math.floor(rnd() * 7);
      els.push(card(`k${i}`, `l${l}`, `s${s}`, `V${String(i).padStart(3, '0')}`, { text: `Card ${i} 客户反馈`, ...(kinds[l] === 'emotions' ? { emotion: (i % 5) - 2 } : {}) }));
    }
    const L = lay(els);
    expect(L.cards).toHaveLength(400);
    noOverlaps(L.cards);
    const ratio = L.bounds.h / L.bounds.w;
    expect(ratio).toBeLessThan(2.5);
    // at Fit on 1280x720 the whole map is drawn at a zoom where cards still get screen-sized text
    const zoom = Math.min((1280 - 96) / L.bounds.w, (668 - 96) / L.bounds.h);
    expect(zoom).toBeGreaterThan(0.12);
  });
});

describe('all of a card\'s data on the card', () => {
  const everything = { text: 'Checkout', mot: true, emotion: -2, kano: 'must-be', csat: 3.8, csatTarget: 4.5, nps: 32, ces: 5, owner: 'Customer service', votes: 4, top: 1, status: 'in-progress', dept: 'd1' };
  const dept: BoardElement = { id: 'd1', type: 'department', parent: null, index: 'a', props: { title: 'Payments' } };

  it('shows every set attribute as a badge, with the metric against its target', () => {
    const el = card('c1', 'l0', 's0', 'V', everything);
    const badges = cardBadges(el, 'painpoints', new BoardDoc([dept]), labels).map((b) => b.text);
    expect(badges).toEqual(['TOP 1', 'MoT', '-2', 'KANO M · Must-be', '! CSAT 3.8/4.5', 'NPS 32', 'CES 5', '▲ 4', 'In progress', '◆ Payments', '@ Customer service']);
  });

  it('wraps the badges into rows inside the card and makes room for them', () => {
    const L = lay([...grid(1, ['painpoints']), dept, card('c1', 'l0', 's0', 'V', everything), card('c2', 'l0', 's0', 'W', { text: 'Checkout' })]);
    const [full, plain] = L.cells.get('l0|s0')!;
    expect(full.badges).toHaveLength(11);
    expect(full.badgeRows).toBeGreaterThanOrEqual(2);
    for (const b of full.badges) expect(b.x + b.w).toBeLessThanOrEqual(full.w - 2 * G.cardPad + 4);
    expect(full.h).toBeGreaterThanOrEqual(full.lines.length * G.lineH + 2 * G.cardPad + full.badgeRows * G.badgeH);
    expect(plain.badgeRows).toBe(0);
    // departments are data, not items on the canvas
    expect(L.free).toHaveLength(0);
  });

  it('keeps the key badges at low zoom and cuts the text to what fits', () => {
    const long = 'The delivery date shown at checkout changes after payment, so people do not trust it and call us';
    const L = lay([...grid(1, ['painpoints']), card('c1', 'l0', 's0', 'V', { ...everything, text: long, dept: undefined as never })]);
    const b = L.cards[0];
    for (const zoom of [0.7, 0.47, 0.3]) {
      const lod = lodFor(zoom);
      expect(lod.level).toBe(1);
      const sz = lowSizes(lod);
      expect(sz.fontPx * zoom).toBeGreaterThanOrEqual(11.3); // readable on screen: about 12 px
      const c = lowCard(b, sz, text);
      expect(c.lines.length).toBeGreaterThanOrEqual(1);
      expect(c.lines.length).toBeLessThanOrEqual(2);
      expect(c.lines[c.lines.length - 1].endsWith('…')).toBe(true);
      expect(sz.pad + c.lines.length * sz.lineH).toBeLessThanOrEqual(b.h);
      expect(c.chips.map((x) => x.text)[0]).toBe('TOP 1');
      for (const chip of c.chips) expect(chip.x + chip.w).toBeLessThanOrEqual(b.w);
    }
    expect(lodFor(0.9).level).toBe(0);
    expect(lodFor(0.1).level).toBe(2);
  });
});

describe('a crowded emotion cell', () => {
  it('spreads its cards side by side, none narrower than the minimum, the stage widening', () => {
    const els = grid(2, ['emotions']);
    for (let i = 0; i < 9; i++) els.push(card(`e${i}`, 'l0', 's0', `V${i}`, { emotion: (i % 5) - 2, text: `感受 ${i}` }));
    const L = lay(els);
    const cell = L.cells.get('l0|s0')!;
    expect(L.stages[0].cols).toBeGreaterThan(1);
    for (const b of cell) expect(b.w).toBeGreaterThanOrEqual(G.emotionMinW);
    const xs = [...cell].sort((a, b) => a.x - b.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i].x).toBeGreaterThanOrEqual(xs[i - 1].x + xs[i - 1].w);
    // still placed by score, and the curve passes through every one
    expect(L.curves[0].points).toHaveLength(9);
    const top = cell.find((b) => b.el.props.emotion === 2)!, bottom = cell.find((b) => b.el.props.emotion === -2)!;
    expect(top.y).toBeLessThan(bottom.y);
  });
});

describe('keyboard navigation', () => {
  it('tabs through cards lane by lane and finds neighbours by arrow', async () => {
    const { nextInOrder, neighbour, tabOrder } = await import('../src/render/nav');
    const els = grid(3, ['actions', 'painpoints']);
    els.push(card('a0', 'l0', 's0', 'V'), card('a1', 'l0', 's0', 'W'), card('b0', 'l0', 's1', 'V'), card('c0', 'l0', 's2', 'V'), card('p1', 'l1', 's1', 'V'));
    const doc = new BoardDoc(els);
    const L = layoutBoard(doc, text, 'en', { stage: 'Stage', lane: 'Lane' }, labels);
    expect(tabOrder(L)).toEqual(['a0', 'a1', 'b0', 'c0', 'p1']);
    expect(nextInOrder(L, null, false)).toBe('a0');
    expect(nextInOrder(L, 'a1', false)).toBe('b0');
    expect(nextInOrder(L, 'a0', true)).toBeNull();
    expect(nextInOrder(L, null, true)).toBe('p1');
    expect(neighbour(doc, L, 'a0', 'right')).toBe('b0');
    expect(neighbour(doc, L, 'a0', 'down')).toBe('a1');
    expect(neighbour(doc, L, 'b0', 'down')).toBe('p1');
    expect(neighbour(doc, L, 'p1', 'up')).toBe('b0');
    expect(neighbour(doc, L, 'c0', 'right')).toBeNull();
    expect(neighbour(doc, L, 'a0', 'left')).toBeNull();
  });
});

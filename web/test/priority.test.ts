// Runs the shared priority-score vectors (protocol/src/test/resources/priority/*.json) against the
// TypeScript score; the server's hand-off reader runs the same files (Java PriorityVectorTest), so
// the matrix, the TOP ranking and the plan panel show the numbers the exported documents print.
import { describe, expect, it } from 'vitest';
import { BoardDoc } from '../src/model/doc';
import { formatScore, metricGap, priorities, priorityScore, quadrantOf } from '../src/model/priority';
import type { BoardElement } from '../src/model/types';

interface Item { card: string; score: number; gap: number; touchpoint: string | null; quadrant: string | null }
interface Case { name: string; elements: BoardElement[]; items: Item[]; order?: string[] }
interface Suite { name: string; cases: Case[] }

const dir = '../../protocol/src/test/resources/priority';
const suites = import.meta.glob<Suite>('../../protocol/src/test/resources/priority/*.json', { eager: true, import: 'default' });
const files = Object.keys(suites).map((p) => p.slice(p.lastIndexOf('/') + 1)).sort();

describe('shared priority vectors', () => {
  it('the folder holds vectors', () => expect(files.length, `no *.json in ${dir}`).toBeGreaterThan(0));
  for (const file of files) {
    const suite = suites[`${dir}/${file}`];
    describe(`${file}: ${suite.name}`, () => {
      for (const c of suite.cases) {
        it(c.name, () => {
          const p = priorities(new BoardDoc(c.elements.map((e) => ({ ...e, parent: e.parent ?? null, props: e.props ?? {} }))));
          for (const want of c.items) {
            const got = p.get(want.card);
            expect(got, `no action item ${want.card}`).toBeDefined();
            expect(got!.score, `${want.card} score`).toBeCloseTo(want.score, 9);
            expect(got!.gap, `${want.card} gap`).toBeCloseTo(want.gap, 9);
            expect(got!.touchpoint, `${want.card} touchpoint`).toBe(want.touchpoint);
            expect(got!.quadrant, `${want.card} quadrant`).toBe(want.quadrant);
          }
          if (c.order) expect(p.items.map((i) => i.card.id)).toEqual(c.order);
        });
      }
    });
  }
});

describe('score parts', () => {
  it('the formula and the gap scale per metric', () => {
    expect(priorityScore(6, 5, 4, 2.5)).toBe(17);
    expect(priorityScore(0, null, null, 0)).toBe(0);
    expect(metricGap('csat', 2, 4)).toBe(2.5);
    expect(metricGap('csat', 4.5, 4)).toBe(0);
    expect(metricGap('nps', -20, 30)).toBe(1.25);
    expect(metricGap('ces', 6, 3)).toBeCloseTo(2.499, 12);
    expect(metricGap('ces', 2, 3)).toBe(0);
    expect(metricGap('nps', -100, 100)).toBe(5);
  });
  it('quadrants need both ratings', () => {
    expect(quadrantOf(3, 2)).toBe('quick-wins');
    expect(quadrantOf(5, 5)).toBe('big-bets');
    expect(quadrantOf(1, 1)).toBe('fill-ins');
    expect(quadrantOf(2, 4)).toBe('money-pits');
    expect(quadrantOf(null, 4)).toBeNull();
  });
  it('scores print like the exports', () => {
    expect(formatScore(17)).toBe('17');
    expect(formatScore(13.998)).toBe('14');
    expect(formatScore(6.5)).toBe('6.5');
    expect(formatScore(9.4567)).toBe('9.46');
  });
});

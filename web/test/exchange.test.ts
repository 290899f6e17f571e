import { describe, expect, it } from 'vitest';
import { actor } from '../src/model/actor';
import { BoardDoc, countOps } from '../src/model/doc';
import { chunkOps, exportBoard, importOps, parseExport } from '../src/io/exchange';
import { baseBoard } from './fakes';
import type { BoardElement } from '../src/model/types';

describe('export / import', () => {
  it('round-trips a board into a fresh one with new ids and valid ops', () => {
    const els: BoardElement[] = [
      ...baseBoard(),
      { id: 'f1', type: 'shape', parent: null, index: 'V', props: { shape: 'rect', x: 0, y: 0, w: 400, h: 300 } },
      { id: 'f2', type: 'sticky', parent: 'f1', index: 'V', props: { x: 10, y: 10, w: 100, h: 100, text: '便利贴' } },
      { id: 'f3', type: 'connector', parent: null, index: 'W', props: { from: 'f2', to: 'c1' } },
    ];
    const exp = exportBoard(new BoardDoc(els), '旅程', 42);
    const parsed = parseExport(JSON.stringify(exp));
    let n = 0;
    const ops = importOps(parsed.elements, () => `n${n++}`);
    expect(ops.length).toBe(els.length);
    const target = new BoardDoc();
    for (const chunk of chunkOps(ops, 3)) {
      expect(countOps(chunk)).toBeLessThanOrEqual(3);
      target.apply(chunk, actor('facilitator', 'importer'));
    }
    expect(target.size).toBe(els.length);
    expect(target.has('c1')).toBe(false);
  });

  it('rejects files that are not exports', () => {
    expect(() => parseExport('{}')).toThrow();
    expect(() => parseExport('nope')).toThrow();
  });

  it('chunks by op count and by bytes', () => {
    const ops = Array.from({ length: 1234 }, (_, i) => ({ op: 'delete' as const, id: `x${i}` }));
    expect(chunkOps(ops).map((c) => c.length)).toEqual([500, 500, 234]);
    expect(chunkOps(ops, 500, 1000).every((c) => JSON.stringify(c).length < 1100)).toBe(true);
  });
});

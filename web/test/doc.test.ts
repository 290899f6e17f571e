import { describe, expect, it } from 'vitest';
import { actor, Actor, REPLAY } from '../src/model/actor';
import { BoardDoc, checkShape, countOps, Limits } from '../src/model/doc';
import type { Op, Role } from '../src/model/types';
import { baseBoard } from './fakes';

// ops are unknown on purpose: some cases send what the type would not allow (bad shapes)
const code = (doc: BoardDoc, ops: unknown[], who: Actor = REPLAY, limits?: Limits) => doc.tryApply(ops as Op[], who, limits).error?.code ?? 'ok';
const as = (role: Role) => actor(role, 'tab1');

describe('BoardDoc rules beyond the shared vectors', () => {
  it('mirrors the server role rules', () => {
    const doc = new BoardDoc(baseBoard());
    expect(code(doc, [{ op: 'update', id: 'c1', set: { text: 'x' } }], as('viewer'))).toBe('FORBIDDEN');
    expect(code(doc, [{ op: 'update', id: 's1', set: { title: 'x' } }], as('editor'))).toBe('FORBIDDEN');
    expect(code(doc, [{ op: 'delete', id: 'l1' }], as('editor'))).toBe('FORBIDDEN');
    expect(code(doc, [{ op: 'create', id: 's9', type: 'stage', parent: null, index: 'x', props: {} }], as('editor'))).toBe('FORBIDDEN');
    expect(code(doc, [{ op: 'update', id: 's1', set: { title: 'x' } }], as('facilitator'))).toBe('ok');
    expect(code(doc, [{ op: 'update', id: 'c1', set: { text: 'y' } }], as('editor'))).toBe('ok');
  });

  it('enforces text, element and op-count limits', () => {
    const limits = { maxElements: 6, maxTextLength: 5, maxOpsPerMessage: 3 };
    const doc = new BoardDoc(baseBoard());
    expect(code(doc, [{ op: 'update', id: 'c1', set: { text: '一二三四五' } }], REPLAY, limits)).toBe('ok');
    expect(code(doc, [{ op: 'update', id: 'c1', set: { text: '一二三四五六' } }], REPLAY, limits)).toBe('TOO_LARGE');
    // code points, not UTF-16 units
    expect(code(doc, [{ op: 'update', id: 'c1', set: { text: '😀😀😀😀😀' } }], REPLAY, limits)).toBe('ok');
    const mk = (id: string) => ({ op: 'create', id, type: 'sticky', parent: null, index: 'V', props: { x: 0, y: 0 } });
    expect(code(doc, [mk('a')], REPLAY, limits)).toBe('ok');
    expect(code(doc, [mk('b')], REPLAY, limits)).toBe('TOO_LARGE');
    expect(code(doc, [{ op: 'batch', ops: [{ op: 'delete', id: 'a' }, { op: 'delete', id: 'c1' }] }, { op: 'delete', id: 's2' }], REPLAY, limits)).toBe('TOO_LARGE');
    expect(countOps([{ op: 'batch', ops: [{ op: 'delete', id: 'a' }, { op: 'delete', id: 'b' }] }])).toBe(3);
  });

  it('checks the message shape before anything else', () => {
    expect(() => checkShape([{ op: 'create', id: 'x', type: 'nope', index: 'V' }])).toThrow(/unknown element type/);
    const doc = new BoardDoc(baseBoard());
    expect(code(doc, [{ op: 'delete', id: 'missing' }, { op: 'move', id: 'c1' }])).toBe('BAD_MESSAGE');
    expect(code(doc, [{ op: 'frobnicate' }])).toBe('UNKNOWN_TYPE');
  });

  it('deletes dependents: a stage takes its cards, an element its connectors, a frame its children', () => {
    const doc = new BoardDoc(baseBoard());
    doc.apply([
      { op: 'create', id: 'f', type: 'shape', parent: null, index: 'V', props: { shape: 'rect', x: 0, y: 0, w: 10, h: 10 } },
      { op: 'create', id: 'n', type: 'sticky', parent: 'f', index: 'V', props: { x: 1, y: 1 } },
      { op: 'create', id: 'k', type: 'connector', parent: null, index: 'W', props: { from: 'c1', to: 'n' } },
    ], REPLAY);
    const changes = doc.apply([{ op: 'delete', id: 'f' }], REPLAY);
    expect(changes.map((c) => c.id).sort()).toEqual(['f', 'k', 'n']);
    doc.apply([{ op: 'delete', id: 's1' }], REPLAY);
    expect(doc.has('c1')).toBe(false);
  });

  it('refuses a move into its own descendant', () => {
    const doc = new BoardDoc(baseBoard());
    doc.apply([
      { op: 'create', id: 'f', type: 'shape', parent: null, index: 'V', props: { shape: 'rect', x: 0, y: 0, w: 10, h: 10 } },
      { op: 'create', id: 'g', type: 'shape', parent: 'f', index: 'V', props: { shape: 'rect', x: 0, y: 0, w: 5, h: 5 } },
    ], REPLAY);
    expect(code(doc, [{ op: 'move', id: 'f', parent: 'g', index: 'V' }])).toBe('CYCLE');
    expect(code(doc, [{ op: 'move', id: 'g', parent: null, index: 'X' }])).toBe('ok');
  });
});

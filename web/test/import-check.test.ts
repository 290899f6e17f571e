import { describe, expect, it } from 'vitest';
import { checkImport, ImportError, ImportProblem } from '../src/io/import-check';
import { BoardDoc } from '../src/model/doc';
import { exportBoard } from '../src/io/exchange';
import { baseBoard, card } from './fakes';

const file = (elements: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'journey-board', version: 1, title: 'T', elements, ...extra });
const problem = (text: string): ImportProblem => {
  try {
    checkImport(text);
  } catch (e) {
    if (e instanceof ImportError) return e.problem;
    throw e;
  }
  throw new Error('no problem found');
};

describe('checkImport', () => {
  it('takes a real export: create ops in dependency order, the title', () => {
    const doc = new BoardDoc(baseBoard());
    const r = checkImport(JSON.stringify(exportBoard(doc, '旅程', 5)));
    expect(r.title).toBe('旅程');
    expect(r.ops.length).toBe(5);
    expect(r.leftOut).toBe(0);
    expect(r.ops.map((o) => (o.op === 'create' ? o.type : o.op))).toEqual(['stage', 'stage', 'lane', 'lane', 'card']);
  });

  it('says when the file is not JSON, or not an export', () => {
    expect(problem('{"format":')).toMatchObject({ key: 'imp.notJson' });
    expect(problem('[]')).toMatchObject({ key: 'imp.notExport', detail: { key: 'imp.notObject' } });
    expect(problem('{"format":"miro","elements":[]}')).toMatchObject({ key: 'imp.notExport', detail: { key: 'imp.noFormat' } });
    expect(problem(file([], { version: 2 }))).toMatchObject({ key: 'imp.notExport', detail: { key: 'imp.badVersion', vars: { v: '2' } } });
    expect(problem(JSON.stringify({ format: 'journey-board', elements: {} }))).toMatchObject({ detail: { key: 'imp.noElements' } });
  });

  it('names the element and the field that is wrong', () => {
    const els: unknown[] = baseBoard();
    els.splice(2, 0, { id: 'x1', type: 'blob', parent: null, index: 'a', props: {} });
    expect(problem(file(els))).toEqual({ key: 'imp.element', vars: { n: 3, what: 'blob “x1”' }, detail: { key: 'imp.badType', vars: { value: 'blob', list: expect.stringContaining('card') } } });
    expect(problem(file([{ id: 'bad id!', type: 'stage', parent: null, index: 'a', props: {} }]))).toMatchObject({ vars: { n: 1 }, detail: { key: 'imp.badId', vars: { field: 'id' } } });
    expect(problem(file([{ id: 's', type: 'stage', parent: null, index: 'a0', props: {} }]))).toMatchObject({ detail: { key: 'imp.badIndex' } });
    expect(problem(file([{ id: 's', type: 'stage', parent: null, index: 'a', props: null }]))).toMatchObject({ detail: { key: 'imp.badProps' } });
    expect(problem(file([null]))).toMatchObject({ vars: { n: 1 }, detail: { key: 'imp.notObject' } });
    expect(problem(file([...baseBoard(), card('c1', 'l1', 's1', 'X')]))).toMatchObject({ vars: { n: 6 }, detail: { key: 'imp.duplicate', vars: { other: 5 } } });
  });

  it('applies the model rules before anything is sent: a value out of range names its card', () => {
    const els = [...baseBoard(), card('c9', 'l1', 's2', 'X', { csat: 9 })];
    const p = problem(file(els));
    expect(p).toMatchObject({ key: 'imp.element', vars: { n: 6, what: 'card “c9”' }, detail: { key: 'imp.opRefused', vars: { code: 'INVALID_VALUE' } } });
    expect(String(p.detail!.vars.message)).toMatch(/csat/);
    expect(String(p.detail!.vars.message)).not.toMatch(/'[A-Za-z0-9_-]{12}'/); // never an id the import made up
  });

  it('names the file\'s ids, not the ones the import made up, in a refused reference', () => {
    const els = [...baseBoard(), card('c9', 'l1', 's2', 'X', { persona: 'c5' }), card('c5', 'l1', 's1', 'Y')];
    const p = problem(file(els));
    expect(p).toMatchObject({ key: 'imp.element', detail: { key: 'imp.opRefused', vars: { code: 'INVALID_VALUE' } } });
    expect(String(p.detail!.vars.message)).toContain("'c5'");
  });

  it('leaves out dangling references, counts them, and drops vote totals', () => {
    const els = [...baseBoard(), card('c8', 'l1', 'gone', 'X'), card('c7', 'l1', 's1', 'Y', { votes: 3 })];
    const r = checkImport(file(els));
    expect(r.leftOut).toBe(1);
    expect(r.serverPropsDropped).toBe(true);
    expect(r.ops.every((o) => o.op === 'create' && !('votes' in o.props))).toBe(true);
  });
});

// The CX data model in the client beyond the shared vectors: what copies carry (paste, duplicate,
// import, undo), departments kept out of the grid, the scope and ext lookups the UI asks.
import { describe, expect, it } from 'vitest';
import { actor, REPLAY } from '../src/model/actor';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement, CreateOp, Op } from '../src/model/types';
import { clipElements, pasteOps } from '../src/edit/paste';
import { exportBoard, importOps } from '../src/io/exchange';
import { layoutBoard } from '../src/render/layout';
import { TextLayout } from '../src/render/text';
import { revertOps } from '../src/sync/undo';
import { baseBoard, card, lane } from './fakes';

const text = new TextLayout((s) => [...s].length * 7);
const layout = (doc: BoardDoc) => layoutBoard(doc, text, 'en', { stage: 'Stage', lane: 'Lane' });
const editor = actor('editor', 'tab1');
const facilitator = actor('facilitator', 'tab2');
const SERVER_ONLY = ['votes', 'private', 'feedback', 'emotionRounds'];

const dept = (id: string, zh: string, en: string): BoardElement => ({ id, type: 'department', parent: null, index: 'V', props: { labels: { zh, en } } });
/** A board where the server wrote votes, feedback and results onto cards, with a plan between them. */
function voted(): BoardDoc {
  return new BoardDoc([
    ...baseBoard(), lane('lp', 'c', 'painpoints'), lane('lo', 'd', 'opportunities'), lane('lpe', 'e', 'persona'), dept('d1', '市场部', 'Marketing'),
    card('pa', 'lpe', 's1', 'V', { name: '王女士' }),
    card('p1', 'lp', 's1', 'V', { votes: 4, top: 1, ext: 'pay-steps', locked: true, feedback: { count: 2 }, emotionRounds: [{ round: 1, at: 0, mean: 0, sd: 0, min: 0, max: 0, n: 1 }], persona: 'pa' }),
    card('o1', 'lo', 's1', 'V', { addresses: ['p1', 'gone'], dept: 'd1', measure: { touchpoint: 'p1', metric: 'csat', to: 4 }, status: 'planned' }),
  ]);
}

function props(ops: Op[], id: string) {
  const c = ops.find((o): o is CreateOp => o.op === 'create' && o.id === id)!;
  const later = ops.filter((o) => o.op === 'update' && o.id === id).map((o) => (o.op === 'update' ? o.set : {}));
  return Object.assign({}, c.props, ...later);
}

describe('copies carry no server-written props', () => {
  it('paste and duplicate leave out votes, private, feedback, emotion rounds, and ext, top, locked of the original', () => {
    const doc = voted();
    let n = 0;
    const ops = pasteOps(doc, layout(doc), clipElements(doc, ['p1']), null, () => `p${n++}`);
    const copy = props(ops, 'p0');
    for (const k of [...SERVER_ONLY, 'ext', 'top', 'locked']) expect(copy, k).not.toHaveProperty(k);
    expect(copy).toMatchObject({ stage: 's1', persona: 'pa', text: 'p1' });
    // an editor may send it: nothing in it is FORBIDDEN or taken
    const r = doc.clone().tryApply(ops, editor);
    expect(r.error?.message ?? 'ok').toBe('ok');
  });

  it('a copied opportunity addresses the copied pain point; dangling references are dropped', () => {
    const doc = voted();
    let n = 0;
    const ops = pasteOps(doc, layout(doc), clipElements(doc, ['o1', 'p1']), null, () => `n${n++}`);
    const ids = ops.filter((o): o is CreateOp => o.op === 'create').map((o) => o.id);
    const [opp] = ids.filter((id) => props(ops, id).status === 'planned');
    const [pain] = ids.filter((id) => props(ops, id).persona === 'pa');
    expect(props(ops, opp)).toMatchObject({ addresses: [pain], dept: 'd1', measure: { touchpoint: pain, metric: 'csat', to: 4 } });
    const next = doc.clone();
    expect(next.tryApply(ops, editor).error?.message ?? 'ok').toBe('ok');
    // the same clip pasted where the pain point and the department are gone keeps only what exists
    const bare = new BoardDoc([...baseBoard(), lane('lo', 'd', 'opportunities')]);
    const ops2 = pasteOps(bare, layout(bare), [doc.get('o1')!], null, () => 'x1');
    expect(props(ops2, 'x1')).not.toHaveProperty('addresses');
    expect(props(ops2, 'x1')).not.toHaveProperty('dept');
    expect(props(ops2, 'x1')).not.toHaveProperty('measure');
    expect(bare.tryApply(ops2, editor).error?.message ?? 'ok').toBe('ok');
  });

  it('an imported board starts without the server-written props, its plan links remapped', () => {
    const exp = exportBoard(voted(), '旅程', 7);
    let n = 0;
    const ops = importOps(exp.elements, () => `i${n++}`);
    const target = new BoardDoc();
    expect(target.tryApply(ops, facilitator).error?.message ?? 'ok').toBe('ok');
    const cards = target.toArray().filter((e) => e.type === 'card');
    for (const c of cards) for (const k of SERVER_ONLY) expect(c.props, k).not.toHaveProperty(k);
    const opp = cards.find((c) => c.props.status === 'planned')!;
    const pain = cards.find((c) => c.props.ext === 'pay-steps')!;
    expect(opp.props.addresses).toEqual([pain.id]);
    expect(target.get(opp.props.dept as string)?.type).toBe('department');
    expect(target.get(pain.props.persona as string)?.props.name).toBe('王女士');
    expect(target.cardByExt('pay-steps')?.id).toBe(pain.id);
  });

  it('undoing my delete of a voted card re-creates it without the votes', () => {
    const doc = voted();
    const changes = doc.apply([{ op: 'delete', id: 'p1' }], facilitator);
    const ops = revertOps(doc, changes, 'undo');
    const create = ops.find((o): o is CreateOp => o.op === 'create' && o.id === 'p1')!;
    for (const k of SERVER_ONLY) expect(create.props, k).not.toHaveProperty(k);
    expect(create.props).toMatchObject({ ext: 'pay-steps', top: 1 });
    expect(doc.tryApply(ops, facilitator).error?.message ?? 'ok').toBe('ok');
  });
});

describe('departments and scopes in the client', () => {
  it('the grid layout ignores departments', () => {
    const doc = voted();
    const L = layout(doc);
    expect(L.free.map((e) => e.id)).not.toContain('d1');
    expect(L.stages.map((s) => s.el.id)).toEqual(['s1', 's2']);
    expect(L.lanes.map((l) => l.el.id)).not.toContain('d1');
    expect(Number.isFinite(L.bounds.w)).toBe(true);
  });

  it('says why a cell is closed to a department, as apply refuses it', () => {
    const doc = new BoardDoc([...baseBoard(), dept('d1', '市场部', 'Marketing'), dept('d2', '客服部', 'Service')]);
    doc.apply([{ op: 'update', id: 'l1', set: { scope: ['d1', 'd2'] } }], facilitator);
    const itDept = actor('editor', 'tab1', false, 'd-it');
    const mkt = actor('editor', 'tab1', false, 'd1');
    expect(doc.scopeRefusal('l1', 's1', itDept)).toBe("the lane 'l1' is open to 市场部, 客服部 only");
    expect(doc.scopeRefusal('l1', 's1', mkt)).toBeNull();
    expect(doc.scopeRefusal('l1', 's1', facilitator)).toBeNull();
    expect(doc.scopeRefusal('l2', 's1', itDept)).toBeNull();
    const r = doc.tryApply([{ op: 'update', id: 'c1', set: { text: 'x' } }], itDept);
    expect(r.error?.code).toBe('FORBIDDEN');
    expect(r.error?.message).toBe(`update: ${doc.scopeRefusal('l1', 's1', itDept)}`);
  });

  it('finds cards by ext, and keeps the index right when a message is rolled back', () => {
    const doc = voted();
    expect(doc.cardByExt('pay-steps')?.id).toBe('p1');
    const r = doc.tryApply([{ op: 'update', id: 'p1', unset: ['ext'] }, { op: 'update', id: 'o1', set: { ext: 'pay-steps' } }, { op: 'delete', id: 'gone' }], REPLAY);
    expect(r.error?.code).toBe('ELEMENT_NOT_FOUND');
    expect(doc.cardByExt('pay-steps')?.id).toBe('p1');
    doc.apply([{ op: 'update', id: 'p1', unset: ['ext'] }, { op: 'update', id: 'o1', set: { ext: 'pay-steps' } }], REPLAY);
    expect(doc.cardByExt('pay-steps')?.id).toBe('o1');
    expect(doc.clone().cardByExt('pay-steps')?.id).toBe('o1');
  });
});

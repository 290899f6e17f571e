// The action loop's op builders (edit/plan.ts) against the real document rules, and the sync
// client's department: sent in the hello, taken from welcome and participant messages, part of
// the actor the document judges my edits as (a scoped lane refuses, then admits once assigned).
import { describe, expect, it } from 'vitest';
import { actor } from '../src/model/actor';
import { BoardDoc, ScopeError } from '../src/model/doc';
import {
  addDepartmentOps, addressOps, deleteDepartmentOps, departments, moveDepartmentOps, ratingOps, renameDepartmentOps,
  scopeOps, stageByStageCurrent, stageByStageOps, topOps,
} from '../src/edit/plan';
import { SyncClient } from '../src/sync/client';
import type { BoardElement } from '../src/model/types';
import { card, FakeSocket, lane, stage } from './fakes';

const facilitator = actor('facilitator', 'fac');
const board = (): BoardDoc => new BoardDoc([
  stage('s1', 'a'), stage('s2', 'b'), stage('s3', 'c'),
  lane('pain', 'a', 'painpoints'), lane('opp', 'b', 'opportunities'),
  card('p1', 'pain', 's1', 'V'), card('p2', 'pain', 's2', 'V', { top: 1 }), card('o1', 'opp', 's1', 'V'),
]);
const apply = (doc: BoardDoc, ops: ReturnType<typeof topOps>, who = facilitator) => doc.apply(ops, who);

describe('the action loop as ops', () => {
  it('a matrix drop sets impact and effort snapped to 1..5, the list clears them, nothing for no change', () => {
    const doc = board();
    apply(doc, ratingOps(doc.get('p1')!, { impact: 7, effort: 0.4 }), actor('editor', 'ed'));
    expect(doc.get('p1')!.props).toMatchObject({ impact: 5, effort: 1 });
    expect(ratingOps(doc.get('p1')!, { impact: 5, effort: 1 })).toEqual([]);
    apply(doc, ratingOps(doc.get('p1')!, null), actor('editor', 'ed'));
    expect(doc.get('p1')!.props.impact).toBeUndefined();
    expect(ratingOps(doc.get('p1')!, null)).toEqual([]);
  });

  it('TOP-N is one message: new ranks set, every old one cleared; editors may not', () => {
    const doc = board();
    const ops = topOps(doc, ['o1', 'p1']);
    expect(() => doc.apply(ops, actor('editor', 'ed'))).toThrow("update: only a facilitator may change 'top'");
    apply(doc, ops);
    expect([doc.get('o1')!.props.top, doc.get('p1')!.props.top, doc.get('p2')!.props.top]).toEqual([1, 2, undefined]);
    expect(topOps(doc, ['o1', 'p1'])).toEqual([]);
    apply(doc, topOps(doc, []));
    expect(doc.toArray().filter((e) => e.props.top !== undefined)).toEqual([]);
  });

  it('an opportunity links and unlinks the pain points it addresses', () => {
    const doc = board();
    apply(doc, addressOps(doc.get('o1')!, 'p1', true));
    apply(doc, addressOps(doc.get('o1')!, 'p2', true));
    expect(doc.get('o1')!.props.addresses).toEqual(['p1', 'p2']);
    expect(addressOps(doc.get('o1')!, 'p1', true)).toEqual([]);
    expect(addressOps(doc.get('o1')!, 'o1', true)).toEqual([]);
    apply(doc, addressOps(doc.get('o1')!, 'p1', false));
    apply(doc, addressOps(doc.get('o1')!, 'p2', false));
    expect(doc.get('o1')!.props.addresses).toBeUndefined();
  });

  it('departments: add, rename, reorder, delete (cards lose dept, scopes drop it)', () => {
    const doc = board();
    apply(doc, addDepartmentOps(doc, 'mkt', { zh: '市场部', en: 'Marketing' }));
    apply(doc, addDepartmentOps(doc, 'cs', { zh: ' 客服部 ', en: '' }));
    expect(departments(doc).map((d) => d.id)).toEqual(['mkt', 'cs']);
    expect(doc.get('cs')!.props.labels).toEqual({ zh: '客服部', en: '' });
    expect(() => doc.apply(addDepartmentOps(doc, 'it', { zh: 'IT', en: 'IT' }), actor('editor', 'ed'))).toThrow('create: only a facilitator may change departments');
    apply(doc, renameDepartmentOps(doc.get('cs')!, { zh: '客服中心', en: 'Service' }));
    expect(doc.get('cs')!.props.labels).toEqual({ zh: '客服中心', en: 'Service' });
    apply(doc, moveDepartmentOps(doc, 'cs', -1));
    expect(departments(doc).map((d) => d.id)).toEqual(['cs', 'mkt']);
    expect(moveDepartmentOps(doc, 'cs', -1)).toEqual([]);
    apply(doc, [{ op: 'update', id: 'o1', set: { dept: 'mkt' } }, ...scopeOps(doc.get('pain')!, ['mkt', 'cs']), ...scopeOps(doc.get('s2')!, ['mkt'])]);
    apply(doc, deleteDepartmentOps(doc, 'mkt'));
    expect(doc.get('mkt')).toBeUndefined();
    expect(doc.get('o1')!.props.dept).toBeUndefined();
    expect(doc.get('pain')!.props.scope).toEqual(['cs']);
    expect(doc.get('s2')!.props.scope).toEqual([]);
  });

  it('scopes: set, unchanged, back to everyone', () => {
    const doc = board();
    apply(doc, addDepartmentOps(doc, 'cs', { zh: '客服部', en: 'Service' }));
    apply(doc, scopeOps(doc.get('pain')!, ['cs']));
    expect(scopeOps(doc.get('pain')!, ['cs'])).toEqual([]);
    const mkt = actor('editor', 'ed', false, 'mkt');
    const r = doc.tryApply([{ op: 'update', id: 'p1', set: { text: 'x' } }], mkt);
    expect(r.error).toBeInstanceOf(ScopeError);
    expect((r.error as ScopeError).block.where.id).toBe('pain');
    expect((r.error as ScopeError).block.departments.map((d) => d.id)).toEqual(['cs']);
    expect(r.error!.message).toBe("update: the lane 'pain' is open to 客服部 only");
    apply(doc, scopeOps(doc.get('pain')!, null));
    expect(doc.get('pain')!.props.scope).toBeUndefined();
    expect(doc.tryApply([{ op: 'update', id: 'p1', set: { text: 'x' } }], mkt).error).toBeNull();
  });

  it('stage by stage: one stage open, the others facilitators only; next; end opens all', () => {
    const doc = board();
    expect(stageByStageCurrent(doc)).toBeNull();
    apply(doc, stageByStageOps(doc, 's1'));
    expect(stageByStageCurrent(doc)).toBe('s1');
    expect(doc.scopeRefusal('opp', 's2', actor('editor', 'ed'))).toBe("the stage 's2' is open to facilitators only");
    expect(doc.scopeRefusal('opp', 's1', actor('editor', 'ed'))).toBeNull();
    apply(doc, stageByStageOps(doc, 's2'));
    expect(stageByStageCurrent(doc)).toBe('s2');
    expect(doc.get('s1')!.props.scope).toEqual([]);
    apply(doc, stageByStageOps(doc, null));
    expect(stageByStageCurrent(doc)).toBeNull();
    expect(doc.toArray().filter((e: BoardElement) => e.props.scope !== undefined)).toEqual([]);
  });
});

describe('the sync client and my department', () => {
  const setup = (department: string | null) => {
    const sockets: FakeSocket[] = [];
    const client = new SyncClient({
      url: 'ws://x', name: 'Sam', clientId: 'tabA', department,
      socketFactory: (url) => { const s = new FakeSocket(url); sockets.push(s); return s; },
      setTimeout: () => 0, clearTimeout: () => {}, random: () => 0,
    });
    return { client, sockets };
  };
  const elements = () => [stage('s1', 'a'), lane('pain', 'a', 'painpoints'), card('p1', 'pain', 's1', 'V'),
    { id: 'mkt', type: 'department', parent: null, index: 'V', props: { labels: { zh: '市场部', en: 'Marketing' } } },
    { id: 'cs', type: 'department', parent: null, index: 'k', props: { labels: { zh: '客服部', en: 'Service' } } }];
  const welcome = (department?: string) => ({
    type: 'welcome', v: 1, board: { id: 'b', title: 'T', template: 'journey' },
    you: { id: 'p1', name: 'Sam', color: '#e8590c', role: 'editor', ...(department ? { department } : {}) }, participants: [],
    seq: 3, snapshot: { seq: 3, elements: elements().map((e) => (e.id === 'pain' ? { ...e, props: { ...e.props, scope: ['cs'] } } : e)) }, missed: null,
  });

  it('sends the chosen department in every hello and edits as it', () => {
    const { client, sockets } = setup('mkt');
    client.connect();
    sockets[0].open();
    expect(sockets[0].sent[0]).toEqual({ type: 'hello', v: 1, name: 'Sam', client: 'tabA', department: 'mkt' });
    sockets[0].receive(welcome('mkt'));
    expect(client.actor.department).toBe('mkt');
    expect(() => client.submit([{ op: 'update', id: 'p1', set: { text: 'x' } }])).toThrow("update: the lane 'pain' is open to 客服部 only");
    // the facilitator moves me to 客服部: the lane admits me from now on
    sockets[0].receive({ type: 'participant', participant: { id: 'p1', name: 'Sam', color: '#e8590c', role: 'editor', department: 'cs' } });
    expect(client.department).toBe('cs');
    expect(client.submit([{ op: 'update', id: 'p1', set: { text: 'x' } }]).length).toBe(1);
    // and a reconnect says so
    sockets[0].drop();
    client.reconnectNow();
    sockets[1].open();
    expect(sockets[1].sent[0]).toMatchObject({ type: 'hello', department: 'cs', lastSeq: 3 });
  });

  it('a department the board no longer has: the hello is sent again without one', () => {
    const { client, sockets } = setup('gone');
    client.connect();
    sockets[0].open();
    sockets[0].receive({ type: 'error', code: 'INVALID_VALUE', message: "hello: the board has no department 'gone'" });
    expect(sockets[0].sent[1]).toEqual({ type: 'hello', v: 1, name: 'Sam', client: 'tabA' });
    sockets[0].receive(welcome());
    expect(client.state).toBe('connected');
    expect(client.department).toBeNull();
  });
});

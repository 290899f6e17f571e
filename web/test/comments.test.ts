// The comments UI's thread model (ui/comments/threads.ts) against the real document rules: threads
// with replies in order, mentions found, highlighted and sent, resolve and reopen, the open counts
// the card badge draws, the search, what each role may do, and refusals turned into the UI's words.
import { describe, expect, it } from 'vitest';
import { actor } from '../src/model/actor';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement } from '../src/model/types';
import { OpError } from '../src/model/types';
import {
  commentable, commentErrorKey, commentOp, commentRights, itemsWithOpenThreads, mentionsIn, mentionsOf, mentionTargets, openThreadCounts,
  resolveOp, searchBoard, splitMentions, threadsOn,
} from '../src/ui/comments/threads';
import { commentBadgeRect } from '../src/render/comment-badges';
import { card, lane, stage } from './fakes';

const dept = (id: string, zh: string, en: string): BoardElement => ({ id, type: 'department', parent: null, index: id === 'mkt' ? 'a' : 'b', props: { labels: { zh, en } } });
const board = (): BoardDoc => new BoardDoc([
  stage('s1', 'a'), lane('pain', 'a', 'painpoints'), card('c1', 'pain', 's1', 'V', { text: '支付步骤多' }), card('c2', 'pain', 's1', 'W', { text: 'Slow delivery' }),
  dept('mkt', '市场部', 'Marketing'), dept('cs', '客服部', 'Support'),
  { id: 'n1', type: 'sticky', parent: null, index: 'a', props: { x: 0, y: 0, text: '便签' } },
]);

const editor = actor('editor', 'ed-tab');
const commenter = actor('commenter', 'com-tab');
const fac = actor('facilitator', 'fac-tab');
let clock = 1_790_000_000_000;
const write = (doc: BoardDoc, who: typeof editor, id: string, on: string, text: string, replyTo?: string) =>
  doc.apply([commentOp(doc, { id, on, text, author: who.role, by: who.client, at: clock++, replyTo, targets: mentionTargets(doc) })], who);

describe('threads', () => {
  it('a thread between three roles: replies in order, a mention, resolved by a commenter, reopened by an editor', () => {
    const doc = board();
    write(doc, editor, 't1', 'c1', '这个步骤能合并吗？');
    write(doc, commenter, 'r1', 'c1', '@市场部 看看数据', 't1');
    write(doc, fac, 'r2', 'c1', 'next workshop', 't1');
    let [th] = threadsOn(doc, 'c1');
    expect(th.root.id).toBe('t1');
    expect(th.replies.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(th.replies[0].props.mentions).toEqual(['mkt']);
    expect(th.replies[1].props.mentions).toBeUndefined();
    expect(openThreadCounts(doc).get('c1')).toBe(1);
    doc.apply([resolveOp('t1', true)], commenter);
    [th] = threadsOn(doc, 'c1');
    expect(th.open).toBe(false);
    expect(openThreadCounts(doc).has('c1')).toBe(false);
    doc.apply([resolveOp('t1', false)], editor);
    expect(doc.get('t1')!.props.resolved).toBeUndefined();
    expect(openThreadCounts(doc).get('c1')).toBe(1);
  });

  it('open threads come first, oldest first in each group; counts per item, free items too', () => {
    const doc = board();
    write(doc, editor, 'a', 'c1', 'first');
    write(doc, editor, 'b', 'c1', 'second');
    write(doc, editor, 'c', 'c1', 'third');
    write(doc, editor, 'n', 'n1', 'on a note');
    doc.apply([resolveOp('a', true)], editor);
    expect(threadsOn(doc, 'c1').map((t) => [t.root.id, t.open])).toEqual([['b', true], ['c', true], ['a', false]]);
    expect(itemsWithOpenThreads(doc).map((x) => [x.item.id, x.open])).toEqual([['c1', 2], ['n1', 1]]);
    expect(commentable(doc.get('n1'))).toBe(true);
    expect(commentable(doc.get('s1'))).toBe(false);
    expect(commentable(doc.get('mkt'))).toBe(false);
  });

  it('the counts follow the document version (the renderer caches them)', () => {
    const doc = board();
    expect(openThreadCounts(doc).size).toBe(0);
    write(doc, editor, 't1', 'c2', 'x');
    expect(openThreadCounts(doc).get('c2')).toBe(1);
    doc.apply([{ op: 'delete', id: 'c2' }], editor);
    expect(openThreadCounts(doc).size).toBe(0);
  });

  it('the badge keeps a readable screen size at low zoom', () => {
    const r = { x: 100, y: 100, w: 200, h: 80 };
    expect(commentBadgeRect(r, 1).h * 1).toBe(18);
    expect(commentBadgeRect(r, 0.1).h * 0.1).toBeGreaterThanOrEqual(14);
    expect(commentBadgeRect(r, 0.05).h * 0.05).toBeGreaterThanOrEqual(14);
  });
});

describe('mentions', () => {
  const targets = mentionTargets(board(), 'en');

  it('departments by any of their names, the longest first, each once', () => {
    expect(targets.map((t) => [t.id, t.label])).toEqual([['cs', 'Support'], ['mkt', 'Marketing']]);
    expect(mentionsIn('@市场部 and @Support, again @marketing', targets)).toEqual(['mkt', 'cs']);
    expect(mentionsIn('mail me at a@b.c', targets)).toEqual([]);
    const t2 = [{ id: 'k', names: ['客服'], label: '客服' }, { id: 'kb', names: ['客服部'], label: '客服部' }];
    expect(mentionsIn('@客服部 看看', t2)).toEqual(['kb']);
  });

  it("a department's mentions in open threads", () => {
    const doc = board();
    write(doc, editor, 't1', 'c1', '@市场部 first');
    write(doc, commenter, 'r1', 'c1', '@Marketing again', 't1');
    write(doc, editor, 't2', 'c2', '@市场部 on a thread that gets resolved');
    write(doc, editor, 't3', 'c2', '@客服部 not marketing');
    doc.apply([resolveOp('t2', true)], editor);
    expect(mentionsOf(doc, 'mkt').map((m) => [m.item.id, m.comment.id])).toEqual([['c1', 't1'], ['c1', 'r1']]);
    expect(mentionsOf(doc, 'cs').map((m) => m.comment.id)).toEqual(['t3']);
    doc.apply([resolveOp('t2', false)], editor);
    expect(mentionsOf(doc, 'mkt').map((m) => m.comment.id)).toEqual(['t1', 'r1', 't2']);
  });

  it('split for highlighting: only what the comment says it mentions', () => {
    expect(splitMentions('请 @市场部 看看', targets, ['mkt'])).toEqual([{ text: '请 ' }, { text: '@市场部', mention: 'mkt' }, { text: ' 看看' }]);
    expect(splitMentions('请 @市场部 看看', targets, [])).toEqual([{ text: '请 @市场部 看看' }]);
    expect(splitMentions('', targets, [])).toEqual([{ text: '' }]);
  });
});

describe('rights and refusals', () => {
  it('who may write comments', () => {
    expect(commentRights(commenter)).toEqual({ write: true });
    expect(commentRights(actor('viewer', 'v'))).toEqual({ write: false, reason: 'viewer' });
    expect(commentRights(actor('viewer', 'v', false, null, true))).toEqual({ write: true });
    expect(commentRights(actor('editor', 'e', true))).toEqual({ write: false, reason: 'locked' });
    expect(commentRights(actor('facilitator', 'f', true))).toEqual({ write: true });
  });

  const refusal = (doc: BoardDoc, fn: () => unknown): OpError => {
    const before = JSON.stringify(doc.toArray());
    try { fn(); } catch (e) {
      expect(JSON.stringify(doc.toArray())).toBe(before);
      return e as OpError;
    }
    throw new Error('not refused');
  };

  it('a deleted card, an over-long text, a viewer without rights: the document refuses, the UI has words for each', () => {
    const doc = board();
    doc.apply([{ op: 'delete', id: 'c1' }], fac);
    const gone = refusal(doc, () => write(doc, commenter, 'x', 'c1', 'late'));
    expect([gone.code, gone.message]).toEqual(['ELEMENT_NOT_FOUND', "create: no parent 'c1'"]);
    expect(commentErrorKey(gone.code, gone.message)).toBe('comments.err.gone');
    const long = refusal(doc, () => write(doc, commenter, 'x', 'c2', '长'.repeat(2001)));
    expect([long.code, long.message]).toEqual(['TOO_LARGE', 'comment.text is longer than 2000 characters']);
    expect(commentErrorKey(long.code, long.message)).toBe('comments.err.tooLong');
    write(doc, commenter, 'ok', 'c2', '长'.repeat(2000));
    const viewer = refusal(doc, () => write(doc, actor('viewer', 'v'), 'x', 'c2', 'hi'));
    expect([viewer.code, viewer.message]).toEqual(['FORBIDDEN', 'a viewer may not comment on this board']);
    expect(commentErrorKey(viewer.code, viewer.message)).toBe('comments.err.noRights');
    const blank = refusal(doc, () => write(doc, commenter, 'x', 'c2', '  \n'));
    expect(commentErrorKey(blank.code, blank.message)).toBe('comments.err.empty');
    const map = refusal(doc, () => doc.apply([{ op: 'update', id: 'c2', set: { text: 'edited' } }], commenter));
    expect(commentErrorKey(map.code, map.message)).toBe('comments.err.forbidden');
    expect(commentErrorKey('LOCKED')).toBe('comments.err.locked');
    expect(commentErrorKey('RATE_LIMITED')).toBe('err.RATE_LIMITED');
  });

  it('a reply carries its thread and cannot be resolved itself', () => {
    const doc = board();
    write(doc, editor, 't1', 'c1', 'q');
    write(doc, commenter, 'r1', 'c1', 'a', 't1');
    const e = refusal(doc, () => doc.apply([resolveOp('r1', true)], commenter));
    expect(e.code).toBe('INVALID_VALUE');
  });
});

describe('search', () => {
  it('comment texts first (by item, oldest first), then card and note texts; case-insensitive', () => {
    const doc = board();
    write(doc, editor, 't1', 'c2', 'Delivery is slow in winter');
    write(doc, commenter, 't2', 'c1', 'what about delivery?');
    const hits = searchBoard(doc, 'DELIVERY');
    expect(hits.map((h) => [h.kind, h.item, h.comment ?? null])).toEqual([['comment', 'c1', 't2'], ['comment', 'c2', 't1'], ['card', 'c2', null]]);
    expect(hits[0].at).toBe('what about '.length);
    expect(searchBoard(doc, '便签').map((h) => h.item)).toEqual(['n1']);
    expect(searchBoard(doc, '   ')).toEqual([]);
    expect(searchBoard(doc, 'nothing like it')).toEqual([]);
  });
});

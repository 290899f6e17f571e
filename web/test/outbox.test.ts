import { describe, expect, it } from 'vitest';
import type { Op } from '../src/model/types';
import { Outbox } from '../src/sync/outbox';

const op = (id: string): Op[] => [{ op: 'update', id, set: { text: id } }];
const cids = (b: readonly { cid: number }[]) => b.map((p) => p.cid);

describe('Outbox', () => {
  it('sends everything at once, in order, and forgets what was applied', () => {
    const o = new Outbox();
    o.add(op('a')); o.add(op('b'));
    expect(cids(o.take())).toEqual([1, 2]);
    expect(o.take()).toEqual([]);
    o.add(op('c'));
    expect(cids(o.take())).toEqual([3]);
    expect(o.applied(1)).toBe(true);
    expect(cids(o.items)).toEqual([2, 3]);
  });

  it('pauses behind a message the store refused: nothing after it goes out until a probe is applied', () => {
    const o = new Outbox();
    o.add(op('a')); o.add(op('b'));
    o.take();
    expect(o.storeRefused(1)).toBe(true);
    expect(o.paused).toBe(true);
    expect(o.storeRefused(2)).toBe(true);
    o.add(op('c'));
    expect(o.take()).toEqual([]); // no retry allowed yet
    o.allowProbe();
    const probe = o.take();
    expect(cids(probe)).toEqual([1]); // the head only, with its own cid
    o.allowProbe();
    expect(o.take()).toEqual([]); // one at a time
    expect(o.storeRefused(1)).toBe(true);
    o.allowProbe();
    expect(cids(o.take())).toEqual([1]);
    o.applied(1);
    expect(o.paused).toBe(false);
    expect(cids(o.take())).toEqual([2, 3]); // the rest, in order, with their cids
  });

  it('waits for what is still on the wire before it probes', () => {
    const o = new Outbox();
    o.add(op('a')); o.add(op('b'));
    o.take();
    o.storeRefused(1);
    o.allowProbe();
    expect(o.take()).toEqual([]); // 2 is in flight
    o.storeRefused(2);
    o.allowProbe();
    expect(cids(o.take())).toEqual([1]);
  });

  it('keeps a dependent message refused behind a refused one, and re-sends it once with a new cid', () => {
    const o = new Outbox();
    o.add(op('create')); o.add(op('update')); o.add(op('other'));
    o.take();
    o.storeRefused(1);
    expect(o.rejected(2, 'ELEMENT_NOT_FOUND')).toBe('requeued');
    expect(o.rejected(3, 'FORBIDDEN')).toBe('dropped'); // not something a missing create causes
    o.allowProbe();
    expect(cids(o.take())).toEqual([1]);
    o.applied(1);
    const rest = o.take();
    expect(rest.map((p) => p.ops)).toEqual([op('update')]);
    expect(cids(rest)).toEqual([4]); // the server remembers cid 2 as rejected
    expect(o.rejected(4, 'ELEMENT_NOT_FOUND')).toBe('dropped'); // a second time it is real
    expect(o.size).toBe(0);
  });

  it('gives a re-send a new cid, and everything unsent behind it, when a later cid was applied', () => {
    const o = new Outbox();
    o.add(op('a')); o.add(op('b'));
    o.take();
    o.storeRefused(1);
    o.applied(2); // the store came back between the two
    o.add(op('c'));
    const batch = o.take();
    expect(batch.map((p) => p.ops)).toEqual([op('a'), op('c')]);
    expect(cids(batch)).toEqual([4, 5]);
  });

  it('a connection loss makes everything unsent; an empty queue is not paused', () => {
    const o = new Outbox();
    o.add(op('a'));
    o.take();
    o.disconnected();
    expect(cids(o.take())).toEqual([1]);
    o.storeRefused(1);
    o.rejected(1, 'LOCKED');
    expect(o.take()).toEqual([]);
    expect(o.paused).toBe(false);
  });

  it('a duplicate ack while paused lets the next message go at once', () => {
    const o = new Outbox();
    o.add(op('a')); o.add(op('b'));
    o.take();
    o.storeRefused(1); o.storeRefused(2);
    o.allowProbe();
    o.take();
    o.duplicate(1);
    expect(cids(o.take())).toEqual([2]);
  });
});

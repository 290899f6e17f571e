// Property edits: one element's set / unset, a colour for several, and the facilitator's locks.
import type { BoardElement, Op, Props } from '../model/types';

/** An update op; empty set or unset are left out of it. */
export function updateOp(id: string, set: Props, unset: string[] = []): Op {
  const op: Op = { op: 'update', id };
  if (Object.keys(set).length) op.set = set;
  if (unset.length) op.unset = unset;
  return op;
}

/** A colour for each element, or the default (unset) for null. */
export function colorOps(els: readonly BoardElement[], color: string | null): Op[] {
  return els.map((e) => (color ? updateOp(e.id, { color }) : updateOp(e.id, {}, ['color'])));
}

/** Locks (or unlocks) the elements that are not so already. */
export function lockOps(els: readonly BoardElement[], lock: boolean): Op[] {
  return els.filter((e) => (e.props.locked === true) !== lock)
    .map((e) => (lock ? updateOp(e.id, { locked: true }) : updateOp(e.id, {}, ['locked'])));
}

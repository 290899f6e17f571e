// Moving one element of an ordered list (departments, stages, lanes): the fractional index that puts
// it between two neighbours. Both lists come sorted by index; should two neighbours hold the same
// index (two clients moved at once), the key goes after the lower one alone instead.
import { keyBetween } from '../model/fracindex';
import type { Op } from '../model/types';

interface Ordered { id: string; index: string }

/** A move of id to slot (0..n) of list: before the element now at slot, after the one before it. */
export function moveToSlotOp(list: readonly Ordered[], id: string, slot: number): Op {
  const lo = slot > 0 ? list[slot - 1].index : null;
  let hi = slot < list.length ? list[slot].index : null;
  if (lo !== null && hi !== null && lo >= hi) hi = null;
  return { op: 'move', id, index: keyBetween(lo, hi) };
}

/** Moves id one place back (-1) or forward (1) in list; nothing at either end or when id is not in it. */
export function moveByOneOps(list: readonly Ordered[], id: string, dir: -1 | 1): Op[] {
  const i = list.findIndex((x) => x.id === id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= list.length) return [];
  // j is the new position among the others
  return [moveToSlotOp(list.filter((x) => x.id !== id), id, j)];
}

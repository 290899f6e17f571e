// Fractional indices for new and moved elements: after the last free item, after a frame's last
// child, at the end of a cell.
import type { BoardDoc } from '../model/doc';
import { keyBetween } from '../model/fracindex';
import type { GridLayout } from '../render/layout';

/** An index after every free item at the root (stages and lanes have their own order). */
export function nextFreeIndex(doc: BoardDoc): string {
  let max: string | null = null;
  for (const e of doc.values()) if (e.parent === null && e.type !== 'stage' && e.type !== 'lane' && (max === null || e.index > max)) max = e.index;
  return keyBetween(max, null);
}

/** An index after the last child of parent (the root: after the last free item). */
export function nextChildIndex(doc: BoardDoc, parent: string | null): string {
  if (parent === null) return nextFreeIndex(doc);
  let max: string | null = null;
  for (const e of doc.values()) if (e.parent === parent && (max === null || e.index > max)) max = e.index;
  return keyBetween(max, null);
}

/** The index of the last card in the cell, or null for an empty cell. */
export function lastIndexIn(L: GridLayout, laneId: string, stageId: string): string | null {
  const list = L.cells.get(`${laneId}|${stageId}`) ?? [];
  return list.length ? list[list.length - 1].el.index : null;
}

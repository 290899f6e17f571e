// Structure edits (facilitators only): a new stage or lane after the last one, moving a stage
// left / right or a lane up / down by one place, and dragging a header to another place.
import type { BoardDoc } from '../model/doc';
import { keyBetween } from '../model/fracindex';
import type { Op, Props } from '../model/types';
import type { GridLayout } from '../render/layout';
import { moveByOneOps, moveToSlotOp } from './reorder';

const ordered = (L: GridLayout, kind: 'stage' | 'lane') => (kind === 'stage' ? L.stages.map((s) => s.el) : L.lanes.map((l) => l.el));

/** A new stage or lane at the end; names: the default title ("New stage" gets its number). */
export function addStructureOps(L: GridLayout, kind: 'stage' | 'lane', id: string, names: { stage: string; lane: string }): Op[] {
  const list = ordered(L, kind);
  const last = list.length ? list[list.length - 1].index : null;
  const props: Props = kind === 'stage' ? { title: `${names.stage} ${list.length + 1}` } : { title: names.lane, kind: 'custom' };
  return [{ op: 'create', id, type: kind, parent: null, index: keyBetween(last, null), props }];
}

/** Moves a stage or lane one place back (-1) or forward (1); nothing at either end. */
export function moveStructureOps(doc: BoardDoc, L: GridLayout, id: string, dir: -1 | 1): Op[] {
  const el = doc.get(id);
  if (!el || (el.type !== 'stage' && el.type !== 'lane')) return [];
  return moveByOneOps(ordered(L, el.type), id, dir);
}

/**
 * Where a stage (by world x) or lane (by world y) header dragged to pos goes: the slot 0..n
 * before the first one whose middle lies beyond pos.
 */
export function reorderSlot(L: GridLayout, kind: 'stage' | 'lane', pos: number): number {
  const list = kind === 'stage' ? L.stages.map((s) => s.x + s.w / 2) : L.lanes.map((l) => l.y + l.h / 2);
  let i = 0;
  while (i < list.length && list[i] < pos) i++;
  return i;
}

/** Where the bar showing a slot goes: the edge between two stages or lanes, in world units. */
export function slotEdge(L: GridLayout, kind: 'stage' | 'lane', slot: number): number {
  if (kind === 'stage') return slot < L.stages.length ? L.stages[slot].x : L.grid.w;
  return slot < L.lanes.length ? L.lanes[slot].y : L.grid.h;
}

/** Moves a stage or lane to slot (0..n, before the one now there); nothing when it stays in place. */
export function reorderStructureOps(doc: BoardDoc, L: GridLayout, id: string, slot: number): Op[] {
  const el = doc.get(id);
  if (!el || (el.type !== 'stage' && el.type !== 'lane')) return [];
  const list = ordered(L, el.type);
  const i = list.findIndex((x) => x.id === id);
  if (i < 0 || slot < 0 || slot > list.length || slot === i || slot === i + 1) return [];
  return [moveToSlotOp(list, id, slot)];
}

// Deleting a selection: one delete op per element that a previous delete of the same message
// does not take along already (a frame's children, a stage's cards, attached connectors).
import { REPLAY } from '../model/actor';
import type { BoardDoc } from '../model/doc';
import type { Op } from '../model/types';

export function deleteOps(doc: BoardDoc, ids: Iterable<string>): Op[] {
  const scratch = doc.clone();
  const ops: Op[] = [];
  for (const id of ids) {
    if (!scratch.has(id)) continue;
    // only to learn what goes with it: the real message is checked when it is submitted
    scratch.apply([{ op: 'delete', id }], REPLAY);
    ops.push({ op: 'delete', id });
  }
  return ops;
}

/** The stage or lane among ids that a delete would take with all its cards (the UI asks first). */
export function structuralAmong(doc: BoardDoc, ids: Iterable<string>): 'stage' | 'lane' | null {
  for (const id of ids) {
    const type = doc.get(id)?.type;
    if (type === 'stage' || type === 'lane') return type;
  }
  return null;
}

/** Splits a long list of ops into messages of at most n ops, in order. */
export function inChunks(ops: readonly Op[], n = 400): Op[][] {
  const out: Op[][] = [];
  for (let i = 0; i < ops.length; i += n) out.push(ops.slice(i, i + n));
  return out;
}

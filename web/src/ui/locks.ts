// Locks before typing: whether an edit of an element, or a new card in a cell, would be refused
// with LOCKED for me, and a toast that says why ("This lane is locked by the facilitator"). The
// rule itself is the model's (BoardDoc.isLockedFor): this only asks it about the element and
// about what could hold the lock (the board, the lane, the stage), to name the reason.
import type { BoardContext } from './context';
import { toast } from './dom';
import { MsgKey, t } from './i18n';

export type LockReason = 'lock.board' | 'lock.stage' | 'lock.lane' | 'lock.card' | 'lock.item';

function why(ctx: BoardContext, ids: (string | undefined)[], self: LockReason): LockReason {
  const doc = ctx.doc();
  const actor = ctx.client.actor;
  if (actor.boardLocked) return 'lock.board';
  for (const id of ids) {
    if (!id) continue;
    const el = doc.get(id);
    if (el && doc.isLockedFor(id, actor)) return el.type === 'lane' ? 'lock.lane' : el.type === 'stage' ? 'lock.stage' : self;
  }
  return self;
}

/** Why an edit of the element would be refused for me, or null if it would not. */
export function lockReason(ctx: BoardContext, id: string): LockReason | null {
  const doc = ctx.doc();
  const el = doc.get(id);
  if (!el || !doc.isLockedFor(id, ctx.client.actor)) return null;
  const self: LockReason = el.type === 'card' ? 'lock.card' : el.type === 'lane' ? 'lock.lane' : el.type === 'stage' ? 'lock.stage' : 'lock.item';
  // the lane or stage it sits in, else its own lock
  return why(ctx, [el.parent ?? undefined, el.props.stage as string | undefined], self);
}

/** Why a new card in the cell (lane, stage) would be refused for me, or null. */
export function cellLockReason(ctx: BoardContext, laneId: string, stageId: string): LockReason | null {
  const doc = ctx.doc();
  const actor = ctx.client.actor;
  if (!doc.isLockedFor(laneId, actor) && !doc.isLockedFor(stageId, actor)) return null;
  return why(ctx, [laneId, stageId], 'lock.lane');
}

/** Tells the user why (at most once a second for the same reason: a drag asks on every move). */
let last = { key: '', at: 0 };
export function explainLock(reason: LockReason): void {
  const now = Date.now();
  if (last.key === reason && now - last.at < 1500) return;
  last = { key: reason, at: now };
  toast(t(reason as MsgKey));
}

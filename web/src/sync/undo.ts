// Per-user undo/redo. Each entry remembers the before/after of the elements one of my edits
// touched. Undoing computes *new* ops against the current document that bring back only what I
// changed (properties, position, existence) and what nobody changed after me: a property or a
// position someone else has set since stays theirs, and deleting an element others have edited
// since (or put their cards in) needs the user's yes (the `ask` of undo / redo), else it stays.
import { REPLAY } from '../model/actor';
import { isServerOnly, withoutServerOnly } from '../model/props';
import { BoardDoc, Change } from '../model/doc';
import { BoardElement, Json, Op, Props } from '../model/types';

export interface UndoEntry { changes: Change[] }

/** The ops of one undo or redo step, and the elements they delete though others changed them since. */
export interface RevertPlan { ops: Op[]; foreign: string[] }

/** Asked before a step deletes elements others changed since (ids); false keeps them. */
export type AskForeign = (foreign: string[]) => boolean;

const TYPE_RANK: Record<string, number> = { department: 0, stage: 0, lane: 1, shape: 2, card: 3, sticky: 4, text: 4, ink: 4, connector: 5 };

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameState(a: BoardElement, b: BoardElement): boolean {
  if (a === b) return true;
  if (a.parent !== b.parent || a.index !== b.index) return false;
  const ka = Object.keys(a.props), kb = Object.keys(b.props);
  return ka.length === kb.length && ka.every((k) => sameJson(a.props[k], b.props[k]));
}

/** Elements that depend on id (children, the cards of a stage, attached connectors). */
function dependents(doc: BoardDoc, id: string): string[] {
  const out: string[] = [];
  for (const e of doc.values()) {
    if (e.parent === id || e.props.stage === id || e.props.from === id || e.props.to === id) out.push(e.id);
  }
  return out;
}

/**
 * Ops that move the current document from `from` states towards `to` states for the elements in
 * changes, touching only what still is as my edit left it. Deleting an element that others have
 * changed since, or that holds elements my entry did not touch, is "foreign"; the ids in `keep`
 * are not deleted. Ops that cannot apply any more (e.g. the lane was deleted meanwhile) are left out.
 */
export function planRevert(doc: BoardDoc, changes: readonly Change[], direction: 'undo' | 'redo', keep: ReadonlySet<string> = new Set()): RevertPlan {
  const creates: { el: BoardElement; op: Op }[] = [];
  const updates: Op[] = [];
  const deletes: Op[] = [];
  const foreign: string[] = [];
  const touched = new Set(changes.map((c) => c.id));
  for (const c of changes) {
    const from = direction === 'undo' ? c.after : c.before;
    const to = direction === 'undo' ? c.before : c.after;
    const cur = doc.get(c.id);
    if (to === null) {
      if (!cur) continue;
      const changed = from !== null && !sameState(cur, from);
      const holdsOthers = dependents(doc, c.id).some((d) => !touched.has(d));
      if (changed || holdsOthers) {
        foreign.push(c.id);
        if (keep.has(c.id)) continue;
      }
      deletes.push({ op: 'delete', id: c.id });
      continue;
    }
    if (from === null) {
      if (!cur) creates.push({ el: to, op: { op: 'create', id: to.id, type: to.type, parent: to.parent, index: to.index, props: withoutServerOnly(to.props) } });
      continue;
    }
    if (!cur) continue;
    // a move back only from where I put it (someone who moved it since keeps their place)
    if ((from.parent !== to.parent || from.index !== to.index) && cur.parent === from.parent && cur.index === from.index) {
      updates.push({ op: 'move', id: c.id, parent: to.parent, index: to.index });
    }
    const set: Props = {};
    const unset: string[] = [];
    const keys = new Set([...Object.keys(from.props), ...Object.keys(to.props)]);
    for (const k of keys) {
      // the server's own props (vote totals, the private mark, ...) are not mine to undo
      if (isServerOnly(k) || sameJson(from.props[k], to.props[k])) continue;
      // someone set it since (or set it to my target already): leave it
      if (!sameJson(cur.props[k], from.props[k])) continue;
      if (to.props[k] === undefined) unset.push(k);
      else set[k] = to.props[k];
    }
    if (Object.keys(set).length || unset.length) {
      const op: Op = { op: 'update', id: c.id };
      if (Object.keys(set).length) op.set = set;
      if (unset.length) op.unset = unset;
      updates.push(op);
    }
  }
  // parents before children, stages before their cards, connector ends before connectors
  creates.sort((a, b) => TYPE_RANK[a.el.type] - TYPE_RANK[b.el.type]);
  const candidates = [...creates.map((c) => c.op), ...updates, ...deletes];
  const scratch = doc.clone();
  const out: Op[] = [];
  let progress = true;
  let rest = candidates;
  // a few passes settle dependencies between recreated elements (shape inside shape, etc.)
  while (progress && rest.length) {
    progress = false;
    const next: Op[] = [];
    for (const op of rest) {
      if (scratch.tryApply([op], REPLAY).error) next.push(op);
      else {
        out.push(op);
        progress = true;
      }
    }
    rest = next;
  }
  return { ops: out, foreign };
}

/** The ops of planRevert, deleting foreign elements too (for callers that asked already). */
export function revertOps(doc: BoardDoc, changes: readonly Change[], direction: 'undo' | 'redo'): Op[] {
  return planRevert(doc, changes, direction).ops;
}

export class UndoManager {
  private undoStack: UndoEntry[] = [];
  private redoStack: UndoEntry[] = [];
  readonly limit = 200;

  record(changes: Change[]): void {
    if (!changes.length) return;
    this.undoStack.push({ changes });
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
  }

  get canUndo(): boolean { return this.undoStack.length > 0; }
  get canRedo(): boolean { return this.redoStack.length > 0; }

  /**
   * Pops entries until one still has an effect; submit applies the ops and answers the changes
   * it made (or throws). Before deleting what others changed since, ask decides (no ask: keep
   * it). Returns false when there was nothing left to undo.
   */
  undo(doc: BoardDoc, submit: (ops: Op[]) => Change[], ask?: AskForeign): boolean {
    return this.step(this.undoStack, this.redoStack, 'undo', doc, submit, ask);
  }

  redo(doc: BoardDoc, submit: (ops: Op[]) => Change[], ask?: AskForeign): boolean {
    return this.step(this.redoStack, this.undoStack, 'redo', doc, submit, ask);
  }

  private step(from: UndoEntry[], to: UndoEntry[], dir: 'undo' | 'redo', doc: BoardDoc, submit: (ops: Op[]) => Change[], ask?: AskForeign): boolean {
    while (from.length) {
      const entry = from.pop()!;
      let plan = planRevert(doc, entry.changes, dir);
      if (plan.foreign.length && !(ask?.(plan.foreign) ?? false)) plan = planRevert(doc, entry.changes, dir, new Set(plan.foreign));
      const ops = plan.ops;
      if (!ops.length) {
        // kept what others changed: this step is done (asking again on the next undo would nag)
        if (plan.foreign.length) { to.push(entry); return true; }
        continue;
      }
      for (let i = 0; i < ops.length; i += 400) submit(ops.slice(i, i + 400));
      // keep the original before/after pair so redo/undo target the same states again
      to.push(entry);
      return true;
    }
    return false;
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }
}

// The board's history as a list of points to stand on: point 0 is the board before the first
// step the server kept, point i the board right after step i. Documents are rebuilt from the
// replay's ops with the server's actor (what the server accepted applies as it did), from a
// checkpoint every CHECKPOINT_EVERY steps, so jumping anywhere on the slider costs at most that
// many ops. Pure (no DOM): Vitest covers it.
import { REPLAY } from '../../model/actor';
import { BoardDoc } from '../../model/doc';
import type { BoardElement, Op } from '../../model/types';
import { UNLIMITED } from './limits';

export interface Step { seq: number; at: number | null; ops: Op[]; name: string | null; server: boolean }

export const CHECKPOINT_EVERY = 100;

/** What one step did, counted by element: the timeline's "what". */
export interface StepSummary { created: string[]; updated: string[]; deleted: string[] }

export function summarize(ops: readonly Op[]): StepSummary {
  const created = new Set<string>(), updated = new Set<string>(), deleted = new Set<string>();
  const walk = (list: readonly Op[]) => {
    for (const op of list) {
      if (op.op === 'batch') walk(op.ops);
      else if (op.op === 'create') created.add(op.id);
      else if (op.op === 'delete') {
        if (!created.delete(op.id)) deleted.add(op.id);
        updated.delete(op.id);
      } else if (!created.has(op.id)) updated.add(op.id);
    }
  };
  walk(ops);
  return { created: [...created], updated: [...updated], deleted: [...deleted] };
}

/** A few words of what a step was about: the first text it wrote (a card's, a note's), if any. */
export function firstText(ops: readonly Op[]): string | null {
  for (const op of ops) {
    const v = op.op === 'batch' ? firstText(op.ops) : op.op === 'create' ? op.props.text ?? op.props.name : op.op === 'update' ? op.set?.text ?? op.set?.name : null;
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

export class Timeline {
  readonly steps: Step[];
  readonly startSeq: number;
  /** whether the steps carry names (the timeline's changes were read: facilitators and editors) */
  named = false;
  private readonly checkpoints: BoardDoc[] = [];
  /** the board after the last step */
  private tip: BoardDoc;

  constructor(start: { seq: number; elements: readonly BoardElement[] }, steps: readonly Step[]) {
    this.startSeq = start.seq;
    this.steps = [...steps];
    this.tip = new BoardDoc(start.elements);
    this.checkpoints.push(this.tip.clone());
    for (let i = 0; i < this.steps.length; i++) this.advance(i);
  }

  /** A step that happened while the timeline is open (a live `applied`); older or known seqs are ignored. */
  append(step: Step): boolean {
    const lastSeq = this.seqOf(this.last);
    if (step.seq <= lastSeq) return false;
    this.steps.push(step);
    this.advance(this.steps.length - 1);
    return true;
  }

  private advance(i: number): void {
    this.tip = this.applyStep(this.tip, i);
    if ((i + 1) % CHECKPOINT_EVERY === 0) this.checkpoints.push(this.tip.clone());
  }

  /** Points on the slider: 0 (the start) .. steps.length (after the last step). */
  get last(): number { return this.steps.length; }

  /** The seq of a point (the start's seq for point 0). */
  seqOf(point: number): number { return point === 0 ? this.startSeq : this.steps[point - 1].seq; }

  /** When a point was made (null: the start, or a record older than times in the log). */
  atOf(point: number): number | null { return point === 0 ? null : this.steps[point - 1].at; }

  /** The last point at or before seq (seqs of private edits are not steps). */
  pointOf(seq: number): number {
    let p = 0;
    for (let i = 0; i < this.steps.length && this.steps[i].seq <= seq; i++) p = i + 1;
    return p;
  }

  /** The board right after a point: a fresh document the caller may keep. */
  docAt(point: number): BoardDoc {
    const p = Math.max(0, Math.min(this.last, Math.round(point)));
    const base = Math.floor(p / CHECKPOINT_EVERY);
    let doc = this.checkpoints[base].clone();
    for (let i = base * CHECKPOINT_EVERY; i < p; i++) doc = this.applyStep(doc, i);
    return doc;
  }

  /**
   * The board of point + 1 from the caller's own document of point (a replay moves one step at a
   * time: one step's ops instead of a rebuild from the checkpoint).
   */
  stepOn(doc: BoardDoc, point: number): BoardDoc {
    return point >= 0 && point < this.last ? this.applyStep(doc, point) : doc;
  }

  /** Adds the names of the timeline's changes (who) to the steps, by seq. */
  addNames(rows: readonly { seq: number; name: string | null; server: boolean }[]): void {
    this.named = true;
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    for (const s of this.steps) {
      const r = bySeq.get(s.seq);
      if (r) {
        s.name = r.name;
        s.server = r.server;
      }
    }
  }

  private applyStep(doc: BoardDoc, i: number): BoardDoc {
    const ops = this.steps[i].ops;
    if (!ops.length) return doc;
    // the server accepted it; a step the browser's rules would refuse is shown as skipped, not fatal
    doc.tryApply(ops, REPLAY, UNLIMITED);
    return doc;
  }
}

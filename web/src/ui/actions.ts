// The edits the board page makes on the user's behalf: submit through the sync client (recorded
// for undo, a local refusal shown as a message), undo / redo, delete the selection, structure
// edits, select all.
import { deleteOps, inChunks, structuralAmong } from '../edit/delete';
import { updateOp } from '../edit/props';
import { addStructureOps, moveStructureOps } from '../edit/structure';
import { randomId } from '../model/ids';
import type { ErrorCode, Op, Props } from '../model/types';
import { OpError } from '../model/types';
import { UndoManager } from '../sync/undo';
import type { BoardActions, BoardContext } from './context';
import { t } from './i18n';

export interface ActionHooks {
  /** the undo state or the unsent count may have changed */
  edited(): void;
  /** err: the refusal itself (a department scope's is explained by name) */
  showError(code: ErrorCode, err?: unknown): void;
  duplicate(): void;
  /** an undo or redo would delete what others changed since (ids): may it? */
  askForeign?(ids: string[]): boolean;
}

export class Actions implements BoardActions {
  readonly undoManager = new UndoManager();

  constructor(private readonly ctx: BoardContext, private readonly hooks: ActionHooks) {}

  submit(ops: Op[], record = true): boolean {
    if (!ops.length) return false;
    try {
      const changes = this.ctx.client.submit(ops);
      if (record) this.undoManager.record(changes);
      this.hooks.edited();
      return true;
    } catch (e) {
      if (e instanceof OpError) this.hooks.showError(e.code, e);
      else throw e;
      return false;
    }
  }

  update(id: string, set: Props, unset: string[] = []): void {
    this.submit([updateOp(id, set, unset)]);
  }

  undo(): void { this.step('undo'); }
  redo(): void { this.step('redo'); }

  private step(dir: 'undo' | 'redo'): void {
    const { client } = this.ctx;
    if (!client.canEdit) return;
    try {
      this.undoManager[dir](client.visible, (ops) => client.submit(ops), this.hooks.askForeign);
    } catch (e) {
      if (e instanceof OpError) this.hooks.showError(e.code);
    }
    this.hooks.edited();
  }

  /** Deletes the selection; a stage or lane (facilitators only) after a confirmation. */
  deleteSelection(): void {
    const { ctx } = this;
    const doc = ctx.doc();
    const ids = ctx.selection.list().filter((id) => doc.has(id));
    if (!ids.length) return;
    const structural = structuralAmong(doc, ids);
    if (structural) {
      if (ctx.client.role !== 'facilitator') return;
      if (!window.confirm(structural === 'stage' ? t('confirmDeleteStage') : t('confirmDeleteLane'))) return;
    }
    for (const chunk of inChunks(deleteOps(doc, ids))) this.submit(chunk);
    ctx.selection.select([]);
  }

  /** A new stage or lane at the end, selected, with its title open for typing. */
  addStructure(kind: 'stage' | 'lane'): void {
    const { ctx } = this;
    const id = randomId(12);
    if (this.submit(addStructureOps(ctx.layout(), kind, id, { stage: t('newStage'), lane: t('newLane') }))) {
      ctx.selection.select([id]);
      requestAnimationFrame(() => ctx.editor.editElement(id));
    }
  }

  moveStructure(id: string, dir: -1 | 1): void {
    this.submit(moveStructureOps(this.ctx.doc(), this.ctx.layout(), id, dir));
  }

  selectAll(): void {
    const L = this.ctx.layout();
    this.ctx.selection.select([...L.cards.map((b) => b.el.id), ...L.free.map((f) => f.id)]);
  }

  duplicate(): void { this.hooks.duplicate(); }
}
